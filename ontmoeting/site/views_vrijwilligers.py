"""The volunteers' pages: public vacancies with "Ik wil helpen", and the volunteer's own
page behind their signed personal link (no account needed): open shifts to take, their
own shifts to give back, a calendar feed, their data to download or erase.

The signed link is the permission (``ontmoeting.access`` declares these pages public):
an invalid link, or one of a volunteer whose data were erased, gets one answer, a 404.
"""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from locaties.filters import distance_m
from vrijwilligers.constants import Dagdeel
from vrijwilligers.ical import inzetten_ical
from vrijwilligers.models import Dienst, Inzet
from vrijwilligers.selectors import (
    dagdeel_at,
    dienst_list_for_vrijwilliger,
    dienst_list_open_for_vrijwilliger,
    diensten_ical_list,
    vacature_list_filtered,
    vacature_list_published,
    vrijwilliger_from_token,
    vrijwilliger_uren_dit_jaar,
)
from vrijwilligers.services import (
    inzet_afmeld_door_vrijwilliger,
    inzet_create_door_vrijwilliger,
    vrijwilliger_actief,
    vrijwilliger_erase,
    vrijwilliger_export,
    vrijwilliger_registreer,
    vrijwilliger_voornaam_tonen,
)

from .. import access
from .forms_vrijwilligers import HelpenForm, VacatureFilterForm, VoornaamForm

PER_PAGINA = 20


def vacatures(request):
    """Published vacancies, filtered by buurt, place and task, a page at a time."""
    access.check(request, None)
    alle = list(vacature_list_published().select_related("locatie__buurt"))
    form = VacatureFilterForm(request.GET or None, vacatures=alle)
    params = form.cleaned_data if form.is_valid() else {}
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if value:
            query[key] = value
    if query.get("postcode") and not query.get("straal"):
        query["straal"] = VacatureFilterForm.STRAAL_DEFAULT
    if query.get("straal") and not query.get("postcode"):
        del query["straal"]  # a distance without a postcode: from nowhere
    rijen, filterset = vacature_list_filtered(query)
    for field, errors in (filterset.errors if form.is_valid() else {}).items():
        form.add_error(field if field in form.fields else None, errors)
    pagina = Paginator(rijen.order_by("-aangemaakt", "pk"), PER_PAGINA).get_page(request.GET.get("pagina"))
    hier = (filterset.form.cleaned_data.get("lat"), filterset.form.cleaned_data.get("lon")) if (
        query.get("postcode") and form.is_valid()) else None
    if hier is not None:
        for vacature in pagina:
            vacature.afstand_m = None
            if vacature.locatie and vacature.locatie.lat is not None:
                vacature.afstand_m = round(distance_m(hier, (vacature.locatie.lat, vacature.locatie.lon)), -1)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "site/vacatures.html", {
        "form": form, "pagina": pagina, "query": query.urlencode(), "afstanden": hier is not None,
    }, status=200 if form.is_bound is False or form.is_valid() else 400)


def _vacature(pk):
    return get_object_or_404(vacature_list_published().select_related("locatie__buurt", "organisatie"), pk=pk)


def vacature_detail(request, pk):
    """One vacancy: what it asks, where, how much time, who to ask."""
    access.check(request, None)
    return render(request, "site/vacature.html", {"vacature": _vacature(pk)})


def vacature_helpen(request, pk):
    """"Ik wil helpen": the sign-up form of a vacancy."""
    access.check(request, None)
    vacature = _vacature(pk)
    form = HelpenForm(request.POST or None, vacature=vacature)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                vrijwilliger = vrijwilliger_registreer(vacature=vacature, **form.service_fields())
            except ValidationError as error:
                if hasattr(error, "error_dict") and "toestemming_op" in error.error_dict:
                    form.add_error("toestemming", error.error_dict["toestemming_op"])
                else:
                    form.add_error(None, error)
            else:
                request.session["vrijwilliger_mail"] = bool(vrijwilliger.email)
                return redirect("site:vacature-bedankt", vacature.pk)
        status = 400
    return render(request, "site/vacature_helpen.html", {"vacature": vacature, "form": form}, status=status)


def vacature_bedankt(request, pk):
    """After signing up: what happens next."""
    access.check(request, None)
    return render(request, "site/vacature_bedankt.html", {
        "vacature": _vacature(pk), "gemaild": request.session.get("vrijwilliger_mail", True),
    })


def vrijwilligers_redirect(request):
    """/vrijwilligers: the vacancies are where a volunteer starts."""
    access.check(request, None)
    return redirect("site:vacatures", permanent=False)


