"""The workspace's pages for a place's rooms and their tariffs. The board and managers of
the organisation that runs the place work here (``locaties.add_ruimte`` on the place,
``locaties.change_ruimte`` on a room); another organisation's place answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from locaties.constants import Faciliteit
from locaties.models import Locatie, Ruimte, Tarief
from locaties.services import ruimte_met_tarieven_set

from .. import access
from .forms import add_service_error
from .forms_ruimtes import CATEGORIE_UITLEG, RuimteForm
from .views import _context, _organisatie, _owned


def _locatie(request, organisatie, slug: str) -> Locatie:
    """The place in the URL, run by the organisation in the URL (else 404)."""
    return get_object_or_404(Locatie, slug=slug, beheerder=organisatie)


@login_required
def ruimtes(request, org, slug):
    """A place's rooms with capacity, facilities and the tariff per tenant category."""
    organisatie = _organisatie(request, org)
    locatie = _locatie(request, organisatie, slug)
    access.check(request, locatie)
    rooms = list(locatie.ruimten.prefetch_related(Prefetch("tarieven", queryset=Tarief.objects.order_by("categorie"))))
    labels = dict(Faciliteit.choices)
    for room in rooms:
        room.faciliteit_labels = [str(labels.get(code, code)) for code in room.faciliteiten]
    return render(request, "beheer/ruimtes.html", _context(
        organisatie, "start", locatie=locatie, ruimtes=rooms, uitleg=CATEGORIE_UITLEG,
    ))


@login_required
def ruimte_nieuw(request, org, slug):
    organisatie = _organisatie(request, org)
    locatie = _locatie(request, organisatie, slug)
    access.check(request, locatie)
    return _ruimte_form(request, organisatie, locatie, None)


@login_required
def ruimte(request, org, slug, pk):
    organisatie = _organisatie(request, org)
    locatie = _locatie(request, organisatie, slug)
    return _ruimte_form(request, organisatie, locatie, _owned(request, Ruimte.objects.all(), pk=pk, locatie=locatie))


def _ruimte_form(request, organisatie, locatie: Locatie, kamer: Ruimte | None):
    """Add (``kamer`` None) or change a room and its tariffs, on one page."""
    form = RuimteForm(request.POST or None, instance=kamer or Ruimte(locatie=locatie))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = ruimte_met_tarieven_set(
                    locatie=locatie, ruimte=kamer, velden=form.service_fields(), tarieven=form.tarieven,
                    nieuw_vanaf=form.cleaned_data["nieuw_vanaf"], nieuwe_tarieven=form.nieuwe_tarieven,
                )
            except ValidationError as error:
                add_service_error(form, error, {"geldig_vanaf": "nieuw_vanaf"})
            else:
                messages.success(request, _("“%(naam)s” and its prices are saved.") % {"naam": saved.naam})
                return redirect("beheer:ruimtes", organisatie.slug, locatie.slug)
        status = 400
    return render(request, "beheer/ruimte_form.html", _context(
        organisatie, "start", locatie=locatie, ruimte=kamer, form=form,
    ), status=status)
