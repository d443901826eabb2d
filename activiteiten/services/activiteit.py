"""Writes on activities; every change re-materialises the occurrences."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.slugs import unique_slug
from core.timezones import AMSTERDAM
from locaties import events
from locaties.models import Locatie, Organisatie, Ruimte

from ..constants import AanmeldingNodig, ActiviteitStatus
from ..models import Activiteit, Bijeenkomst
from ..recurrence import normalise_rrule
from .bijeenkomst import SyncResult, bijeenkomst_verplaats, bijeenkomsten_sync

ACTIVITEIT_FIELDS = frozenset(
    f.name
    for f in Activiteit._meta.get_fields()
    if getattr(f, "concrete", False) and not f.auto_created and f.name not in ("aangemaakt", "bijgewerkt")
)


def _check_activiteit(activiteit: Activiteit) -> None:
    errors: dict[str, list[str]] = defaultdict(list)
    if activiteit.start is not None and timezone.is_naive(activiteit.start):
        errors["start"].append(_("The start needs a time zone."))
    if activiteit.ruimte_id and activiteit.ruimte.locatie_id != activiteit.locatie_id:
        errors["ruimte"].append(_("The room must be a room of the activity's meeting place."))
    if (
        activiteit.einddatum
        and activiteit.start
        and activiteit.einddatum < timezone.localtime(activiteit.start, AMSTERDAM).date()
    ):
        errors["einddatum"].append(_("The last date cannot be before the first start."))
    if activiteit.aanmelding != AanmeldingNodig.GEEN and activiteit.capaciteit == 0:
        errors["capaciteit"].append(_("An activity with registration needs at least one place."))
    if errors:
        raise ValidationError(dict(errors))
    activiteit.full_clean()


def _reject_unknown_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - ACTIVITEIT_FIELDS
    if unknown:
        raise TypeError(f"Unknown Activiteit field(s): {', '.join(sorted(unknown))}")


def activiteit_create(
    *,
    locatie: Locatie,
    organisator: Organisatie,
    titel: str,
    soort: str,
    start: datetime,
    duur: timedelta,
    rrule: str = "",
    **fields: Any,
) -> Activiteit:
    """Create an activity with a unique slug from its title and materialise its occurrences.

    Further model fields (status, ruimte, capaciteit, einddatum, skip_feestdagen, …) go in
    ``fields``. A schedule that clashes with a confirmed room reservation is refused with
    a ValidationError naming the dates, and nothing is saved.
    """
    _reject_unknown_fields(fields)
    fields.pop("slug", None)
    with transaction.atomic():
        activiteit = Activiteit(
            locatie=locatie,
            organisator=organisator,
            titel=titel,
            slug=unique_slug(titel, taken=Activiteit.objects.all(), fallback="activiteit", max_length=180),
            soort=soort,
            start=start,
            duur=duur,
            rrule=normalise_rrule(rrule),
            **fields,
        )
        _check_activiteit(activiteit)
        activiteit.save()
        bijeenkomsten_sync(activiteit=activiteit)
        events.locatie_changed(activiteit.locatie)
    return activiteit


def activiteit_update(*, activiteit: Activiteit, **fields: Any) -> SyncResult:
    """Change an activity's fields and bring its future occurrences in line.

    Occurrences that still follow from the (new) rule keep their overrides, registrations
    and attendance; see ``bijeenkomsten_sync`` for the rest. Stopping an activity
    (status gestopt) or turning it back into a draft removes or cancels its future
    occurrences the same way.
    """
    _reject_unknown_fields(fields)
    if "rrule" in fields:
        fields["rrule"] = normalise_rrule(fields["rrule"])
    with transaction.atomic():
        locked = Activiteit.objects.select_for_update().get(pk=activiteit.pk)
        gemeente_before = events.gemeente_of(locked.locatie)  # the activity may move
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_activiteit(locked)
        locked.save()
        result = bijeenkomsten_sync(activiteit=locked)
        events.locatie_changed(locked.locatie, gemeente_before=gemeente_before)
    for name in fields:
        setattr(activiteit, name, getattr(locked, name))
    activiteit.bijgewerkt = locked.bijgewerkt
    return result


def activiteit_dupliceer(*, activiteit: Activiteit) -> Activiteit:
    """A copy of an activity as a draft ("… (kopie)"), with the same schedule, place and
    details, to change before publishing. A draft has no occurrences yet, so no room is
    taken and nobody is told anything."""
    fields = {
        name: getattr(activiteit, name)
        for name in ACTIVITEIT_FIELDS - {
            "slug", "titel", "status", "laatst_bevestigd", "herinnering_verstuurd_voor", "afbeelding", "afbeelding_alt",
        }
    }
    fields["titel"] = _("%(titel)s (copy)") % {"titel": activiteit.titel}
    fields["status"] = ActiviteitStatus.CONCEPT
    return activiteit_create(**fields)


def bijeenkomst_boek_ruimte(*, bijeenkomst: Bijeenkomst, ruimte: Ruimte, alle: bool = False) -> Bijeenkomst:
    """Book ``ruimte`` for an occurrence at its own time: the occurrence takes the room
    and holds it with a confirmed reservation (the locaties exclusion constraint decides
    clashes, which are refused with ``ReserveringConflict`` naming them; nothing changes
    then). With ``alle`` the room becomes the activity's room, so every coming date takes
    it (dates moved to another room on purpose keep theirs), this one included.
    """
    with transaction.atomic():
        if alle:
            activiteit_update(activiteit=bijeenkomst.activiteit, ruimte=ruimte)
            bijeenkomst.refresh_from_db()
        if bijeenkomst.ruimte_id == ruimte.pk and bijeenkomst.reservering_id:
            return bijeenkomst
        return bijeenkomst_verplaats(bijeenkomst=bijeenkomst, start=bijeenkomst.start, eind=bijeenkomst.eind, ruimte=ruimte)
