"""The retention periods kept: one function erases every contact whose time is up.

Run daily: by the task worker (``ontmoeting.tasks.privacy_erase_expired``, which plans
its own next run) and, for installs that prefer cron, by ``manage.py
erase_expired_contact``. Each period is a setting, and the privacy page (``/privacy``)
reads the same settings, so what it promises is what runs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from activiteiten.services import aanmeldingen_erase_contact, wensen_erase_contact
from locaties.services import reserveringen_erase_contact


@dataclass(frozen=True)
class Retention:
    """The retention periods in days, as the settings give them."""

    aanmelding_days: int
    wens_days: int
    reservering_days: int


def retention_periods() -> Retention:
    """The periods the erasure applies and the privacy page states."""
    return Retention(
        aanmelding_days=settings.AANMELDING_RETENTION_DAYS,
        wens_days=settings.WENS_RETENTION_DAYS,
        reservering_days=settings.RESERVERING_RETENTION_DAYS,
    )


@dataclass(frozen=True)
class ErasedCounts:
    """How many rows lost their contact data in one run."""

    aanmeldingen: int
    wensen: int
    reserveringen: int

    def __str__(self):
        return (f"{self.aanmeldingen} registrations, {self.wensen} wishes and "
                f"{self.reserveringen} rentals erased")


@transaction.atomic
def expired_contact_erase() -> ErasedCounts:
    """Erase the contact data of registrations, wishes and rentals whose retention
    period (``retention_periods``) has passed, and their copies in the admin's history
    and the task queue. Safe to repeat: what was erased is not erased again."""
    return ErasedCounts(
        aanmeldingen=aanmeldingen_erase_contact(),
        wensen=wensen_erase_contact(),
        reserveringen=reserveringen_erase_contact(),
    )
