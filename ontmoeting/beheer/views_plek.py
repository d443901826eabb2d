"""A place's pages in the workspace (/beheer/<organisation>/plekken/<slug>/…): its profile,
its week of opening hours, its closures and its photos.

They are for the board and the managers of the organisation that runs the place (the
``locaties`` rules); a coördinator sees the list of places but changes none (403), and a
place of another organisation answers 404. Closing the building can cancel the dates of
activities that fall in the closure, through the activiteiten service that tells the
people registered: this module may call both apps, ``locaties`` never calls
``activiteiten``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten.selectors import bijeenkomst_list_during_sluiting
from locaties.models import Locatie, LocatieFoto, Sluiting
from locaties.services import (
    locatie_update,
    locatiefoto_create,
    locatiefoto_delete,
    locatiefoto_update,
    openingstijden_set,
    sluiting_delete,
)

from .. import access
from ..services import sluiting_met_annuleringen_create
from .forms import add_service_error
from .forms_plek import FotoForm, FotoWijzigForm, OpeningstijdenForm, PlekForm, SluitingForm
from .views import _context, _organisatie, _owned, _post_only


def _plek(request, organisatie, slug: str) -> Locatie:
    """The place in the URL, run by the organisation in the URL (else 404), once the user
    may open this page for it (else 403)."""
    return _owned(request, Locatie.objects.select_related("buurt", "beheerder"), slug=slug, beheerder=organisatie)


def _plek_context(organisatie, locatie: Locatie, tab: str, **extra) -> dict:
    return _context(organisatie, sectie="plekken", locatie=locatie, tab=tab, **extra)


def _periode(van, tot) -> str:
    """"1 July 2027 to 14 July 2027", or one day."""
    if van == tot:
        return date_format(van, "j F Y")
    return _("%(van)s to %(tot)s") % {"van": date_format(van, "j F Y"), "tot": date_format(tot, "j F Y")}


@login_required
def plekken(request, org):
    """The organisation's places, each linking to its profile, hours and closures for those
    who may change them."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    locaties = list(Locatie.objects.filter(beheerder=organisatie).select_related("buurt").order_by("naam"))
    # Every place listed is run by this organisation, so one answer holds for all of them.
    mag_wijzigen = bool(locaties) and request.user.has_perm("locaties.change_locatie", locaties[0])
    return render(request, "beheer/plekken.html", _context(
        organisatie, sectie="plekken", locaties=locaties, mag_wijzigen=mag_wijzigen,
    ))


@login_required
def plek(request, org, slug):
    """The place's profile: every field a board keeps; the point follows the postcode and
    the buurt follows the point (``locatie_update``)."""
    organisatie = _organisatie(request, org)
    locatie = _plek(request, organisatie, slug)
    form = PlekForm(request.POST or None, initial=PlekForm.initial_for(locatie), locatie=locatie)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                locatie = locatie_update(locatie=locatie, **form.service_fields())
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                text = _("“%(naam)s” is saved.") % {"naam": locatie.naam}
                if form.punt_gevonden:
                    text += " " + _("The point is found from postcode %(postcode)s.") % {"postcode": locatie.postcode}
                if locatie.buurt is not None:
                    text += " " + _("The place lies in buurt %(buurt)s.") % {"buurt": locatie.buurt.naam}
                else:
                    text += " " + _("The point lies in no buurt we know.")
                messages.success(request, text)
                return redirect("beheer:plek", organisatie.slug, locatie.slug)
        status = 400
        locatie.refresh_from_db()  # a refused save shows the place as it is stored
    return render(request, "beheer/plek.html", _plek_context(organisatie, locatie, "profiel", form=form),
                  status=status)


@login_required
def plek_openingstijden(request, org, slug):
    """The week's opening hours as a grid, saved at once (``openingstijden_set``)."""
    organisatie = _organisatie(request, org)
    locatie = _plek(request, organisatie, slug)
    initial, aantal = OpeningstijdenForm.initial_for(locatie.openingstijden.all())
    form = OpeningstijdenForm(request.POST or None, initial=initial, aantal_per_dag=aantal)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = openingstijden_set(locatie=locatie, perioden=form.perioden)
            except ValidationError as error:
                form.add_service_error(error)
            else:
                if saved:
                    text = ngettext(
                        "The opening hours of %(naam)s are saved: %(n)d period a week.",
                        "The opening hours of %(naam)s are saved: %(n)d periods a week.",
                        len(saved),
                    ) % {"naam": locatie.naam, "n": len(saved)}
                else:
                    text = _("%(naam)s has no opening hours now.") % {"naam": locatie.naam}
                messages.success(request, text)
                return redirect("beheer:plek-openingstijden", organisatie.slug, locatie.slug)
        status = 400
    return render(request, "beheer/plek_openingstijden.html", _plek_context(
        organisatie, locatie, "openingstijden", form=form,
    ), status=status)


