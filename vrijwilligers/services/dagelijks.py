"""The roster's daily job, as one call for the task worker and for cron alike."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .bewaren import vrijwilligers_bewaarvraag
from .inloop import diensten_aanvul_alle_inloop
from .rooster import diensten_onvervuld_meld, inzetten_herinner


@dataclass
class Dagtaak:
    """What ``vrijwilligers_dagelijks`` did."""

    gastvrouwdiensten: int
    herinnerd: int
    organisaties_gemeld: int
    bewaarvraag: int
    gewist: int

    def __str__(self) -> str:
        return (f"{self.gastvrouwdiensten} host shifts made, {self.herinnerd} reminders, "
                f"{self.organisaties_gemeld} organisations told of unfilled shifts, "
                f"{self.bewaarvraag} volunteers asked to stay on, {self.gewist} erased")


def vrijwilligers_dagelijks() -> Dagtaak:
    """Once a day: the open inloop's coming dates get their host shifts first (so the
    coordinators hear of those still open), then tomorrow's reminders to volunteers, the
    unfilled shifts of the coming week to coordinators, and the 24-month retention."""
    gastvrouwdiensten = diensten_aanvul_alle_inloop()
    herinnerd = inzetten_herinner(dag=timezone.localdate() + timedelta(days=1))
    gemeld = diensten_onvervuld_meld()
    gevraagd, gewist = vrijwilligers_bewaarvraag()
    return Dagtaak(gastvrouwdiensten, herinnerd, gemeld, gevraagd, gewist)
