"""Site-wide pages: the home page (find your buurt; today and this week)."""

from datetime import timedelta

from django.shortcuts import redirect, render
from django.utils import timezone

from activiteiten.selectors import bijeenkomst_list_public
from locaties.geo import buurt_for_point
from locaties.selectors import buurt_search

from .site import params, programma
from .site.views_agenda import gemeente_for


def home(request):
    """Find your buurt by name or postcode (or your location); below, today and this week."""
    zoekterm = request.GET.get("q", "").strip()
    positie_buiten_buurten = False  # the browser's position is in no known buurt
    if request.GET.get("lat") and request.GET.get("lon"):
        try:
            buurt = buurt_for_point(float(request.GET["lat"]), float(request.GET["lon"]))
        except ValueError:
            buurt = None
        if buurt is not None:
            return redirect("site:buurt", buurt.code)
        positie_buiten_buurten = True
    buurten = buurt_search(zoekterm) if zoekterm else None
    if buurten is not None and len(buurten) == 1:
        return redirect("site:buurt", buurten[0].code)  # one hit: straight there
    gemeente = gemeente_for(request)
    vandaag = timezone.localdate()
    zondag = vandaag + timedelta(days=6 - vandaag.weekday())
    bijeenkomsten = []
    if gemeente is not None:
        query = params.selected(request, [])
        query["gemeente"] = gemeente.code
        bijeenkomsten, _ = params.filter_bijeenkomsten(
            bijeenkomst_list_public().filter(eind__gt=timezone.now()), query, van=vandaag, tot=zondag
        )
        bijeenkomsten = programma.rows(bijeenkomsten[:200])
    context = {
        "zoekterm": zoekterm,
        "positie_buiten_buurten": positie_buiten_buurten,
        "buurten": buurten,
        "gemeente": gemeente,
        "vandaag": [b for b in bijeenkomsten if b["datum"] == vandaag],
        "deze_week": params.days_of_week(
            vandaag, [b for b in bijeenkomsten if b["datum"] > vandaag], datum=programma.datum_van
        )[1:7 - vandaag.weekday()],
    }
    return render(request, "ontmoeting/home.html", context)
