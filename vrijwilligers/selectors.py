"""Reads of the vrijwilligers app."""

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Extract
from django.utils import timezone

from activiteiten.constants import ActiviteitSoort, ActiviteitStatus
from activiteiten.models import Bijeenkomst
from core.timezones import AMSTERDAM
from locaties.constants import Rol
from locaties.models import Lidmaatschap

from .constants import InzetStatus, Taak
from .filters import VacatureFilter
from .models import Dienst, Inzet, LosseInzet, Vacature, Vrijwilliger
from .services import ACTIVE_INZET
from .tokens import vrijwilliger_pk_from_token

#: How far ahead a volunteer's page offers open shifts.
OPEN_DIENSTEN_VOORUIT = timedelta(weeks=8)


def vrijwilliger_list_for_user(user) -> QuerySet[Vrijwilliger]:
    """Volunteers the user may see: those working for an organisation where the user is
    coordinator or board member. Erased volunteers are left out."""
    if not user.is_authenticated:
        return Vrijwilliger.objects.none()
    organisaties = Lidmaatschap.objects.filter(
        user=user, rol__in=[Rol.COORDINATOR, Rol.BESTUUR]
    ).values("organisatie_id")
    return (
        Vrijwilliger.objects.filter(organisaties__in=organisaties, gewist_op__isnull=True)
        .distinct()
        .prefetch_related("organisaties")
        .order_by("naam")
    )


def dienst_list_open(*, locatie=None) -> QuerySet[Dienst]:
    """Coming shifts that still need people, with how many are on them (``bezet``).
    The shift of a cancelled occurrence is not open."""
    diensten = Dienst.objects.filter(eind__gt=timezone.now()).exclude(bijeenkomst__geannuleerd=True)
    if locatie is not None:
        diensten = diensten.filter(locatie=locatie)
    return (
        diensten.annotate(bezet=Count("inzetten", filter=Q(inzetten__status__in=ACTIVE_INZET)))
        .filter(bezet__lt=F("benodigd"))
        .select_related("locatie", "bijeenkomst__activiteit")
        .order_by("start")
    )


def vacature_list_published() -> QuerySet[Vacature]:
    """Published vacancies that have not closed, for the public pages."""
    return (
        Vacature.objects.filter(gepubliceerd=True)
        .filter(Q(sluit_op__isnull=True) | Q(sluit_op__gte=timezone.localdate()))
        .select_related("organisatie", "locatie")
        .order_by("-aangemaakt")
    )


def vacature_list_filtered(params) -> tuple[QuerySet[Vacature], VacatureFilter]:
    """Published vacancies filtered by the public page's query (``VacatureFilter``: gemeente,
    buurt, place, task, day part, distance from a postcode), with the filter set for the
    form and its errors."""
    filterset = VacatureFilter(params, queryset=vacature_list_published())
    queryset = filterset.qs if filterset.is_valid() else vacature_list_published().none()
    return queryset.select_related("locatie__buurt"), filterset


def vrijwilliger_from_token(token: str) -> Vrijwilliger | None:
    """The volunteer a signed personal link names, or None when the link is not valid or
    their data have been erased."""
    pk = vrijwilliger_pk_from_token(token)
    if pk is None:
        return None
    return Vrijwilliger.objects.filter(pk=pk, gewist_op__isnull=True).first()


def _with_bezet(diensten: QuerySet[Dienst]) -> QuerySet[Dienst]:
    return diensten.annotate(bezet=Count("inzetten", filter=Q(inzetten__status__in=ACTIVE_INZET)))


def dienst_list_for_vrijwilliger(*, vrijwilliger: Vrijwilliger) -> QuerySet[Inzet]:
    """The volunteer's own coming shifts ("mijn diensten"): their assignments not called
    off, with shift, place and occurrence."""
    return (
        Inzet.objects.filter(vrijwilliger=vrijwilliger, dienst__eind__gt=timezone.now())
        .exclude(status=InzetStatus.AFGEMELD)
        .select_related("dienst__locatie", "dienst__bijeenkomst__activiteit")
        .order_by("dienst__start")
    )


