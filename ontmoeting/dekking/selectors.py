"""Reads of the stored coverage: the dashboard, its exports and the API all use these,
so every figure shown comes from one computation (``ontmoeting.dekking.compute``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activiteiten.constants import Doelgroep
from activiteiten.models import Wens
from locaties.models import Buurt, Gemeente, Locatie, Wijk

from ..models import BuurtDekking, DekkingBasis, DekkingSnapshot, Drempelwaarden, Scenario

SOURCES = _(
    "Source: CBS, Kadaster. Buurt boundaries: Kadaster / CBS gebiedsindelingen (CC BY 4.0); "
    "key figures: CBS Kerncijfers wijken en buurten (CC BY 4.0); residents per postcode: "
    "CBS Gegevens per postcode (CC BY 4.0); meeting places and programme: this platform. "
    "Distances are straight lines (hemelsbreed), not over roads."
)

# Coverage classes on the share of residents aged 65+ within 400 m (hemelsbreed).
# Each has a colour *and* a pattern, and its name is in the table, so the map reads in
# greyscale and without colour vision too.
KLASSEN = [
    # key, lower bound (%), label, fill colour, pattern id
    ("k1", 0, _("under 25%"), "#7f2704", "patroon-k1"),
    ("k2", 25, _("25% to 50%"), "#d94801", "patroon-k2"),
    ("k3", 50, _("50% to 80%"), "#fdae6b", "patroon-k3"),
    ("k4", 80, _("80% or more"), "#fff5eb", "patroon-k4"),
]
KLASSE_GEEN = ("k0", None, _("no residents aged 65+"), "#d9d9d9", "patroon-k0")


def klasse_for_aandeel(aandeel: float | None) -> tuple:
    """The coverage class of a share of residents aged 65+ within 400 m."""
    if aandeel is None:
        return KLASSE_GEEN
    for klasse in reversed(KLASSEN):
        if aandeel >= klasse[1]:
            return klasse
    return KLASSEN[0]


def drempelwaarden_for_gemeente(gemeente: Gemeente) -> Drempelwaarden:
    """The gemeente's thresholds, or (unsaved) the defaults from settings."""
    found = Drempelwaarden.objects.filter(gemeente=gemeente).first()
    if found is not None:
        return found
    defaults = settings.DEKKING_DREMPELWAARDEN
    return Drempelwaarden(
        gemeente=gemeente,
        min_aandeel_65plus_400=defaults["min_aandeel_65plus_400"],
        min_locaties_per_10000=Decimal(str(defaults["min_locaties_per_10000"])),
        min_jongeren_800=Decimal(str(defaults["min_jongeren_800"])),
    )


DREMPEL_LABELS = {
    "aandeel_65plus_400": _("65+ within 400 m"),
    "locaties_per_10000": _("places per 10,000 residents"),
    "jongeren_800": _("activities for young people 12-18 within 800 m"),
}


def drempels_check(row, drempels: Drempelwaarden) -> dict[str, bool | None]:
    """Pass (True), fail (False) or not applicable (None) per threshold for one buurt
    (or a total with the same attributes)."""
    jongeren = (row.activiteiten_800_per_doelgroep or {}).get(Doelgroep.JONGEREN, 0)
    return {
        "aandeel_65plus_400": None if row.aandeel_65plus_400 is None
        else row.aandeel_65plus_400 >= drempels.min_aandeel_65plus_400,
        "locaties_per_10000": None if not row.inwoners
        else Decimal(str(row.locaties_per_10000_inwoners)) >= drempels.min_locaties_per_10000,
        "jongeren_800": None if not row.inwoners else Decimal(str(jongeren)) >= drempels.min_jongeren_800,
    }


