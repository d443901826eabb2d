"""Writes of the activiteiten app: activities, their occurrences, registrations, wishes,
school holidays."""

from .aanmelding import (
    aanmelding_annuleer,
    aanmelding_annuleer_door_organisator,
    aanmelding_cancel_token,
    aanmelding_cancel_url,
    aanmelding_create,
    aanmelding_doorschuif,
    aanmeldingen_erase_contact,
)
from .activiteit import activiteit_create, activiteit_dupliceer, activiteit_update, bijeenkomst_boek_ruimte
from .bevestiging import activiteit_bevestig, activiteit_bevestig_met_link, activiteiten_herinner
from .bijeenkomst import (
    SyncManyResult,
    SyncResult,
    aanmeldingen_registreer_aanwezig,
    bijeenkomst_annuleer,
    bijeenkomst_registreer_aanwezigen,
    bijeenkomst_registreer_presentie,
    bijeenkomst_verplaats,
    bijeenkomsten_registreer_aanwezigen,
    bijeenkomsten_sync,
    bijeenkomsten_sync_many,
)
from .schoolvakantie import (
    bijeenkomsten_resync_schoolvakantie,
    schoolvakantie_create,
    schoolvakantie_delete,
    schoolvakantie_update,
)
from .wens import (
    WensAlGesteund,
    wens_afwijs,
    wens_beantwoord,
    wens_create,
    wens_goedkeur,
    wens_steun,
    wensen_erase_contact,
)

__all__ = [
    "SyncManyResult",
    "SyncResult",
    "WensAlGesteund",
    "aanmelding_annuleer",
    "aanmelding_annuleer_door_organisator",
    "aanmelding_cancel_token",
    "aanmelding_cancel_url",
    "aanmelding_create",
    "aanmelding_doorschuif",
    "aanmeldingen_erase_contact",
    "aanmeldingen_registreer_aanwezig",
    "activiteit_bevestig",
    "activiteit_bevestig_met_link",
    "activiteit_create",
    "activiteit_dupliceer",
    "activiteit_update",
    "activiteiten_herinner",
    "bijeenkomst_boek_ruimte",
    "bijeenkomst_annuleer",
    "bijeenkomst_registreer_aanwezigen",
    "bijeenkomst_registreer_presentie",
    "bijeenkomsten_registreer_aanwezigen",
    "bijeenkomst_verplaats",
    "bijeenkomsten_resync_schoolvakantie",
    "bijeenkomsten_sync",
    "bijeenkomsten_sync_many",
    "schoolvakantie_create",
    "schoolvakantie_delete",
    "schoolvakantie_update",
    "wens_afwijs",
    "wens_beantwoord",
    "wens_create",
    "wens_goedkeur",
    "wens_steun",
    "wensen_erase_contact",
]
