"""The annual report (jaarverslag): an organisation's figures for a period, per place and
for the whole organisation, composed from the apps' selectors.

A period is two local dates, both included. Every figure comes from the data; a figure
that cannot be known says so (``None``, or the count of dates without attendance). The
number of queries does not grow with the number of activities, dates or registrations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from activiteiten.constants import ActiviteitSoort, Categorie, Doelgroep
from activiteiten.selectors import bijeenkomst_cijfers_per_activiteit, wens_cijfers_per_locatie
from core.timezones import AMSTERDAM
from locaties.constants import TariefCategorie
from locaties.models import Locatie
from locaties.selectors_verhuur import openingsuren_per_week, ruimte_gebruik_per_locatie, verhuur_cijfers_per_locatie
from vrijwilligers.constants import Taak
from vrijwilligers.selectors import inzet_uren_per_locatie, inzet_uren_per_taak

SECONDS_PER_HOUR = Decimal(3600)


@dataclass
class Cijfers:
    """The figures of one place, or of the organisation (``locatie`` None)."""

    locatie: Locatie | None = None
    activiteiten: int = 0
    gehouden: int = 0
    geannuleerd: int = 0
    aanwezigen: int = 0
    zonder_opkomst: int = 0
    aanmeldingen_bevestigd: int = 0
    aanmeldingen_personen: int = 0
    aanmeldingen_geannuleerd: int = 0
    per_doelgroep: Counter = field(default_factory=Counter)
    per_categorie: Counter = field(default_factory=Counter)
    vrijwilligers: int | None = None
    vrijwilligersuren: Decimal | None = None
    verhuringen: int = 0
    opbrengst: Decimal = Decimal(0)
    ruimtes: list = field(default_factory=list)
    inloop_seconden: Decimal = Decimal(0)
    aanwezigen_per_doelgroep: Counter = field(default_factory=Counter)
    # tenant category code ("" when none was chosen) -> [dates, income]
    verhuur_per_categorie: dict = field(default_factory=dict)
    uren_per_taak: Counter = field(default_factory=Counter)
    wensen_ontvangen: int = 0
    wensen_beantwoord: int = 0
    openingsuren_per_week: Decimal | None = None
    # organisers of activities held here other than the place's own board
    partners: set = field(default_factory=set)
    # (residents, 65+) within 400 m whom only this place covers; None: it does not count
    uniek_bereik: tuple[int, int] | None = None

    @property
    def inloop_uren(self) -> Decimal:
        """Hours of open inloop held: the held dates of soort open inloop times their length."""
        return (self.inloop_seconden / SECONDS_PER_HOUR).quantize(Decimal("0.1"))

    @property
    def doelgroepen_bereikt(self) -> list[tuple[str, int, int]]:
        """(audience, dates held for it, attendance recorded at them), most dates first."""
        labels = dict(Doelgroep.choices)
        return [(labels.get(code, code), n, self.aanwezigen_per_doelgroep[code])
                for code, n in sorted(self.per_doelgroep.items(), key=lambda i: (-i[1], i[0]))]

    @property
    def huurders(self) -> list[tuple[str, int, Decimal]]:
        """(tenant category, rental dates, income) per category, in the categories' order."""
        labels = dict(TariefCategorie.choices)
        order = [*labels, ""]
        return [(labels.get(code) or _("category not recorded"), n, opbrengst)
                for code, (n, opbrengst) in sorted(self.verhuur_per_categorie.items(), key=lambda i: order.index(i[0]))]

    @property
    def taken(self) -> list[tuple[str, Decimal]]:
        """(task, volunteer hours), most hours first."""
        labels = dict(Taak.choices)
        return [(labels.get(code, code), uren) for code, uren in sorted(self.uren_per_taak.items(), key=lambda i: (-i[1], i[0]))]

    @property
    def met_opkomst(self) -> int:
        return self.gehouden - self.zonder_opkomst

    @property
    def gemiddeld(self) -> Decimal | None:
        """Average attendance of the held dates with attendance recorded."""
        if not self.met_opkomst:
            return None
        return (Decimal(self.aanwezigen) / self.met_opkomst).quantize(Decimal("0.1"))

    @property
    def doelgroepen(self) -> list[tuple[str, int]]:
        labels = dict(Doelgroep.choices)
        return [(labels.get(code, code), n) for code, n in sorted(self.per_doelgroep.items(), key=lambda i: (-i[1], i[0]))]

    @property
    def categorieen(self) -> list[tuple[str, int]]:
        labels = dict(Categorie.choices)
        return [(labels.get(code, code), n) for code, n in sorted(self.per_categorie.items(), key=lambda i: (-i[1], i[0]))]

    def _add(self, other: Cijfers) -> None:
        for name in ("activiteiten", "gehouden", "geannuleerd", "aanwezigen", "zonder_opkomst",
                     "aanmeldingen_bevestigd", "aanmeldingen_personen", "aanmeldingen_geannuleerd",
                     "verhuringen", "opbrengst"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.per_doelgroep.update(other.per_doelgroep)
        self.per_categorie.update(other.per_categorie)
        self.inloop_seconden += other.inloop_seconden
        self.aanwezigen_per_doelgroep.update(other.aanwezigen_per_doelgroep)
        self.uren_per_taak.update(other.uren_per_taak)
        for code, (n, opbrengst) in other.verhuur_per_categorie.items():
            eerder = self.verhuur_per_categorie.get(code, (0, Decimal(0)))
            self.verhuur_per_categorie[code] = (eerder[0] + n, eerder[1] + opbrengst)
        if other.openingsuren_per_week is not None:
            self.openingsuren_per_week = (self.openingsuren_per_week or Decimal(0)) + other.openingsuren_per_week
        self.partners |= other.partners
        if other.vrijwilligersuren is not None:
            self.vrijwilligersuren = (self.vrijwilligersuren or Decimal(0)) + other.vrijwilligersuren
            self.vrijwilligers = (self.vrijwilligers or 0) + other.vrijwilligers


@dataclass
class Verslag:
    """The report: the period, each place's figures and the organisation's total."""

    van: date
    tot: date
    plekken: list[Cijfers]
    totaal: Cijfers


def periode_bounds(van: date, tot: date) -> tuple[datetime, datetime]:
    """The local moments [van 00:00, the day after tot 00:00)."""
    return (datetime.combine(van, time(0), tzinfo=AMSTERDAM),
            datetime.combine(tot + timedelta(days=1), time(0), tzinfo=AMSTERDAM))


def verslag_for_locaties(*, locaties, van: date, tot: date, ruimtes: bool = True) -> Verslag:
    """The figures of the places for the period ``van``–``tot`` (both included). Places
    are counted per place; the total adds them up (a volunteer who worked at two places
    counts at both; a wish near two places once). Ten queries, and four more for the use
    of the rooms, whatever the number of places."""
    locaties = list(locaties)
    begin, eind = periode_bounds(van, tot)
    per_locatie = {loc.pk: Cijfers(locatie=loc) for loc in locaties}
    for row in bijeenkomst_cijfers_per_activiteit(locaties=locaties, van=begin, tot=eind):
        cijfers = per_locatie[row["locatie_id"]]
        if row["gehouden"]:
            cijfers.activiteiten += 1
            for code in row["doelgroepen"]:
                cijfers.per_doelgroep[code] += row["gehouden"]
                cijfers.aanwezigen_per_doelgroep[code] += row["aanwezigen_som"]
            for code in row["categorieen"]:
                cijfers.per_categorie[code] += row["gehouden"]
            if row["organisator_id"] and row["organisator_id"] != cijfers.locatie.beheerder_id:
                cijfers.partners.add(row["organisator__naam"])
        if row["soort"] == ActiviteitSoort.OPEN_INLOOP:
            cijfers.inloop_seconden += Decimal(row["gehouden_seconden"])
        cijfers.gehouden += row["gehouden"]
        cijfers.geannuleerd += row["geannuleerd"]
        cijfers.aanwezigen += row["aanwezigen_som"]
        cijfers.zonder_opkomst += row["zonder_opkomst"]
        cijfers.aanmeldingen_bevestigd += row["aanmeldingen_bevestigd"]
        cijfers.aanmeldingen_personen += row["aanmeldingen_personen"]
        cijfers.aanmeldingen_geannuleerd += row["aanmeldingen_geannuleerd"]
    for pk, row in inzet_uren_per_locatie(locaties=locaties, van=begin, tot=eind).items():
        per_locatie[pk].vrijwilligers = row["vrijwilligers"]
        per_locatie[pk].vrijwilligersuren = row["uren"]
    for pk, taken in inzet_uren_per_taak(locaties=locaties, van=begin, tot=eind).items():
        per_locatie[pk].uren_per_taak.update(taken)
    for pk, row in verhuur_cijfers_per_locatie(locaties=locaties, van=begin, tot=eind).items():
        per_locatie[pk].verhuringen = row["verhuringen"]
        per_locatie[pk].opbrengst = row["opbrengst"]
        per_locatie[pk].verhuur_per_categorie = row["per_categorie"]
    for pk, uren in openingsuren_per_week(locaties=locaties).items():
        per_locatie[pk].openingsuren_per_week = uren
    wensen = wens_cijfers_per_locatie(locaties=locaties, van=begin, tot=eind)
    for pk, row in wensen.items():
        if pk is not None:
            per_locatie[pk].wensen_ontvangen, per_locatie[pk].wensen_beantwoord = row["ontvangen"], row["beantwoord"]
    if ruimtes:
        for pk, gebruik in ruimte_gebruik_per_locatie(locaties=locaties, perioden=[(van, tot + timedelta(days=1))]).items():
            per_locatie[pk].ruimtes = [(ruimte, figures[0]) for ruimte, figures in gebruik]
    totaal = Cijfers()
    for cijfers in per_locatie.values():
        totaal._add(cijfers)
    totaal.wensen_ontvangen, totaal.wensen_beantwoord = wensen[None]["ontvangen"], wensen[None]["beantwoord"]
    return Verslag(van=van, tot=tot, plekken=list(per_locatie.values()), totaal=totaal)


def verslag_for_organisatie(*, organisatie, van: date, tot: date, ruimtes: bool = True) -> Verslag:
    """The report of the organisation's places, by name."""
    return verslag_for_locaties(locaties=Locatie.objects.filter(beheerder=organisatie).order_by("naam", "pk"),
                                van=van, tot=tot, ruimtes=ruimtes)


def vorige_periode(van: date, tot: date) -> tuple[date, date]:
    """The period of the same length just before: the year before for a calendar year."""
    if (van.month, van.day, tot.month, tot.day) == (1, 1, 12, 31):
        return date(van.year - (tot.year - van.year + 1), 1, 1), date(van.year - 1, 12, 31)
    lengte = tot - van
    return van - lengte - timedelta(days=1), van - timedelta(days=1)


def vorig_kalenderjaar(vandaag: date) -> tuple[date, date]:
    """The default period: last calendar year."""
    return date(vandaag.year - 1, 1, 1), date(vandaag.year - 1, 12, 31)
