"""The demo's past: from 1 January of last year up to now, as if the places had used the
platform all along. Invented, like the rest of the demo set; read by ``load_demo`` after
the programme and the volunteers exist.

The programme's own rules give the dates (holidays and school holidays left out as the
activities ask). Most dates were held, a few were cancelled with a reason, attendance is
written down on most but not all; activities that take registrations had them; open
inloop and shared meals had a volunteer on the shift, with the hours worked; rooms were
rented, once or weekly, to tenants of each category; residents made wishes and the
board answered them. Everything is seeded, so the same day gives the same past.

Occurrences and rentals hold confirmed room reservations like live ones, so the
exclusion constraint keeps them apart: a past date that would clash is left out. Names
and contact data older than the retention periods are already erased, as the nightly
erasure would have left them. Only what does not exist yet is added, so a second load
adds nothing.
"""

import random
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dateutil.rrule import rrulestr
from django.conf import settings
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import DurationField, ExpressionWrapper, F, OuterRef, Subquery, Value
from django.utils import timezone

from activiteiten.constants import AanmeldingStatus, ActiviteitSoort, WensStatus
from activiteiten.models import Aanmelding, Bijeenkomst, Wens
from activiteiten.recurrence import is_feestdag, occurrence_starts
from activiteiten.selectors import schoolvakantie_periods
from activiteiten.services import wens_beantwoord, wens_create, wens_goedkeur
from core.privacy import ERASED
from core.timezones import AMSTERDAM
from locaties.constants import ReserveringSoort, ReserveringStatus, TariefCategorie
from locaties.models import Buurt, Reservering, Ruimte
from locaties.services import bezetting_boek, bezetting_conflicts, occupied_range, reservering_prijs
from vrijwilligers.constants import InzetStatus, Taak
from vrijwilligers.models import Dienst, Inzet

SEED = "ontmoeting-demo-verleden"

# One date in so many is cancelled, one held date in so many has no attendance written down.
ANNULEER_KANS = 0.04
ZONDER_OPKOMST_KANS = 0.12
REDENEN = [
    "Gastvrouw ziek, geen vervanging gevonden.",
    "Storing aan de verwarming.",
    "Zaal nodig voor de stembureaus.",
    "Weeralarm: code oranje.",
    "Te weinig aanmeldingen.",
]
VOORNAMEN = ["Anna", "Bert", "Chantal", "Dirk", "Els", "Fatima", "Gerrit", "Hanna", "Ibrahim", "José",
             "Karin", "Loes", "Mohamed", "Nel", "Olga", "Pieter", "Rachid", "Sandra", "Thijs", "Yasmina"]
ACHTERNAMEN = ["Bemelmans", "Coenen", "Dassen", "Frijns", "Geurts", "Heijnen", "Kurvers", "Lemmens",
               "Meijers", "Notermans", "Ortmans", "Peters", "Schols", "Thewissen", "Vliegen"]

# Shifts of the past: which kind of activity needed which task.
TAAK_PER_SOORT = {ActiviteitSoort.OPEN_INLOOP: Taak.GASTVROUW, ActiviteitSoort.MAALTIJD: Taak.KEUKEN}


@dataclass(frozen=True)
class Huur:
    """A past rental: from the first ``weekdag`` on or after (month, day) of last year,
    ``keer`` times every ``interval`` weeks (a series when ``keer`` > 1)."""

    locatie: str
    ruimte: str
    huurder: str
    categorie: str
    doel: str
    personen: int
    weekdag: int
    van: time
    tot: time
    vanaf: tuple[int, int]
    keer: int = 1
    interval: int = 1


