"""Writes of "loopt dit nog?": an organisation confirms that an activity still runs, from
the workspace or with the one-click link of the reminder mail, and the daily reminder
that asks it to, once per deadline.

The rule of when an activity counts as running lives in ``ActiviteitQuerySet.actueel``;
these services move its confirmation date and remember which deadline was reminded of.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from locaties import events

from .. import tasks
from ..constants import ActiviteitStatus
from ..models import Activiteit, actueel_sinds, bevestigd_sinds_q
from ..selectors import activiteit_list_herinnering_due
from ..tokens import activiteit_bevestig_payload

logger = logging.getLogger(__name__)


def _lock(pk: int) -> Activiteit | None:
    return (
        Activiteit.objects.select_for_update(of=("self",))
        .select_related("locatie__buurt", "locatie__beheerder")
        .filter(pk=pk)
        .first()
    )


def _bevestig(locked: Activiteit, *, door=None) -> Activiteit:
    if locked.status == ActiviteitStatus.GESTOPT:
        raise ValidationError(
            _("“%(titel)s” is stopped, so there is nothing to confirm. Publish it again if it runs after all.")
            % {"titel": locked.titel},
            code="gestopt",
        )
    telde_niet = locked.bevestigd_basis < actueel_sinds()
    locked.laatst_bevestigd = timezone.localdate()
    locked.save(update_fields=["laatst_bevestigd", "bijgewerkt"])
    if telde_niet and locked.status == ActiviteitStatus.GEPUBLICEERD:
        # Back in the calendars, so back in the coverage figures.
        events.locatie_changed(locked.locatie)
    logger.info("Activity %s confirmed as still running by %s", locked.pk, getattr(door, "pk", "a mail link"))
    return locked


def activiteit_bevestig(*, activiteit: Activiteit, door=None) -> Activiteit:
    """Confirm that ``activiteit`` still runs: its ``laatst_bevestigd`` becomes today
    (Amsterdam). ``door`` is the member who did it (None: the link in the mail). A
    stopped activity is refused with a ValidationError. Returns the activity as saved;
    ``activiteit`` itself gets the new date too."""
    with transaction.atomic():
        locked = _lock(activiteit.pk)
        if locked is None:
            raise ValidationError(_("This activity no longer exists."), code="weg")
        _bevestig(locked, door=door)
    activiteit.laatst_bevestigd = locked.laatst_bevestigd
    return locked


def activiteit_bevestig_met_link(*, token: str) -> Activiteit:
    """Confirm the activity of a reminder's link (``tokens.activiteit_bevestig_token``),
    without an account. A link that is not valid, too old, or made before the activity's
    last confirmation (it was used, or someone confirmed in the workspace) is refused
    with a ValidationError and changes nothing."""
    payload = activiteit_bevestig_payload(token)
    if payload is None:
        raise ValidationError(_("This link does not work: it is incomplete or too old."), code="ongeldig")
    pk, laatst = payload
    with transaction.atomic():
        locked = _lock(pk)
        if locked is None:
            raise ValidationError(_("This link does not work: the activity no longer exists."), code="weg")
        huidig = locked.laatst_bevestigd.isoformat() if locked.laatst_bevestigd else ""
        if huidig != laatst:
            raise ValidationError(
                _("This link has been used already: “%(titel)s” was confirmed on %(datum)s.")
                % {"titel": locked.titel, "datum": date_format(locked.laatst_bevestigd, "j F Y")},
                code="gebruikt",
            )
        return _bevestig(locked)


def activiteiten_herinner(*, vandaag: date | None = None) -> int:
    """The daily "loopt dit nog?" round: for every published activity whose deadline is
    ``ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN`` days away or less and whose members were not
    reminded of that deadline yet, record the deadline (``herinnering_verstuurd_voor``)
    and mail the organisation's members after the commit
    (``tasks.mail_activiteit_herinnering``). Rows another run is busy with are skipped, so
    two workers send no reminder twice. Also announces the places whose activities
    left the calendars today, for the coverage figures. Returns how many activities were
    reminded of."""
    vandaag = vandaag or timezone.localdate()
    with transaction.atomic():
        due = list(
            activiteit_list_herinnering_due(vandaag=vandaag).select_for_update(of=("self",), skip_locked=True)
        )
        for activiteit in due:
            Activiteit.objects.filter(pk=activiteit.pk).update(herinnering_verstuurd_voor=activiteit.deadline)
        herinneringen = [(activiteit.pk, activiteit.deadline.isoformat()) for activiteit in due]
        transaction.on_commit(lambda: [tasks.mail_activiteit_herinnering.enqueue(pk, d) for pk, d in herinneringen])
        sinds = actueel_sinds(vandaag)
        vandaag_vervallen = (
            Activiteit.objects.filter(status=ActiviteitStatus.GEPUBLICEERD)
            .bevestigd_voor(sinds).filter(bevestigd_sinds_q(sinds - timedelta(days=1)))
            .select_related("locatie__buurt", "locatie__beheerder")
        )
        for locatie in {activiteit.locatie_id: activiteit.locatie for activiteit in vandaag_vervallen}.values():
            events.locatie_changed(locatie)
    return len(due)
