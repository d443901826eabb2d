"""Choices of the locaties app: the words boards and officials use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocatieSoort(models.TextChoices):
    BUURTHUIS = "buurthuis", _("Community centre (buurthuis)")
    HUISKAMER = "huiskamer", _("Neighbourhood living room (huiskamer)")
    GEMEENSCHAPSHUIS = "gemeenschapshuis", _("Community house (gemeenschapshuis)")
    DORPSHUIS = "dorpshuis", _("Village hall (dorpshuis)")
    MFA = "mfa", _("Multi-purpose centre (MFA)")
    WIJKCENTRUM = "wijkcentrum", _("District centre (wijkcentrum)")
    BIBLIOTHEEK = "bibliotheek", _("Library")
    SOCIAAL_RESTAURANT = "sociaal_restaurant", _("Social restaurant")
    WOONCOMPLEX = "wooncomplex", _("Meeting room in a housing complex")
    SPORTKANTINE = "sportkantine", _("Sports club canteen")
    OVERIG = "overig", _("Other")


class OrganisatieSoort(models.TextChoices):
    STICHTING = "stichting", _("Foundation (stichting)")
    VERENIGING = "vereniging", _("Association (vereniging)")
    WELZIJN = "welzijnsorganisatie", _("Welfare organisation")
    WONINGCORPORATIE = "woningcorporatie", _("Housing corporation")
    ZORG = "zorgorganisatie", _("Care organisation")
    GEMEENTE = "gemeente", _("Municipality")
    BEWONERSINITIATIEF = "bewonersinitiatief", _("Residents' initiative")


class Rol(models.TextChoices):
    BESTUUR = "bestuur", _("Board member")
    BEHEERDER = "beheerder", _("Manager")
    COORDINATOR = "coordinator", _("Coordinator")


class UitnodigingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEACCEPTEERD = "geaccepteerd", _("Accepted")
    VERVALLEN = "vervallen", _("Replaced")


class Toegankelijkheid(models.TextChoices):
    DREMPELVRIJ = "drempelvrij", _("Step-free entrance")
    INVALIDENTOILET = "invalidentoilet", _("Accessible toilet")
    RINGLEIDING = "ringleiding", _("Hearing loop")
    INVALIDENPARKEREN = "invalidenparkeren", _("Disabled parking")
    DEMENTIEVRIENDELIJK = "dementievriendelijk", _("Dementia friendly")


class Faciliteit(models.TextChoices):
    KEUKEN = "keuken", _("Kitchen")
    TUIN = "tuin", _("Garden or outdoor space")
    WIFI = "wifi", _("Wi-Fi")
    MUZIEKRUIMTE = "muziekruimte", _("Sound-proof music room")
    JONGERENRUIMTE = "jongerenruimte", _("Youth room")
    COMPUTERS = "computers", _("Computers")
    BEAMER = "beamer", _("Projector and screen")
    BAR = "bar", _("Bar")


class TariefCategorie(models.TextChoices):
    BEWONERSINITIATIEF = "bewonersinitiatief", _("Residents' initiative")
    MAATSCHAPPELIJK = "maatschappelijk", _("Association or non-profit")
    COMMERCIEEL = "commercieel", _("Commercial")


# One line per tenant category, said beside its price so the board prices for the
# right people, and shown to whoever asks for a room.
CATEGORIE_UITLEG = {
    TariefCategorie.BEWONERSINITIATIEF: _("Residents who organise something for the neighbourhood, unpaid."),
    TariefCategorie.MAATSCHAPPELIJK: _("Associations, foundations and care or welfare organisations."),
    TariefCategorie.COMMERCIEEL: _("Companies and anyone who earns money with the use."),
}


class ReserveringStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Requested")
    BEVESTIGD = "bevestigd", _("Confirmed")
    AFGEWEZEN = "afgewezen", _("Declined")
    GEANNULEERD = "geannuleerd", _("Cancelled")


class ReserveringSoort(models.TextChoices):
    VERHUUR = "verhuur", _("Rental")
    BIJEENKOMST = "bijeenkomst", _("Activity occurrence")


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, _("Monday")
    DINSDAG = 1, _("Tuesday")
    WOENSDAG = 2, _("Wednesday")
    DONDERDAG = 3, _("Thursday")
    VRIJDAG = 4, _("Friday")
    ZATERDAG = 5, _("Saturday")
    ZONDAG = 6, _("Sunday")


class BevolkingspuntSoort(models.TextChoices):
    POSTCODE = "pc6", _("6-position postcode")
    VIERKANT = "vierkant", _("100 m grid square")
    ADRES = "adres", _("Address")