# --- the volunteer's own page, behind the signed link ----------------------------------------


def _vrijwilliger(request, token, *, actief: bool = True):
    """The volunteer behind the link; following it or acting on the page answers the
    retention question (``vrijwilliger_actief``), a calendar app fetching the feed does not."""
    access.check(request, None)
    vrijwilliger = vrijwilliger_from_token(token)
    if vrijwilliger is None:
        raise Http404
    return vrijwilliger_actief(vrijwilliger=vrijwilliger) if actief else vrijwilliger


@never_cache
def vrijwilliger(request, token):
    """"Mijn diensten": my coming shifts, and open shifts I can take (those in my
    availability marked)."""
    persoon = _vrijwilliger(request, token)
    eigen = list(dienst_list_for_vrijwilliger(vrijwilliger=persoon))
    open_diensten = list(dienst_list_open_for_vrijwilliger(vrijwilliger=persoon))
    beschikbaar = set(persoon.beschikbaarheid)
    for dienst in open_diensten:
        dienst.past = dagdeel_at(dienst.start) in beschikbaar
    labels = dict(Dagdeel.choices)
    return render(request, "site/vrijwilliger.html", {
        "vrijwilliger": persoon, "token": token, "inzetten": eigen, "open_diensten": open_diensten,
        "beschikbaarheid": [labels[code] for code in persoon.beschikbaarheid if code in labels],
        "ical_url": request.build_absolute_uri(reverse("site:vrijwilliger-ical", args=[token])),
        "uren": vrijwilliger_uren_dit_jaar(vrijwilliger=persoon),
    })


@never_cache
def vrijwilliger_voornaam(request, token):
    """May the public pages say my first name while I host an open inloop? (POST)"""
    persoon = _vrijwilliger(request, token)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = VoornaamForm(request.POST)
    form.is_valid()  # a checkbox: absent means no
    vrijwilliger_voornaam_tonen(vrijwilliger=persoon, tonen=form.cleaned_data.get("voornaam_tonen", False))
    messages.success(request, _("Saved: the website shows your first name while you host.")
                     if form.cleaned_data.get("voornaam_tonen") else _("Saved: the website does not show your name."))
    return redirect("site:vrijwilliger", token)


@never_cache
def dienst_nemen(request, token, pk):
    """Take a place on an open shift (POST)."""
    persoon = _vrijwilliger(request, token)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    dienst = get_object_or_404(Dienst.objects.select_related("locatie"), pk=pk,
                               locatie__beheerder__in=persoon.organisaties.values("pk"))
    try:
        inzet_create_door_vrijwilliger(dienst=dienst, vrijwilliger=persoon)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are on the shift %(taak)s at %(locatie)s. Thank you!") % {
            "taak": dienst.get_taak_display(), "locatie": dienst.locatie.naam})
    return redirect("site:vrijwilliger", token)


@never_cache
def inzet_afmelden(request, token, pk):
    """Give a shift back (POST); the coordinators are told."""
    persoon = _vrijwilliger(request, token)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    inzet = get_object_or_404(Inzet.objects.select_related("dienst__locatie"), pk=pk, vrijwilliger=persoon)
    try:
        inzet = inzet_afmeld_door_vrijwilliger(inzet=inzet)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("You gave back the shift %(taak)s at %(locatie)s. The coordinator has been told.")
        if inzet.laat:
            text += " " + _("It starts within 24 hours: if you can, call the coordinator too.")
        messages.success(request, text % {"taak": inzet.dienst.get_taak_display(), "locatie": inzet.dienst.locatie.naam})
    return redirect("site:vrijwilliger", token)


def vrijwilliger_ical(request, token):
    """My shifts as a private calendar feed (the signed link is its address)."""
    persoon = _vrijwilliger(request, token, actief=False)
    body = inzetten_ical(diensten_ical_list(vrijwilliger=persoon), naam=_("My shifts"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def vrijwilliger_gegevens(request, token):
    """Everything we keep about me, to download (JSON)."""
    persoon = _vrijwilliger(request, token)
    response = HttpResponse(
        json.dumps(vrijwilliger_export(vrijwilliger=persoon), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@never_cache
def vrijwilliger_wissen(request, token):
    """Erase my data: first a question (GET), then the erasure (POST). The link stops working."""
    persoon = _vrijwilliger(request, token)
    if request.method == "POST":
        vrijwilliger_erase(vrijwilliger=persoon)
        return render(request, "site/vrijwilliger_gewist.html")
    return render(request, "site/vrijwilliger_wissen.html", {"vrijwilliger": persoon, "token": token})
