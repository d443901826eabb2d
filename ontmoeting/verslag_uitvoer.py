"""What the annual report says, shared by its page, its PDF and its spreadsheets: the
headline figures as (label, value) rows, the answers for a subsidy accountability form,
and a spreadsheet (XLSX) with the numbers as numbers."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from locaties.constants import TariefCategorie

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bekend(value):
    return value if value is not None else _("not known")


def rijen(cijfers) -> list[tuple[str, object]]:
    """The headline figures of one place or of all places together, in the report's order."""
    return [
        (_("Activities held"), cijfers.activiteiten),
        (_("Dates held"), cijfers.gehouden),
        (_("Dates cancelled"), cijfers.geannuleerd),
        (_("Open inloop hours held"), cijfers.inloop_uren),
        (_("Attendance recorded"), cijfers.aanwezigen),
        (_("Dates held without attendance recorded"), cijfers.zonder_opkomst),
        (_("Average attendance"), _bekend(cijfers.gemiddeld)),
        (_("Registrations confirmed"), cijfers.aanmeldingen_bevestigd),
        (_("People registered"), cijfers.aanmeldingen_personen),
        (_("Registrations cancelled"), cijfers.aanmeldingen_geannuleerd),
        (_("Volunteers active"), _bekend(cijfers.vrijwilligers)),
        (_("Volunteer hours"), _bekend(cijfers.vrijwilligersuren)),
        (_("Rental dates"), cijfers.verhuringen),
        (_("Rental income (€)"), cijfers.opbrengst),
        (_("Opening hours per week (now)"), _bekend(cijfers.openingsuren_per_week)),
        (_("Wishes received from the buurt"), cijfers.wensen_ontvangen),
        (_("Wishes answered"), cijfers.wensen_beantwoord),
    ]


def _getal(value) -> str:
    return number_format(value, decimal_pos=1 if isinstance(value, Decimal) else None, use_l10n=True)


def subsidie_vragen(cijfers) -> list[tuple[str, str]]:
    """The questions a gemeente's subsidy accountability form usually asks, each with an
    answer in a sentence from the figures (``cijfers``: a place or all places together);
    what the platform cannot know is said."""
    c = cijfers
    doelgroepen = "; ".join(
        ngettext("%(doelgroep)s: %(n)s date", "%(doelgroep)s: %(n)s dates", n) % {"doelgroep": label, "n": n}
        for label, n, _aanwezig in c.doelgroepen_bereikt
    )
    taken = "; ".join(f"{label}: {_getal(uren)}" for label, uren in c.taken)
    verenigingen = sum(
        n for code, (n, _opbrengst) in c.verhuur_per_categorie.items()
        if code in (TariefCategorie.BEWONERSINITIATIEF, TariefCategorie.MAATSCHAPPELIJK)
    )
    opkomst = _("%(n)s visits recorded (on average %(gem)s per date).") % {
        "n": c.aanwezigen, "gem": _getal(c.gemiddeld) if c.gemiddeld is not None else _("not known")}
    if c.zonder_opkomst:
        opkomst += " " + _("Attendance was not recorded at %(n)s of %(m)s dates.") % {
            "n": c.zonder_opkomst, "m": c.gehouden}
    return [
        (_("Number of activities"), _(
            "%(activiteiten)s activities on %(gehouden)s dates; %(geannuleerd)s dates were cancelled. "
            "Open inloop: %(inloop)s hours.") % {
            "activiteiten": c.activiteiten, "gehouden": c.gehouden, "geannuleerd": c.geannuleerd,
            "inloop": _getal(c.inloop_uren)}),
        (_("Participants"), opkomst + " " + _(
            "%(personen)s people registered in advance. The number of different people is not known: "
            "attendance is counted per date.") % {"personen": c.aanmeldingen_personen}),
        (_("Reach"), _(
            "Open %(uren)s hours a week. %(ontvangen)s wishes received from the buurt, %(beantwoord)s answered.") % {
            "uren": _getal(c.openingsuren_per_week) if c.openingsuren_per_week is not None else _("not known"),
            "ontvangen": c.wensen_ontvangen, "beantwoord": c.wensen_beantwoord}),
        (_("Audiences"), doelgroepen or _("not known: no audience recorded at the activities held.")),
        (_("Volunteer effort"), _("%(n)s volunteers worked %(uren)s hours.") % {
            "n": c.vrijwilligers, "uren": _getal(c.vrijwilligersuren)} + (f" {taken}." if taken else "")
         if c.vrijwilligersuren is not None else _("not known: no volunteer shifts recorded.")),
        (_("Cooperation partners"), (
            _("Activities organised with: %(namen)s.") % {"namen": ", ".join(sorted(c.partners))}
            if c.partners else _("not known: no activities by other organisations recorded."))
         + " " + _("%(n)s rental dates to residents' initiatives and associations.") % {"n": verenigingen}),
        (_("Room use and income"), _("%(n)s rental dates, €%(opbrengst)s income.") % {
            "n": c.verhuringen, "opbrengst": _getal(c.opbrengst)}),
    ]


def subsidie_tekst(vragen) -> str:
    """The answers as one plain text to paste into a form."""
    return "\n\n".join(f"{vraag}\n{antwoord}" for vraag, antwoord in vragen)


def _cel(value):
    """A value as a spreadsheet cell: numbers as numbers (Decimal as float), the rest as text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Promise):  # a lazily translated label
        return str(value)
    return value


def xlsx_response(*, bladen: list[tuple[str, list[list]]], bestandsnaam: str) -> HttpResponse:
    """An XLSX download with one sheet per (title, rows); the first row of each sheet is its header."""
    from openpyxl import Workbook  # noqa: PLC0415 loaded only for a spreadsheet

    boek = Workbook()
    boek.remove(boek.active)
    for titel, rows in bladen:
        blad = boek.create_sheet(title=titel[:31])
        for row in rows:
            blad.append([_cel(value) for value in row])
    buffer = BytesIO()
    boek.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
