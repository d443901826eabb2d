"""The occurrences API as the project serves it: the activiteiten viewset with the roster
joined in (vrijwilligers sits above activiteiten, so only the project may combine them).
Each occurrence says whether its host is there, and cancelling or moving one takes its
shifts along and tells the volunteers (``ontmoeting.rooster``), as /beheer/ does."""

from activiteiten.api.views import BijeenkomstViewSet
from vrijwilligers.selectors import bijeenkomsten_with_gastvrouw

from .rooster import bijeenkomst_annuleer_met_diensten, bijeenkomst_verplaats_met_diensten


class BijeenkomstMetRoosterViewSet(BijeenkomstViewSet):
    annuleer_service = staticmethod(bijeenkomst_annuleer_met_diensten)
    verplaats_service = staticmethod(bijeenkomst_verplaats_met_diensten)

    def with_extras(self, bijeenkomsten):
        """``gastvrouw_aanwezig`` and ``gastvrouw_voornaam`` in the same query."""
        return bijeenkomsten_with_gastvrouw(bijeenkomsten)