def dienst_list_open_for_vrijwilliger(*, vrijwilliger: Vrijwilliger) -> QuerySet[Dienst]:
    """Open shifts the volunteer can take: coming, within eight weeks, at the places of
    the organisations they volunteer for, not yet theirs; none before they are accepted."""
    if vrijwilliger.geaccepteerd_op is None:
        return Dienst.objects.none()
    nu = timezone.now()
    eigen = Inzet.objects.filter(dienst=OuterRef("pk"), vrijwilliger=vrijwilliger).exclude(status=InzetStatus.AFGEMELD)
    return (
        dienst_list_open()
        .filter(start__gt=nu, start__lt=nu + OPEN_DIENSTEN_VOORUIT,
                locatie__beheerder__in=vrijwilliger.organisaties.values("pk"))
        .exclude(Exists(eigen))
    )


def diensten_ical_list(*, vrijwilliger: Vrijwilliger) -> QuerySet[Inzet]:
    """The volunteer's shifts for their calendar feed: from 30 days back, the given-back
    ones too (the feed marks them cancelled, so a calendar app drops them)."""
    return (
        Inzet.objects.filter(vrijwilliger=vrijwilliger, dienst__eind__gt=timezone.now() - timedelta(days=30))
        .select_related("dienst__locatie", "dienst__bijeenkomst__activiteit")
        .order_by("dienst__start")
    )


def dienst_list_week(*, locatie, van: datetime, tot: datetime) -> QuerySet[Dienst]:
    """A place's shifts between ``van`` and ``tot`` for the roster, with how many are on
    them (``bezet``) and who (``actieve_inzetten``), in two queries whatever their number."""
    actief = Inzet.objects.filter(status__in=ACTIVE_INZET).select_related("vrijwilliger").order_by("vrijwilliger__naam")
    return (
        _with_bezet(Dienst.objects.filter(locatie=locatie, start__gte=van, start__lt=tot))
        .select_related("bijeenkomst__activiteit")
        .prefetch_related(Prefetch("inzetten", queryset=actief, to_attr="actieve_inzetten"))
        .order_by("start", "taak", "pk")
    )


def dienst_list_unfilled_for_organisatie(*, organisatie, van: datetime, tot: datetime) -> QuerySet[Dienst]:
    """Shifts at the organisation's places between ``van`` and ``tot`` that still need
    people (the start page's "waiting for you")."""
    return dienst_list_open().filter(locatie__beheerder=organisatie, start__gte=van, start__lt=tot)


def vacature_list_for_organisatie(*, organisatie) -> QuerySet[Vacature]:
    """All the organisation's vacancies, published or not, for the workspace."""
    return Vacature.objects.filter(organisatie=organisatie).select_related("locatie").order_by("-aangemaakt")


def locatie_gastvrouw_aanwezig(*, locatie, moment: datetime | None = None) -> bool:
    """Whether a host is present at the place at ``moment`` (default now): an open inloop
    is going on there whose host shift, running now, has someone on it. An inloop with
    no host on duty does not claim one."""
    moment = moment or timezone.now()
    inloop = Bijeenkomst.objects.filter(activiteit__locatie=locatie).open_inloop_at(moment)
    return (
        Dienst.objects.filter(
            locatie=locatie, taak=Taak.GASTVROUW, start__lte=moment, eind__gt=moment, bijeenkomst__in=inloop,
            inzetten__status__in=ACTIVE_INZET,
        ).exists()
    )


def _host_on_duty(moment: datetime) -> QuerySet[Inzet]:
    """Assignments to a host shift running at ``moment``."""
    return Inzet.objects.filter(
        dienst__taak=Taak.GASTVROUW, dienst__start__lte=moment,
        dienst__eind__gt=moment, status__in=ACTIVE_INZET,
    )


