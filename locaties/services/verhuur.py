"""Rental requests as a whole: a tenant asks on the site for one date or a series, and
the board answers the whole request: approve (a series may skip its clashing dates),
decline with a reason, or change the price with a reason. The tenant follows and
cancels the request by the signed link in their mail, within the place's rule.

Each request gets one mail per step, after commit, with the tenant's link; the place's
members get one when a request comes in, with a link to it in the workspace.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.timezones import AMSTERDAM

from ..constants import ReserveringStatus
from ..models import Lidmaatschap, Reservering, Ruimte
from ..selectors_verhuur import Aanvraag, verhuur_aanvraag, verhuur_beschikbaarheid
from ..tokens import verhuur_token
from .reservering import ReserveringConflict, reservering_bevestig, reservering_create, reservering_serie_create


def verhuur_link(reservering: Reservering) -> str:
    """The tenant's link to their request (status and cancelling)."""
    return absolute_url(f"/huren/aanvraag/{verhuur_token(reservering)}")


def _inbox_link(reservering: Reservering) -> str:
    return absolute_url(f"/beheer/{reservering.ruimte.locatie.beheerder.slug}/verhuur/{reservering.pk}/")


def _mail(to: list[str], subject: str, body: str) -> None:
    to = [address for address in to if address]
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, None, to))


def _wanneer(reservering: Reservering) -> str:
    start = timezone.localtime(reservering.periode.lower, AMSTERDAM)
    eind = timezone.localtime(reservering.periode.upper, AMSTERDAM)
    return f"{date_format(start, 'l j F Y')} {start:%H:%M}–{eind:%H:%M}"


def _lijst(reserveringen) -> str:
    return "\n".join(f"- {_wanneer(r)}" for r in reserveringen)


@transaction.atomic
def verhuur_aanvraag_create(
    *,
    ruimte: Ruimte,
    momenten: list[tuple[datetime, datetime]],
    overslaan: set[date] = frozenset(),
    interval_weken: int = 0,
    huurder_naam: str,
    huurder_email: str = "",
    huurder_telefoon: str = "",
    huurder_categorie: str,
    doel: str,
    aantal_personen: int,
    opmerking: str = "",
    melden: bool = True,
) -> list[Reservering]:
    """Request ``ruimte`` on the dates ``momenten`` (one, or a series every
    ``interval_weken`` weeks), leaving out the local dates in ``overslaan``.

    Refused with ``ValidationError`` when there are more people than the room holds, or
    when a date left in is in the past, outside the opening hours, in a closure or
    clashes with a confirmed use (each with its reason). Mails the tenant their link and
    the place's members a link to the request; without ``melden`` nobody (the board
    enters a request it takes by phone, and approves it at once).
    """
    if aantal_personen is None or aantal_personen < 1:
        raise ValidationError({"aantal_personen": _("Say how many people come.")})
    if aantal_personen > ruimte.capaciteit:
        raise ValidationError({"aantal_personen": _(
            "%(room)s holds at most %(capacity)d people."
        ) % {"room": ruimte.naam, "capacity": ruimte.capaciteit}})
    if not doel.strip():
        raise ValidationError({"doel": _("Say what the room is for.")})
    gekozen = [(s, e) for s, e in momenten if timezone.localtime(s, AMSTERDAM).date() not in overslaan]
    if not gekozen:
        raise ValidationError(_("Every date is left out: there is nothing to request."), code="empty_series")
    niet = [d for d in verhuur_beschikbaarheid(ruimte=ruimte, momenten=gekozen) if not d.beschikbaar]
    if niet:
        regels = [
            f"{date_format(timezone.localtime(d.start, AMSTERDAM), 'l j F Y')}: {' '.join(d.redenen)}" for d in niet
        ]
        raise ValidationError(
            _("These dates are not available; leave them out or choose another time: %(list)s")
            % {"list": "; ".join(regels)},
            code="not_available",
        )
    velden = {
        "ruimte": ruimte, "huurder_naam": huurder_naam, "huurder_email": huurder_email,
        "huurder_telefoon": huurder_telefoon, "huurder_categorie": huurder_categorie,
        "opmerking": opmerking, "doel": doel, "aantal_personen": aantal_personen,
    }
    if interval_weken and len(momenten) > 1:
        reserveringen = reservering_serie_create(
            start=momenten[0][0], eind=momenten[0][1], aantal_weken=len(momenten),
            interval_weken=interval_weken, overslaan=overslaan, **velden,
        )
    else:
        start, eind = gekozen[0]
        reserveringen = [reservering_create(start=start, eind=eind, melden=False, **velden)]
    eerste = reserveringen[0]
    if not melden:
        return reserveringen
    totaal = sum((r.prijs for r in reserveringen), Decimal(0))
    _mail(
        [eerste.huurder_email],
        _("We received your request for %(room)s") % {"room": ruimte.naam},
        _(
            "Thank you. %(place)s received your request to rent %(room)s on:\n%(dates)s\n\n"
            "Price: € %(price)s in total. The place answers by mail.\n"
            "Follow or cancel your request here:\n%(link)s"
        ) % {
            "place": ruimte.locatie.naam, "room": ruimte.naam, "dates": _lijst(reserveringen),
            "price": totaal, "link": verhuur_link(eerste),
        },
    )
    leden = Lidmaatschap.objects.filter(organisatie_id=ruimte.locatie.beheerder_id).select_related("user")
    _mail(
        sorted({lid.user.email for lid in leden} | {ruimte.locatie.email}),
        _("New rental request for %(room)s") % {"room": ruimte},
        _(
            "%(who)s asks to rent %(room)s for %(purpose)s (%(people)d people) on:\n%(dates)s\n\n"
            "Price: € %(price)s in total. Answer the request here:\n%(link)s"
        ) % {
            "who": eerste.huurder_naam, "room": ruimte.naam, "purpose": eerste.doel,
            "people": aantal_personen, "dates": _lijst(reserveringen), "price": totaal,
            "link": _inbox_link(eerste),
        },
    )
    return reserveringen


