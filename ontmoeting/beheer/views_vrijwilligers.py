"""The organisation's volunteers in the workspace (/beheer/<organisation>/vrijwilligers/):
a searchable list with contact, talents, availability and hours this year; a volunteer's
data to download, or to erase on their request. For coordinators and the board only
(``vrijwilligers.list_vrijwilliger``, ``view_vrijwilliger``, ``delete_vrijwilliger``); a
manager gets 403, and a volunteer of another organisation answers 404."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from activiteiten.selectors import wens_list_near
from vrijwilligers.constants import Dagdeel, Talent
from vrijwilligers.models import Vrijwilliger
from vrijwilligers.selectors import (
    vacature_list_for_organisatie,
    vrijwilliger_list_for_organisatie,
    vrijwilliger_list_passend,
    vrijwilliger_list_waiting,
)
from vrijwilligers.services import vrijwilliger_accepteer, vrijwilliger_afwijs, vrijwilliger_erase, vrijwilliger_export

from .. import access
from .forms_rooster import PassendForm
from .views import _context, _locaties, _organisatie, _owned, _post_only

PER_PAGINA = 25


@login_required
def vrijwilligers(request, org):
    """The organisation's volunteers, searched by name, e-mail or phone, a page at a time."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    zoek = request.GET.get("zoek", "").strip()[:100]
    pagina = Paginator(vrijwilliger_list_for_organisatie(organisatie=organisatie, zoek=zoek), PER_PAGINA).get_page(
        request.GET.get("pagina"))
    talenten, dagdelen = dict(Talent.choices), dict(Dagdeel.choices)
    for persoon in pagina:
        persoon.talent_labels = [str(talenten.get(t, t)) for t in persoon.talenten]
        persoon.dagdeel_labels = [str(dagdelen.get(d, d)) for d in persoon.beschikbaarheid]
    return render(request, "beheer/vrijwilligers.html", _context(
        organisatie, "vrijwilligers", pagina=pagina, zoek=zoek,
        wachtend=list(vrijwilliger_list_waiting(organisatie=organisatie)[:50])))


@login_required
def vrijwilligers_passend(request, org):
    """Which of the organisation's volunteers fit a vacancy (``?vacature=``: its talents
    and times), a resident's wish (``?wens=``: shown, the talents chosen here) or the
    talents and times chosen: for the coordinator and the board only, never public."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    vacature = wens = None
    initial = {}
    if request.GET.get("vacature", "").isdigit():
        vacature = get_object_or_404(vacature_list_for_organisatie(organisatie=organisatie), pk=request.GET["vacature"])
        initial = {"talenten": vacature.talenten, "dagdelen": vacature.dagdelen}
    if request.GET.get("wens", "").isdigit():
        wens = get_object_or_404(wens_list_near(locaties=_locaties(organisatie)), pk=request.GET["wens"])
    gekozen = any(key in request.GET for key in ("talenten", "dagdelen", "zoeken"))
    form = PassendForm(request.GET if gekozen else None, initial=initial)
    keuze = form.cleaned_data if gekozen and form.is_valid() else initial
    gevonden = []
    if keuze.get("talenten") or keuze.get("dagdelen"):
        gevonden = vrijwilliger_list_passend(organisatie=organisatie, talenten=keuze.get("talenten", ()),
                                             dagdelen=keuze.get("dagdelen", ()))
    talenten, dagdelen = dict(Talent.choices), dict(Dagdeel.choices)
    for persoon in gevonden:
        persoon.talent_labels = [str(talenten[t]) for t in persoon.passende_talenten if t in talenten]
        persoon.dagdeel_labels = [str(dagdelen[d]) for d in persoon.passende_dagdelen if d in dagdelen]
    return render(request, "beheer/vrijwilligers_passend.html", _context(
        organisatie, "vrijwilligers", form=form, vacature=vacature, wens=wens, gevonden=gevonden,
        gezocht=bool(keuze.get("talenten") or keuze.get("dagdelen")),
    ), status=200 if not gekozen or form.is_valid() else 400)


def _vrijwilliger(request, organisatie, pk) -> Vrijwilliger:
    return _owned(request, Vrijwilliger.objects.filter(gewist_op__isnull=True), pk=pk, organisaties=organisatie)


@login_required
def vrijwilliger_gegevens(request, org, pk):
    """Everything kept about the volunteer, to download (JSON) for them."""
    organisatie = _organisatie(request, org)
    persoon = _vrijwilliger(request, organisatie, pk)
    response = HttpResponse(json.dumps(vrijwilliger_export(vrijwilliger=persoon), ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vrijwilliger-{persoon.pk}.json"'
    return response


@login_required
def vrijwilliger_wissen(request, org, pk):
    """Erase the volunteer's data on their request (POST)."""
    organisatie = _organisatie(request, org)
    persoon = _vrijwilliger(request, organisatie, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    naam = persoon.naam
    vrijwilliger_erase(vrijwilliger=persoon)
    messages.success(request, _("The data of %(naam)s are erased; the hours worked stay, without a name.")
                     % {"naam": naam})
    return redirect("beheer:vrijwilligers", organisatie.slug)


@login_required
def vrijwilliger_accepteren(request, org, pk):
    """Accept a sign-up from the site (POST); the volunteer is told by mail."""
    return _beslis(request, org, pk, vrijwilliger_accepteer,
                   _("%(naam)s is accepted and gets an e-mail with their link."))


@login_required
def vrijwilliger_afwijzen(request, org, pk):
    """Decline a sign-up from the site (POST): thanked by mail, their data erased."""
    return _beslis(request, org, pk, vrijwilliger_afwijs,
                   _("The sign-up of %(naam)s is declined; they get an e-mail and their data are erased."))


def _beslis(request, org, pk, service, text: str):
    organisatie = _organisatie(request, org)
    persoon = _vrijwilliger(request, organisatie, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    naam = persoon.naam
    try:
        service(vrijwilliger=persoon)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, text % {"naam": naam})
    return redirect("beheer:vrijwilligers", organisatie.slug)


urlpatterns = [
    path("<slug:org>/vrijwilligers/<int:pk>/accepteren", vrijwilliger_accepteren, name="vrijwilliger-accepteren"),
    path("<slug:org>/vrijwilligers/<int:pk>/afwijzen", vrijwilliger_afwijzen, name="vrijwilliger-afwijzen"),
    path("<slug:org>/vrijwilligers/", vrijwilligers, name="vrijwilligers"),
    path("<slug:org>/vrijwilligers/passend", vrijwilligers_passend, name="vrijwilligers-passend"),
    path("<slug:org>/vrijwilligers/<int:pk>/gegevens.json", vrijwilliger_gegevens, name="vrijwilliger-gegevens"),
    path("<slug:org>/vrijwilligers/<int:pk>/wissen", vrijwilliger_wissen, name="vrijwilliger-wissen"),
]
