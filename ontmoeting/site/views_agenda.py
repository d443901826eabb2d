"""The agenda of a gemeente: the same filters as the buurt page, plus distance from a postcode."""

from datetime import timedelta

from django.shortcuts import render
from django.urls import reverse

from activiteiten.selectors import bijeenkomst_list_public
from locaties.models import Gemeente

from . import params


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
    """A week of a gemeente's activities, filtered as asked, paged by week."""
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
    ical_query = filters.copy()
    context = {
        "gemeente": gemeente,
        "gemeente_code": gemeente.code if gemeente else "",
        "maandag": maandag,
        "dagen": params.days_of_week(maandag, bijeenkomsten),
        "weken": params.week_links(request, maandag),
        "filter": params.filter_context(filters),
        "filter_errors": errors,
        "week_errors": week_errors,
        "toon_afstand": True,
        "ical_url": f"{reverse('site:agenda-ical')}?{ical_query.urlencode()}",
        "feed_url": f"{reverse('site:agenda-rss')}?{ical_query.urlencode()}",
    }
    return render(request, "site/agenda.html", context)
