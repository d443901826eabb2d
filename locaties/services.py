"""Writes of the locaties app: places, photos, rooms' reservations, memberships,
opening hours and closures.

Every function is keyword-only, atomic, validates with ``full_clean()`` and raises
``ValidationError`` with a message people can act on. Mail goes out only after commit.
"""

import io
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from psycopg import errors as pg_errors

from .constants import ReserveringSoort, ReserveringStatus, Rol, TariefCategorie
from .geo import buurt_for_point
from .models import (
    Gemeente,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    LocatieFoto,
    Openingstijd,
    Organisatie,
    Reservering,
    Ruimte,
    Sluiting,
    Tarief,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EXCLUSION_CONSTRAINT = "reservering_no_overlap_when_confirmed"


class ReserveringConflict(ValidationError):
    """A reservation clashes with confirmed reservations of the same room.

    ``conflicten`` holds the clashing reservations so callers (the API answers 409) can
    name them.
    """

    def __init__(self, message, conflicten: Iterable[Reservering] = ()):
        super().__init__(message, code="reservering_conflict")
        self.conflicten = list(conflicten)


# --- small helpers ---------------------------------------------------------------


def _unique_slug(model, naam: str, *, exclude_pk=None) -> str:
    base = slugify(naam)[:190] or "locatie"
    slug, number = base, 2
    taken = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _normalise_postcode(postcode: str) -> str:
    compact = postcode.replace(" ", "").upper()
    # Stored as "6211 AB", the way it is printed on letters.
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else postcode.strip().upper()


def _mail_after_commit(*, to: str, subject: str, body: str) -> None:
    # A rolled-back transaction must not have told anyone anything.
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


def _format_moment(moment: datetime) -> str:
    return date_format(timezone.localtime(moment, AMSTERDAM), "l j F Y H:i")


def _describe(reservering: Reservering) -> str:
    lower, upper = reservering.periode.lower, reservering.periode.upper
    wie = reservering.huurder_naam or _("an activity")
    return _("%(start)s–%(end)s (%(who)s)") % {
        "start": _format_moment(lower),
        "end": f"{timezone.localtime(upper, AMSTERDAM):%H:%M}",
        "who": wie,
    }


# --- places ----------------------------------------------------------------------


@transaction.atomic
def organisatie_create(*, naam: str, soort: str, **fields) -> Organisatie:
    """Create an organisation with a unique slug derived from its name."""
    organisatie = Organisatie(naam=naam, soort=soort, slug=_unique_slug(Organisatie, naam), **fields)
    organisatie.full_clean()
    organisatie.save()
    return organisatie


@transaction.atomic
def locatie_create(
    *,
    beheerder: Organisatie,
    naam: str,
    soort: str,
    straat: str,
    plaats: str,
    lat: float,
    lon: float,
    huisnummer: str = "",
    postcode: str = "",
    **fields,
) -> Locatie:
    """Create a meeting place; its slug comes from the name, its buurt from its point.

    A point outside every known buurt is allowed (the buurt stays empty): boundaries
    may not have been imported yet, and coverage simply ignores such a place.
    """
    fields.pop("buurt", None)  # never trusted from input: always derived from the point
    locatie = Locatie(
        beheerder=beheerder,
        naam=naam,
        slug=fields.pop("slug", None) or _unique_slug(Locatie, naam),
        soort=soort,
        straat=straat,
        huisnummer=huisnummer,
        postcode=_normalise_postcode(postcode) if postcode else "",
        plaats=plaats,
        lat=lat,
        lon=lon,
        **fields,
    )
    locatie.full_clean()
    locatie.buurt = buurt_for_point(lat, lon)
    locatie.save()
    return locatie


@transaction.atomic
def locatie_update(*, locatie: Locatie, **fields) -> Locatie:
    """Change a place's fields; when its point moves, its buurt is derived again.

    The slug stays as it is when the name changes, so links people saved keep working.
    """
    unknown = set(fields) - {f.name for f in Locatie._meta.concrete_fields} | (
        set(fields) & {"id", "buurt", "aangemaakt", "bijgewerkt"}
    )
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    old_point = (locatie.lat, locatie.lon)
    if fields.get("postcode"):
        fields["postcode"] = _normalise_postcode(fields["postcode"])
    for name, value in fields.items():
        setattr(locatie, name, value)
    locatie.full_clean()
    if (locatie.lat, locatie.lon) != old_point or locatie.buurt_id is None:
        locatie.buurt = buurt_for_point(locatie.lat, locatie.lon)
    locatie.save()
    return locatie


def locatie_derive_buurt(*, locatie: Locatie) -> None:
    """Set the place's buurt from its point, without saving (the admin saves itself)."""
    locatie.buurt = buurt_for_point(locatie.lat, locatie.lon)


# --- photos ----------------------------------------------------------------------

FOTO_MAX_PIXELS = 20_000_000
FOTO_MAX_SIDE = 1600
FOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}


