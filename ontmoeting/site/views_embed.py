"""The programme for other websites: a frameable page per buurt and per place (/embed/…).

A housing corporation's newsletter or a school's site shows the coming two weeks in an
iframe. Only these pages may be framed by any site: their Content-Security-Policy says
``frame-ancestors *`` and they send no X-Frame-Options; every other page stays unframeable.
Links open the full page on this site in a new tab. No cookies are needed to read them.
"""

from datetime import timedelta

from csp.decorators import csp_replace
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt

from activiteiten.selectors import bijeenkomst_list_public
from core.links import absolute_url
from locaties.selectors import locatie_list_in_and_near_buurt, locatie_list_published

from . import params
from .views_buurt import NABIJ_METERS, _buurt

EMBED_DAGEN = 14
FRAMEABLE = csp_replace({"frame-ancestors": ["*"]})


def _coming(bijeenkomsten) -> list[dict]:
    """The days of the coming two weeks that have something on, each with its occurrences."""
    vandaag = timezone.localdate()
    bijeenkomsten, _errors = params.filter_bijeenkomsten(
        bijeenkomsten.filter(eind__gt=timezone.now()), QueryDict(), van=vandaag,
        tot=vandaag + timedelta(days=EMBED_DAGEN - 1),
    )
    dagen = []
    for bijeenkomst in params.for_list(bijeenkomsten):
        dag = timezone.localtime(bijeenkomst.start).date()
        if not dagen or dagen[-1]["datum"] != dag:
            dagen.append({"datum": dag, "bijeenkomsten": []})
        dagen[-1]["bijeenkomsten"].append(bijeenkomst)
    return dagen


@xframe_options_exempt
@FRAMEABLE
def embed_buurt(request, code):
    """The coming two weeks of a buurt and the places within 400 m, to frame elsewhere."""
    buurt = _buurt(code)
    ids = [locatie.pk for locatie in locatie_list_in_and_near_buurt(buurt=buurt, afstand=NABIJ_METERS)]
    return render(request, "site/embed.html", {
        "titel": buurt.naam, "dagen": _coming(bijeenkomst_list_public().filter(activiteit__locatie__in=ids)),
        "pagina": absolute_url(reverse("site:buurt", args=[code])), "toon_plek": True, "site_url": absolute_url(""),
    })


@xframe_options_exempt
@FRAMEABLE
def embed_locatie(request, slug):
    """The coming two weeks of a place, to frame elsewhere."""
    locatie = get_object_or_404(locatie_list_published(), slug=slug)
    return render(request, "site/embed.html", {
        "titel": locatie.naam, "dagen": _coming(bijeenkomst_list_public().filter(activiteit__locatie=locatie)),
        "pagina": absolute_url(reverse("site:locatie", args=[slug])), "toon_plek": False, "site_url": absolute_url(""),
    })