def buurt_dekking_list(gemeente: Gemeente, *, wijk: Wijk | None = None) -> QuerySet[BuurtDekking]:
    """The stored figures of the gemeente's buurten (of one ``wijk`` of it, if given),
    with buurt and wijk."""
    rows = BuurtDekking.objects.filter(buurt__gemeente=gemeente)
    if wijk is not None:
        rows = rows.filter(buurt__wijk=wijk)
    # Not the boundaries nor the ids of the places within reach: they are large (the map
    # reads the boundaries on its own, a buurt's page its places).
    return (
        rows.select_related("buurt__wijk").defer("buurt__grens", "locaties_400", "locaties_800")
        .order_by("buurt__code")
    )


@dataclass
class Totaal:
    """Summed figures of several buurten (a wijk or the gemeente), shaped like a BuurtDekking."""

    naam: str
    inwoners: int = 0
    inwoners_65plus: int = 0
    woningen: int = 0
    inwoners_400: int = 0
    inwoners_800: int = 0
    inwoners_65plus_400: int = 0
    inwoners_65plus_800: int = 0
    locaties_in_buurt: int = 0
    activiteiten_in_buurt: float = 0.0
    activiteiten_in_buurt_per_doelgroep: dict = field(default_factory=dict)
    inloop_uren_400: float = 0.0
    wensen_open: int = 0
    vrijwilligers_actief: int = 0
    bases: set = field(default_factory=set)

    def add(self, row: BuurtDekking) -> None:
        for name in ("inwoners", "inwoners_65plus", "woningen", "inwoners_400", "inwoners_800",
                     "inwoners_65plus_400", "inwoners_65plus_800", "locaties_in_buurt",
                     "activiteiten_in_buurt", "wensen_open", "vrijwilligers_actief"):
            setattr(self, name, getattr(self, name) + getattr(row, name))
        for doelgroep, value in (row.activiteiten_in_buurt_per_doelgroep or {}).items():
            self.activiteiten_in_buurt_per_doelgroep[doelgroep] = round(
                self.activiteiten_in_buurt_per_doelgroep.get(doelgroep, 0) + value, 2
            )
        self.bases.add(row.basis)

    aandeel_400 = BuurtDekking.aandeel_400
    aandeel_800 = BuurtDekking.aandeel_800
    aandeel_65plus_400 = BuurtDekking.aandeel_65plus_400
    aandeel_65plus_800 = BuurtDekking.aandeel_65plus_800
    niet_gedekt_65plus_400 = BuurtDekking.niet_gedekt_65plus_400
    locaties_per_10000_inwoners = BuurtDekking.locaties_per_10000_inwoners
    locaties_per_10000_woningen = BuurtDekking.locaties_per_10000_woningen

    @property
    def basis_labels(self) -> list[str]:
        return [str(DekkingBasis(b).label) for b in sorted(self.bases)]


@dataclass
class GemeenteDekking:
    gemeente: Gemeente
    drempels: Drempelwaarden
    rows: list[BuurtDekking]
    totaal: Totaal
    wijken: list[Totaal]
    berekend_op: object

    @property
    def gaten(self) -> list[BuurtDekking]:
        """Buurten under at least one threshold, most residents aged 65+ not covered first."""
        failing = [row for row in self.rows if False in row.toets.values()]
        return sorted(failing, key=lambda r: (-r.niet_gedekt_65plus_400, -(r.inwoners - r.inwoners_400), r.buurt.code))

    @property
    def verdeling(self) -> list[dict]:
        """Number of buurten and residents 65+ per coverage class, for the chart and its table."""
        result = []
        for klasse in [*KLASSEN, KLASSE_GEEN]:
            rows = [row for row in self.rows if row.klasse[0] == klasse[0]]
            result.append({
                "klasse": klasse, "buurten": len(rows),
                "inwoners_65plus": sum(row.inwoners_65plus for row in rows),
            })
        return result


