"""The gemeente dashboard: coverage map and table, buurt detail, what-if, thresholds
and exports (the public figures per buurt for the API: ``ontmoeting.dekking.api``).

Every page works without JavaScript (tables, links, forms with a postcode); the
script in static/dashboard/ only adds the map and the live what-if. All figures come
from ``ontmoeting.dekking.selectors`` (stored results) or ``ontmoeting.dekking.whatif``
(what-if), never from a second computation.
"""

from __future__ import annotations

import csv
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.links import absolute_url
from locaties.models import Buurt, Gemeente

from .. import access
from ..dekking import selectors
from ..dekking.parsing import parse_punten, postcode_punt
from ..dekking.scenarios import scenario_create, scenario_plekken
from ..dekking.thresholds import drempelwaarden_set
from ..dekking.whatif import whatif_compute
from ..models import Scenario
from ..site.kaart import basemap
from .forms import DrempelwaardenForm, PostcodeForm, ScenarioForm


def _gemeente_for(request, code: str) -> Gemeente:
    """The gemeente, if the user may see this page of its dashboard: what
    ``ontmoeting.access`` declares for it (``locaties.view_gemeente``: its own officials,
    and superusers). Being staff adds nothing."""
    gemeente = get_object_or_404(Gemeente, code=code.upper())
    try:
        access.check(request, gemeente)
    except PermissionDenied:
        raise PermissionDenied(_("You can only see the dashboard of your own gemeente.")) from None
    return gemeente


# --- charts (inline SVG, no script: they print and work without JavaScript) ---------------

CHART_W, CHART_H, PAD = 520, 220, 40


def _bar_chart(verdeling: list[dict]) -> dict:
    top = max([row["buurten"] for row in verdeling] + [1])
    width = (CHART_W - 2 * PAD) / len(verdeling)
    bars = []
    for i, row in enumerate(verdeling):
        height = (CHART_H - 2 * PAD) * row["buurten"] / top
        bars.append({
            "x": PAD + i * width + 6, "y": CHART_H - PAD - height, "w": width - 12, "h": height,
            "label": row["klasse"][2], "value": row["buurten"], "fill": row["klasse"][3],
            "pattern": row["klasse"][4], "cx": PAD + i * width + width / 2,
        })
    return {"w": CHART_W, "h": CHART_H, "bars": bars, "base": CHART_H - PAD}


def _line_chart(points: list[dict], key: str) -> dict:
    values = [(p["datum"], p[key]) for p in points if p[key] is not None]
    if not values:
        return {"w": CHART_W, "h": CHART_H, "points": [], "path": ""}
    step = (CHART_W - 2 * PAD) / max(len(values) - 1, 1)
    coords = [
        {"x": PAD + i * step, "y": CHART_H - PAD - (CHART_H - 2 * PAD) * value / 100, "datum": datum, "value": value}
        for i, (datum, value) in enumerate(values)
    ]
    path = " ".join(f"{'M' if i == 0 else 'L'}{c['x']:.1f},{c['y']:.1f}" for i, c in enumerate(coords))
    grid = [{"y": CHART_H - PAD - (CHART_H - 2 * PAD) * v / 100, "label": f"{v}%"} for v in (0, 25, 50, 75, 100)]
    return {"w": CHART_W, "h": CHART_H, "points": coords, "path": path, "grid": grid, "base": CHART_H - PAD}


# --- map data --------------------------------------------------------------------------------


def _kaart_data(dekking: selectors.GemeenteDekking, locaties) -> dict:
    """GeoJSON of the buurten (with their class) and the places, for the map script."""
    buurten = Buurt.objects.filter(gemeente=dekking.gemeente, grens__isnull=False).values_list("id", "grens")
    grenzen = dict(buurten)
    features = []
    for row in dekking.rows:
        if row.buurt_id not in grenzen:
            continue
        features.append({
            "type": "Feature",
            "geometry": grenzen[row.buurt_id],
            "properties": {
                "code": row.buurt.code, "naam": row.buurt.naam, "klasse": row.klasse[0],
                "aandeel_65plus_400": row.aandeel_65plus_400, "aandeel_400": row.aandeel_400,
                "url": reverse("dashboard:buurt", args=[dekking.gemeente.code, row.buurt.code]),
            },
        })
    return {
        "buurten": {"type": "FeatureCollection", "features": features},
        "locaties": [
            {"naam": loc.naam, "lat": loc.lat, "lon": loc.lon,
             "telt_mee": bool(getattr(loc, "dekking", None) and loc.dekking.telt_mee)}
            for loc in locaties
        ],
        "klassen": {k[0]: {"kleur": k[3], "patroon": k[4]} for k in [*selectors.KLASSEN, selectors.KLASSE_GEEN]},
    }


