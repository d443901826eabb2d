"""Reads of the vrijwilligers app."""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from locaties.constants import Rol
from locaties.models import Lidmaatschap

from .models import Dienst, Vacature, Vrijwilliger
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