SORTABLE = {
    "code": lambda r: r.buurt.code,
    "naam": lambda r: r.buurt.naam.lower(),
    "inwoners": lambda r: r.inwoners,
    "inwoners_65plus": lambda r: r.inwoners_65plus,
    "aandeel_400": lambda r: -1 if r.aandeel_400 is None else r.aandeel_400,
    "aandeel_65plus_400": lambda r: -1 if r.aandeel_65plus_400 is None else r.aandeel_65plus_400,
    "aandeel_65plus_800": lambda r: -1 if r.aandeel_65plus_800 is None else r.aandeel_65plus_800,
    "niet_gedekt_65plus_400": lambda r: r.niet_gedekt_65plus_400,
    "locaties_in_buurt": lambda r: r.locaties_in_buurt,
    "activiteiten_800": lambda r: r.activiteiten_800,
    "inloop_uren_400": lambda r: r.inloop_uren_400,
    "wensen_open": lambda r: r.wensen_open,
}


def gemeente_dekking_detail(
    gemeente: Gemeente, *, sort: str = "code", descending: bool = False, wijk: Wijk | None = None
) -> GemeenteDekking:
    """Everything the dashboard shows per buurt, per wijk and for the gemeente: two
    queries. With ``wijk``, only that wijk's buurten (and its totals)."""
    drempels = drempelwaarden_for_gemeente(gemeente)
    rows = list(buurt_dekking_list(gemeente, wijk=wijk))
    totaal = Totaal(naam=gemeente.naam)
    wijken: dict[int, Totaal] = {}
    for row in rows:
        row.toets = drempels_check(row, drempels)
        row.klasse = klasse_for_aandeel(row.aandeel_65plus_400)
        totaal.add(row)
        wijken.setdefault(row.buurt.wijk_id, Totaal(naam=row.buurt.wijk.naam)).add(row)
    rows.sort(key=SORTABLE.get(sort, SORTABLE["code"]), reverse=descending)
    return GemeenteDekking(
        gemeente=gemeente, drempels=drempels, rows=rows, totaal=totaal,
        wijken=sorted(wijken.values(), key=lambda w: w.naam),
        berekend_op=max((row.berekend_op for row in rows), default=None),
    )


def dekking_trend_list(gemeente: Gemeente) -> list[dict]:
    """The gemeente's shares per snapshot day, oldest first (one aggregate query)."""
    days = (
        DekkingSnapshot.objects.filter(buurt__gemeente=gemeente)
        .values("datum")
        .annotate(
            inwoners=Sum("inwoners"), inwoners_400=Sum("inwoners_400"),
            inwoners_65plus=Sum("inwoners_65plus"), inwoners_65plus_400=Sum("inwoners_65plus_400"),
            locaties=Sum("locaties_in_buurt"),
        )
        .order_by("datum")
    )
    return [
        {
            **day,
            "aandeel_400": None if not day["inwoners"] else round(100 * day["inwoners_400"] / day["inwoners"], 1),
            "aandeel_65plus_400": None if not day["inwoners_65plus"]
            else round(100 * day["inwoners_65plus_400"] / day["inwoners_65plus"], 1),
        }
        for day in days
    ]


def noodsteunpunt_list(gemeente: Gemeente) -> QuerySet[Locatie]:
    """The gemeente's emergency support points with their status and programme."""
    return (
        Locatie.objects.filter(noodsteunpunt=True)
        .filter(Q(buurt__gemeente=gemeente) | Q(buurt__isnull=True, beheerder__gemeente=gemeente))
        .select_related("buurt", "beheerder", "dekking")
        .order_by("naam")
    )


def locatie_list_for_map(gemeente: Gemeente) -> QuerySet[Locatie]:
    """The gemeente's published places open today, shown on the map, with their programme."""
    return (
        Locatie.objects.published().open_op(timezone.localdate()).filter(buurt__gemeente=gemeente)
        .select_related("buurt", "dekking")
        .order_by("naam")
    )


