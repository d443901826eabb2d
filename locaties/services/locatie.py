"""Places and who runs them: organisations, places, rooms and tariffs, memberships,
opening hours and closures."""

from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.postcode import format_postcode
from core.slugs import unique_slug

from .. import events
from ..constants import Rol
from ..geo import buurt_for_point
from ..models import (
    Gemeente,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    Openingstijd,
    Organisatie,
    Ruimte,
    Sluiting,
    Tarief,
)
from .reservering import tarief_geldig


@transaction.atomic
def organisatie_create(*, naam: str, soort: str, **fields) -> Organisatie:
    """Create an organisation with a unique slug derived from its name."""
    slug = unique_slug(naam, taken=Organisatie.objects.all(), fallback="organisatie", max_length=190)
    organisatie = Organisatie(naam=naam, soort=soort, slug=slug, **fields)
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
        slug=fields.pop("slug", None)
        or unique_slug(naam, taken=Locatie.objects.all(), fallback="locatie", max_length=190),
        soort=soort,
        straat=straat,
        huisnummer=huisnummer,
        postcode=format_postcode(postcode) if postcode else "",
        plaats=plaats,
        lat=lat,
        lon=lon,
        **fields,
    )
    locatie.full_clean()
    locatie.buurt = buurt_for_point(lat, lon)
    locatie.save()
    events.locatie_changed(locatie)
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
    gemeente_before = events.gemeente_of(locatie)
    if fields.get("postcode"):
        fields["postcode"] = format_postcode(fields["postcode"])
    for name, value in fields.items():
        setattr(locatie, name, value)
    locatie.full_clean()
    if (locatie.lat, locatie.lon) != old_point or locatie.buurt_id is None:
        locatie.buurt = buurt_for_point(locatie.lat, locatie.lon)
    locatie.save()
    events.locatie_changed(locatie, gemeente_before=gemeente_before)
    return locatie


@transaction.atomic
def locaties_delete(*, locaties) -> int:
    """Delete the places of the queryset ``locaties``; the coverage of the gemeenten they
    counted in is recomputed after the commit. Returns how many rows went (places and
    what hangs on them)."""
    gemeenten = {events.gemeente_of(locatie) for locatie in locaties.select_related("buurt", "beheerder")}
    deleted, _per_model = locaties.delete()
    for gemeente_id in gemeenten - {None}:
        events.notify_after_commit(gemeente_id)
    return deleted


def locatie_derive_buurt(*, locatie: Locatie) -> None:
    """Set the place's buurt from its point, without saving (the admin saves itself)."""
    locatie.buurt = buurt_for_point(locatie.lat, locatie.lon)


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


@transaction.atomic
def openingstijd_create(*, locatie: Locatie, weekdag: int, van: time, tot: time) -> Openingstijd:
    """Add opening hours for a weekday; they may not overlap the place's other hours, and
    may run into the next day (Friday 20:00–01:00): see ``Openingstijd.clean``."""
    # Lock the place so two people adding hours at once cannot create an overlap.
    Locatie.objects.select_for_update().filter(pk=locatie.pk).first()
    openingstijd = Openingstijd(locatie=locatie, weekdag=weekdag, van=van, tot=tot)
    openingstijd.full_clean()
    openingstijd.save()
    return openingstijd


@transaction.atomic
def openingstijden_set(*, locatie: Locatie, perioden: Iterable[tuple[int, time, time]]) -> list[Openingstijd]:
    """Replace the place's opening hours for the whole week by ``perioden``, each
    (weekdag, van, tot), in one go: all are saved or none.

    Each period follows ``Openingstijd.clean``: ``tot`` at or before ``van`` runs into the
    next day (Friday 20:00–01:00), and no two periods share a moment, within a day or
    across midnight (Sunday night into Monday). A refusal is a ``ValidationError`` whose
    ``error_dict`` is keyed by the position (as a string: "0", "1", …) of the period it
    concerns in ``perioden``, so a form can put each message beside its period; the hours
    stay as they were.
    """
    # Lock the place so two people saving the week at once cannot mix their hours.
    Locatie.objects.select_for_update().filter(pk=locatie.pk).first()
    Openingstijd.objects.filter(locatie=locatie).delete()
    saved, errors = [], {}
    for index, (weekdag, van, tot) in enumerate(perioden):
        openingstijd = Openingstijd(locatie=locatie, weekdag=weekdag, van=van, tot=tot)
        try:
            # Compares with the periods saved before it in this loop: each pair once.
            openingstijd.full_clean()
        except ValidationError as error:
            errors[str(index)] = error.messages
            continue
        openingstijd.save()
        saved.append(openingstijd)
    if errors:
        raise ValidationError(errors)
    events.locatie_changed(locatie)
    return saved


@transaction.atomic
def sluiting_create(*, locatie: Locatie, van: date, tot: date, reden: str) -> Sluiting:
    """Record days the building is closed (holidays, renovation)."""
    if van is not None and tot is not None and tot < van:
        raise ValidationError({"tot": _("The last day must not be before the first day.")})
    sluiting = Sluiting(locatie=locatie, van=van, tot=tot, reden=(reden or "").strip())
    sluiting.full_clean()
    sluiting.save()
    return sluiting


@transaction.atomic
def sluiting_delete(*, sluiting: Sluiting) -> None:
    """Remove a closure: the building is open on those days after all."""
    sluiting.delete()


