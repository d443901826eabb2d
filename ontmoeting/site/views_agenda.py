"""The agenda of a gemeente: the same filters as the buurt page, plus distance from a postcode."""

from datetime import timedelta

from django.shortcuts import render
from django.urls import reverse

from activiteiten.selectors import bijeenkomst_list_public
from locaties.filters import postcode_punt
from locaties.models import Gemeente

from . import params, programma
from .kaart import kaart


def gemeente_for(request):
    """The gemeente asked for (``?gemeente=GM0935``), else the first one with published places."""
    code = request.GET.get("gemeente", "")
    gemeenten = Gemeente.objects.order_by("naam", "code")
    if code:
        gemeente = gemeenten.filter(code=code).first()
        if gemeente is not None:
            return gemeente
    return gemeenten.filter(buurten__locaties__gepubliceerd=True).first()


def agenda(request):
    """A week of a gemeente's activities, filtered as asked, paged by week and within the
    week (``?pagina=N``, ``params.PER_PAGINA`` occurrences a page)."""
    gemeente = gemeente_for(request)
    maandag, week_errors = params.week_start(request)
    filters = params.selected(request, params.AGENDA_PARAMS)
    if gemeente is not None:
        filters["gemeente"] = gemeente.code
    if filters.get("postcode") and not filters.get("straal"):
        filters["straal"] = "800"
    bijeenkomsten, errors = params.filter_bijeenkomsten(
        bijeenkomst_list_public(), filters, van=maandag, tot=maandag + timedelta(days=6)
    )
    hier = _postcode_point(filters) if not errors else None
    bijeenkomsten, pagina = params.page_of(request, bijeenkomsten, maandag, rows=lambda page: programma.rows(page, hier=hier))
    dagen = params.days_of_week(maandag, bijeenkomsten, datum=programma.datum_van)
    if pagina["vorige"] or pagina["volgende"]:
        # A page holds part of the week: show only the days it covers, so that an empty
        # day on it is a day without activities, not one on another page.
        dagen = _days_on_page(
            dagen, eerste=bool(pagina["vorige"]), laatste=bool(pagina["volgende"])
        )
    ical_query = filters.copy()
    context = {
        "gemeente": gemeente,
        "gemeente_code": gemeente.code if gemeente else "",
        "maandag": maandag,
        "dagen": dagen,
        "pagina": pagina,
        "weken": params.week_links(request, maandag),
        "filter": params.filter_context(filters),
        "filter_errors": errors,
        "week_errors": week_errors,
        "toon_afstand": True,
        "afstanden": hier is not None,
        # The map: the places of this page's occurrences.
        "kaart": kaart({b["locatie"].slug: b["locatie"] for b in bijeenkomsten}.values(), hier=hier),
        "ical_url": f"{reverse('site:agenda-ical')}?{ical_query.urlencode()}",
        "feed_url": f"{reverse('site:agenda-rss')}?{ical_query.urlencode()}",
    }
    return render(request, "site/agenda.html", context)


def _postcode_point(filters) -> tuple[float, float] | None:
    """The point of the postcode the distances are measured from, if one was given."""
    return postcode_punt(filters["postcode"]) if filters.get("postcode") else None


def _days_on_page(dagen, *, eerste: bool, laatste: bool) -> list[dict]:
    """The days of ``dagen`` from the page's first occurrence (when earlier pages exist) to
    its last (when later pages exist)."""
    gevuld = [index for index, dag in enumerate(dagen) if dag["bijeenkomsten"]]
    if not gevuld:
        return []
    van = gevuld[0] if eerste else 0
    tot = gevuld[-1] if laatste else len(dagen) - 1
    return dagen[van : tot + 1]
