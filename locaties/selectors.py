"""Reads of the locaties app."""

from datetime import datetime

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Q, QuerySet

from .constants import ReserveringStatus, Rol
from .models import Gemeentemedewerker, Lidmaatschap, Locatie, Reservering, Ruimte


def locatie_list_published() -> QuerySet[Locatie]:
    """Published places that have not closed, with their buurt, wijk and manager."""
    return (
        Locatie.objects.filter(gepubliceerd=True, gesloten_sinds__isnull=True)
        .select_related("buurt__wijk", "beheerder")
        .order_by("buurt__wijk__code", "naam")
    )


def organisatie_ids_for_user(user, *, rollen=None) -> QuerySet:
    """Ids of the organisations the user has a role in (optionally only these roles)."""
    memberships = Lidmaatschap.objects.filter(user=user)
    if rollen is not None:
        memberships = memberships.filter(rol__in=rollen)
    return memberships.values("organisatie_id")


def gemeente_ids_for_official(user) -> QuerySet:
    """Ids of the gemeenten the user works for as an official."""
    return Gemeentemedewerker.objects.filter(user=user).values("gemeente_id")


def locatie_list_for_user(user) -> QuerySet[Locatie]:
    """Places the user may see behind the login: those of their organisations and,
    for an official, every place in their gemeente. Staff see all."""
    locaties = Locatie.objects.select_related("buurt__wijk__gemeente", "beheerder")
    if not user.is_authenticated:
        return locaties.none()
    if user.is_staff:
        return locaties.order_by("naam")
    gemeenten = gemeente_ids_for_official(user)
    return locaties.filter(
        Q(beheerder_id__in=organisatie_ids_for_user(user))
        | Q(buurt__gemeente_id__in=gemeenten)
        | Q(buurt__isnull=True, beheerder__gemeente_id__in=gemeenten)
    ).order_by("naam")


def locatie_list_managed_by(user) -> QuerySet[Locatie]:
    """Places the user may change: board member or manager of the managing organisation."""
    if not user.is_authenticated:
        return Locatie.objects.none()
    return (
        Locatie.objects.filter(
            beheerder_id__in=organisatie_ids_for_user(user, rollen=[Rol.BESTUUR, Rol.BEHEERDER])
        )
        .select_related("buurt", "beheerder")
        .order_by("naam")
    )


def reservering_list_for_ruimte(*, ruimte: Ruimte, van: datetime, tot: datetime) -> QuerySet[Reservering]:
    """The room's requested and confirmed reservations that touch [van, tot)."""
    return (
        Reservering.objects.filter(
            ruimte=ruimte,
            status__in=[ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD],
            periode__overlap=DateTimeTZRange(van, tot, "[)"),
        )
        .select_related("ruimte__locatie")
        .order_by("periode")
    )


def reservering_list_for_user(user) -> QuerySet[Reservering]:
    """Reservations of the rooms of the places the user's organisations manage."""
    if not user.is_authenticated:
        return Reservering.objects.none()
    return (
        Reservering.objects.filter(ruimte__locatie__beheerder_id__in=organisatie_ids_for_user(user))
        .select_related("ruimte__locatie")
        .order_by("periode")
    )
