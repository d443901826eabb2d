"""Writes of the vrijwilligers app: volunteers, shifts, who works them, vacancies,
the roster's mails, and the volunteer's privacy rights (export, erasure)."""

from ._common import ACTIVE_INZET, ERASED_NAME, LATE_AFMELDING, MAX_HERHAAL_WEKEN, ONVERVULD_VOORUIT, vrijwilliger_link
from .bewaren import ANTWOORD_BINNEN, ZONDER_DIENST, vrijwilligers_bewaarvraag
from .dagelijks import Dagtaak, vrijwilligers_dagelijks
from .inloop import (
    INLOOP_DIENSTEN_VOORUIT,
    diensten_aanvul_alle_inloop,
    diensten_aanvul_voor_inloop,
    diensten_create_voor_inloop,
)
from .rooster import diensten_onvervuld_meld, diensten_volg_bijeenkomst, inzetten_herinner
from .uren import dienst_lengte_uren, inzet_bevestig_uren, losse_inzet_create
from .vrijwilliger import (
    dienst_create,
    diensten_create,
    inzet_afmeld,
    inzet_afmeld_door_vrijwilliger,
    inzet_create,
    inzet_create_door_vrijwilliger,
    vacature_create,
    vacature_publiceer,
    vrijwilliger_accepteer,
    vrijwilliger_actief,
    vrijwilliger_afwijs,
    vrijwilliger_create,
    vrijwilliger_erase,
    vrijwilliger_export,
    vrijwilliger_registreer,
    vrijwilliger_voornaam_tonen,
)

__all__ = [
    "vrijwilliger_accepteer",
    "vrijwilliger_afwijs",
    "ACTIVE_INZET",
    "ERASED_NAME",
    "LATE_AFMELDING",
    "MAX_HERHAAL_WEKEN",
    "ONVERVULD_VOORUIT",
    "dienst_create",
    "diensten_create",
    "ANTWOORD_BINNEN",
    "ZONDER_DIENST",
    "vrijwilligers_bewaarvraag",
    "Dagtaak",
    "dienst_lengte_uren",
    "inzet_bevestig_uren",
    "losse_inzet_create",
    "vrijwilligers_dagelijks",
    "INLOOP_DIENSTEN_VOORUIT",
    "diensten_aanvul_alle_inloop",
    "diensten_aanvul_voor_inloop",
    "diensten_create_voor_inloop",
    "diensten_onvervuld_meld",
    "diensten_volg_bijeenkomst",
    "inzet_afmeld",
    "inzet_afmeld_door_vrijwilliger",
    "inzet_create",
    "inzet_create_door_vrijwilliger",
    "inzetten_herinner",
    "vacature_create",
    "vacature_publiceer",
    "vrijwilliger_create",
    "vrijwilliger_erase",
    "vrijwilliger_export",
    "vrijwilliger_link",
    "vrijwilliger_registreer",
    "vrijwilliger_voornaam_tonen",
    "vrijwilliger_actief",
]
