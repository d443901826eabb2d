"""Writes of the locaties app: places, photos, rooms, reservations, memberships and
invitations, opening hours and closures.

Every function is keyword-only, atomic, validates with ``full_clean()`` and raises
``ValidationError`` with a message people can act on. Mail goes out only after commit.
"""

from .foto import locatiefoto_create, locatiefoto_delete, locatiefoto_process, locatiefoto_update
from .lidmaatschap import (
    Geaccepteerd,
    lidmaatschap_delete,
    lidmaatschap_update_rol,
    uitnodiging_accepteer,
    uitnodiging_create,
)
from .locatie import (
    gemeentemedewerker_create,
    lidmaatschap_create,
    locatie_create,
    locatie_derive_buurt,
    locatie_update,
    locaties_delete,
    openingstijd_create,
    openingstijden_set,
    organisatie_create,
    ruimte_create,
    ruimte_update,
    sluiting_create,
    sluiting_delete,
    tarief_set,
    tarieven_set,
)
from .reservering import (
    ReserveringConflict,
    bezetting_boek,
    bezetting_conflicts,
    bezetting_verplaats,
    occupied_range,
    reservering_afwijs,
    reservering_annuleer,
    reservering_bevestig,
    reservering_conflict_message,
    reservering_conflicts,
    reservering_create,
    reservering_prijs,
    reservering_serie_create,
    reserveringen_erase_contact,
)

__all__ = [
    "Geaccepteerd",
    "ReserveringConflict",
    "bezetting_boek",
    "bezetting_conflicts",
    "bezetting_verplaats",
    "gemeentemedewerker_create",
    "lidmaatschap_create",
    "lidmaatschap_delete",
    "lidmaatschap_update_rol",
    "locatie_create",
    "locatie_derive_buurt",
    "locatie_update",
    "locaties_delete",
    "locatiefoto_create",
    "locatiefoto_delete",
    "locatiefoto_process",
    "locatiefoto_update",
    "occupied_range",
    "openingstijd_create",
    "openingstijden_set",
    "organisatie_create",
    "reservering_afwijs",
    "reservering_annuleer",
    "reservering_bevestig",
    "reservering_conflict_message",
    "reservering_conflicts",
    "reservering_create",
    "reservering_prijs",
    "reservering_serie_create",
    "reserveringen_erase_contact",
    "ruimte_create",
    "ruimte_update",
    "sluiting_create",
    "sluiting_delete",
    "tarief_set",
    "tarieven_set",
    "uitnodiging_accepteer",
    "uitnodiging_create",
]
