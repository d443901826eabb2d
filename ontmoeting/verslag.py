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

from activiteiten.constants import Categorie, Doelgroep
from activiteiten.selectors import bijeenkomst_cijfers_per_activiteit
from core.timezones import AMSTERDAM
from locaties.models import Locatie
from locaties.selectors_verhuur import ruimte_gebruik, verhuur_cijfers_per_locatie
from vrijwilligers.selectors import inzet_uren_per_locatie


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
    counts at both). Four queries, plus four per place for the use of its rooms."""
    locaties = list(locaties)
    begin, eind = periode_bounds(van, tot)
    per_locatie = {loc.pk: Cijfers(locatie=loc) for loc in locaties}
    for row in bijeenkomst_cijfers_per_activiteit(locaties=locaties, van=begin, tot=eind):
        cijfers = per_locatie[row["locatie_id"]]
        if row["gehouden"]:
            cijfers.activiteiten += 1
            for code in row["doelgroepen"]:
                cijfers.per_doelgroep[code] += row["gehouden"]
            for code in row["categorieen"]:
                cijfers.per_categorie[code] += row["gehouden"]
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
    for pk, row in verhuur_cijfers_per_locatie(locaties=locaties, van=begin, tot=eind).items():
        per_locatie[pk].verhuringen = row["verhuringen"]
        per_locatie[pk].opbrengst = row["opbrengst"]
    if ruimtes:
        for loc in locaties:
            per_locatie[loc.pk].ruimtes = [
                (ruimte, gebruik[0])
                for ruimte, gebruik in ruimte_gebruik(locatie=loc, perioden=[(van, tot + timedelta(days=1))])
            ]
    totaal = Cijfers()
    for cijfers in per_locatie.values():
        totaal._add(cijfers)
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