def buurt_dekking_detail(buurt: Buurt) -> dict:
    """A buurt's figures, the places that cover it (nearest first), its programme by
    audience and its wishes."""
    dekking = BuurtDekking.objects.filter(buurt=buurt).select_related("buurt__wijk", "buurt__gemeente").first()
    if dekking is None:
        return {"buurt": buurt, "dekking": None, "locaties": [], "wensen": []}
    drempels = drempelwaarden_for_gemeente(buurt.gemeente)
    dekking.toets = drempels_check(dekking, drempels)
    dekking.klasse = klasse_for_aandeel(dekking.aandeel_65plus_400)
    by_id = Locatie.objects.select_related("buurt", "dekking").in_bulk(dekking.locaties_800)
    within_400 = set(dekking.locaties_400)
    locaties = [
        {"locatie": by_id[pk], "binnen_400": pk in within_400} for pk in dekking.locaties_800 if pk in by_id
    ]
    programma = [
        {
            "doelgroep": label,
            "in_buurt": dekking.activiteiten_in_buurt_per_doelgroep.get(value, 0),
            "binnen_800": dekking.activiteiten_800_per_doelgroep.get(value, 0),
        }
        for value, label in Doelgroep.choices
    ]
    wensen = list(
        Wens.objects.filter(buurt=buurt, goedgekeurd=True).order_by("-steun", "-aangemaakt")
    )
    return {
        "buurt": buurt, "dekking": dekking, "drempels": drempels, "locaties": locaties,
        "programma": programma, "wensen": wensen,
    }


def buurt_dekking_public_figures(dekking: BuurtDekking) -> dict:
    """The public figures of a buurt (no personal data): the API, CSV and GeoJSON use this."""
    buurt = dekking.buurt
    return {
        "buurtcode": buurt.code,
        "buurtnaam": buurt.naam,
        "wijkcode": buurt.wijk.code,
        "berekend_op": dekking.berekend_op.isoformat(),
        "basis": dekking.basis,
        "bron_bevolking_jaar": dekking.bron_jaar,
        "afstand": "hemelsbreed",
        "inwoners": dekking.inwoners,
        "inwoners_65plus": dekking.inwoners_65plus,
        "woningen": dekking.woningen,
        "aandeel_inwoners_400m": dekking.aandeel_400,
        "aandeel_inwoners_800m": dekking.aandeel_800,
        "aandeel_65plus_400m": dekking.aandeel_65plus_400,
        "aandeel_65plus_800m": dekking.aandeel_65plus_800,
        "locaties_in_buurt": dekking.locaties_in_buurt,
        "locaties_per_10000_inwoners": dekking.locaties_per_10000_inwoners,
        "locaties_per_10000_woningen": dekking.locaties_per_10000_woningen,
        "open_inloop_uren_per_week_400m": dekking.inloop_uren_400,
        "activiteiten_per_week_800m": dekking.activiteiten_800,
        "activiteiten_per_week_800m_per_doelgroep": dekking.activiteiten_800_per_doelgroep,
        "activiteiten_per_week_in_buurt": dekking.activiteiten_in_buurt,
        "wensen_open": dekking.wensen_open,
        "vrijwilligers_actief": dekking.vrijwilligers_actief,
        "bron": str(SOURCES),
    }


def buurt_dekking_public(buurtcode: str) -> dict | None:
    """The public figures of one buurt by code, or None when none are computed."""
    dekking = BuurtDekking.objects.filter(buurt__code=buurtcode).select_related("buurt__wijk").first()
    return None if dekking is None else buurt_dekking_public_figures(dekking)


def scenario_list(gemeente: Gemeente) -> QuerySet[Scenario]:
    """The gemeente's saved what-if scenarios."""
    return Scenario.objects.filter(gemeente=gemeente).order_by("naam")


def dekking_last_computed(gemeente: Gemeente):
    return BuurtDekking.objects.filter(buurt__gemeente=gemeente).aggregate(m=Max("berekend_op"))["m"]
