"""Writes of the vrijwilligers app: volunteers (sign-up, export, erasure), shifts and
who works them, weekly shifts, vacancies."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten.models import Bijeenkomst
from core.links import absolute_url
from core.privacy import copies_erase
from core.rules import is_platform_staff
from core.timezones import AMSTERDAM
from locaties.models import Buurt, Locatie, Organisatie
from locaties.rules import has_a_role

from ..constants import InzetStatus, Taak
from ..models import Dienst, Inzet, Vacature, Vrijwilliger
from ._common import (
    ACTIVE_INZET,
    ERASED_NAME,
    LATE_AFMELDING,
    MAX_HERHAAL_WEKEN,
    _coordinator_addresses,
    _mail_after_commit,
    _wanneer,
    vrijwilliger_link,
)


@transaction.atomic
def vrijwilliger_create(
    *,
    naam: str,
    toestemming_op: date | None,
    email: str = "",
    telefoon: str = "",
    organisaties: Iterable[Organisatie] = (),
    buurt: Buurt | None = None,
    talenten: Iterable[str] = (),
    beschikbaarheid: Iterable[str] = (),
    vog_datum: date | None = None,
    user=None,
    geaccepteerd: bool = True,
    voornaam_tonen: bool = False,
) -> Vrijwilliger:
    """Register a volunteer. Without the date they consented we may not keep their data."""
    if toestemming_op is None:
        raise ValidationError(
            {"toestemming_op": _("Record the date the volunteer agreed that we keep these data.")}
        )
    if toestemming_op > timezone.localdate():
        raise ValidationError({"toestemming_op": _("The consent date cannot be in the future.")})
    if not (email.strip() or telefoon.strip()):
        raise ValidationError(_("Give an e-mail address or a phone number, so the coordinator can reach the volunteer."))
    vrijwilliger = Vrijwilliger(
        naam=naam.strip(), email=email.strip(), telefoon=telefoon.strip(), buurt=buurt,
        talenten=list(talenten), beschikbaarheid=list(beschikbaarheid),
        toestemming_op=toestemming_op, vog_datum=vog_datum, user=user, voornaam_tonen=voornaam_tonen,
        geaccepteerd_op=timezone.now() if geaccepteerd else None,
    )
    vrijwilliger.full_clean()
    vrijwilliger.save()
    vrijwilliger.organisaties.set(organisaties)
    return vrijwilliger


@transaction.atomic
def dienst_create(
    *,
    locatie: Locatie,
    taak: str,
    start: datetime,
    eind: datetime,
    benodigd: int = 1,
    bijeenkomst: Bijeenkomst | None = None,
    omschrijving: str = "",
) -> Dienst:
    """Create a shift at a place; often tied to an occurrence (the host of an open inloop)."""
    if timezone.is_naive(start) or timezone.is_naive(eind):
        raise ValidationError(_("Start and end need a time zone."))
    if eind <= start:
        raise ValidationError({"eind": _("The shift must end after it starts.")})
    if benodigd is None or benodigd < 1:
        raise ValidationError({"benodigd": _("A shift needs at least one person.")})
    if taak not in Taak.values:
        raise ValidationError({"taak": _("Choose a task.")})
    if bijeenkomst is not None and bijeenkomst.activiteit.locatie_id != locatie.pk:
        raise ValidationError(
            {"bijeenkomst": _("This occurrence takes place at another location than the shift.")}
        )
    dienst = Dienst(
        locatie=locatie, taak=taak, start=start, eind=eind, benodigd=benodigd,
        bijeenkomst=bijeenkomst, omschrijving=omschrijving,
    )
    dienst.full_clean()
    dienst.save()
    return dienst


@transaction.atomic
def inzet_create(*, dienst: Dienst, vrijwilliger: Vrijwilliger, status: str = InzetStatus.INGEPLAND) -> Inzet:
    """Put a volunteer on a shift; refused when it is full or they are already on it.

    The shift's row is locked first, so two coordinators filling the last place at the
    same moment queue up and the second sees the shift full.
    """
    dienst = Dienst.objects.select_for_update().get(pk=dienst.pk)
    if vrijwilliger.gewist_op is not None:
        raise ValidationError(_("This volunteer's data have been erased."))
    if status not in (InzetStatus.INGEPLAND, InzetStatus.BEVESTIGD):
        raise ValidationError({"status": _("A new assignment is scheduled or confirmed.")})
    bestaand = Inzet.objects.filter(dienst=dienst, vrijwilliger=vrijwilliger).first()
    if bestaand is not None and bestaand.status != InzetStatus.AFGEMELD:
        raise ValidationError(
            _("%(name)s is already on this shift.") % {"name": vrijwilliger.naam}, code="inzet_dubbel"
        )
    bezet = Inzet.objects.filter(dienst=dienst, status__in=ACTIVE_INZET).count()
    if bezet >= dienst.benodigd:
        raise ValidationError(
            _("This shift is full: all %(n)d places are taken.") % {"n": dienst.benodigd},
            code="dienst_vol",
        )
    if bestaand is not None:
        # Someone who called off and comes back keeps one row (unique per shift).
        bestaand.status = status
        bestaand.full_clean()
        bestaand.save(update_fields=["status"])
        return bestaand
    inzet = Inzet(dienst=dienst, vrijwilliger=vrijwilliger, status=status)
    inzet.full_clean()
    inzet.save()
    return inzet


@transaction.atomic
def inzet_afmeld(*, inzet: Inzet) -> Inzet:
    """Call a volunteer off a shift; the place on the shift becomes free."""
    inzet = Inzet.objects.select_for_update().get(pk=inzet.pk)
    if inzet.status == InzetStatus.GEWERKT:
        raise ValidationError(_("This shift has been worked; it cannot be called off any more."))
    if inzet.status == InzetStatus.AFGEMELD:
        raise ValidationError(_("This volunteer has already called off."))
    inzet.status = InzetStatus.AFGEMELD
    inzet.uren = None
    inzet.save(update_fields=["status", "uren"])
    return inzet


@transaction.atomic
def vacature_create(*, organisatie: Organisatie, titel: str, beschrijving: str, taak: str, **fields) -> Vacature:
    """Create a volunteer vacancy, unpublished until ``vacature_publiceer``."""
    vacature = Vacature(organisatie=organisatie, titel=titel, beschrijving=beschrijving, taak=taak, **fields)
    if vacature.locatie_id and vacature.locatie.beheerder_id != organisatie.pk:
        raise ValidationError({"locatie": _("The place must be one of the organisation's own.")})
    vacature.full_clean()
    vacature.save()
    return vacature


@transaction.atomic
def vacature_publiceer(*, vacature: Vacature) -> Vacature:
    """Publish a vacancy: it shows on the public pages until its closing date."""
    if vacature.sluit_op is not None and vacature.sluit_op < timezone.localdate():
        raise ValidationError({"sluit_op": _("The closing date has passed; set a new one first.")})
    if not vacature.beschrijving.strip():
        raise ValidationError({"beschrijving": _("Describe the role before publishing it.")})
    vacature.gepubliceerd = True
    vacature.full_clean()
    vacature.save(update_fields=["gepubliceerd"])
    return vacature


def _iso(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def vrijwilliger_export(*, vrijwilliger: Vrijwilliger) -> dict:
    """Everything we keep about a volunteer, as plain JSON-ready data (right of access).

    Not atomic-write: it only reads, but lives here beside erasure, its counterpart.
    """
    inzetten = (
        vrijwilliger.inzetten.select_related("dienst__locatie").order_by("dienst__start")
    )
    return {
        "naam": vrijwilliger.naam,
        "email": vrijwilliger.email,
        "telefoon": vrijwilliger.telefoon,
        "account": vrijwilliger.user.get_username() if vrijwilliger.user_id else None,
        "buurt": vrijwilliger.buurt.naam if vrijwilliger.buurt_id else None,
        "organisaties": [o.naam for o in vrijwilliger.organisaties.order_by("naam")],
        "talenten": list(vrijwilliger.talenten),
        "beschikbaarheid": list(vrijwilliger.beschikbaarheid),
        "toestemming_op": _iso(vrijwilliger.toestemming_op),
        "vog_datum": _iso(vrijwilliger.vog_datum),
        "voornaam_tonen": vrijwilliger.voornaam_tonen,
        "actief_op": _iso(vrijwilliger.actief_op),
        "bewaarvraag_op": _iso(vrijwilliger.bewaarvraag_op),
        "aangemaakt": _iso(vrijwilliger.aangemaakt),
        "geaccepteerd_op": _iso(vrijwilliger.geaccepteerd_op),
        "inzetten": [
            {
                "locatie": inzet.dienst.locatie.naam,
                "taak": inzet.dienst.taak,
                "start": _iso(inzet.dienst.start),
                "eind": _iso(inzet.dienst.eind),
                "status": inzet.status,
                "uren": str(inzet.uren) if inzet.uren is not None else None,
            }
            for inzet in inzetten
        ],
        "losse_inzetten": [
            {"locatie": losse.locatie.naam, "taak": losse.taak, "datum": _iso(losse.datum), "uren": str(losse.uren)}
            for losse in vrijwilliger.losse_inzetten.select_related("locatie").order_by("datum", "pk")
        ],
    }


def _account_only_for_volunteering(user) -> bool:
    """Whether an account exists only for volunteering: no role in an organisation or a
    gemeente, not platform staff. Such an account goes with the volunteer's data; any
    other stays, since the person keeps that role."""
    return not (is_platform_staff | has_a_role).test(user)


@transaction.atomic
def vrijwilliger_erase(*, vrijwilliger: Vrijwilliger) -> Vrijwilliger:
    """Erase a volunteer's personal data (right to erasure).

    The row stays, stripped of everything that points to the person, so hours worked
    still count in a place's reports. Future shifts lose them, so the roster shows the
    gap and a coordinator can find someone else. An account that exists only for
    volunteering is deleted (with its API tokens and sessions' worth of rights); an
    account with another role is only unlinked. The name, e-mail address and phone
    number (and the account's names) also go from the admin's history and the task queue.
    """
    vrijwilliger = Vrijwilliger.objects.select_for_update().get(pk=vrijwilliger.pk)
    values = [vrijwilliger.naam, vrijwilliger.email, vrijwilliger.telefoon]
    inzet_pks = list(vrijwilliger.inzetten.values_list("pk", flat=True))
    Inzet.objects.filter(vrijwilliger=vrijwilliger, dienst__start__gt=timezone.now()).delete()
    user = vrijwilliger.user
    vrijwilliger.naam = ERASED_NAME
    vrijwilliger.email = ""
    vrijwilliger.telefoon = ""
    vrijwilliger.user = None
    vrijwilliger.buurt = None
    vrijwilliger.talenten = []
    vrijwilliger.beschikbaarheid = []
    vrijwilliger.vog_datum = None
    vrijwilliger.voornaam_tonen = False
    vrijwilliger.gewist_op = timezone.now()
    vrijwilliger.full_clean()
    vrijwilliger.save()
    objects = {Vrijwilliger: [vrijwilliger.pk], Inzet: inzet_pks}
    if user is not None and _account_only_for_volunteering(user):
        values += [user.get_username(), user.email, user.first_name, user.last_name, user.get_full_name()]
        objects[type(user)] = [user.pk]
        user.delete()
    copies_erase(values=values, objects=objects)
    return vrijwilliger


@transaction.atomic
def vrijwilliger_registreer(
    *,
    vacature: Vacature,
    naam: str,
    toestemming: bool,
    email: str = "",
    telefoon: str = "",
    buurt: Buurt | None = None,
    talenten: Iterable[str] = (),
    beschikbaarheid: Iterable[str] = (),
    vog_datum: date | None = None,
    voornaam_tonen: bool = False,
) -> Vrijwilliger:
    """A resident signs up to help through a published vacancy ("Ik wil helpen").

    Consent is explicit and its date (today) is kept. The volunteer works for the
    vacancy's organisation; they get their signed personal link by mail (if they left an
    address), and the organisation's coordinators hear of the new volunteer.
    """
    if not vacature.gepubliceerd or (vacature.sluit_op is not None and vacature.sluit_op < timezone.localdate()):
        raise ValidationError(_("This vacancy is not open any more."))
    if not toestemming:
        raise ValidationError({"toestemming_op": _("Agree to the privacy statement, or we may not keep your data.")})
    vrijwilliger = vrijwilliger_create(
        naam=naam, email=email, telefoon=telefoon, buurt=buurt, talenten=talenten,
        beschikbaarheid=beschikbaarheid, vog_datum=vog_datum, toestemming_op=timezone.localdate(),
        organisaties=[vacature.organisatie], geaccepteerd=False, voornaam_tonen=voornaam_tonen,
    )
    values = {"naam": vrijwilliger.naam, "organisatie": vacature.organisatie.naam, "vacature": vacature.titel}
    if vrijwilliger.email:
        _mail_after_commit(
            to=[vrijwilliger.email],
            subject=_("Thank you for helping %(organisatie)s") % values,
            body=_(
                "Dear %(naam)s,\n\nThank you for signing up to help %(organisatie)s (%(vacature)s).\n"
                "A coordinator looks at your sign-up and gets in touch with you soon.\n"
                "Your personal page is behind this link. Once you are accepted, you see the open shifts there, "
                "take one, see your own shifts and add them to your calendar. You can erase your data there "
                "at any time:\n%(link)s\n\n"
                "Keep this link to yourself: whoever has it can see your shifts. You do not need a password.\n"
            ) % {**values, "link": vrijwilliger_link(vrijwilliger)},
        )
    _mail_after_commit(
        to=_coordinator_addresses([vacature.organisatie_id]),
        subject=_("New volunteer: %(naam)s") % values,
        body=_(
            "Hello,\n\n%(naam)s signed up to help through the vacancy “%(vacature)s”.\n"
            "Accept or decline the sign-up on the volunteers page of the workspace:\n%(link)s\n"
        ) % {**values, "link": absolute_url(f"/beheer/{vacature.organisatie.slug}/vrijwilligers/")},
    )
    return vrijwilliger


def _check_takes(dienst: Dienst, vrijwilliger: Vrijwilliger) -> None:
    if vrijwilliger.geaccepteerd_op is None:
        raise ValidationError(_("A coordinator first looks at your sign-up; then you can take shifts."),
                              code="niet_geaccepteerd")
    if dienst.start <= timezone.now():
        raise ValidationError(_("This shift has already started."), code="dienst_begonnen")
    if dienst.bijeenkomst_id and dienst.bijeenkomst.geannuleerd:
        raise ValidationError(_("This shift's date has been cancelled."), code="dienst_geannuleerd")
    if not vrijwilliger.organisaties.filter(pk=dienst.locatie.beheerder_id).exists():
        raise ValidationError(_("This shift is at a place you do not volunteer for."), code="dienst_elders")


def inzet_create_door_vrijwilliger(*, dienst: Dienst, vrijwilliger: Vrijwilliger) -> Inzet:
    """A volunteer takes a place on a shift from their own page: a coming shift, not
    cancelled, at a place of an organisation they volunteer for. ``inzet_create`` locks
    the shift, so it is never filled beyond what it needs."""
    dienst = Dienst.objects.select_related("locatie", "bijeenkomst").get(pk=dienst.pk)
    _check_takes(dienst, vrijwilliger)
    return inzet_create(dienst=dienst, vrijwilliger=vrijwilliger)


@transaction.atomic
def inzet_afmeld_door_vrijwilliger(*, inzet: Inzet) -> Inzet:
    """A volunteer gives a shift back from their own page. The coordinators are told;
    within 24 hours of the start the mail says it is late, so they act at once."""
    dienst = Dienst.objects.select_related("locatie").get(pk=inzet.dienst_id)
    if dienst.start <= timezone.now():
        raise ValidationError(_("This shift has already started; call the coordinator instead."))
    inzet = inzet_afmeld(inzet=inzet)
    laat = dienst.start - timezone.now() < LATE_AFMELDING
    values = {"naam": inzet.vrijwilliger.naam, "taak": dienst.get_taak_display(), "locatie": dienst.locatie.naam,
              "wanneer": _wanneer(dienst)}
    subject = (_("Late cancellation: %(naam)s, %(wanneer)s") if laat
               else _("Cancellation: %(naam)s, %(wanneer)s")) % values
    body = _("Hello,\n\n%(naam)s gave back the shift %(taak)s at %(locatie)s on %(wanneer)s.\n") % values
    if laat:
        body += _("This is within 24 hours of the start: please find someone else soon.\n")
    _mail_after_commit(to=_coordinator_addresses([dienst.locatie.beheerder_id]), subject=subject, body=body)
    inzet.laat = laat
    return inzet


@transaction.atomic
def diensten_create(
    *,
    locatie: Locatie,
    taak: str,
    datum: date,
    begintijd: time,
    eindtijd: time,
    benodigd: int = 1,
    omschrijving: str = "",
    weken: int = 1,
) -> list[Dienst]:
    """Create a shift on ``datum``, and the same shift every week after it for ``weken``
    weeks in all. Times are wall-clock Amsterdam: a 10:00 shift stays 10:00 across
    daylight-saving changes."""
    if weken is None or not 1 <= weken <= MAX_HERHAAL_WEKEN:
        raise ValidationError({"weken": _("Repeat for 1 to %(n)d weeks.") % {"n": MAX_HERHAAL_WEKEN}})
    if eindtijd <= begintijd:
        raise ValidationError({"eind": _("The shift must end after it starts.")})
    diensten = []
    for week in range(weken):
        dag = datum + timedelta(weeks=week)
        diensten.append(dienst_create(
            locatie=locatie, taak=taak, benodigd=benodigd, omschrijving=omschrijving,
            start=datetime.combine(dag, begintijd, tzinfo=AMSTERDAM),
            eind=datetime.combine(dag, eindtijd, tzinfo=AMSTERDAM),
        ))
    return diensten


@transaction.atomic
def vrijwilliger_accepteer(*, vrijwilliger: Vrijwilliger) -> Vrijwilliger:
    """A coordinator accepts a sign-up from the site: the volunteer can now take shifts and
    be put on them, and is told so by mail with their personal link."""
    vrijwilliger = Vrijwilliger.objects.select_for_update().get(pk=vrijwilliger.pk)
    if vrijwilliger.gewist_op is not None:
        raise ValidationError(_("This volunteer's data have been erased."))
    if vrijwilliger.geaccepteerd_op is not None:
        raise ValidationError(_("%(naam)s is already accepted.") % {"naam": vrijwilliger.naam})
    vrijwilliger.geaccepteerd_op = timezone.now()
    vrijwilliger.save(update_fields=["geaccepteerd_op"])
    _mail_after_commit(
        to=[vrijwilliger.email],
        subject=_("Welcome as a volunteer"),
        body=_("Dear %(naam)s,\n\nYou are welcome as a volunteer. On your page you now see the open shifts "
               "and take one:\n%(link)s\n") % {"naam": vrijwilliger.naam, "link": vrijwilliger_link(vrijwilliger)},
    )
    return vrijwilliger


@transaction.atomic
def vrijwilliger_afwijs(*, vrijwilliger: Vrijwilliger) -> Vrijwilliger:
    """A coordinator declines a sign-up from the site: the volunteer is thanked by mail and
    their data are erased at once (``vrijwilliger_erase``), since there is no reason to keep them."""
    if vrijwilliger.geaccepteerd_op is not None:
        raise ValidationError(_("%(naam)s is already accepted; erase their data instead.") % {"naam": vrijwilliger.naam})
    _mail_after_commit(
        to=[vrijwilliger.email],
        subject=_("Your sign-up as a volunteer"),
        body=_("Dear %(naam)s,\n\nThank you for wanting to help. We cannot place you at the moment, so we "
               "have erased your data. You are welcome to sign up again later.\n") % {"naam": vrijwilliger.naam},
    )
    return vrijwilliger_erase(vrijwilliger=vrijwilliger)


@transaction.atomic
def vrijwilliger_voornaam_tonen(*, vrijwilliger: Vrijwilliger, tonen: bool) -> Vrijwilliger:
    """The volunteer agrees (or no longer agrees) that the public pages and the API say
    their first name while they host an open inloop."""
    vrijwilliger = Vrijwilliger.objects.select_for_update().get(pk=vrijwilliger.pk)
    if vrijwilliger.gewist_op is not None:
        raise ValidationError(_("This volunteer's data have been erased."))
    vrijwilliger.voornaam_tonen = bool(tonen)
    vrijwilliger.save(update_fields=["voornaam_tonen"])
    return vrijwilliger


def vrijwilliger_actief(*, vrijwilliger: Vrijwilliger) -> Vrijwilliger:
    """The volunteer used their page (followed the link or acted there): noted once a day,
    and it answers the retention question (``vrijwilligers_bewaarvraag``), so they are
    not erased."""
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    if vrijwilliger.bewaarvraag_op is None and vrijwilliger.actief_op is not None and (
            timezone.localdate(vrijwilliger.actief_op) == vandaag):
        return vrijwilliger
    # One UPDATE, no lock: two page views at once write the same values.
    Vrijwilliger.objects.filter(pk=vrijwilliger.pk, gewist_op__isnull=True).update(actief_op=nu, bewaarvraag_op=None)
    vrijwilliger.actief_op, vrijwilliger.bewaarvraag_op = nu, None
    return vrijwilliger
