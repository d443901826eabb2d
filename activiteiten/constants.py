"""Choices of the activiteiten app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActiviteitSoort(models.TextChoices):
    ACTIVITEIT = "activiteit", _("Activity")
    OPEN_INLOOP = "open_inloop", _("Drop-in with a host (open inloop)")
    MAALTIJD = "maaltijd", _("Meal")
    CURSUS = "cursus", _("Course")
    SPREEKUUR = "spreekuur", _("Consultation hour")
    EVENEMENT = "evenement", _("Event")


class Categorie(models.TextChoices):
    ETEN_DRINKEN = "eten_drinken", _("Food and drink")
    CREATIEF = "creatief", _("Creative")
    BEWEGEN = "bewegen", _("Exercise")
    TAAL = "taal", _("Language")
    DIGITAAL = "digitaal", _("Digital skills")
    ZORG_WELZIJN = "zorg_welzijn", _("Care and well-being")
    SPEL = "spel", _("Games")
    MUZIEK_CULTUUR = "muziek_cultuur", _("Music and culture")
    INFORMATIE = "informatie", _("Information and advice")
    KLUSSEN = "klussen", _("Odd jobs and repairs")


class Doelgroep(models.TextChoices):
    IEDEREEN = "iedereen", _("Everyone")
    KINDEREN = "kinderen", _("Children")
    JONGEREN = "jongeren", _("Young people 12-18")
    JONGE_GEZINNEN = "jonge_gezinnen", _("Young families")
    OUDEREN = "ouderen", _("Older people")
    DEMENTIE = "dementie", _("People with dementia and their carers")
    ANDERSTALIGEN = "anderstaligen", _("Speakers of other languages")
    WERKENDEN = "werkenden", _("Working people")
    MANNEN = "mannen", _("Men")
    VROUWEN = "vrouwen", _("Women")


class AanmeldingNodig(models.TextChoices):
    GEEN = "geen", _("No registration")
    VERPLICHT = "verplicht", _("Registration required")
    GEWENST = "gewenst", _("Registration appreciated")


class ActiviteitStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    GEPUBLICEERD = "gepubliceerd", _("Published")
    GESTOPT = "gestopt", _("Stopped")


class AanmeldingStatus(models.TextChoices):
    BEVESTIGD = "bevestigd", _("Confirmed")
    WACHTLIJST = "wachtlijst", _("Waiting list")
    GEANNULEERD = "geannuleerd", _("Cancelled")


class WensStatus(models.TextChoices):
    NIEUW = "nieuw", _("New")
    OPGEPAKT = "opgepakt", _("Taken up")
    NIET_HAALBAAR = "niet_haalbaar", _("Not feasible")


class Regio(models.TextChoices):
    """School holiday regions of the Netherlands."""

    NOORD = "noord", _("North")
    MIDDEN = "midden", _("Middle")
    ZUID = "zuid", _("South")


class Vakantie(models.TextChoices):
    """The school holidays the Rijksoverheid publishes, in the order of a school year.

    The order matters: the known dates of a region run on without a gap only while each
    holiday is followed by the next one of this list (``selectors.schoolvakanties_bekend_tot``).
    """

    HERFST = "herfstvakantie", _("Autumn holiday")
    KERST = "kerstvakantie", _("Christmas holiday")
    VOORJAAR = "voorjaarsvakantie", _("Spring holiday")
    MEI = "meivakantie", _("May holiday")
    ZOMER = "zomervakantie", _("Summer holiday")
