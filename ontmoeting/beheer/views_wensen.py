"""The buurt's wishes in the workspace: the wishes of the buurten in or within 400 m of
the organisation's places, and the page where a board or manager answers one: approve or
reject it after moderation, mark it "opgepakt" with the activity that answers it, or
"niet haalbaar" with the reason. The answer shows on the public buurt page.

The gemeente's officials answer on the same page through the dashboard
(``ontmoeting.dashboard.views_wensen``), which uses ``answer_page`` below.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from activiteiten.constants import WensStatus
from activiteiten.models import Wens
from activiteiten.selectors import activiteit_list_answering_wens, wens_list_near
from activiteiten.services import wens_afwijs, wens_beantwoord, wens_goedkeur

from .. import access
from .forms import add_service_error
from .forms_wensen import WensAntwoordForm
from .views import PER_PAGINA, _context, _locaties, _organisatie


def _done(wens: Wens, actie: str) -> str:
    """What the action did, in a sentence."""
    buurt = wens.buurt.naam
    if actie == "goedkeuren":
        return _("The wish is approved: it shows on the buurt page of %(buurt)s.") % {"buurt": buurt}
    if actie == "afwijzen":
        return _("The wish is rejected: it does not show on the buurt page of %(buurt)s.") % {"buurt": buurt}
    if wens.status == WensStatus.OPGEPAKT:
        return _("Saved: the buurt page of %(buurt)s shows that “%(titel)s” answers this wish.") % {
            "buurt": buurt, "titel": wens.activiteit.titel}
    if wens.status == WensStatus.NIET_HAALBAAR:
        return _("Saved: the buurt page of %(buurt)s shows that this wish is not feasible, and why.") % {"buurt": buurt}
    return _("Saved: the wish waits for an answer again.")


def answer_page(request, wens: Wens, *, template: str, context: dict, terug: str):
    """The answer page of one wish, for whoever may answer it (the caller checked):
    GET shows it; POST ``actie`` goedkeuren, afwijzen or antwoorden does it, says what it
    did and goes back to ``terug``."""
    activiteiten = activiteit_list_answering_wens(wens=wens)
    form = WensAntwoordForm(initial=WensAntwoordForm.initial_for(wens), activiteiten=activiteiten)
    status = 200
    if request.method == "POST":
        actie = request.POST.get("actie", "")
        if actie in ("goedkeuren", "afwijzen"):
            (wens_goedkeur if actie == "goedkeuren" else wens_afwijs)(wens=wens)
            messages.success(request, _done(wens, actie))
            return redirect(terug)
        form = WensAntwoordForm(request.POST, activiteiten=activiteiten)
        if form.is_valid():
            try:
                wens_beantwoord(wens=wens, status=form.cleaned_data["status"],
                                activiteit=form.cleaned_data["activiteit"], reden=form.cleaned_data["reden"])
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                messages.success(request, _done(wens, "antwoorden"))
                return redirect(terug)
        status = 400
    return render(request, template, {**context, "wens": wens, "form": form, "terug": terug}, status=status)


@login_required
def wensen(request, org):
    """The wishes of the buurten in or within 400 m of the organisation's places: the ones
    to moderate, those waiting for an answer, and those answered."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    pagina = Paginator(wens_list_near(locaties=_locaties(organisatie)), PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "beheer/wensen.html", _context(
        organisatie, sectie="wensen", pagina=pagina,
        mag_antwoorden=request.user.has_perm("locaties.add_locatie", organisatie),
    ))


@login_required
def wens(request, org, pk):
    """Answer one wish of a buurt near the organisation's places (else 404; a rejected
    wish is no longer listed)."""
    organisatie = _organisatie(request, org)
    wens = get_object_or_404(wens_list_near(locaties=_locaties(organisatie)), pk=pk)
    access.check(request, wens)
    return answer_page(
        request, wens, template="beheer/wens.html",
        context=_context(organisatie, sectie="start",
                         mag_passend=request.user.has_perm("vrijwilligers.list_vrijwilliger", organisatie)),
        terug=reverse("beheer:wensen", args=[organisatie.slug]),
    )