VERHUUR = [
    Huur("demo-buurtcentrum-nazareth", "Zaal", "Gemengd Koor Nazareth", TariefCategorie.MAATSCHAPPELIJK,
         "Koorrepetitie", 35, 3, time(19, 30), time(21, 30), (9, 1), keer=30),
    Huur("demo-buurtcentrum-nazareth", "Jongerenruimte", "Bewonersgroep Limmel", TariefCategorie.BEWONERSINITIATIEF,
         "Bewonersoverleg", 12, 1, time(19, 30), time(21), (2, 1), keer=10, interval=4),
    Huur("demo-buurtcentrum-nazareth", "Zaal", "Familie Bouchhari", TariefCategorie.COMMERCIEEL,
         "Verjaardagsfeest", 50, 4, time(19), time(22), (6, 10)),
    Huur("demo-buurtcentrum-nazareth", "Zaal", "GGD Zuid-Limburg", TariefCategorie.MAATSCHAPPELIJK,
         "Voorlichting gezond ouder worden", 40, 3, time(10), time(12), (3, 10)),
    Huur("demo-gemeenschapshuis-aw-sjaol", "Grote zaal", "Fanfare Sint-Martinus Itteren", TariefCategorie.MAATSCHAPPELIJK,
         "Repetitie", 45, 0, time(19, 30), time(21, 45), (1, 8), keer=20, interval=2),
    Huur("demo-amyerhoof", "Zaal", "Amby Fysio & Fit BV", TariefCategorie.COMMERCIEEL,
         "Bedrijfsfitness", 20, 2, time(12), time(13), (4, 1), keer=12),
    Huur("demo-t-atrium", "Computerlokaal", "Seniorenvereniging Daalhof", TariefCategorie.BEWONERSINITIATIEF,
         "Cursus digitale overheid", 10, 0, time(13, 30), time(15, 30), (10, 6)),
]

# Wishes residents near Nazareth made last year: (buurt, text, audience, received on
# (month, day), answer (status, title of the activity that answers it, or reason), answered
# that many days later). An answer of None: still waiting.
WENSEN = [
    ("BU09350403", "Een plek om Nederlands te oefenen, zonder dat het meteen een cursus is.", "anderstaligen",
     (2, 12), (WensStatus.OPGEPAKT, "Taalcafé Nazareth"), 20),
    ("BU09350404", "Iets te doen voor jongeren in Limmel op vrijdagavond.", "jongeren",
     (3, 3), (WensStatus.OPGEPAKT, "Jongerenavond"), 35),
    ("BU09350403", "Een overdekt zwembad in Nazareth.", "iedereen",
     (5, 20), (WensStatus.NIET_HAALBAAR, "Dat past niet in het buurtcentrum en de gemeente bouwt er geen; "
                                        "het Geusseltbad is met bus 5 bereikbaar."), 14),
    ("BU09350403", "Een kookclub voor mannen die alleen wonen.", "mannen", (10, 14), None, 0),
]


def verleden_load(*, activiteiten, vrijwilligers, locaties) -> dict[str, int]:
    """Add the past of the demo places up to now; returns how many rows of each kind it
    added. ``activiteiten``, ``vrijwilligers`` and ``locaties`` are the demo's, as
    ``load_demo`` made or found them."""
    now = timezone.now()
    begin = datetime.combine(date(timezone.localdate().year - 1, 1, 1), time(0), tzinfo=AMSTERDAM)
    added = {"bijeenkomsten": 0, "aanmeldingen": 0, "diensten": 0, "verhuringen": 0, "wensen": 0}
    organisaties = {v.pk: {o.pk for o in v.organisaties.all()} for v in vrijwilligers.values()}
    for activiteit in sorted(activiteiten.values(), key=lambda a: a.pk):
        team = [v for v in vrijwilligers.values() if activiteit.locatie.beheerder_id in organisaties[v.pk]]
        counts = _activiteit_verleden(activiteit, team, begin, now)
        for key, n in counts.items():
            added[key] += n
    added["verhuringen"] = _verhuur(locaties, begin, now)
    added["wensen"] = _wensen(activiteiten, begin, now)
    return added


