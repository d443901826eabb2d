"""Paper and screen: a printable A4 weekly programme (also as PDF) per buurt and per
place, and a full-screen page for the screen in the hall of a place."""

from datetime import timedelta

import segno
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from activiteiten.selectors import bijeenkomst_list_public, locatie_has_open_inloop
from core.links import absolute_url
from locaties.models import Buurt, Locatie
from locaties.selectors import locatie_list_in_and_near_buurt, locatie_list_published

from . import params
from .views_buurt import NABIJ_METERS
from .views_pages import gastvrouw_context

# The screen in the hall fetches the page again every five minutes.
SCHERM_VERVERS_SECONDEN = 300


def _week(request, bijeenkomsten):
    maandag, _errors = params.week_start(request)
    filters = params.selected(request, params.FILTER_PARAMS)
    bijeenkomsten, errors = params.filter_bijeenkomsten(
        bijeenkomsten, filters, van=maandag, tot=maandag + timedelta(days=6)
    )
    return {
        "maandag": maandag, "zondag": maandag + timedelta(days=6),
        "dagen": params.days_of_week(maandag, bijeenkomsten), "filter_errors": errors,
    }


def _paper(week: dict, pagina: str) -> dict:
    """What a sheet says besides the programme: the places in it with address and phone
    (to ask or sign up), the page's address, and a QR code to it."""
    ids = {b.activiteit.locatie_id for dag in week["dagen"] for b in dag["bijeenkomsten"]}
    adres = absolute_url(pagina)
    return {
        "plekken": list(Locatie.objects.filter(pk__in=ids).order_by("naam")),
        "pagina_adres": adres,
        # segno writes the SVG itself from the address: nothing typed by anyone is in it.
        "qr": mark_safe(segno.make(adres, error="m").svg_inline(scale=3, dark="#000", light="#fff")),
    }


def _buurt_context(request, code):
    buurt = get_object_or_404(Buurt.objects.select_related("wijk", "gemeente"), code=code)
    ids = [locatie.pk for locatie in locatie_list_in_and_near_buurt(buurt=buurt, afstand=NABIJ_METERS)]
    week = _week(request, bijeenkomst_list_public().filter(activiteit__locatie__in=ids))
    return {"titel": buurt.naam, "buurt": buurt, **week, **_paper(week, reverse("site:buurt", args=[code]))}


def _locatie_context(request, slug):
    locatie = get_object_or_404(locatie_list_published(), slug=slug)
    week = _week(request, bijeenkomst_list_public().filter(activiteit__locatie=locatie))
    paper = _paper(week, reverse("site:locatie", args=[slug]))
    paper["plekken"] = [locatie]  # its own address and phone, also in a quiet week
    return {"titel": locatie.naam, "locatie": locatie, **week, **paper}


def _pdf(request, context, filename):
    from weasyprint import CSS, HTML  # noqa: PLC0415 heavy: loaded only for a PDF

    html = render_to_string("site/afdruk.html", {**context, "pdf": True}, request=request)
    # The page links its stylesheet (no inline style under the Content-Security-Policy);
    # WeasyPrint reads the same file from disk rather than fetching it from SITE_URL.
    style = CSS(filename=finders.find("site/afdruk.css"))
    pdf = HTML(string=html, base_url=absolute_url("/")).write_pdf(stylesheets=[style])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


def buurt_afdruk(request, code):
    """The week's programme of a buurt on one A4 sheet, in large type."""
    return render(request, "site/afdruk.html", _buurt_context(request, code))


def buurt_pdf(request, code):
    return _pdf(request, _buurt_context(request, code), f"programma-{code}")


def locatie_afdruk(request, slug):
    """The week's programme of a place on one A4 sheet, in large type."""
    return render(request, "site/afdruk.html", _locatie_context(request, slug))


def locatie_pdf(request, slug):
    return _pdf(request, _locatie_context(request, slug), f"programma-{slug}")


def locatie_scherm(request, slug):
    """Today and tomorrow at a place, in very large type, for the screen in the hall."""
    locatie = get_object_or_404(locatie_list_published(), slug=slug)
    vandaag = timezone.localdate()
    bijeenkomsten = bijeenkomst_list_public().filter(activiteit__locatie=locatie)
    bijeenkomsten, errors = params.filter_bijeenkomsten(
        bijeenkomsten.filter(eind__gt=timezone.now()), QueryDict(), van=vandaag, tot=vandaag + timedelta(days=1)
    )
    if errors:
        raise Http404
    dagen = params.days_of_week(vandaag, bijeenkomsten)[:2]
    nu = timezone.now()
    for bijeenkomst in dagen[0]["bijeenkomsten"]:
        bijeenkomst.nu_bezig = not bijeenkomst.geannuleerd and bijeenkomst.start <= nu < bijeenkomst.eind
    verversen = request.GET.get("verversen") != "nee"
    response = render(request, "site/scherm.html", {
        "locatie": locatie, "dagen": dagen, "nu": timezone.localtime(nu), "verversen": verversen,
        "inloop_nu": locatie_has_open_inloop(locatie=locatie, moment=nu),
        **gastvrouw_context(locatie, nu),
    })
    if verversen:
        # A Refresh header rather than a meta tag: the same reload for the unattended screen,
        # and a person reading it in a browser can turn it off (WCAG 2.2.1) with the link.
        response["Refresh"] = str(SCHERM_VERVERS_SECONDEN)
    return response
