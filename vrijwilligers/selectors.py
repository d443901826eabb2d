"""Reads of the vrijwilligers app."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
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
from .models import Dienst, Inzet, Vacature, Vrijwilliger
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
    buurt, place, task), with the filter set for the form and its errors."""
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
    their hours worked this year (``uren_dit_jaar``)."""
    jaar = timezone.localdate().year
    vrijwilligers = Vrijwilliger.objects.filter(organisaties=organisatie, gewist_op__isnull=True)
    if zoek:
        vrijwilligers = vrijwilligers.filter(Q(naam__icontains=zoek) | Q(email__icontains=zoek) | Q(telefoon__icontains=zoek))
    return vrijwilligers.annotate(
        uren_dit_jaar=Sum("inzetten__uren", filter=Q(inzetten__status=InzetStatus.GEWERKT,
                                                     inzetten__dienst__start__year=jaar)),
    ).order_by("naam", "pk")


def vrijwilliger_list_waiting(*, organisatie) -> QuerySet[Vrijwilliger]:
    """Sign-ups from the site that wait for the organisation's answer, oldest first."""
    return Vrijwilliger.objects.filter(
        organisaties=organisatie, gewist_op__isnull=True, geaccepteerd_op__isnull=True,
    ).order_by("aangemaakt", "pk")


def inzet_uren_per_locatie(*, locaties, van, tot) -> dict[int, dict]:
    """For the annual report: per place, the volunteers who worked a shift that began in
    [van, tot) and before now (confirmed or marked worked; not a shift of a cancelled
    date), and their hours: the hours written down, else the shift's length. One query."""
    rows = (
        Inzet.objects.filter(
            dienst__locatie__in=locaties, dienst__start__gte=van, dienst__start__lt=min(tot, timezone.now()),
            status__in=[InzetStatus.BEVESTIGD, InzetStatus.GEWERKT],
        )
        .exclude(dienst__bijeenkomst__geannuleerd=True)
        .values("dienst__locatie_id")
        .annotate(
            vrijwilligers=Count("vrijwilliger", distinct=True),
            inzetten=Count("pk"),
            seconden=Sum(Coalesce(
                ExpressionWrapper(F("uren") * 3600, output_field=DecimalField()),
                Extract(ExpressionWrapper(F("dienst__eind") - F("dienst__start"), output_field=DurationField()), "epoch"),
                output_field=DecimalField(),
            )),
        )
        .order_by()
    )
    return {
        row["dienst__locatie_id"]: {
            "vrijwilligers": row["vrijwilligers"], "inzetten": row["inzetten"],
            "uren": (Decimal(row["seconden"] or 0) / Decimal(3600)).quantize(Decimal("0.1")),
        }
        for row in rows
    }


def inzet_uren_per_taak(*, locaties, van, tot) -> dict[int, dict[str, Decimal]]:
    """For the annual report: per place and per task, the hours of the shifts that
    began in [van, tot) and before now, counted as ``inzet_uren_per_locatie`` counts
    them (confirmed or marked worked, not on a cancelled date; the hours written down,
    else the shift's length). Only tasks with hours appear. One query."""
    rows = (
        Inzet.objects.filter(
            dienst__locatie__in=locaties, dienst__start__gte=van, dienst__start__lt=min(tot, timezone.now()),
            status__in=[InzetStatus.BEVESTIGD, InzetStatus.GEWERKT],
        )
        .exclude(dienst__bijeenkomst__geannuleerd=True)
        .values("dienst__locatie_id", "dienst__taak")
        .annotate(seconden=Sum(Coalesce(
            ExpressionWrapper(F("uren") * 3600, output_field=DecimalField()),
            Extract(ExpressionWrapper(F("dienst__eind") - F("dienst__start"), output_field=DurationField()), "epoch"),
            output_field=DecimalField(),
        )))
        .order_by()
    )
    result: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        result.setdefault(row["dienst__locatie_id"], {})[row["dienst__taak"]] = (
            Decimal(row["seconden"] or 0) / Decimal(3600)).quantize(Decimal("0.1"))
    return result