def _open_verified_image(bestand) -> Image.Image:
    try:
        bestand.seek(0)
        with Image.open(bestand) as probe:
            # The header tells the size before any pixel is decoded: a decompression
            # bomb is refused without spending the memory.
            width, height = probe.size
            image_format = probe.format
            if width * height > FOTO_MAX_PIXELS:
                raise ValidationError(
                    _("This photo is too large (%(mp)d megapixels). Please upload at most %(max)d megapixels.")
                    % {"mp": round(width * height / 1_000_000), "max": FOTO_MAX_PIXELS // 1_000_000},
                    code="foto_too_large",
                )
            probe.verify()
        if image_format not in FOTO_FORMATS:
            raise ValidationError(
                _("Please upload a JPEG, PNG, WebP or GIF photo."), code="foto_format"
            )
        bestand.seek(0)
        image = Image.open(bestand)
        image.load()
        return image
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a photo we can read. Please upload a JPEG, PNG or WebP image."),
            code="foto_invalid",
        ) from None


def locatiefoto_process(*, bestand) -> ContentFile:
    """A web-ready copy of an uploaded photo: verified, at most 1600 px, JPEG without metadata.

    Re-encoding drops EXIF, including the GPS position phones write into photos, which
    could reveal where someone lives. The orientation EXIF carried is applied to the
    pixels first, so the photo still stands upright. Raises ValidationError for files
    that are not images or are too large to decode safely.
    """
    image = _open_verified_image(bestand)
    image = ImageOps.exif_transpose(image)
    image.thumbnail((FOTO_MAX_SIDE, FOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        # JPEG has no transparency: put transparent parts on white, not black.
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    # No exif= and no icc_profile= argument: Pillow writes no metadata at all.
    image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex[:16]}.jpg")


@transaction.atomic
def locatiefoto_create(*, locatie: Locatie, bestand, alt_tekst: str, volgorde: int = 0) -> LocatieFoto:
    """Store a photo of a place with its text alternative (required); see locatiefoto_process."""
    alt_tekst = (alt_tekst or "").strip()
    if not alt_tekst:
        raise ValidationError(
            {"alt_tekst": _("Describe what the photo shows, for people who cannot see it.")}
        )
    schoon = locatiefoto_process(bestand=bestand)
    foto = LocatieFoto(locatie=locatie, alt_tekst=alt_tekst, volgorde=volgorde)
    foto.afbeelding.save(f"{locatie.slug}-{schoon.name}", schoon, save=False)
    try:
        foto.full_clean()
        foto.save()
    except Exception:
        # The file is already in storage; do not leave it orphaned.
        foto.afbeelding.delete(save=False)
        raise
    return foto


# --- reservations ----------------------------------------------------------------


def _check_period(*, start: datetime, eind: datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(eind):
        raise ValidationError(_("Start and end need a time zone."), code="naive_datetime")
    if eind <= start:
        raise ValidationError({"eind": _("The end must be after the start.")}, code="end_before_start")


def reservering_prijs(*, ruimte: Ruimte, start: datetime, eind: datetime, huurder_categorie: str) -> Decimal:
    """The rental price: real hours × the room's hourly price for the category, at least the minimum.

    Hours are measured in real time, so a night across a daylight-saving change costs
    what it lasts. Rounded half up to cents.
    """
    try:
        tarief = ruimte.tarieven.get(categorie=huurder_categorie)
    except Tarief.DoesNotExist:
        raise ValidationError(
            {
                "huurder_categorie": _("%(room)s has no tariff for %(category)s.")
                % {"room": ruimte, "category": TariefCategorie(huurder_categorie).label}
            },
            code="no_tariff",
        ) from None
    uren = Decimal((eind - start) // timedelta(seconds=1)) / Decimal(3600)
    bedrag = max(uren * tarief.prijs_per_uur, tarief.minimum_bedrag)
    return bedrag.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _build_rental(
    *,
    ruimte: Ruimte,
    start: datetime,
    eind: datetime,
    huurder_naam: str,
    huurder_email: str,
    huurder_telefoon: str,
    huurder_categorie: str,
    opmerking: str,
    serie: uuid.UUID | None = None,
) -> Reservering:
    _check_period(start=start, eind=eind)
    if not ruimte.verhuurbaar:
        raise ValidationError(
            {"ruimte": _("%(room)s is not for rent.") % {"room": ruimte}}, code="not_for_rent"
        )
    if not huurder_naam.strip():
        raise ValidationError({"huurder_naam": _("Please give the tenant's name.")})
    if not (huurder_email.strip() or huurder_telefoon.strip()):
        raise ValidationError(
            _("Please give an e-mail address or a phone number, so the place can answer."),
            code="no_contact",
        )
    if huurder_categorie not in TariefCategorie.values:
        raise ValidationError({"huurder_categorie": _("Choose a tenant category.")})
    if start <= timezone.now():
        raise ValidationError({"start": _("A rental can only be requested for a time in the future.")})
    reservering = Reservering(
        ruimte=ruimte,
        soort=ReserveringSoort.VERHUUR,
        periode=DateTimeTZRange(start, eind, "[)"),
        bezet=occupied_range(ruimte=ruimte, start=start, eind=eind),
        status=ReserveringStatus.AANGEVRAAGD,
        huurder_naam=huurder_naam.strip(),
        huurder_email=huurder_email.strip(),
        huurder_telefoon=huurder_telefoon.strip(),
        huurder_categorie=huurder_categorie,
        prijs=reservering_prijs(ruimte=ruimte, start=start, eind=eind, huurder_categorie=huurder_categorie),
        serie=serie,
        opmerking=opmerking,
    )
    # The exclusion constraint is checked by PostgreSQL when confirming; full_clean
    # would only duplicate that query now.
    reservering.full_clean(validate_constraints=False)
    return reservering


def _conflict_message(conflicten: list[Reservering]) -> str:
    return _("The room is already booked at that time: %(list)s.") % {
        "list": "; ".join(_describe(r) for r in conflicten)
    }


@transaction.atomic
def reservering_aanvraag(
    *,
    ruimte: Ruimte,
    start: datetime,
    eind: datetime,
    huurder_naam: str,
    huurder_email: str = "",
    huurder_telefoon: str = "",
    huurder_categorie: str,
    opmerking: str = "",
) -> Reservering:
    """Request a rental of a room; the price comes from the room's tariff.

    A request that already clashes with a confirmed reservation is refused at once
    with ``ReserveringConflict``; requests may overlap each other, confirmation decides.
    """
    reservering = _build_rental(
        ruimte=ruimte, start=start, eind=eind, huurder_naam=huurder_naam,
        huurder_email=huurder_email, huurder_telefoon=huurder_telefoon,
        huurder_categorie=huurder_categorie, opmerking=opmerking,
    )
    conflicten = list(reservering_conflicts(ruimte=ruimte, start=start, eind=eind))
    if conflicten:
        raise ReserveringConflict(_conflict_message(conflicten), conflicten)
    reservering.save()
    _mail_after_commit(
        to=ruimte.locatie.email,
        subject=_("New rental request for %(room)s") % {"room": ruimte},
        body=_("%(who)s asks to rent %(room)s on %(when)s. Price: € %(price)s.")
        % {"who": reservering.huurder_naam, "room": ruimte, "when": _describe(reservering), "price": reservering.prijs},
    )
    return reservering


@transaction.atomic
def reservering_serie_aanvraag(
    *,
    ruimte: Ruimte,
    start: datetime,
    eind: datetime,
    aantal_weken: int,
    huurder_naam: str,
    huurder_email: str = "",
    huurder_telefoon: str = "",
    huurder_categorie: str,
    opmerking: str = "",
) -> list[Reservering]:
    """Request a weekly rental: ``aantal_weken`` reservations sharing one ``serie`` UUID.

    Wall-clock times stay the same in Europe/Amsterdam across daylight-saving changes
    (every Tuesday 19:00–21:00, summer and winter). All or nothing: if any week clashes
    with a confirmed reservation, nothing is created and the clashing dates are named.
    """
    if not 1 <= aantal_weken <= 52:
        raise ValidationError({"aantal_weken": _("A series runs from 1 to 52 weeks.")})
    _check_period(start=start, eind=eind)
    serie = uuid.uuid4()
    local_start = start.astimezone(AMSTERDAM).replace(tzinfo=None)
    local_eind = eind.astimezone(AMSTERDAM).replace(tzinfo=None)
    reserveringen, clashes = [], []
    for week in range(aantal_weken):
        week_start = (local_start + timedelta(weeks=week)).replace(tzinfo=AMSTERDAM)
        week_eind = (local_eind + timedelta(weeks=week)).replace(tzinfo=AMSTERDAM)
        reservering = _build_rental(
            ruimte=ruimte, start=week_start, eind=week_eind, huurder_naam=huurder_naam,
            huurder_email=huurder_email, huurder_telefoon=huurder_telefoon,
            huurder_categorie=huurder_categorie, opmerking=opmerking, serie=serie,
        )
        clashes += reservering_conflicts(ruimte=ruimte, start=week_start, eind=week_eind)
        reserveringen.append(reservering)
    if clashes:
        raise ReserveringConflict(_conflict_message(clashes), clashes)
    Reservering.objects.bulk_create(reserveringen)
    return reserveringen


def _locked(reservering: Reservering) -> Reservering:
    return Reservering.objects.select_for_update().select_related("ruimte__locatie").get(pk=reservering.pk)


def _require_status(reservering: Reservering, allowed: set[str], action: str) -> None:
    if reservering.status not in allowed:
        raise ValidationError(
            _("A reservation that is %(status)s cannot be %(action)s.")
            % {"status": reservering.get_status_display().lower(), "action": action},
            code="wrong_status",
        )


@transaction.atomic
def reservering_bevestig(*, reservering: Reservering) -> Reservering:
    """Confirm a requested reservation.

    No check-then-write here: PostgreSQL's exclusion constraint decides, so two
    managers confirming clashing requests at the same moment cannot both succeed. Its
    violation becomes ``ReserveringConflict`` naming the reservation(s) in the way.
    """
    locked = _locked(reservering)
    _require_status(locked, {ReserveringStatus.AANGEVRAAGD}, _("confirmed"))
    start, eind = locked.periode.lower, locked.periode.upper
    # The room's changeover time may have changed since the request.
    locked.bezet = occupied_range(ruimte=locked.ruimte, start=start, eind=eind)
    locked.status = ReserveringStatus.BEVESTIGD
    try:
        with transaction.atomic():
            locked.save(update_fields=["status", "bezet", "bijgewerkt"])
    except IntegrityError as error:
        cause = error.__cause__
        if not (
            isinstance(cause, pg_errors.ExclusionViolation)
            and cause.diag.constraint_name == EXCLUSION_CONSTRAINT
        ):
            raise
        # The clashing transaction has committed by now (PostgreSQL waited for it),
        # so this fresh query sees it.
        conflicten = list(
            reservering_conflicts(ruimte=locked.ruimte, start=start, eind=eind, exclude_ids=[locked.pk])
        )
        raise ReserveringConflict(_conflict_message(conflicten), conflicten) from error
    reservering.status, reservering.bezet = locked.status, locked.bezet
    _mail_after_commit(
        to=locked.huurder_email,
        subject=_("Your reservation of %(room)s is confirmed") % {"room": locked.ruimte},
        body=_("Your reservation on %(when)s is confirmed. Price: € %(price)s.")
        % {"when": _describe(locked), "price": locked.prijs},
    )
    return locked


@transaction.atomic
def reservering_afwijs(*, reservering: Reservering, reden: str = "") -> Reservering:
    """Decline a requested reservation, optionally telling the tenant why."""
    locked = _locked(reservering)
    _require_status(locked, {ReserveringStatus.AANGEVRAAGD}, _("declined"))
    locked.status = ReserveringStatus.AFGEWEZEN
    locked.save(update_fields=["status", "bijgewerkt"])
    reservering.status = locked.status
    _mail_after_commit(
        to=locked.huurder_email,
        subject=_("Your reservation request for %(room)s") % {"room": locked.ruimte},
        body=_("We cannot accept your request for %(when)s.") % {"when": _describe(locked)}
        + (f"\n\n{reden}" if reden else ""),
    )
    return locked


@transaction.atomic
def reservering_annuleer(*, reservering: Reservering) -> Reservering:
    """Cancel a requested or confirmed reservation; the room is free again at once."""
    locked = _locked(reservering)
    _require_status(
        locked, {ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD}, _("cancelled")
    )
    locked.status = ReserveringStatus.GEANNULEERD
    locked.save(update_fields=["status", "bijgewerkt"])
    reservering.status = locked.status
    _mail_after_commit(
        to=locked.huurder_email,
        subject=_("Your reservation of %(room)s is cancelled") % {"room": locked.ruimte},
        body=_("The reservation on %(when)s is cancelled.") % {"when": _describe(locked)},
    )
    return locked


def occupied_range(*, ruimte: Ruimte, start: datetime, eind: datetime) -> DateTimeTZRange:
    """The time a use of the room blocks it: the use itself plus the room's changeover time."""
    return DateTimeTZRange(start, eind + timedelta(minutes=ruimte.wisseltijd_minuten), "[)")


def reservering_conflicts(
    *, ruimte: Ruimte, start: datetime, eind: datetime, exclude_ids=()
) -> QuerySet[Reservering]:
    """Confirmed reservations of the room that a use from start to eind would clash with."""
    return (
        Reservering.objects.filter(
            ruimte=ruimte,
            status=ReserveringStatus.BEVESTIGD,
            bezet__overlap=occupied_range(ruimte=ruimte, start=start, eind=eind),
        )
        .exclude(pk__in=exclude_ids)
        .order_by("periode")
    )


# --- memberships -----------------------------------------------------------------


@transaction.atomic
def lidmaatschap_create(*, user, organisatie: Organisatie, rol: str) -> Lidmaatschap:
    """Give a user a role (bestuur, beheerder, coordinator) in an organisation."""
    if rol not in Rol.values:
        raise ValidationError({"rol": _("Choose a role: board member, manager or coordinator.")})
    lidmaatschap = Lidmaatschap(user=user, organisatie=organisatie, rol=rol)
    lidmaatschap.full_clean()
    lidmaatschap.save()
    return lidmaatschap


@transaction.atomic
def gemeentemedewerker_create(*, user, gemeente: Gemeente) -> Gemeentemedewerker:
    """Tie a user to a gemeente, so they see that gemeente's dashboard."""
    medewerker = Gemeentemedewerker(user=user, gemeente=gemeente)
    medewerker.full_clean()
    medewerker.save()
    return medewerker


# --- opening hours and closures --------------------------------------------------


@transaction.atomic
def openingstijd_create(*, locatie: Locatie, weekdag: int, van: time, tot: time) -> Openingstijd:
    """Add opening hours for a weekday; they may not overlap other hours that day."""
    # Lock the place so two people adding hours at once cannot create an overlap.
    Locatie.objects.select_for_update().filter(pk=locatie.pk).first()
    openingstijd = Openingstijd(locatie=locatie, weekdag=weekdag, van=van, tot=tot)
    if van is not None and tot is not None and tot <= van:
        raise ValidationError({"tot": _("The closing time must be after the opening time.")})
    openingstijd.full_clean()
    overlapping = locatie.openingstijden.filter(weekdag=weekdag, van__lt=tot, tot__gt=van).first()
    if overlapping:
        raise ValidationError(
            _("These hours overlap the opening hours %(other)s.") % {"other": overlapping},
            code="openingstijd_overlap",
        )
    openingstijd.save()
    return openingstijd


@transaction.atomic
def sluiting_create(*, locatie: Locatie, van: date, tot: date, reden: str) -> Sluiting:
    """Record days the building is closed (holidays, renovation)."""
    if van is not None and tot is not None and tot < van:
        raise ValidationError({"tot": _("The last day must not be before the first day.")})
    sluiting = Sluiting(locatie=locatie, van=van, tot=tot, reden=(reden or "").strip())
    sluiting.full_clean()
    sluiting.save()
    return sluiting