def voornaam(naam: str) -> str:
    """The first word of a name: what a host who agreed to it is called on public pages."""
    return naam.split()[0] if naam.strip() else ""


def bijeenkomsten_with_gastvrouw(bijeenkomsten: QuerySet[Bijeenkomst], *, moment: datetime | None = None):
    """``bijeenkomsten`` annotated, without another query, with ``gastvrouw_aanwezig``
    (an open inloop running at ``moment``, default now, whose host shift running then
    has someone on it) and ``gastvrouw_voornaam`` (that host's first name, only when they
    agreed to show it; else None). Both look only at a running open inloop, and start from
    its shifts (``Dienst.bijeenkomst`` is indexed), so they cost little on a list."""
    moment = moment or timezone.now()
    loopt = Q(activiteit__soort=ActiviteitSoort.OPEN_INLOOP, geannuleerd=False, start__lte=moment, eind__gt=moment)
    dienst = Dienst.objects.filter(bijeenkomst=OuterRef("pk"), taak=Taak.GASTVROUW, start__lte=moment, eind__gt=moment,
                                   inzetten__status__in=ACTIVE_INZET)
    naam = (
        dienst.filter(inzetten__vrijwilliger__voornaam_tonen=True, inzetten__vrijwilliger__gewist_op__isnull=True)
        # Names are stored stripped (vrijwilliger_create), so the first word is before the first space.
        .annotate(voornaam=Func(F("inzetten__vrijwilliger__naam"), Value(" "), Value(1), function="split_part",
                                output_field=CharField()))
        .order_by("voornaam").values("voornaam")[:1]
    )
    return bijeenkomsten.annotate(
        gastvrouw_aanwezig=Case(When(loopt, then=Exists(dienst)), default=Value(False), output_field=BooleanField()),
        gastvrouw_voornaam=Case(When(loopt, then=Subquery(naam)), default=Value(None), output_field=CharField()),
    )


def locatie_gastvrouw_voornaam(*, locatie, moment: datetime | None = None) -> str | None:
    """The first name of the host on duty at the place's running open inloop, only when
    they agreed that it is shown; None otherwise (``locatie_gastvrouw_aanwezig`` says
    whether one is there at all)."""
    moment = moment or timezone.now()
    inloop = Bijeenkomst.objects.filter(activiteit__locatie=locatie).open_inloop_at(moment)
    naam = (
        _host_on_duty(moment).filter(dienst__bijeenkomst__in=inloop, dienst__locatie=locatie,
                                     vrijwilliger__voornaam_tonen=True, vrijwilliger__gewist_op__isnull=True)
        .order_by("vrijwilliger__naam", "pk").values_list("vrijwilliger__naam", flat=True).first()
    )
    return voornaam(naam) if naam else None


_DAGEN = ("ma", "di", "wo", "do", "vr", "za", "zo")


def dagdeel_at(moment: datetime) -> str:
    """The availability code (``Dagdeel``) a moment falls in, in Amsterdam time: "di_ochtend"
    (before 12:00), "di_middag" (before 18:00) or "di_avond"."""
    local = timezone.localtime(moment, AMSTERDAM)
    deel = "ochtend" if local.hour < 12 else "middag" if local.hour < 18 else "avond"
    return f"{_DAGEN[local.weekday()]}_{deel}"


def vrijwilliger_list_for_dienst(*, user, dienst: Dienst) -> QuerySet[Vrijwilliger]:
    """The volunteers the user may put on this shift: those of the place's organisation
    the user may see (``vrijwilliger_list_for_user``; a superuser sees all), accepted, not
    on it already."""
    op_dienst = Inzet.objects.filter(dienst=dienst).exclude(status=InzetStatus.AFGEMELD).values("vrijwilliger_id")
    zichtbaar = (
        Vrijwilliger.objects.filter(gewist_op__isnull=True).order_by("naam") if user.is_superuser
        else vrijwilliger_list_for_user(user)
    )
    return (
        zichtbaar
        .filter(organisaties=dienst.locatie.beheerder_id, geaccepteerd_op__isnull=False)
        .exclude(pk__in=op_dienst)
    )


