"""The buurt page: the week's programme, places in and near the buurt, wishes; and the
buurt's wishes page with the forms (a new wish, +1), which the page cache never keeps."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activiteiten.models import Wens
from activiteiten.selectors import bijeenkomst_list_public, wens_list_public
from activiteiten.services import WensAlGesteund, wens_create, wens_steun
from core.links import absolute_url
from locaties.models import Buurt
from locaties.selectors import locatie_list_in_and_near_buurt
from vrijwilligers.selectors import bijeenkomsten_with_gastvrouw

from . import params, programma
from .forms import WensForm
from .kaart import kaart

NABIJ_METERS = 400
SESSION_STEUN = "wensen_gesteund"


def _buurt(code):
    return get_object_or_404(Buurt.objects.select_related("wijk", "gemeente"), code=code)


def _wensen(request, buurt) -> list:
    """The buurt's approved wishes, each saying whether this browser supports it already."""
    gesteund = set(request.session.get(SESSION_STEUN, []))
    wensen = list(wens_list_public().filter(buurt=buurt))
    for wens in wensen:
        wens.al_gesteund = wens.pk in gesteund
    return wensen


def buurt_detail(request, code):
    """The week's programme of a buurt and the places within 400 m, with filters; the
    wishes without their forms (those are on ``wensen``), so that the page carries no
    CSRF token and can be kept for every anonymous visitor."""
    buurt = _buurt(code)
    maandag, week_errors = params.week_start(request)
    zondag = maandag + timedelta(days=6)
    filters = params.selected(request, params.FILTER_PARAMS)
    locaties = locatie_list_in_and_near_buurt(
        buurt=buurt, afstand=NABIJ_METERS, velden=["slug", "soort", "straat", "huisnummer", "postcode", "plaats"]
    )
    bijeenkomsten = bijeenkomst_list_public().filter(activiteit__locatie__in=[loc.pk for loc in locaties])
    bijeenkomsten, errors = params.filter_bijeenkomsten(bijeenkomsten, filters, van=maandag, tot=zondag)
    # The running open inloop says whether its host is there (in the same query).
    bijeenkomsten = bijeenkomsten_with_gastvrouw(bijeenkomsten)
    context = {
        "buurt": buurt,
        "maandag": maandag,
        "dagen": params.days_of_week(maandag, programma.rows(bijeenkomsten), datum=programma.datum_van),
        "weken": params.week_links(request, maandag),
        "filter": params.filter_context(filters),
        "filter_errors": errors,
        "week_errors": week_errors,
        "query": filters.urlencode(),
        "locaties": locaties,
        "nabij_meters": NABIJ_METERS,
        "wensen": _wensen(request, buurt),
        "ical_url": _with_query(reverse("site:buurt-ical", args=[buurt.code]), filters),
        "feed_url": reverse("site:buurt-rss", args=[buurt.code]),
        "embed_url": absolute_url(reverse("site:embed-buurt", args=[buurt.code])),
        "kaart": kaart(locaties, grens=buurt.grens, bron="CBS, Kadaster"),
    }
    return render(request, "site/buurt.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def wens_nieuw(request, code):
    """The buurt's wishes with a +1 button each, and the form for a resident's new wish;
    the wish shows after a moderator approves it."""
    buurt = _buurt(code)
    if request.method != "POST":
        return _wensen_page(request, buurt, WensForm())
    form = WensForm(request.POST)
    if form.is_valid():
        try:
            wens_create(buurt=buurt, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Said in the wishes section, where the person is looking, with the focus on it.
            messages.success(request, _(
                "Thank you, your wish has been sent. Someone reads it first; after that it shows on this page."
            ), extra_tags="wensen")
            return redirect(f"{wensen_url(buurt)}#wens-bedankt")
    return _wensen_page(request, buurt, form, status=400)


def _wensen_page(request, buurt, form, status=200):
    context = {"buurt": buurt, "wensen": _wensen(request, buurt), "wens_form": form}
    return render(request, "site/buurt_wensen.html", context, status=status)


@require_POST
def wens_plus(request, code, pk):
    """Support a wish: once per browser (remembered in its session)."""
    buurt = _buurt(code)
    wens = get_object_or_404(Wens, pk=pk, buurt=buurt, goedgekeurd=True)
    gesteund = request.session.get(SESSION_STEUN, [])
    try:
        wens_steun(wens=wens, steuner=_steuner(request))
    except WensAlGesteund as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for your support."))
    if wens.pk not in gesteund:  # to show it on the buurt page
        request.session[SESSION_STEUN] = gesteund + [wens.pk]
    return redirect(f"{wensen_url(buurt)}#wensen")


def _steuner(request) -> str:
    """Who supports, as ``wens_steun`` counts them once: the account, else the browser's session."""
    if request.user.is_authenticated:
        return f"gebruiker:{request.user.pk}"
    if request.session.session_key is None:
        request.session.save()
    return f"sessie:{request.session.session_key}"


def _with_query(url, query) -> str:
    return f"{url}?{query.urlencode()}" if query else url


def wensen_url(buurt) -> str:
    return reverse("site:wens-nieuw", args=[buurt.code])