@login_required
def plek_sluitingen(request, org, slug):
    """The place's closures, the latest first, each with a button to remove it."""
    organisatie = _organisatie(request, org)
    locatie = _plek(request, organisatie, slug)
    sluitingen = Sluiting.objects.filter(locatie=locatie).order_by("-tot", "-van")
    return render(request, "beheer/plek_sluitingen.html", _plek_context(
        organisatie, locatie, "sluitingen", sluitingen=list(sluitingen),
    ))


@login_required
def plek_sluiting_nieuw(request, org, slug):
    """Add a closure. "Show the dates" lists the activities' dates that fall in it without
    saving; saving with the box ticked cancels the dates the user may cancel and tells the
    people registered."""
    organisatie = _organisatie(request, org)
    locatie = _plek(request, organisatie, slug)
    form = SluitingForm(request.POST or None)
    context = _plek_context(organisatie, locatie, "sluitingen", form=form)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            data_in_sluiting = list(bijeenkomst_list_during_sluiting(locatie=locatie, van=data["van"], tot=data["tot"]))
            for bijeenkomst in data_in_sluiting:
                bijeenkomst.mag_annuleren = request.user.has_perm("activiteiten.change_bijeenkomst", bijeenkomst)
            context.update(data_in_sluiting=data_in_sluiting, getoond=True)
            if "voorbeeld" not in request.POST:
                try:
                    text = _save_sluiting(locatie, data, data_in_sluiting)
                except ValidationError as error:
                    add_service_error(form, error, {})
                else:
                    messages.success(request, text)
                    return redirect("beheer:plek-sluitingen", organisatie.slug, locatie.slug)
        if form.errors:
            status = 400
    return render(request, "beheer/plek_sluiting_nieuw.html", context, status=status)


def _save_sluiting(locatie: Locatie, data: dict, data_in_sluiting: list) -> str:
    """Record the closure and, when asked, cancel the dates in it the user may cancel
    (one service, all or nothing); the message says what happened."""
    te_annuleren = [b for b in data_in_sluiting if b.mag_annuleren] if data["annuleer"] else []
    sluiting_met_annuleringen_create(
        locatie=locatie, van=data["van"], tot=data["tot"], reden=data["reden"], annuleren=te_annuleren,
    )
    if data["van"] == data["tot"]:
        text = _("Closed on %(dag)s.") % {"dag": date_format(data["van"], "j F Y")}
    else:
        text = _("Closed from %(van)s to %(tot)s.") % {
            "van": date_format(data["van"], "j F Y"), "tot": date_format(data["tot"], "j F Y")}
    if te_annuleren:
        mensen = sum(b.te_berichten for b in te_annuleren)
        text += " " + ngettext("%(n)d date cancelled", "%(n)d dates cancelled", len(te_annuleren)) % {
            "n": len(te_annuleren)}
        text += ", " + ngettext("%(n)d person gets a message.", "%(n)d people get a message.", mensen) % {"n": mensen}
    blijven = [b for b in data_in_sluiting if b not in te_annuleren]
    if blijven:
        text += " " + ngettext(
            "%(n)d date of an activity still goes ahead in this period: cancel it or tell its organiser.",
            "%(n)d dates of activities still go ahead in this period: cancel them or tell their organisers.",
            len(blijven),
        ) % {"n": len(blijven)}
    return text


@login_required
def plek_sluiting_verwijderen(request, org, slug, pk):
    """Remove a closure (POST only); cancelled dates stay cancelled."""
    organisatie = _organisatie(request, org)
    locatie = get_object_or_404(Locatie, slug=slug, beheerder=organisatie)
    sluiting = _owned(request, Sluiting.objects.select_related("locatie"), pk=pk, locatie=locatie)
    if (refused := _post_only(request)) is not None:
        return refused
    periode = _periode(sluiting.van, sluiting.tot)
    sluiting_delete(sluiting=sluiting)
    messages.success(request, _("The closure %(periode)s is removed; dates cancelled for it stay cancelled.")
                     % {"periode": periode})
    return redirect("beheer:plek-sluitingen", organisatie.slug, locatie.slug)


