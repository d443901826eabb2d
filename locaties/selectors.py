"""Reads of the locaties app."""

import math
import re
import unicodedata
from datetime import datetime

import numpy as np
import shapely
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Case, F, Func, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower, Replace
from django.utils import timezone
from shapely.geometry import Point, shape

from core.permissions import sees_everything
from core.postcode import compact_postcode

from .constants import BevolkingspuntSoort, ReserveringStatus, Rol, UitnodigingStatus
from .filters import METRES_PER_DEGREE
from .models import (
    Bevolkingspunt,
    Buurt,
    Gemeente,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    LocatieFoto,
    Openingstijd,
    Reservering,
    Ruimte,
    Sluiting,
    Uitnodiging,
    Wijk,
)
from .tokens import UITNODIGING_GELDIG, uitnodiging_pk_from_token


def locatie_list_published() -> QuerySet[Locatie]:
    """Published places open today (``LocatieQuerySet.open_op``), with their buurt, wijk
    and manager."""
    return (
        Locatie.objects.published().open_op(timezone.localdate())
        .select_related("buurt__wijk", "beheerder")
        .order_by("buurt__wijk__code", "naam")
    )


def organisatie_ids_for_user(user, *, rollen=None) -> QuerySet:
    """Ids of the organisations the user has a role in (optionally only these roles)."""
    memberships = Lidmaatschap.objects.filter(user=user)
    if rollen is not None:
        memberships = memberships.filter(rol__in=rollen)
    return memberships.values("organisatie_id")


def gemeente_ids_for_official(user) -> QuerySet:
    """Ids of the gemeenten the user works for as an official."""
    return Gemeentemedewerker.objects.filter(user=user).values("gemeente_id")


def locatie_list_for_user(user) -> QuerySet[Locatie]:
    """Places the user may see behind the login (``locaties.view_locatie``): those of
    their organisations and, for an official, every place in their gemeente. A
    superuser sees all; being staff adds nothing."""
    locaties = Locatie.objects.select_related("buurt__wijk__gemeente", "beheerder")
    if not user.is_authenticated:
        return locaties.none()
    if sees_everything(user):
        return locaties.order_by("naam")
    gemeenten = gemeente_ids_for_official(user)
    return locaties.filter(
        Q(beheerder_id__in=organisatie_ids_for_user(user))
        | Q(buurt__gemeente_id__in=gemeenten)
        | Q(buurt__isnull=True, beheerder__gemeente_id__in=gemeenten)
    ).order_by("naam")


def locatie_list_managed_by(user) -> QuerySet[Locatie]:
    """Places the user may change: board member or manager of the managing organisation."""
    if not user.is_authenticated:
        return Locatie.objects.none()
    return (
        Locatie.objects.filter(
            beheerder_id__in=organisatie_ids_for_user(user, rollen=[Rol.BESTUUR, Rol.BEHEERDER])
        )
        .select_related("buurt", "beheerder")
        .order_by("naam")
    )


def reservering_list_for_ruimte(*, ruimte: Ruimte, van: datetime, tot: datetime) -> QuerySet[Reservering]:
    """The room's requested and confirmed reservations that touch [van, tot)."""
    return (
        Reservering.objects.filter(
            ruimte=ruimte,
            status__in=[ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD],
            periode__overlap=DateTimeTZRange(van, tot, "[)"),
        )
        .select_related("ruimte__locatie")
        .order_by("periode")
    )


def reservering_list_for_user(user) -> QuerySet[Reservering]:
    """Reservations of the rooms of the places the user's organisations manage
    (``locaties.view_reservering``); a superuser's, all. Officials see none: they carry
    renters' personal data."""
    if not user.is_authenticated:
        return Reservering.objects.none()
    reserveringen = Reservering.objects.all()
    if not sees_everything(user):
        reserveringen = reserveringen.filter(ruimte__locatie__beheerder_id__in=organisatie_ids_for_user(user))
    return (
        reserveringen
        .select_related("ruimte__locatie")
        .order_by("periode")
    )


# --- Reads for the public API and pages (added with the API) ---------------------------


def gemeente_list() -> QuerySet:
    """Every gemeente, by name (then code, so equal names keep one order)."""
    return Gemeente.objects.order_by("naam", "code")