@dataclass
class Besluit:
    """What approving a request did: the dates confirmed, and those skipped for a clash."""

    bevestigd: list[Reservering] = field(default_factory=list)
    overgeslagen: list[Reservering] = field(default_factory=list)


def _open_of(aanvraag: Aanvraag) -> list[Reservering]:
    pks = [r.pk for r in aanvraag.open]
    if not pks:
        raise ValidationError(_("This request has been answered already."), code="wrong_status")
    return list(
        Reservering.objects.select_for_update().select_related("ruimte__locatie")
        .filter(pk__in=pks, status=ReserveringStatus.AANGEVRAAGD).order_by("periode")
    )


@transaction.atomic
def verhuur_aanvraag_bevestig(*, reservering: Reservering, overslaan_conflicten: bool = False) -> Besluit:
    """Approve the request ``reservering`` belongs to: every date still asked for.

    The exclusion constraint decides each date (``reservering_bevestig``). Without
    ``overslaan_conflicten`` a clash refuses the whole request with
    ``ReserveringConflict`` (nothing is saved); with it the clashing dates are declined
    and the rest confirmed. The tenant gets one mail naming both.
    """
    aanvraag = verhuur_aanvraag(reservering=reservering)
    besluit = Besluit()
    for row in _open_of(aanvraag):
        try:
            besluit.bevestigd.append(reservering_bevestig(reservering=row, melden=False))
        except ReserveringConflict:
            if not overslaan_conflicten:
                raise
            row.status = ReserveringStatus.AFGEWEZEN
            row.besluit_reden = _("The room is already booked at that time.")
            row.save(update_fields=["status", "besluit_reden", "bijgewerkt"])
            besluit.overgeslagen.append(row)
    if not besluit.bevestigd:
        raise ReserveringConflict(_("Every date of this request clashes with a confirmed use of the room."), [])
    eerste = aanvraag.eerste
    body = _("%(place)s confirms your rental of %(room)s on:\n%(dates)s") % {
        "place": eerste.ruimte.locatie.naam, "room": eerste.ruimte.naam, "dates": _lijst(besluit.bevestigd),
    }
    if besluit.overgeslagen:
        body += "\n\n" + _("These dates could not be given, the room is already booked then:\n%(dates)s") % {
            "dates": _lijst(besluit.overgeslagen)
        }
    body += "\n\n" + _("Price: € %(price)s in total.\nSee or cancel your rental here:\n%(link)s") % {
        "price": sum((r.prijs or Decimal(0) for r in besluit.bevestigd), Decimal(0)), "link": verhuur_link(eerste),
    }
    _mail([eerste.huurder_email], _("Your rental of %(room)s is confirmed") % {"room": eerste.ruimte.naam}, body)
    return besluit


@transaction.atomic
def verhuur_aanvraag_afwijs(*, reservering: Reservering, reden: str) -> list[Reservering]:
    """Decline every date of the request still asked for, telling the tenant why."""
    if not reden.strip():
        raise ValidationError({"reden": _("Say why, so the tenant understands.")})
    aanvraag = verhuur_aanvraag(reservering=reservering)
    rows = _open_of(aanvraag)
    for row in rows:
        row.status = ReserveringStatus.AFGEWEZEN
        row.besluit_reden = reden.strip()
        row.save(update_fields=["status", "besluit_reden", "bijgewerkt"])
    eerste = aanvraag.eerste
    _mail(
        [eerste.huurder_email],
        _("Your rental request for %(room)s") % {"room": eerste.ruimte.naam},
        _("%(place)s cannot accept your request for:\n%(dates)s\n\nReason: %(reason)s\n\nSee your request here:\n%(link)s")
        % {
            "place": eerste.ruimte.locatie.naam, "dates": _lijst(rows), "reason": reden.strip(),
            "link": verhuur_link(eerste),
        },
    )
    return rows