def _fotos_page(request, organisatie, locatie: Locatie, *, form=None, wijzig: tuple | None = None, status=200):
    """The photos page: each photo with the form to change its text and order (the one
    given in ``wijzig``, (photo pk, bound form), as it was sent), and the upload form."""
    fotos = list(LocatieFoto.objects.filter(locatie=locatie).order_by("volgorde", "pk"))
    for foto in fotos:
        if wijzig is not None and wijzig[0] == foto.pk:
            foto.form = wijzig[1]
        else:
            foto.form = FotoWijzigForm(prefix=f"foto-{foto.pk}",
                                       initial={"alt_tekst": foto.alt_tekst, "volgorde": foto.volgorde})
    return render(request, "beheer/plek_fotos.html", _plek_context(
        organisatie, locatie, "fotos", fotos=fotos, form=form or FotoForm(), fout=status != 200,
    ), status=status)


@login_required
def plek_fotos(request, org, slug):
    """The place's photos, and a new one uploaded (stored resized, without EXIF or GPS)."""
    organisatie = _organisatie(request, org)
    locatie = _plek(request, organisatie, slug)
    if request.method != "POST":
        return _fotos_page(request, organisatie, locatie)
    form = FotoForm(request.POST, request.FILES)
    if form.is_valid():
        laatste = LocatieFoto.objects.filter(locatie=locatie).aggregate(laatste=Max("volgorde"))["laatste"]
        try:
            locatiefoto_create(locatie=locatie, bestand=form.cleaned_data["afbeelding"],
                               alt_tekst=form.cleaned_data["alt_tekst"], volgorde=0 if laatste is None else laatste + 1)
        except ValidationError as error:
            add_service_error(form, error, {"afbeelding": "afbeelding"})
        else:
            messages.success(request, _("The photo is added to %(naam)s.") % {"naam": locatie.naam})
            return redirect("beheer:plek-fotos", organisatie.slug, locatie.slug)
    return _fotos_page(request, organisatie, locatie, form=form, status=400)


def _foto(request, organisatie, slug: str, pk: int) -> tuple[Locatie, LocatieFoto]:
    locatie = get_object_or_404(Locatie, slug=slug, beheerder=organisatie)
    return locatie, _owned(request, LocatieFoto.objects.select_related("locatie"), pk=pk, locatie=locatie)


@login_required
def plek_foto(request, org, slug, pk):
    """Change a photo's text and order (POST only)."""
    organisatie = _organisatie(request, org)
    locatie, foto = _foto(request, organisatie, slug, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    form = FotoWijzigForm(request.POST, prefix=f"foto-{foto.pk}")
    if form.is_valid():
        try:
            locatiefoto_update(foto=foto, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(request, _("The photo “%(alt)s” is saved.") % {"alt": foto.alt_tekst})
            return redirect("beheer:plek-fotos", organisatie.slug, locatie.slug)
    return _fotos_page(request, organisatie, locatie, wijzig=(foto.pk, form), status=400)


@login_required
def plek_foto_verwijderen(request, org, slug, pk):
    """Remove a photo (POST only)."""
    organisatie = _organisatie(request, org)
    locatie, foto = _foto(request, organisatie, slug, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    alt = foto.alt_tekst
    locatiefoto_delete(foto=foto)
    messages.success(request, _("The photo “%(alt)s” is removed.") % {"alt": alt})
    return redirect("beheer:plek-fotos", organisatie.slug, locatie.slug)

#: Included by ontmoeting/beheer/urls.py, under /beheer/.
urlpatterns = [
    path("<slug:org>/plekken/", plekken, name="plekken"),
    path("<slug:org>/plekken/<slug:slug>/", plek, name="plek"),
    path("<slug:org>/plekken/<slug:slug>/openingstijden", plek_openingstijden, name="plek-openingstijden"),
    path("<slug:org>/plekken/<slug:slug>/sluitingen/", plek_sluitingen, name="plek-sluitingen"),
    path("<slug:org>/plekken/<slug:slug>/sluitingen/nieuw", plek_sluiting_nieuw, name="plek-sluiting-nieuw"),
    path("<slug:org>/plekken/<slug:slug>/sluitingen/<int:pk>/verwijderen", plek_sluiting_verwijderen,
         name="plek-sluiting-verwijderen"),
    path("<slug:org>/plekken/<slug:slug>/fotos/", plek_fotos, name="plek-fotos"),
    path("<slug:org>/plekken/<slug:slug>/fotos/<int:pk>", plek_foto, name="plek-foto"),
    path("<slug:org>/plekken/<slug:slug>/fotos/<int:pk>/verwijderen", plek_foto_verwijderen,
         name="plek-foto-verwijderen"),
]