def wijk_list() -> QuerySet:
    """Every wijk with its gemeente, by code."""
    return Wijk.objects.select_related("gemeente").order_by("code")


def buurt_list(*, met_grens: bool = False) -> QuerySet:
    """Every buurt with its wijk and gemeente, by code; the boundary (large) only when asked."""
    buurten = Buurt.objects.select_related("wijk", "gemeente").order_by("code")
    return buurten if met_grens else buurten.defer("grens")


def locatie_list_public() -> QuerySet[Locatie]:
    """Published, open places with everything a public answer shows: area codes, manager,
    rooms with tariffs, opening hours, coming closures and photos, in a constant number
    of queries whatever the number of places."""
    return (
        locatie_list_published()
        .select_related("buurt__gemeente", "buurt__wijk", "beheerder")
        .prefetch_related(
            Prefetch("ruimten", queryset=Ruimte.objects.order_by("naam", "pk").prefetch_related("tarieven")),
            Prefetch("openingstijden", queryset=Openingstijd.objects.order_by("weekdag", "van")),
            Prefetch(
                "sluitingen",
                queryset=Sluiting.objects.filter(tot__gte=timezone.localdate()).order_by("van"),
            ),
            Prefetch("fotos", queryset=LocatieFoto.objects.order_by("volgorde", "pk")),
        )
        .order_by("naam", "pk")
    )


def locatie_list_geo() -> QuerySet:
    """Published, open places as plain rows for a map (GeoJSON): point, name, kind, slug."""
    return (
        locatie_list_published()
        .order_by("naam", "pk")
        .values("slug", "naam", "soort", "lat", "lon", "plaats", "noodsteunpunt")
    )


def locatie_list_visible_for_user(user) -> QuerySet[Locatie]:
    """Places a user may look up to act on: the public ones and those behind their login
    (their organisations', their gemeente's; a superuser's, all)."""
    if user.is_authenticated and sees_everything(user):
        return Locatie.objects.select_related("buurt", "beheerder")
    public = Locatie.objects.published()
    if not user.is_authenticated:
        return public.select_related("buurt", "beheerder")
    return Locatie.objects.filter(
        Q(pk__in=public.values("pk")) | Q(pk__in=locatie_list_for_user(user).values("pk"))
    ).select_related("buurt", "beheerder")


def reservering_list_visible_for_user(user) -> QuerySet[Reservering]:
    """Reservations a user may see, as ``reservering_list_for_user``, in a stable order."""
    return reservering_list_for_user(user).order_by("periode", "pk")


# --- Reads for the resident site ------------------------------------------------------