def _starts(activiteit, begin: datetime, eind: datetime) -> list[datetime]:
    """The rule's dates in [begin, eind), counted from the rule's first date this period."""
    if not activiteit.rrule:
        return []
    base = datetime.combine(begin.date(), timezone.localtime(activiteit.start, AMSTERDAM).time())
    first = rrulestr(activiteit.rrule, dtstart=base).after(base, inc=True)
    if first is None:
        return []
    periods = schoolvakantie_periods(regio=activiteit.skip_schoolvakantie, van=begin.date(), tot=eind.date())
    return occurrence_starts(
        start=first.replace(tzinfo=AMSTERDAM), rrule=activiteit.rrule, van=begin, tot=eind,
        skip_feestdagen=activiteit.skip_feestdagen, schoolvakanties=periods,
    )


def _activiteit_verleden(activiteit, team, begin: datetime, now: datetime) -> dict[str, int]:
    """The activity's past dates with attendance, registrations and shifts."""
    rnd = random.Random(f"{SEED}:{activiteit.titel}")
    known = set(activiteit.bijeenkomsten.filter(origineel_start__lt=now).values_list("origineel_start", flat=True))
    starts = [s for s in _starts(activiteit, begin, min(now, activiteit.start)) if s not in known]
    if not starts:
        return {}
    ruimte = activiteit.ruimte
    plan = [(s, s + activiteit.duur, rnd.random() < ANNULEER_KANS) for s in starts]
    if ruimte is not None:
        plan = _zonder_botsing(ruimte, plan)
    held = [(s, e) for s, e, geannuleerd in plan if not geannuleerd]
    reserveringen = iter(bezetting_boek(
        gebruiken=[(ruimte, s, e) for s, e in held], huurder_naam=activiteit.organisator.naam,
        opmerking=activiteit.titel,
    ) if ruimte is not None else [])
    capaciteit = activiteit.capaciteit or (ruimte.capaciteit if ruimte else 20)
    bijeenkomsten = []
    for s, e, geannuleerd in plan:
        b = Bijeenkomst(activiteit=activiteit, origineel_start=s, start=s, eind=e, ruimte=ruimte, geannuleerd=geannuleerd)
        if geannuleerd:
            b.notitie = rnd.choice(REDENEN)
        else:
            b.reservering = next(reserveringen, None)
            if rnd.random() >= ZONDER_OPKOMST_KANS:
                b.aanwezigen = rnd.randint(max(2, capaciteit // 4), max(3, capaciteit * 3 // 4))
        bijeenkomsten.append(b)
    aanmeldingen = [a for b in bijeenkomsten for a in _aanmeldingen(b, capaciteit, rnd)] if activiteit.aanmelding != "geen" else []
    _gewist_na_bewaartermijn(aanmeldingen, now)
    bijeenkomsten = Bijeenkomst.objects.bulk_create(bijeenkomsten)
    aanmeldingen = Aanmelding.objects.bulk_create(aanmeldingen)
    if aanmeldingen:
        _registered_before(aanmeldingen)
    diensten = _diensten(activiteit, bijeenkomsten, team, rnd)
    return {"bijeenkomsten": len(bijeenkomsten), "aanmeldingen": len(aanmeldingen), "diensten": diensten}


def _zonder_botsing(ruimte, plan):
    """Leave out the held dates that would clash with a confirmed use of the room."""
    clashes = bezetting_conflicts(gebruiken=[(ruimte, s, e) for s, e, geannuleerd in plan if not geannuleerd])
    if not clashes:
        return plan

    def clashes_with(s, e):
        bezet = occupied_range(ruimte=ruimte, start=s, eind=e)
        return any(c.bezet.lower < bezet.upper and bezet.lower < c.bezet.upper for c in clashes)

    return [(s, e, g) for s, e, g in plan if g or not clashes_with(s, e)]


def _naam(rnd) -> str:
    return f"{rnd.choice(VOORNAMEN)} {rnd.choice(ACHTERNAMEN)}"


def _email(naam: str) -> str:
    ascii_naam = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    return f"{'.'.join(ascii_naam.lower().replace('&', 'en').split())}@demo.invalid"


def _aanmeldingen(b: Bijeenkomst, capaciteit: int, rnd) -> list[Aanmelding]:
    """Registrations for one past date; on a held date with attendance written down the
    registrants are ticked present or not and the attendance counts those present (and a
    few who came without registering)."""
    wie = []
    for _n in range(rnd.randint(max(1, capaciteit // 4), max(1, capaciteit * 2 // 3))):
        status = AanmeldingStatus.GEANNULEERD if b.geannuleerd or rnd.random() < 0.08 else AanmeldingStatus.BEVESTIGD
        naam = _naam(rnd)
        wie.append(Aanmelding(
            bijeenkomst=b, naam=naam, email=_email(naam), aantal=1 if rnd.random() < 0.85 else 2, status=status,
            geannuleerd_op=b.start - timedelta(days=1) if status == AanmeldingStatus.GEANNULEERD else None,
        ))
    if b.aanwezigen is not None:
        for a in wie:
            if a.status == AanmeldingStatus.BEVESTIGD:
                a.aanwezig = rnd.random() < 0.88
        b.aanwezigen = sum(a.aantal for a in wie if a.aanwezig) + rnd.randint(0, 2)
    return wie


def _gewist_na_bewaartermijn(aanmeldingen: list[Aanmelding], now: datetime) -> None:
    """As the nightly erasure would have left them: no name or contact on registrations
    of dates that ended longer than the retention period ago."""
    bewaar = timedelta(days=settings.AANMELDING_RETENTION_DAYS)
    for a in aanmeldingen:
        if a.bijeenkomst.eind + bewaar < now:
            a.naam, a.email, a.contact_gewist_op = "", "", a.bijeenkomst.eind + bewaar + timedelta(hours=3)


def _registered_before(aanmeldingen: list[Aanmelding]) -> None:
    """Registered 6 to 17 days before the date rather than today (``aangemaakt`` is set on
    insert): one UPDATE, spread by the row's number so it stays deterministic."""
    start = Subquery(Bijeenkomst.objects.filter(pk=OuterRef("bijeenkomst_id")).values("start")[:1])
    eerder = ExpressionWrapper(Value(timedelta(hours=7)) * (F("pk") % 40 + 20), output_field=DurationField())
    Aanmelding.objects.filter(pk__in=[a.pk for a in aanmeldingen]).update(aangemaakt=start - eerder)


def _diensten(activiteit, bijeenkomsten, team, rnd) -> int:
    """A shift on each held date of open inloop (host) and meals (kitchen), worked by the
    place's volunteers in turn with the hours written down on most."""
    taak = TAAK_PER_SOORT.get(activiteit.soort)
    if taak is None or not team:
        return 0
    diensten = [
        Dienst(locatie=activiteit.locatie, taak=taak, bijeenkomst=b, start=b.start - timedelta(minutes=15), eind=b.eind,
               benodigd=1, omschrijving=f"Demo: {Taak(taak).label.lower()} bij {activiteit.titel}")
        for b in bijeenkomsten if not b.geannuleerd
    ]
    diensten = Dienst.objects.bulk_create(diensten)
    inzetten = []
    for turn, dienst in enumerate(diensten):
        kans = rnd.random()
        if kans < 0.05:
            status, uren = InzetStatus.AFGEMELD, None
        elif kans < 0.2:
            status, uren = InzetStatus.BEVESTIGD, None  # counted by the shift's length
        else:
            lengte = Decimal((dienst.eind - dienst.start) // timedelta(minutes=15)) / 4
            status, uren = InzetStatus.GEWERKT, lengte + Decimal(rnd.choice([0, 0, 0, "0.25", "0.5"]))
        inzetten.append(Inzet(dienst=dienst, vrijwilliger=team[turn % len(team)], status=status, uren=uren))
    Inzet.objects.bulk_create(inzetten)
    return len(diensten)


def _eerste(weekdag: int, maand_dag: tuple[int, int], jaar: int) -> date:
    dag = date(jaar, *maand_dag)
    return dag + timedelta(days=(weekdag - dag.weekday()) % 7)


def _verhuur(locaties, begin: datetime, now: datetime) -> int:
    """The rentals of ``VERHUUR`` that began before now, confirmed and priced by the
    room's tariff; a public holiday, or a date that would clash with a confirmed use, is
    left out."""
    added = 0
    for huur in VERHUUR:
        ruimte = Ruimte.objects.prefetch_related("tarieven").get(locatie=locaties[huur.locatie], naam=huur.ruimte)
        # Found by purpose: the tenant's name is erased after the retention period.
        if Reservering.objects.filter(ruimte=ruimte, soort=ReserveringSoort.VERHUUR, doel=huur.doel).exists():
            continue
        eerste = _eerste(huur.weekdag, huur.vanaf, begin.year)
        momenten = []
        for n in range(huur.keer):
            dag = eerste + timedelta(weeks=n * huur.interval)
            start = datetime.combine(dag, huur.van, tzinfo=AMSTERDAM)
            # Tenants take public holidays off, as the programme does.
            if start < now and not is_feestdag(dag):
                momenten.append((start, datetime.combine(dag, huur.tot, tzinfo=AMSTERDAM)))
        clashes = bezetting_conflicts(gebruiken=[(ruimte, s, e) for s, e in momenten])
        bezet = [c.bezet for c in clashes]
        serie = uuid.uuid5(uuid.NAMESPACE_URL, f"{SEED}:{huur.huurder}") if huur.keer > 1 and huur.interval <= 2 else None
        email = _email(huur.huurder)
        rows = [
            Reservering(
                ruimte=ruimte, soort=ReserveringSoort.VERHUUR, periode=DateTimeTZRange(s, e, "[)"),
                bezet=occupied_range(ruimte=ruimte, start=s, eind=e), status=ReserveringStatus.BEVESTIGD,
                huurder_naam=huur.huurder, huurder_email=email, huurder_categorie=huur.categorie,
                prijs=reservering_prijs(ruimte=ruimte, start=s, eind=e, huurder_categorie=huur.categorie),
                serie=serie, doel=huur.doel, aantal_personen=huur.personen, gezien_op=s - timedelta(days=21),
            )
            for s, e in momenten
            if not any(b.lower < e + timedelta(minutes=ruimte.wisseltijd_minuten) and s < b.upper for b in bezet)
        ]
        bewaar = timedelta(days=settings.RESERVERING_RETENTION_DAYS)
        for r in rows:
            if r.periode.upper + bewaar < now:  # as the nightly erasure would have left it
                r.huurder_naam, r.huurder_email, r.contact_gewist_op = ERASED, "", r.periode.upper + bewaar
        added += len(Reservering.objects.bulk_create(rows))
    return added


def _wensen(activiteiten, begin: datetime, now: datetime) -> int:
    """The wishes of ``WENSEN``, received last year and answered (or not yet)."""
    titels = {a.titel: a for a in activiteiten.values()}
    added = 0
    for code, tekst, doelgroep, ontvangen, antwoord, dagen in WENSEN:
        buurt = Buurt.objects.get(code=code)
        if Wens.objects.filter(buurt=buurt, tekst=tekst).exists():
            continue
        wens = wens_goedkeur(wens=wens_create(buurt=buurt, tekst=tekst, doelgroep=doelgroep))
        if antwoord is not None:
            status, wat = antwoord
            wens = wens_beantwoord(
                wens=wens, status=status, activiteit=titels.get(wat) if status == WensStatus.OPGEPAKT else None,
                reden=wat if status == WensStatus.NIET_HAALBAAR else "",
            )
        aangemaakt = datetime.combine(date(begin.year, *ontvangen), time(10), tzinfo=AMSTERDAM)
        beantwoord = aangemaakt + timedelta(days=dagen, hours=4) if antwoord is not None else None
        # Made and answered last year, not now: the services stamp the moment they run.
        Wens.objects.filter(pk=wens.pk).update(aangemaakt=min(aangemaakt, now), beantwoord_op=beantwoord and min(beantwoord, now))
        added += 1
    return added
