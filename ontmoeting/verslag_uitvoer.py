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
    answer from the figures (``cijfers``: a place or all places together), as "figure:
    value" sentences a form takes as they are; what the platform cannot know is said."""
    c = cijfers
    niet_bekend = _("not known")

    def getal(value):
        return niet_bekend if value is None else _getal(value)

    doelgroepen = "; ".join(
        _("%(doelgroep)s: %(n)s dates held, attendance %(aanwezig)s") % {
            "doelgroep": label, "n": n, "aanwezig": aanwezig}
        for label, n, aanwezig in c.doelgroepen_bereikt
    )
    taken = "; ".join(f"{label}: {_getal(uren)}" for label, uren in c.taken)
    verenigingen = sum(
        n for code, (n, _opbrengst) in c.verhuur_per_categorie.items()
        if code in (TariefCategorie.BEWONERSINITIATIEF, TariefCategorie.MAATSCHAPPELIJK)
    )
    deelnemers = _("Visits counted: %(n)s (average per date: %(gem)s).") % {"n": c.aanwezigen, "gem": getal(c.gemiddeld)}
    if c.zonder_opkomst:
        deelnemers += " " + _("Attendance was not recorded at %(n)s of %(m)s dates.") % {
            "n": c.zonder_opkomst, "m": c.gehouden}
    deelnemers += " " + _("Registered in advance: %(n)s people. The number of different people is not known: "
                          "attendance is counted per date.") % {"n": c.aanmeldingen_personen}
    if c.vrijwilligersuren is None:
        inzet = _("not known: no volunteer shifts recorded.")
    else:
        inzet = _("Volunteers: %(n)s. Hours: %(uren)s.") % {"n": c.vrijwilligers, "uren": _getal(c.vrijwilligersuren)}
        if taken:
            inzet += " " + _("Per task: %(taken)s.") % {"taken": taken}
    if c.partners:
        partners = _("Activities organised with: %(namen)s.") % {"namen": ", ".join(sorted(c.partners))}
    else:
        partners = _("not known: no activities by other organisations recorded.")
    partners += " " + _("Rentals to residents' initiatives and associations: %(n)s.") % {"n": verenigingen}
    return [
        (_("Number of activities"), _(
            "Activities: %(activiteiten)s. Dates held: %(gehouden)s. Dates cancelled: %(geannuleerd)s. "
            "Open inloop hours: %(inloop)s.") % {
            "activiteiten": c.activiteiten, "gehouden": c.gehouden, "geannuleerd": c.geannuleerd,
            "inloop": _getal(c.inloop_uren)}),
        (_("Participants"), deelnemers),
        (_("Reach"), _(
            "Opening hours per week: %(uren)s. Wishes received from the buurt: %(ontvangen)s; answered: "
            "%(beantwoord)s.") % {
            "uren": getal(c.openingsuren_per_week), "ontvangen": c.wensen_ontvangen, "beantwoord": c.wensen_beantwoord}),
        (_("Audiences"), doelgroepen or _("not known: no audience recorded at the activities held.")),
        (_("Volunteer effort"), inzet),
        (_("Cooperation partners"), partners),
        (_("Room use and income"), _("Rental dates: %(n)s. Income: €%(opbrengst)s.") % {
            "n": c.verhuringen, "opbrengst": number_format(c.opbrengst, decimal_pos=2, use_l10n=True)}),
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