def locatie_list_in_and_near_buurt(*, buurt, afstand: float = 400, velden=None) -> list[Locatie]:
    """Published, open places in the buurt and those within ``afstand`` metres of its
    boundary (hemelsbreed), in one query. Each place carries ``in_buurt`` and
    ``afstand_m`` (0 inside the buurt); those in the buurt come first, then the nearest.
    ``velden``: load only these fields of the places (and no related rows), for a list
    that shows a few of them; the selection's own (``buurt``, ``lat``, ``lon``, ``naam``)
    are always loaded."""
    published = locatie_list_published().select_related("buurt__gemeente")
    if velden is not None:
        published = published.select_related(None).only("buurt", "lat", "lon", "naam", *velden)
    if not buurt.grens or buurt.bbox_min_lat is None:
        locaties = list(published.filter(buurt=buurt).order_by("naam", "pk"))
        for locatie in locaties:
            locatie.in_buurt, locatie.afstand_m = True, 0
        return locaties
    lat0 = (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2
    kx = METRES_PER_DEGREE * math.cos(math.radians(lat0))
    dlat, dlon = afstand / METRES_PER_DEGREE, afstand / kx
    candidates = published.filter(
        Q(buurt=buurt)
        | Q(
            lat__gte=buurt.bbox_min_lat - dlat, lat__lte=buurt.bbox_max_lat + dlat,
            lon__gte=buurt.bbox_min_lon - dlon, lon__lte=buurt.bbox_max_lon + dlon,
        )
    ).order_by("naam", "pk")

    def to_metres(lon, lat):
        return (lon - buurt.bbox_min_lon) * kx, (lat - buurt.bbox_min_lat) * METRES_PER_DEGREE

    grens = shapely.transform(
        shape(buurt.grens), lambda coords: [to_metres(lon, lat) for lon, lat in coords]
    )
    result = []
    for locatie in candidates:
        if locatie.buurt_id == buurt.pk:
            locatie.in_buurt, locatie.afstand_m = True, 0
        else:
            locatie.in_buurt = False
            locatie.afstand_m = round(grens.distance(Point(to_metres(locatie.lon, locatie.lat))))
            if locatie.afstand_m > afstand:
                continue
        result.append(locatie)
    result.sort(key=lambda locatie: (not locatie.in_buurt, locatie.afstand_m, locatie.naam))
    return result


def buurt_ids_near_locaties(*, locaties, afstand: float = 400) -> set[int]:
    """The buurten ``locaties`` stand in, and those whose boundary lies within
    ``afstand`` metres of one of them (hemelsbreed), as primary keys: the inverse of
    ``locatie_list_in_and_near_buurt``, with the same measure. One query for the
    candidate buurten (their bounding boxes widened by ``afstand``)."""
    near = buurt_ids_near_each_locatie(locaties=locaties, afstand=afstand)
    return set().union(*near.values()) if near else set()


def buurt_ids_near_each_locatie(*, locaties, afstand: float = 400) -> dict[int, set[int]]:
    """Per place (by primary key) the buurt it stands in and those whose boundary lies
    within ``afstand`` metres of it (hemelsbreed). One query for the candidate buurten
    of all the places."""
    locaties = list(locaties)
    near = {locatie.pk: {locatie.buurt_id} if locatie.buurt_id else set() for locatie in locaties}
    punten = [locatie for locatie in locaties if locatie.lat is not None and locatie.lon is not None]
    if not punten:
        return near
    condition = Q()
    for locatie in punten:
        dlat = afstand / METRES_PER_DEGREE
        dlon = afstand / (METRES_PER_DEGREE * math.cos(math.radians(locatie.lat)))
        condition |= Q(
            bbox_min_lat__lte=locatie.lat + dlat, bbox_max_lat__gte=locatie.lat - dlat,
            bbox_min_lon__lte=locatie.lon + dlon, bbox_max_lon__gte=locatie.lon - dlon,
        )
    candidates = (
        Buurt.objects.filter(condition).exclude(grens__isnull=True)
        .only("pk", "grens", "bbox_min_lat", "bbox_max_lat", "bbox_min_lon", "bbox_max_lon")
    )
    lat = np.array([loc.lat for loc in punten])
    lon = np.array([loc.lon for loc in punten])
    dlat = afstand / METRES_PER_DEGREE
    dlon = afstand / (METRES_PER_DEGREE * np.cos(np.radians(lat)))
    for buurt in candidates:
        # Only the places whose box of ``afstand`` meets the buurt's box, measured at once.
        window = np.flatnonzero(
            (lat + dlat >= buurt.bbox_min_lat) & (lat - dlat <= buurt.bbox_max_lat)
            & (lon + dlon >= buurt.bbox_min_lon) & (lon - dlon <= buurt.bbox_max_lon)
        ).tolist()
        window = [i for i in window if buurt.pk not in near[punten[i].pk]]
        if not window:
            continue
        lat0 = (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2
        kx = METRES_PER_DEGREE * math.cos(math.radians(lat0))

        def to_metres(lon, lat, buurt=buurt, kx=kx):
            return (lon - buurt.bbox_min_lon) * kx, (lat - buurt.bbox_min_lat) * METRES_PER_DEGREE

        grens = shapely.transform(shape(buurt.grens), lambda coords, f=to_metres: [f(x, y) for x, y in coords])
        xs, ys = to_metres(lon[window], lat[window])
        for i, distance in zip(window, shapely.distance(grens, shapely.points(xs, ys)).tolist(), strict=True):
            if round(distance) <= afstand:
                near[punten[i].pk].add(buurt.pk)
    return near


def _search_form(text: str) -> str:
    """A name as the search compares it: no accents, lower case, and "ij" as "y", so
    "wijck" finds Wyck (Dutch writes the sound both ways)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.lower().replace("ij", "y")


def _search_form_sql(field: str):
    return Replace(Lower(Func(F(field), function="unaccent")), Value("ij"), Value("y"))


# How alike a misspelt name must be (pg_trgm word similarity, 0–1) to count as found.
SIMILAR_ENOUGH = 0.5


def buurt_search(zoekterm: str, *, limit: int = 20) -> list:
    """Buurten matching a resident's search: a postcode (6 positions, or the 4 digits)
    through the imported postcode points; a gemeente's name, all its buurten; otherwise
    the buurt's name, forgiving spelling (accents, "ij" for "y", a typo: pg_trgm), the
    closest first."""
    zoekterm = (zoekterm or "").strip()
    if not zoekterm:
        return []
    buurten = Buurt.objects.select_related("wijk", "gemeente").defer("grens")
    compact = compact_postcode(zoekterm)
    if re.fullmatch(r"\d{4}([A-Z]{2})?", compact):
        punten = Bevolkingspunt.objects.filter(soort=BevolkingspuntSoort.POSTCODE, buurt__isnull=False)
        punten = punten.filter(sleutel=compact) if len(compact) == 6 else punten.filter(sleutel__startswith=compact)
        return list(buurten.filter(pk__in=punten.values("buurt_id")).order_by("naam", "code")[:limit])
    term = _search_form(zoekterm)
    gemeente = Gemeente.objects.annotate(vorm=_search_form_sql("naam")).filter(vorm=term).first()
    if gemeente is not None:
        return list(buurten.filter(gemeente=gemeente).order_by("wijk__naam", "naam", "code"))
    found = buurten.annotate(
        vorm=_search_form_sql("naam"), gelijkenis=TrigramWordSimilarity(Value(term), _search_form_sql("naam")),
    ).filter(Q(vorm__contains=term) | Q(gelijkenis__gte=SIMILAR_ENOUGH))
    return list(found.order_by("-gelijkenis", "naam", "code")[:limit])


def locatie_open_at(locatie: Locatie, moment) -> tuple[bool, list]:
    """(whether the building is open at ``moment``, the closures of that day), from the
    place's (prefetched) hours and closures. Hours past midnight belong to the day they
    began: a closure of Friday closes Friday 20:00–01:00 at 00:30 on Saturday too."""
    sluitingen = list(locatie.sluitingen.all())

    def gesloten_op(dag):
        return [s for s in sluitingen if s.van <= dag <= s.tot]

    open_nu = any(
        tijd.covers(moment) and not gesloten_op(tijd.begin_van(moment)) for tijd in locatie.openingstijden.all()
    )
    return open_nu, gesloten_op(moment.date())


def lidmaatschap_list_for_organisatie(*, organisatie) -> QuerySet[Lidmaatschap]:
    """An organisation's members with their accounts: the board first, then managers and
    coordinators, each by name."""
    return (
        Lidmaatschap.objects.filter(organisatie=organisatie).select_related("user")
        .annotate(rol_volgorde=Case(*(When(rol=rol, then=i) for i, rol in enumerate(Rol.values)), default=len(Rol.values)))
        .order_by("rol_volgorde", "user__first_name", "user__last_name", "user__email", "pk")
    )


def uitnodiging_list_open(*, organisatie) -> QuerySet[Uitnodiging]:
    """An organisation's invitations whose link still works, newest first."""
    return Uitnodiging.objects.filter(
        organisatie=organisatie, status=UitnodigingStatus.OPEN,
        aangemaakt__gt=timezone.now() - UITNODIGING_GELDIG,
    ).order_by("-aangemaakt", "-pk")


def uitnodiging_from_token(token: str) -> Uitnodiging | None:
    """The open invitation behind a link, with its organisation; None when the link is
    tampered with, too old, used already or replaced by a newer invitation."""
    pk = uitnodiging_pk_from_token(token)
    if pk is None:
        return None
    return (
        Uitnodiging.objects.select_related("organisatie")
        .filter(pk=pk, status=UitnodigingStatus.OPEN).first()
    )
