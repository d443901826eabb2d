"""Reads of the locaties app."""

from django.db.models import QuerySet

from .models import Locatie


def locatie_list_published() -> QuerySet[Locatie]:
    """Published places that have not closed, with their buurt, wijk and manager."""
    return (
        Locatie.objects.filter(gepubliceerd=True, gesloten_sinds__isnull=True)
        .select_related("buurt__wijk", "beheerder")
        .order_by("buurt__wijk__code", "naam")
    )