def vrijwilliger_ids_busy(*, dienst: Dienst) -> set[int]:
    """The volunteers on another shift that overlaps this one (a clash to show)."""
    return set(
        Inzet.objects.filter(status__in=ACTIVE_INZET, dienst__start__lt=dienst.eind, dienst__eind__gt=dienst.start)
        .exclude(dienst=dienst)
        .values_list("vrijwilliger_id", flat=True)
    )


def bijeenkomst_list_inloop_zonder_gastvrouw(*, locatie, van: datetime, tot: datetime) -> QuerySet[Bijeenkomst]:
    """Coming occurrences of the place's published open inloop between ``van`` and
    ``tot``, not cancelled, that have no host shift yet: an inloop that cannot claim a host."""
    return (
        Bijeenkomst.objects.filter(
            activiteit__locatie=locatie, activiteit__soort=ActiviteitSoort.OPEN_INLOOP,
            activiteit__status=ActiviteitStatus.GEPUBLICEERD, geannuleerd=False,
            start__gte=max(van, timezone.now()), start__lt=tot,
        )
        .exclude(diensten__taak=Taak.GASTVROUW)
        .select_related("activiteit")
        .order_by("start")
    )


def vrijwilliger_list_for_organisatie(*, organisatie, zoek: str = "") -> QuerySet[Vrijwilliger]:
    """The organisation's volunteers (not erased), searched by name, e-mail or phone, with
    their hours this year (``uren_dit_jaar``: the figures of ``vrijwilliger_uren_dit_jaar``,
    worked shifts and walk-ins, in two subqueries of the one query)."""
    jaar = timezone.localdate().year
    van, tot = datetime(jaar, 1, 1, tzinfo=AMSTERDAM), datetime(jaar + 1, 1, 1, tzinfo=AMSTERDAM)
    vrijwilligers = Vrijwilliger.objects.filter(organisaties=organisatie, gewist_op__isnull=True)
    if zoek:
        vrijwilligers = vrijwilligers.filter(Q(naam__icontains=zoek) | Q(email__icontains=zoek) | Q(telefoon__icontains=zoek))
    nul = Value(Decimal(0), output_field=DecimalField())
    diensten = (_gewerkte_inzetten(van=van, tot=tot).filter(vrijwilliger=OuterRef("pk")).values("vrijwilliger")
                .annotate(s=Sum(_INZET_SECONDEN)).values("s"))
    los = (LosseInzet.objects.filter(vrijwilliger=OuterRef("pk"), datum__year=jaar).values("vrijwilliger")
           .annotate(u=Sum("uren")).values("u"))
    return vrijwilligers.annotate(
        uren_dit_jaar=ExpressionWrapper(
            Coalesce(Subquery(diensten, output_field=DecimalField()), nul) / Value(Decimal(3600))
            + Coalesce(Subquery(los, output_field=DecimalField()), nul),
            output_field=DecimalField(),
        ),
    ).order_by("naam", "pk")


def vrijwilliger_list_waiting(*, organisatie) -> QuerySet[Vrijwilliger]:
    """Sign-ups from the site that wait for the organisation's answer, oldest first."""
    return Vrijwilliger.objects.filter(
        organisaties=organisatie, gewist_op__isnull=True, geaccepteerd_op__isnull=True,
    ).order_by("aangemaakt", "pk")


def _gewerkte_inzetten(*, van, tot) -> QuerySet[Inzet]:
    """Assignments that count as worked: a shift that began in [van, tot) and before now,
    confirmed or marked worked, not of a cancelled date."""
    return (
        Inzet.objects.filter(
            dienst__start__gte=van, dienst__start__lt=min(tot, timezone.now()),
            status__in=[InzetStatus.BEVESTIGD, InzetStatus.GEWERKT],
        )
        .exclude(dienst__bijeenkomst__geannuleerd=True)
    )


