"""Choices of the vrijwilligers app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Taak(models.TextChoices):
    GASTVROUW = "gastvrouw", _("Host (gastvrouw/gastheer)")
    BAR = "bar", _("Bar")
    KEUKEN = "keuken", _("Kitchen")
    BEGELEIDING = "begeleiding", _("Guidance")
    SCHOONMAAK = "schoonmaak", _("Cleaning")
    BESTUUR = "bestuur", _("Board work")


class Talent(models.TextChoices):
    GASTVRIJHEID = "gastvrijheid", _("Hospitality")
    KOKEN = "koken", _("Cooking")
    TECHNIEK = "techniek", _("Technical and repairs")
    COMPUTER = "computer", _("Computers")
    TALEN = "talen", _("Languages")
    ADMINISTRATIE = "administratie", _("Administration")
    MUZIEK = "muziek", _("Music")
    CREATIEF = "creatief", _("Creative")
    SPORT = "sport", _("Sport and exercise")
    VERVOER = "vervoer", _("Driving")


class Dagdeel(models.TextChoices):
    """Day parts for availability: a weekday (ma..zo) and a part of the day."""

    MA_OCHTEND = "ma_ochtend", _("Monday morning")
    MA_MIDDAG = "ma_middag", _("Monday afternoon")
    MA_AVOND = "ma_avond", _("Monday evening")
    DI_OCHTEND = "di_ochtend", _("Tuesday morning")
    DI_MIDDAG = "di_middag", _("Tuesday afternoon")
    DI_AVOND = "di_avond", _("Tuesday evening")
    WO_OCHTEND = "wo_ochtend", _("Wednesday morning")
    WO_MIDDAG = "wo_middag", _("Wednesday afternoon")
    WO_AVOND = "wo_avond", _("Wednesday evening")
    DO_OCHTEND = "do_ochtend", _("Thursday morning")
    DO_MIDDAG = "do_middag", _("Thursday afternoon")
    DO_AVOND = "do_avond", _("Thursday evening")
    VR_OCHTEND = "vr_ochtend", _("Friday morning")
    VR_MIDDAG = "vr_middag", _("Friday afternoon")
    VR_AVOND = "vr_avond", _("Friday evening")
    ZA_OCHTEND = "za_ochtend", _("Saturday morning")
    ZA_MIDDAG = "za_middag", _("Saturday afternoon")
    ZA_AVOND = "za_avond", _("Saturday evening")
    ZO_OCHTEND = "zo_ochtend", _("Sunday morning")
    ZO_MIDDAG = "zo_middag", _("Sunday afternoon")
    ZO_AVOND = "zo_avond", _("Sunday evening")


class Deel(models.TextChoices):
    """A part of the day, whatever the weekday (the end of a ``Dagdeel`` code)."""

    OCHTEND = "ochtend", _("Morning")
    MIDDAG = "middag", _("Afternoon")
    AVOND = "avond", _("Evening")


class InzetStatus(models.TextChoices):
    INGEPLAND = "ingepland", _("Scheduled")
    BEVESTIGD = "bevestigd", _("Confirmed")
    AFGEMELD = "afgemeld", _("Called off")
    GEWERKT = "gewerkt", _("Worked")
