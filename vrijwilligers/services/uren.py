"""Hours: after a shift the coordinator confirms the hours each volunteer worked (the
shift's length unless they say otherwise), and writes down walk-ins, the hours of people
who helped without a shift. The annual report and "my hours" count both
(``selectors.inzet_uren_per_locatie``, ``vrijwilliger_uren_dit_jaar``)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from locaties.models import Locatie

from ..constants import InzetStatus, Taak
from ..models import Dienst, Inzet, LosseInzet, Vrijwilliger

#: More hours than this in one entry is a typing error.
MAX_UREN = Decimal(24)


def dienst_lengte_uren(dienst: Dienst) -> Decimal:
    """The shift's length in hours (two decimals): the default of the hours worked."""
    return (Decimal((dienst.eind - dienst.start).total_seconds()) / Decimal(3600)).quantize(Decimal("0.01"))


def _check_uren(uren: Decimal, veld: str) -> None:
    if uren is None or uren <= 0 or uren > MAX_UREN:
        raise ValidationError({veld: _("Give the hours: more than 0 and at most %(max)s.") % {"max": MAX_UREN}})


@transaction.atomic
def inzet_bevestig_uren(*, inzet: Inzet, uren: Decimal | None = None) -> Inzet:
    """Confirm the hours a volunteer worked on a shift that has begun: the shift's length
    unless ``uren`` says otherwise. The assignment is marked worked; confirming again
    corrects the hours. A volunteer who called off worked no hours."""
    inzet = Inzet.objects.select_for_update().select_related("dienst").get(pk=inzet.pk)
    if inzet.dienst.start > timezone.now():
        raise ValidationError(_("This shift has not begun yet; confirm the hours afterwards."), code="nog_niet")
    if inzet.status == InzetStatus.AFGEMELD:
        raise ValidationError(_("This volunteer called off; there are no hours to confirm."), code="afgemeld")
    uren = dienst_lengte_uren(inzet.dienst) if uren is None else Decimal(uren)
    _check_uren(uren, "uren")
    inzet.status, inzet.uren = InzetStatus.GEWERKT, uren
    inzet.full_clean()
    inzet.save(update_fields=["status", "uren"])
    return inzet


@transaction.atomic
def losse_inzet_create(
    *, locatie: Locatie, taak: str, datum: date, uren: Decimal, naam: str = "", vrijwilliger: Vrijwilliger | None = None,
) -> LosseInzet:
    """Write down the hours of someone who helped without a shift (a walk-in): the task,
    the day (not in the future) and the hours; a volunteer of the place's organisation,
    a name, or nobody in particular."""
    if taak not in Taak.values:
        raise ValidationError({"taak": _("Choose a task.")})
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("Write hours down once they are worked, not ahead.")})
    _check_uren(uren, "uren")
    if vrijwilliger is not None and (
            vrijwilliger.gewist_op is not None
            or not vrijwilliger.organisaties.filter(pk=locatie.beheerder_id).exists()):
        raise ValidationError({"vrijwilliger": _("Choose a volunteer of this place's organisation.")})
    losse = LosseInzet(locatie=locatie, taak=taak, datum=datum, uren=uren, naam=naam.strip(), vrijwilliger=vrijwilliger)
    losse.full_clean()
    losse.save()
    return losse