#: An assignment's hours in seconds: the hours written down (confirmed), else the shift's length.
_INZET_SECONDEN = Coalesce(
    ExpressionWrapper(F("uren") * 3600, output_field=DecimalField()),
    Extract(ExpressionWrapper(F("dienst__eind") - F("dienst__start"), output_field=DurationField()), "epoch"),
    output_field=DecimalField(),
)


def _uren(seconden) -> Decimal:
    # Half up, as people round: 1.25 hours is 1.3.
    return (Decimal(seconden or 0) / Decimal(3600)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def inzet_uren_per_locatie(*, locaties, van, tot) -> dict[int, dict]:
    """For the annual report: per place, the volunteers who worked a shift that began in
    [van, tot) and before now (confirmed or marked worked; not a shift of a cancelled
    date), and the hours (``uren``): of the shifts (``uren_diensten``: the hours the
    coordinator confirmed, ``uren_bevestigd`` of those, else the shift's length) plus
    the walk-ins' (``uren_los``, ``losse_inzetten`` entries, dated in [van, tot)). One
    query (a UNION of the two tables' sums) whatever the number of places."""
    nul = Value(Decimal(0), output_field=DecimalField())
    geen = Value(0)
    diensten = (
        _gewerkte_inzetten(van=van, tot=tot).filter(dienst__locatie__in=locaties)
        .values(plek=F("dienst__locatie_id"))
        .annotate(
            vrijwilligers=Count("vrijwilliger", distinct=True),
            inzetten=Count("pk"),
            seconden=Sum(_INZET_SECONDEN),
            bevestigd=Coalesce(Sum(F("uren"), filter=Q(status=InzetStatus.GEWERKT, uren__isnull=False)), nul),
            losse_inzetten=geen,
            uren_los=nul,
        )
        .order_by()
    )
    los = (
        LosseInzet.objects.filter(locatie__in=locaties, datum__gte=timezone.localdate(van),
                                  datum__lt=timezone.localdate(tot))
        .values(plek=F("locatie_id"))
        .annotate(vrijwilligers=geen, inzetten=geen, seconden=nul, bevestigd=nul,
                  losse_inzetten=Count("pk"), uren_los=Sum("uren"))
        .order_by()
    )
    result: dict[int, dict] = {}
    for row in diensten.union(los, all=True):
        plek = result.setdefault(row["plek"], {"vrijwilligers": 0, "inzetten": 0, "seconden": 0, "bevestigd": 0,
                                               "losse_inzetten": 0, "uren_los": 0})
        for key in plek:
            plek[key] += row[key] or 0
    for plek in result.values():
        seconden, los = plek.pop("seconden"), plek["uren_los"] * 3600
        plek["uren"] = _uren(seconden + los)
        plek["uren_diensten"] = _uren(seconden)
        plek["uren_bevestigd"] = _uren(plek.pop("bevestigd") * 3600)
        plek["uren_los"] = _uren(los)
    return result


def inzet_uren_per_taak(*, locaties, van, tot) -> dict[int, dict[str, Decimal]]:
    """For the annual report: per place and per task, the hours counted as
    ``inzet_uren_per_locatie`` counts them (worked shifts that began in [van, tot) and
    before now, plus the walk-ins dated in [van, tot)), so the tasks add up to its
    ``uren``. Only tasks with hours appear. One query (a UNION)."""
    diensten = (
        _gewerkte_inzetten(van=van, tot=tot).filter(dienst__locatie__in=locaties)
        .values(plek=F("dienst__locatie_id"), soort=F("dienst__taak"))
        .annotate(seconden=Sum(_INZET_SECONDEN))
        .order_by()
    )
    los = (
        LosseInzet.objects.filter(locatie__in=locaties, datum__gte=timezone.localdate(van),
                                  datum__lt=timezone.localdate(tot))
        .values(plek=F("locatie_id"), soort=F("taak"))
        .annotate(seconden=ExpressionWrapper(Sum("uren") * 3600, output_field=DecimalField()))
        .order_by()
    )
    seconden: dict[int, dict[str, Decimal]] = {}
    for row in diensten.union(los, all=True):
        per_taak = seconden.setdefault(row["plek"], {})
        per_taak[row["soort"]] = per_taak.get(row["soort"], 0) + (row["seconden"] or 0)
    return {plek: {taak: _uren(s) for taak, s in per_taak.items()} for plek, per_taak in seconden.items()}


def vrijwilliger_uren_dit_jaar(*, vrijwilliger) -> Decimal:
    """"My hours this year": the volunteer's worked shifts of this calendar year (the
    same figures as ``inzet_uren_per_locatie``) and the walk-in hours written down for them."""
    jaar = timezone.localdate().year
    van = datetime(jaar, 1, 1, tzinfo=AMSTERDAM)
    tot = datetime(jaar + 1, 1, 1, tzinfo=AMSTERDAM)
    diensten = _gewerkte_inzetten(van=van, tot=tot).filter(vrijwilliger=vrijwilliger).aggregate(s=Sum(_INZET_SECONDEN))
    los = LosseInzet.objects.filter(vrijwilliger=vrijwilliger, datum__year=jaar).aggregate(u=Sum("uren"))
    return _uren(Decimal(diensten["s"] or 0) + Decimal(los["u"] or 0) * 3600)


def inzet_list_na_dienst(*, locatie, van: datetime, tot: datetime) -> QuerySet[Inzet]:
    """For confirming hours: the assignments (not called off) of the place's shifts that
    began in [van, tot) and before now, not of a cancelled date, with shift and volunteer."""
    return (
        Inzet.objects.filter(dienst__locatie=locatie, dienst__start__gte=van, dienst__start__lt=min(tot, timezone.now()))
        .exclude(status=InzetStatus.AFGEMELD)
        .exclude(dienst__bijeenkomst__geannuleerd=True)
        .select_related("dienst", "vrijwilliger")
        .order_by("dienst__start", "dienst__taak", "vrijwilliger__naam", "pk")
    )


def losse_inzet_list_for_locatie(*, locatie, van, tot) -> QuerySet[LosseInzet]:
    """The walk-ins written down at the place on days in [van, tot)."""
    return (
        LosseInzet.objects.filter(locatie=locatie, datum__gte=van, datum__lt=tot)
        .select_related("vrijwilliger")
        .order_by("datum", "pk")
    )


def vrijwilliger_list_passend(*, organisatie, talenten=(), dagdelen=(), limit: int = 100) -> list[Vrijwilliger]:
    """For the coordinator only: the organisation's accepted volunteers with any of these
    talents and available at any of these day parts (either left empty: not asked), the
    best fits first (most talents, then most day parts, then name), each with what fits
    (``passende_talenten``, ``passende_dagdelen``). One query; at most ``limit``."""
    talenten, dagdelen = set(talenten), set(dagdelen)
    vrijwilligers = Vrijwilliger.objects.filter(
        organisaties=organisatie, gewist_op__isnull=True, geaccepteerd_op__isnull=False)
    if talenten:
        vrijwilligers = vrijwilligers.filter(talenten__overlap=sorted(talenten))
    if dagdelen:
        vrijwilligers = vrijwilligers.filter(beschikbaarheid__overlap=sorted(dagdelen))
    gevonden = list(vrijwilligers.order_by("naam", "pk")[:limit])
    for persoon in gevonden:
        persoon.passende_talenten = [t for t in persoon.talenten if t in talenten]
        persoon.passende_dagdelen = [d for d in persoon.beschikbaarheid if d in dagdelen]
    return sorted(gevonden, key=lambda p: (-len(p.passende_talenten), -len(p.passende_dagdelen)))
