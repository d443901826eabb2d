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
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.links import absolute_url
from locaties.models import Buurt, Gemeente

from .. import access
from ..dekking import selectors
from ..dekking.parsing import parse_punten, postcode_punt, punt_text
from ..dekking.scenarios import scenario_create, scenario_plekken
from ..dekking.thresholds import drempelwaarden_set
from ..dekking.whatif import whatif_compute
from ..models import Scenario
from ..site.kaart import basemap
from . import tabel
from .forms import DrempelwaardenForm, PostcodeForm, ScenarioForm
from .grafieken import bar_chart, line_chart
from .kaart_svg import coverage_map_svg_data


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
        "bron": escape(_("Source: CBS, Kadaster")),
    }


def _kaart_svg(dekking: selectors.GemeenteDekking, locaties) -> dict | None:
    """The same map drawn on the server (for the PDF), from the boundaries alone."""
    grenzen = dict(Buurt.objects.filter(gemeente=dekking.gemeente, grens__isnull=False).values_list("id", "grens"))
    return coverage_map_svg_data(
        [{"naam": row.buurt.naam, "grens": grenzen.get(row.buurt_id), "patroon": row.klasse[4]} for row in dekking.rows],
        [{"naam": loc.naam, "lat": loc.lat, "lon": loc.lon,
          "telt_mee": bool(getattr(loc, "dekking", None) and loc.dekking.telt_mee)} for loc in locaties],
    )


# --- pages -----------------------------------------------------------------------------------


def _plural_count(value) -> int:
    """A whole number for ngettext to choose singular or plural by (it takes no
    decimals): the value itself when whole, else 2 (a fraction reads as plural)."""
    return int(value) if value == int(value) else 2


def _number_text(value) -> str:
    """A threshold as people write it: no trailing zeros, the decimal sign of the language."""
    return number_format(Decimal(f"{Decimal(value).normalize():f}"))


@login_required
@require_GET
def dashboard(request, code):
    """The overview: key figures, map, sortable table, gaps, charts, emergency points."""
    gemeente = _gemeente_for(request, code)
    sort = request.GET.get("sort", "code")
    descending = request.GET.get("dir") == "desc"
    dekking = selectors.gemeente_dekking_detail(gemeente, sort=sort, descending=descending)
    tabel.mark_thresholds(dekking.rows)
    trend = selectors.dekking_trend_list(gemeente)
    inline = len(dekking.rows) <= tabel.INLINE_BUURTEN
    return render(request, "ontmoeting/dashboard/dashboard.html", {
        "gemeente": gemeente, "dekking": dekking, "sort": sort,
        "columns": tabel.sort_links(sort, descending, base="" if inline else None),
        "sort_gekozen": "sort" in request.GET, "inline": inline,
        # One basis for all buurten is said above the table; a column only when they differ.
        "meer_bases": len(dekking.totaal.bases) > 1,
        "drempel_aantal": {
            "locaties": _plural_count(dekking.drempels.min_locaties_per_10000),
            "jongeren": _plural_count(dekking.drempels.min_jongeren_800),
            "locaties_tekst": _number_text(dekking.drempels.min_locaties_per_10000),
            "jongeren_tekst": _number_text(dekking.drempels.min_jongeren_800),
        }, "wijk_groepen": tabel.wijk_groepen(dekking, rows=inline),
        "trend": trend,
        "trend_chart": line_chart(trend, "aandeel_65plus_400"),
        "verdeling_chart": bar_chart(dekking.verdeling),
        "noodsteunpunten": selectors.noodsteunpunt_list(gemeente),
        "kaart_settings": basemap(),
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
        "punten": [punt_text(p) for p in result.plekken],
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
    """The figures per buurt as CSV (comma, decimal point: for programs and scripts);
    every row carries its basis, date and sources."""
    gemeente = _gemeente_for(request, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(gemeente, "csv")}"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly with a byte order mark
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in selectors.buurt_dekking_list(gemeente):
        writer.writerow(selectors.buurt_dekking_public_figures(row))
    return response


def _excel_value(value) -> str:
    """A value as Dutch Excel reads it: a decimal comma, nothing for an empty figure."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float | Decimal):
        return f"{value}".replace(".", ",")
    return str(value)


@login_required
@require_GET
def export_csv_excel(request, code):
    """The same figures as CSV for Dutch Excel: semicolons, decimal commas, a byte order mark."""
    gemeente = _gemeente_for(request, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(gemeente, "excel.csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(EXPORT_FIELDS)
    for row in selectors.buurt_dekking_list(gemeente):
        figures = selectors.buurt_dekking_public_figures(row)
        figures["berekend_op"] = timezone.localtime(row.berekend_op).strftime("%Y-%m-%d %H:%M")
        writer.writerow([_excel_value(figures.get(name)) for name in EXPORT_FIELDS])
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
        "kaart_svg": _kaart_svg(dekking, selectors.locatie_list_for_map(gemeente)),
        "trend_chart": line_chart(trend, "aandeel_65plus_400"),
        "verdeling_chart": bar_chart(dekking.verdeling),
        "noodsteunpunten": selectors.noodsteunpunt_list(gemeente),
        "klassen": [*selectors.KLASSEN, selectors.KLASSE_GEEN],
        "drempel_labels": selectors.DREMPEL_LABELS, "bronnen": selectors.SOURCES,
        "vandaag": timezone.localdate(), "pdf": True,
    }, request=request)
    pdf = HTML(string=html, base_url=absolute_url("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(gemeente, "pdf")}"'
    return response