def ruimte_create(*, locatie: Locatie, naam: str, capaciteit: int, **fields) -> Ruimte:
    """Add a room to a place."""
    ruimte = Ruimte(locatie=locatie, naam=naam, capaciteit=capaciteit, **fields)
    with transaction.atomic():
        ruimte.full_clean()
        ruimte.save()
    return ruimte


def tarief_set(
    *, ruimte: Ruimte, categorie: str, prijs_per_uur: Decimal, minimum_bedrag: Decimal = Decimal("0"),
    geldig_vanaf: date | None = None,
) -> Tarief:
    """Set the hourly price of a room for one tenant category from ``geldig_vanaf`` on
    (None: from the beginning); creates or replaces the tariff with that start."""
    with transaction.atomic():
        tarief = Tarief.objects.select_for_update().filter(
            ruimte=ruimte, categorie=categorie, geldig_vanaf=geldig_vanaf
        ).first()
        tarief = tarief or Tarief(ruimte=ruimte, categorie=categorie, geldig_vanaf=geldig_vanaf)
        tarief.prijs_per_uur = prijs_per_uur
        tarief.minimum_bedrag = minimum_bedrag
        tarief.full_clean()
        tarief.save()
    return tarief


def ruimte_update(*, ruimte: Ruimte, **fields) -> Ruimte:
    """Change a room: its name, capacity, floor area, facilities, whether it is for rent
    and its changeover time. A longer changeover applies to reservations confirmed from
    now on; the ones already confirmed keep the time they were confirmed with."""
    with transaction.atomic():
        ruimte = Ruimte.objects.select_for_update().get(pk=ruimte.pk)
        for name, value in fields.items():
            setattr(ruimte, name, value)
        ruimte.full_clean()
        ruimte.save()
    return ruimte


@transaction.atomic
def tarieven_set(*, ruimte: Ruimte, tarieven: dict[str, tuple[Decimal, Decimal] | None]) -> list[Tarief]:
    """Set a room's current tariffs per tenant category at once: ``(price per hour,
    minimum)`` changes the tariff valid today (a category without one gets one from the
    beginning); ``None`` means the room is not rented to the category: all its tariffs
    go, announced ones too. Categories not named stay as they are."""
    today = timezone.localdate()
    kept = []
    for categorie, tarief in tarieven.items():
        rows = Tarief.objects.filter(ruimte=ruimte, categorie=categorie)
        if tarief is None:
            rows.delete()
            continue
        huidig = tarief_geldig(tarieven=rows, categorie=categorie, dag=today)
        prijs_per_uur, minimum_bedrag = tarief
        kept.append(tarief_set(
            ruimte=ruimte, categorie=categorie, prijs_per_uur=prijs_per_uur, minimum_bedrag=minimum_bedrag,
            geldig_vanaf=huidig.geldig_vanaf if huidig else None,
        ))
    return kept


@transaction.atomic
def tarieven_aankondig(
    *, ruimte: Ruimte, geldig_vanaf: date | None, tarieven: dict[str, tuple[Decimal, Decimal]]
) -> list[Tarief]:
    """Announce the room's next prices: from ``geldig_vanaf`` (after today) the given
    categories cost ``(price per hour, minimum)``; a category not given keeps its price.
    Replaces any change announced before; ``geldig_vanaf`` None only withdraws it.
    Requests already made keep the price they were made with."""
    today = timezone.localdate()
    if geldig_vanaf is not None and geldig_vanaf <= today:
        raise ValidationError(
            {"geldig_vanaf": _("New prices start after today; change today's prices above.")}, code="not_future"
        )
    if geldig_vanaf is not None and not tarieven:
        raise ValidationError(
            {"geldig_vanaf": _("Give at least one new price, or leave the date empty.")}, code="no_prices"
        )
    Tarief.objects.filter(ruimte=ruimte, geldig_vanaf__gt=today).delete()
    if geldig_vanaf is None:
        return []
    return [
        tarief_set(
            ruimte=ruimte, categorie=categorie, prijs_per_uur=prijs_per_uur, minimum_bedrag=minimum_bedrag,
            geldig_vanaf=geldig_vanaf,
        )
        for categorie, (prijs_per_uur, minimum_bedrag) in tarieven.items()
    ]


@transaction.atomic
def ruimte_met_tarieven_set(
    *,
    locatie: Locatie,
    ruimte: Ruimte | None,
    velden: dict,
    tarieven: dict[str, tuple[Decimal, Decimal] | None],
    nieuw_vanaf: date | None = None,
    nieuwe_tarieven: dict[str, tuple[Decimal, Decimal]] | None = None,
) -> Ruimte:
    """Add a room to the place (``ruimte`` None) or change it, with today's tariffs
    (``tarieven_set``) and the announced change (``tarieven_aankondig``), all or
    nothing: the board's room form saves in one go."""
    if ruimte is None:
        ruimte = ruimte_create(locatie=locatie, **velden)
    else:
        ruimte = ruimte_update(ruimte=ruimte, **velden)
    tarieven_set(ruimte=ruimte, tarieven=tarieven)
    tarieven_aankondig(ruimte=ruimte, geldig_vanaf=nieuw_vanaf, tarieven=nieuwe_tarieven or {})
    return ruimte
