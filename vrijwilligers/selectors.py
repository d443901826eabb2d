"""Reads of the vrijwilligers app."""

from decimal import Decimal

from django.db.models import Count, DecimalField, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Extract
from django.utils import timezone

from locaties.constants import Rol
from locaties.models import Lidmaatschap

from .constants import InzetStatus
from .models import Dienst, Inzet, Vacature, Vrijwilliger
from .services import ACTIVE_INZET


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
    """Coming shifts that still need people, with how many are on them (``bezet``)."""
    diensten = Dienst.objects.filter(eind__gt=timezone.now())
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


def inzet_uren_per_locatie(*, locaties, van, tot) -> dict[int, dict]:
    """For the annual report: per place, the volunteers who worked a shift that began in
    [van, tot) and before now (confirmed or marked worked), and their hours: the hours
    written down, else the shift's length. One query."""
    rows = (
        Inzet.objects.filter(
            dienst__locatie__in=locaties, dienst__start__gte=van, dienst__start__lt=min(tot, timezone.now()),
            status__in=[InzetStatus.BEVESTIGD, InzetStatus.GEWERKT],
        )
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