@transaction.atomic
def verhuur_prijs_set(*, reservering: Reservering, prijs: Decimal, reden: str) -> list[Reservering]:
    """Set the price of each date of the request still asked for or confirmed to
    ``prijs`` instead of the tariff's, keeping the reason with each reservation."""
    if prijs is None or prijs < 0:
        raise ValidationError({"prijs": _("Give a price of € 0 or more.")})
    if not reden.strip():
        raise ValidationError({"reden": _("Say why the price differs from the tariff.")})
    aanvraag = verhuur_aanvraag(reservering=reservering)
    pks = [r.pk for r in aanvraag.reserveringen if r.status in (ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD)]
    if not pks:
        raise ValidationError(_("This request has no dates left to price."), code="wrong_status")
    rows = list(Reservering.objects.select_for_update().filter(pk__in=pks))
    for row in rows:
        row.prijs, row.prijs_reden = prijs, reden.strip()
        row.save(update_fields=["prijs", "prijs_reden", "bijgewerkt"])
    return rows


def verhuur_annuleren_tot(reservering: Reservering) -> datetime:
    """Until when the tenant may cancel this date by their link (the place's rule)."""
    return reservering.periode.lower - timedelta(hours=reservering.ruimte.locatie.annuleren_tot_uren)


@transaction.atomic
def verhuur_aanvraag_annuleer(*, reservering: Reservering) -> list[Reservering]:
    """The tenant cancels their request: every date asked for or confirmed that is still
    before the place's cancellation limit. Dates past the limit stay; when no date can
    be cancelled any more, ``ValidationError`` says until when it could."""
    aanvraag = verhuur_aanvraag(reservering=reservering)
    now = timezone.now()
    actief = [r for r in aanvraag.reserveringen if r.status in (ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD)]
    if not actief:
        raise ValidationError(_("There is nothing left to cancel in this request."), code="wrong_status")
    pks = [r.pk for r in actief if verhuur_annuleren_tot(r) > now]
    if not pks:
        raise ValidationError(
            _("You can cancel up to %(hours)d hours before the start. Please call or mail the place.")
            % {"hours": aanvraag.eerste.ruimte.locatie.annuleren_tot_uren},
            code="too_late",
        )
    rows = list(Reservering.objects.select_for_update().select_related("ruimte__locatie").filter(pk__in=pks).order_by("periode"))
    for row in rows:
        row.status = ReserveringStatus.GEANNULEERD
        row.save(update_fields=["status", "bijgewerkt"])
    eerste = aanvraag.eerste
    leden = Lidmaatschap.objects.filter(organisatie_id=eerste.ruimte.locatie.beheerder_id).select_related("user")
    _mail(
        sorted({lid.user.email for lid in leden} | {eerste.ruimte.locatie.email}),
        _("Rental cancelled: %(room)s") % {"room": eerste.ruimte},
        _("%(who)s cancelled these dates:\n%(dates)s\n\n%(link)s")
        % {"who": eerste.huurder_naam, "dates": _lijst(rows), "link": _inbox_link(eerste)},
    )
    _mail(
        [eerste.huurder_email],
        _("Your rental of %(room)s is cancelled") % {"room": eerste.ruimte.naam},
        _("These dates are cancelled:\n%(dates)s") % {"dates": _lijst(rows)},
    )
    return rows


@transaction.atomic
def verhuur_telefonisch_create(*, overslaan_conflicten: bool = False, **fields) -> Besluit:
    """A rental the board takes by phone: requested (``verhuur_aanvraag_create`` without
    its mails) and approved at once; the tenant gets the confirmation with their link.
    A clash refuses it all (``ReserveringConflict``, tenants named for the board)."""
    reserveringen = verhuur_aanvraag_create(melden=False, **fields)
    return verhuur_aanvraag_bevestig(reservering=reserveringen[0], overslaan_conflicten=overslaan_conflicten)


def verhuur_aanvraag_gezien(*, reservering: Reservering) -> None:
    """Note that the board opened the request (it moves from new to waiting)."""
    aanvraag = verhuur_aanvraag(reservering=reservering)
    eerste = aanvraag.eerste
    if eerste.gezien_op is None:
        Reservering.objects.filter(pk=eerste.pk).update(gezien_op=timezone.now())
        eerste.gezien_op = timezone.now()
