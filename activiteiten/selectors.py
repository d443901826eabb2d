"""Reads of the activiteiten app."""

from datetime import date, datetime

from django.db.models import QuerySet

from .models import Bijeenkomst, Schoolvakantie


def bijeenkomst_list(*, van: datetime, tot: datetime) -> QuerySet[Bijeenkomst]:
    """Occurrences starting in ``[van, tot)``, in order of start, of every activity.

    Cancelled occurrences are included (``geannuleerd``) so that a calendar can say so
    instead of silently dropping them; filter them out where they should not show. The
    activity, its place with buurt and the room come along in the same query.
    """
    return (
        Bijeenkomst.objects.filter(start__gte=van, start__lt=tot)
        .select_related("activiteit__locatie__buurt", "ruimte")
        .order_by("start", "pk")
    )


def schoolvakantie_periods(*, regio: str, van: date, tot: date) -> list[tuple[date, date]]:
    """Inclusive (first day, last day) school holidays of ``regio`` touching ``[van, tot]``."""
    if not regio:
        return []
    return list(
        Schoolvakantie.objects.filter(regio=regio, van__lte=tot, tot__gte=van)
        .order_by("van")
        .values_list("van", "tot")
    )
