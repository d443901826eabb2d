"""The activities and occurrences API as the project serves it: the activiteiten viewsets
with the roster joined in (vrijwilligers sits above activiteiten, so only the project may
combine them). Each occurrence says whether its host is there; cancelling or moving one
takes its shifts along and tells the volunteers, and an open inloop made or changed gets
its host shifts (``ontmoeting.rooster``), as in /beheer/."""

from activiteiten.api.views import ActiviteitViewSet, BijeenkomstViewSet
from vrijwilligers.selectors import bijeenkomsten_with_gastvrouw

from .rooster import (
    activiteit_create_met_diensten,
    activiteit_update_met_diensten,
    bijeenkomst_annuleer_met_diensten,
    bijeenkomst_verplaats_met_diensten,
)


class ActiviteitMetRoosterViewSet(ActiviteitViewSet):
    create_service = staticmethod(activiteit_create_met_diensten)
    update_service = staticmethod(activiteit_update_met_diensten)


class BijeenkomstMetRoosterViewSet(BijeenkomstViewSet):
    annuleer_service = staticmethod(bijeenkomst_annuleer_met_diensten)
    verplaats_service = staticmethod(bijeenkomst_verplaats_met_diensten)

    def with_extras(self, bijeenkomsten, *, moment=None):
        """``gastvrouw_aanwezig`` and ``gastvrouw_voornaam`` at ``moment`` (default now) in the same query."""
        return bijeenkomsten_with_gastvrouw(bijeenkomsten, moment=moment)
