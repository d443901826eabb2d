"""Background work of the activiteiten app: mail to registrants, to residents whose wish
was answered, the "loopt dit nog?" reminder to an organisation's members, and bringing the
occurrences in line after a school holiday changed.

Tasks receive primary keys, not objects: they run after the commit, possibly on another
machine, and must read the state that was committed.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.links import absolute_url
from locaties.models import Lidmaatschap

from .constants import ActiviteitStatus, WensStatus
from .models import Aanmelding, Activiteit, Wens
from .tokens import activiteit_bevestig_token

logger = logging.getLogger(__name__)


def _send(template: str, aanmelding: Aanmelding, **context) -> bool:
    if not aanmelding.email:
        # Registered by phone only: the organiser calls them (see SyncResult).
        return False
    context = {"aanmelding": aanmelding, "bijeenkomst": aanmelding.bijeenkomst,
               "activiteit": aanmelding.bijeenkomst.activiteit, **context}
    subject = render_to_string(f"activiteiten/email/{template}_subject.txt", context)
    body = render_to_string(f"activiteiten/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [aanmelding.email])
    return True


def _aanmeldingen(ids):
    return (
        Aanmelding.objects.filter(pk__in=ids)
        .select_related("bijeenkomst__activiteit__locatie", "bijeenkomst__ruimte")
        .order_by("pk")
    )


@task()
def mail_aanmelding_bevestiging(aanmelding_id: int, annuleer_url: str) -> bool:
    """Confirm a registration (or its place on the waiting list), with the cancel link."""
    aanmelding = _aanmeldingen([aanmelding_id]).first()
    if aanmelding is None:
        return False
    return _send("aanmelding_bevestiging", aanmelding, annuleer_url=annuleer_url)


@task()
def mail_aanmelding_van_wachtlijst(aanmelding_ids: list[int]) -> int:
    """Tell people promoted from the waiting list that they now have a place."""
    return sum(_send("aanmelding_van_wachtlijst", a) for a in _aanmeldingen(aanmelding_ids))


@task()
def mail_bijeenkomst_geannuleerd(aanmelding_ids: list[int]) -> int:
    """Tell registrants that their occurrence does not take place."""
    return sum(_send("bijeenkomst_geannuleerd", a) for a in _aanmeldingen(aanmelding_ids))


@task()
def mail_bijeenkomst_verplaatst(aanmelding_ids: list[int]) -> int:
    """Tell registrants the new time or room of their occurrence."""
    return sum(_send("bijeenkomst_verplaatst", a) for a in _aanmeldingen(aanmelding_ids))


def activiteit_bevestig_url(activiteit: Activiteit) -> str:
    """The one-click link of the reminder (the page belongs to the resident site)."""
    return absolute_url(f"/activiteiten/bevestigen/{activiteit_bevestig_token(activiteit)}")


@task()
def mail_activiteit_herinnering(activiteit_id: int, deadline: str) -> int:
    """Ask each member of the organiser (one mail each, so nobody sees another's address)
    whether the activity still runs before ``deadline`` (ISO date), with the one-click
    link and the link to the workspace. Sends nothing when the activity was confirmed,
    stopped or removed since the reminder was planned. Returns the number of mails."""
    activiteit = Activiteit.objects.select_related("organisator", "locatie").filter(pk=activiteit_id).first()
    if (activiteit is None or activiteit.status != ActiviteitStatus.GEPUBLICEERD
            or activiteit.bevestig_deadline.isoformat() != deadline):
        return 0
    adressen = sorted(set(
        Lidmaatschap.objects.filter(organisatie=activiteit.organisator, user__is_active=True)
        .exclude(user__email="").values_list("user__email", flat=True)
    ))
    context = {
        "activiteit": activiteit,
        "deadline": activiteit.bevestig_deadline,
        "bevestig_url": activiteit_bevestig_url(activiteit),
        "beheer_url": absolute_url(f"/beheer/{activiteit.organisator.slug}/activiteiten/{activiteit.slug}/"),
    }
    # Sent by the worker, not in answer to a request: in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("activiteiten/email/activiteit_herinnering_subject.txt", context).split())
        body = render_to_string("activiteiten/email/activiteit_herinnering.txt", context)
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [adres]) for adres in adressen])


@task()
def mail_wens_beantwoord(wens_id: int, buurt_url: str, activiteit_url: str = "") -> bool:
    """Tell the resident who left an e-mail address with a wish what its answer is:
    taken up (with the activity) or not feasible (with the reason)."""
    wens = Wens.objects.filter(pk=wens_id).select_related("buurt", "activiteit").first()
    if wens is None or not wens.contact_email or wens.status == WensStatus.NIEUW:
        return False
    context = {"wens": wens, "buurt_url": buurt_url, "activiteit_url": activiteit_url}
    subject = render_to_string("activiteiten/email/wens_beantwoord_subject.txt", context)
    body = render_to_string("activiteiten/email/wens_beantwoord.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [wens.contact_email])
    return True


@task()
def sync_na_schoolvakantie(regio: str, van: str, tot: str) -> str:
    """Bring the occurrences in line after a school holiday of ``regio`` between ``van``
    and ``tot`` (ISO dates) was added, corrected or removed."""
    # Imported here: the services import this module to queue their mail.
    from .services import bijeenkomsten_resync_schoolvakantie  # noqa: PLC0415 circular: the services enqueue these tasks

    summary, failed, _activiteiten = bijeenkomsten_resync_schoolvakantie(
        regio=regio, van=date.fromisoformat(van), tot=date.fromisoformat(tot)
    )
    for failure in failed:
        logger.warning("School holidays of %s changed, not synced: %s", regio, failure)
    return (f"{summary.created} created, {summary.updated} updated, {summary.deleted} deleted, "
            f"{len(summary.cancelled)} cancelled, {len(failed)} failed")