# --- pages -----------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request, code):
    """The overview: key figures, map, sortable table, gaps, charts, emergency points."""
    gemeente = _gemeente_for(request, code)
    sort = request.GET.get("sort", "code")
    descending = request.GET.get("dir") == "desc"
    dekking = selectors.gemeente_dekking_detail(gemeente, sort=sort, descending=descending)
    locaties = list(selectors.locatie_list_for_map(gemeente))
    trend = selectors.dekking_trend_list(gemeente)
    columns = [
        ("naam", _("Buurt")), ("inwoners", _("Residents")), ("inwoners_65plus", _("Residents 65+")),
        ("aandeel_400", _("Residents within 400 m")), ("aandeel_65plus_400", _("65+ within 400 m")),
        ("aandeel_65plus_800", _("65+ within 800 m")), ("niet_gedekt_65plus_400", _("65+ not within 400 m")),
        ("locaties_in_buurt", _("Places in the buurt")), ("activiteiten_800", _("Activities per week within 800 m")),
        ("inloop_uren_400", _("Open inloop hours per week within 400 m")), ("wensen_open", _("Open wishes")),
    ]
    sort_links = []
    for key, label in columns:
        current = key == sort
        next_dir = "asc" if current and descending else ("desc" if current else "asc")
        sort_links.append({
            "key": key, "label": label, "current": current, "descending": descending,
            "url": "?" + urlencode({"sort": key, "dir": next_dir}) + "#tabel",
        })
    return render(request, "ontmoeting/dashboard/dashboard.html", {
        "gemeente": gemeente, "dekking": dekking, "columns": sort_links, "sort": sort,
        "locaties": locaties, "trend": trend,
        "trend_chart": _line_chart(trend, "aandeel_65plus_400"),
        "verdeling_chart": _bar_chart(dekking.verdeling),
        "noodsteunpunten": selectors.noodsteunpunt_list(gemeente),
        "kaart": _kaart_data(dekking, locaties), "kaart_settings": basemap(),
        "klassen": [*selectors.KLASSEN, selectors.KLASSE_GEEN],
        "drempel_labels": selectors.DREMPEL_LABELS, "bronnen": selectors.SOURCES,
    })


@login_required
@require_GET
def buurt_detail(request, code, buurtcode):
    """One buurt: its figures and thresholds, the places that cover it, programme, wishes."""
    gemeente = _gemeente_for(request, code)
    buurt = get_object_or_404(Buurt.objects.select_related("wijk", "gemeente"), code=buurtcode, gemeente=gemeente)
    return render(request, "ontmoeting/dashboard/buurt.html", {
        "gemeente": gemeente, **selectors.buurt_dekking_detail(buurt),
        "drempel_labels": selectors.DREMPEL_LABELS, "bronnen": selectors.SOURCES,
    })


def _whatif_state(request, gemeente):
    """The hypothetical places of this request: a saved scenario, the ``p`` points carried
    in the form, plus a postcode just entered. Returns (places, postcode form, errors)."""
    errors = []
    plekken = []
    scenario = None
    if request.GET.get("scenario"):
        scenario = get_object_or_404(Scenario, pk=request.GET["scenario"], gemeente=gemeente)
        plekken = scenario_plekken(scenario)
    try:
        plekken += parse_punten(request.GET.getlist("p"))
    except ValidationError as error:
        errors += error.messages
    remove = request.GET.get("verwijder")
    if remove is not None and remove.isdigit() and int(remove) < len(plekken):
        plekken.pop(int(remove))
    form = PostcodeForm(request.GET if request.GET.get("postcode") else None)
    if form.is_bound and form.is_valid():
        try:
            plekken.append(postcode_punt(gemeente=gemeente, postcode=form.cleaned_data["postcode"]))
        except ValidationError as error:
            form.add_error("postcode", error)
    return plekken, form, errors, scenario


def _whatif_context(request, gemeente):
    plekken, form, errors, scenario = _whatif_state(request, gemeente)
    result = whatif_compute(gemeente=gemeente, plekken=plekken)
    for index, plek in enumerate(result.plekken):
        plek.index = index
    return {
        "gemeente": gemeente, "result": result, "form": form, "errors": errors, "scenario": scenario,
        "scenario_form": ScenarioForm(), "scenarios": selectors.scenario_list(gemeente),
        "punten": [f"{p.lat:.6f},{p.lon:.6f}" for p in result.plekken],
        "kaart_settings": basemap(), "bronnen": selectors.SOURCES,
    }


def _whatif_page(request, gemeente, context, status=200):
    dekking = selectors.gemeente_dekking_detail(gemeente)
    context["kaart"] = _kaart_data(dekking, list(selectors.locatie_list_for_map(gemeente)))
    return render(request, "ontmoeting/dashboard/watals.html", context, status=status)


@login_required
def watals(request, code):
    """What-if: hypothetical places, today's figures beside the what-if's; saved only on request."""
    gemeente = _gemeente_for(request, code)
    if request.method == "POST":
        form = ScenarioForm(request.POST)
        try:
            plekken = parse_punten(request.POST.getlist("p"))
        except ValidationError as error:
            form.add_error(None, error)
            plekken = []
        if form.is_valid():
            try:
                scenario = scenario_create(
                    gemeente=gemeente, naam=form.cleaned_data["naam"], plekken=plekken, user=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                url = reverse("dashboard:watals", args=[gemeente.code])
                return redirect(f"{url}?{urlencode({'scenario': scenario.pk})}&opgeslagen=1")
        request.GET = request.GET.copy()
        request.GET.setlist("p", request.POST.getlist("p"))
        context = _whatif_context(request, gemeente)
        context["scenario_form"] = form
        return _whatif_page(request, gemeente, context, status=400)
    context = _whatif_context(request, gemeente)
    if request.GET.get("fragment"):
        # The live what-if (map clicks) swaps in just the results.
        return render(request, "ontmoeting/dashboard/_watals_resultaat.html", context)
    return _whatif_page(request, gemeente, context)


@login_required
def drempelwaarden(request, code):
    """The gemeente's thresholds: view and change."""
    gemeente = _gemeente_for(request, code)
    current = selectors.drempelwaarden_for_gemeente(gemeente)
    form = DrempelwaardenForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            drempelwaarden_set(gemeente=gemeente, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("dashboard:gemeente", code=gemeente.code)
    return render(request, "ontmoeting/dashboard/drempelwaarden.html", {
        "gemeente": gemeente, "form": form, "eigen": current.pk is not None,
    }, status=400 if form.is_bound and form.errors else 200)


# --- exports -----------------------------------------------------------------------------------

EXPORT_FIELDS = [
    "buurtcode", "buurtnaam", "wijkcode", "inwoners", "inwoners_65plus", "woningen",
    "aandeel_inwoners_400m", "aandeel_inwoners_800m", "aandeel_65plus_400m", "aandeel_65plus_800m",
    "locaties_in_buurt", "locaties_per_10000_inwoners", "locaties_per_10000_woningen",
    "open_inloop_uren_per_week_400m", "activiteiten_per_week_800m", "activiteiten_per_week_in_buurt",
    "wensen_open", "vrijwilligers_actief", "basis", "bron_bevolking_jaar", "berekend_op", "afstand", "bron",
]


def _filename(gemeente, extension):
    return f"dekking-{gemeente.code}-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
@require_GET
def export_csv(request, code):
    """The figures per buurt as CSV; every row carries its basis, date and sources."""
    gemeente = _gemeente_for(request, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(gemeente, "csv")}"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly with a byte order mark
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in selectors.buurt_dekking_list(gemeente):
        writer.writerow(selectors.buurt_dekking_public_figures(row))
    return response


@login_required
@require_GET
def export_geojson(request, code):
    """The figures per buurt as GeoJSON (WGS84), with sources and date in ``metadata``."""
    gemeente = _gemeente_for(request, code)
    rows = list(selectors.buurt_dekking_list(gemeente))
    grenzen = dict(Buurt.objects.filter(gemeente=gemeente).values_list("id", "grens"))
    collection = {
        "type": "FeatureCollection",
        "metadata": {
            "gemeente": gemeente.code, "berekend_op": max((r.berekend_op for r in rows), default=None),
            "bron": str(selectors.SOURCES), "afstand": "hemelsbreed", "crs": "EPSG:4326",
        },
        "features": [
            {"type": "Feature", "geometry": grenzen.get(row.buurt_id), "properties": selectors.buurt_dekking_public_figures(row)}
            for row in rows
        ],
    }
    if collection["metadata"]["berekend_op"]:
        collection["metadata"]["berekend_op"] = collection["metadata"]["berekend_op"].isoformat()
    response = HttpResponse(json.dumps(collection, ensure_ascii=False), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{_filename(gemeente, "geojson")}"'
    return response


@login_required
@require_GET
def export_pdf(request, code):
    """A printable report for a council memo (WeasyPrint), with sources and dates."""
    from weasyprint import HTML  # noqa: PLC0415 heavy: loaded only for the report

    gemeente = _gemeente_for(request, code)
    dekking = selectors.gemeente_dekking_detail(gemeente)
    trend = selectors.dekking_trend_list(gemeente)
    html = render_to_string("ontmoeting/dashboard/rapport.html", {
        "gemeente": gemeente, "dekking": dekking, "trend": trend,
        "trend_chart": _line_chart(trend, "aandeel_65plus_400"),
        "verdeling_chart": _bar_chart(dekking.verdeling),
        "noodsteunpunten": selectors.noodsteunpunt_list(gemeente),
        "klassen": [*selectors.KLASSEN, selectors.KLASSE_GEEN],
        "drempel_labels": selectors.DREMPEL_LABELS, "bronnen": selectors.SOURCES,
        "vandaag": timezone.localdate(),
    }, request=request)
    pdf = HTML(string=html, base_url=absolute_url("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(gemeente, "pdf")}"'
    return response
