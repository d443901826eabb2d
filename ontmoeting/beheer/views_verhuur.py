"""The workspace's rental pages: the inbox of requests for the organisation's places
(new, waiting, decided; each with its clashes and price), one request with approve
(a series may skip its clashing dates), decline with a reason and a changed price with
a reason, and a place's occupancy per week or month as a grid per room and as a
day-by-day list, with each room's private calendar feed.

Members see the requests and the occupancy (``locaties.view_reservering``); the board
and managers decide (``locaties.change_reservering``). Another organisation's request
or place answers 404.
"""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.links import absolute_url
from locaties.constants import ReserveringSoort
from locaties.models import Locatie, Reservering, Ruimte
from locaties.selectors_verhuur import (
    bezetting_week,
    ruimte_gebruik,
    verhuur_aanvraag,
    verhuur_aanvragen_for_organisatie,
)
from locaties.services import ReserveringConflict, reservering_conflict_message
from locaties.services.verhuur import (
    verhuur_aanvraag_afwijs,
    verhuur_aanvraag_bevestig,
    verhuur_aanvraag_gezien,
    verhuur_prijs_set,
    verhuur_telefonisch_create,
)
from locaties.tokens import ruimte_feed_token

from .. import access
from ..site.forms_huren import HuurForm, parse_dates
from .forms import add_service_error, parse_euros
from .views import _context, _organisatie, _owned, _post_only, _week

GROEPEN = [
    ("nieuw", gettext_lazy("New")),
    ("wachtend", gettext_lazy("Waiting for an answer")),
    ("besloten", gettext_lazy("Decided")),
]


class AfwijsForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Why not? The tenant reads this."), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
    )


class PrijsForm(forms.Form):
    prijs = forms.CharField(
        label=gettext_lazy("Price per date (€)"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    reden = forms.CharField(label=gettext_lazy("Why this price?"), max_length=200)

    def clean_prijs(self):
        return parse_euros(self.cleaned_data["prijs"])


def _reservering(request, organisatie, pk) -> Reservering:
    return _owned(
        request, Reservering.objects.select_related("ruimte__locatie__beheerder"),
        pk=pk, soort=ReserveringSoort.VERHUUR, ruimte__locatie__beheerder=organisatie,
    )


@login_required
def verhuur(request, org):
    """The requests for the organisation's places, new first, then waiting, then decided."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    aanvragen = verhuur_aanvragen_for_organisatie(organisatie=organisatie)
    groepen = [
        {"code": code, "label": label, "aanvragen": [a for a in aanvragen if a.groep == code]}
        for code, label in GROEPEN
    ]
    plekken = Locatie.objects.filter(beheerder=organisatie).order_by("naam")
    return render(request, "beheer/verhuur.html", _context(organisatie, "verhuur", groepen=groepen, plekken=plekken))


def _detail(request, organisatie, reservering, *, afwijs=None, prijs=None, status=200):
    aanvraag = verhuur_aanvraag(reservering=reservering, conflicten=True)
    for r in aanvraag.reserveringen:
        conflicten = aanvraag.conflicten.get(r.pk) or []
        r.conflict = reservering_conflict_message(conflicten, huurders=True) if conflicten else ""
    eerste = aanvraag.eerste
    return render(request, "beheer/verhuur_aanvraag.html", _context(
        organisatie, "verhuur", aanvraag=aanvraag, eerste=eerste,
        mag_besluiten=request.user.has_perm("locaties.change_reservering", eerste),
        afwijs_form=afwijs or AfwijsForm(),
        prijs_form=prijs or PrijsForm(initial={"prijs": f"{eerste.prijs or 0:.2f}".replace(".", ",")}),
    ), status=status)


@login_required
def verhuur_aanvraag_view(request, org, pk):
    """One request: its dates with their clashes (tenants named: the place's own people
    read this), its price, and the board's answers."""
    organisatie = _organisatie(request, org)
    reservering = _reservering(request, organisatie, pk)
    verhuur_aanvraag_gezien(reservering=reservering)
    return _detail(request, organisatie, reservering)


@login_required
def verhuur_bevestig(request, org, pk):
    """Approve the request; with ``overslaan`` the dates that clash are skipped."""
    organisatie = _organisatie(request, org)
    reservering = _reservering(request, organisatie, pk)
    if refused := _post_only(request):
        return refused
    try:
        besluit = verhuur_aanvraag_bevestig(reservering=reservering, overslaan_conflicten=bool(request.POST.get("overslaan")))
    except ReserveringConflict as error:
        messages.error(request, _("Not approved: %(reason)s") % {"reason": error.message})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = ngettext("Approved: %(n)d date.", "Approved: %(n)d dates.", len(besluit.bevestigd)) % {"n": len(besluit.bevestigd)}
        if besluit.overgeslagen:
            text += " " + ngettext(
                "%(n)d date skipped because the room is taken then.",
                "%(n)d dates skipped because the room is taken then.", len(besluit.overgeslagen),
            ) % {"n": len(besluit.overgeslagen)}
        messages.success(request, text + " " + _("The tenant gets a mail."))
    return redirect("beheer:verhuur-aanvraag", organisatie.slug, pk)


@login_required
def verhuur_afwijs(request, org, pk):
    """Decline the request with a reason the tenant reads."""
    organisatie = _organisatie(request, org)
    reservering = _reservering(request, organisatie, pk)
    if refused := _post_only(request):
        return refused
    form = AfwijsForm(request.POST)
    if form.is_valid():
        try:
            verhuur_aanvraag_afwijs(reservering=reservering, reden=form.cleaned_data["reden"])
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(request, _("The request is declined. The tenant gets a mail with your reason."))
            return redirect("beheer:verhuur-aanvraag", organisatie.slug, pk)
    return _detail(request, organisatie, reservering, afwijs=form, status=400)


@login_required
def verhuur_prijs(request, org, pk):
    """Change the price of each date of the request, with a reason kept beside it."""
    organisatie = _organisatie(request, org)
    reservering = _reservering(request, organisatie, pk)
    if refused := _post_only(request):
        return refused
    form = PrijsForm(request.POST)
    if form.is_valid():
        try:
            rows = verhuur_prijs_set(reservering=reservering, prijs=form.cleaned_data["prijs"], reden=form.cleaned_data["reden"])
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(request, ngettext(
                "The price of %(n)d date is now € %(price)s.", "The price of %(n)d dates is now € %(price)s each.", len(rows),
            ) % {"n": len(rows), "price": form.cleaned_data["prijs"]})
            return redirect("beheer:verhuur-aanvraag", organisatie.slug, pk)
    return _detail(request, organisatie, reservering, prijs=form, status=400)


@login_required
def verhuur_bezetting(request, org, slug):
    """A place's week (or with ``?maand=YYYY-MM`` its month) as a grid with a column per
    room, and day by day (the accessible form): opening hours, closures and per room its
    rentals (with the tenant), activities and changeover; the use per room and each
    room's private feed. The same number of queries for a week and a month."""
    organisatie = _organisatie(request, org)
    locatie = get_object_or_404(Locatie, slug=slug, beheerder=organisatie)
    access.check(request, locatie)
    maandag = _week(request)
    per_maand = _maand(request)
    if per_maand:
        volgende_maand = (per_maand + timedelta(days=32)).replace(day=1)
        dagen = bezetting_week(locatie=locatie, van=per_maand, dagen=(volgende_maand - per_maand).days)
        maandag = per_maand - timedelta(days=per_maand.weekday())
    else:
        dagen = bezetting_week(locatie=locatie, van=maandag)
    mag_huren = request.user.has_perm("locaties.change_reservering", locatie)
    _label_uses(dagen, organisatie, locatie, mag_huren=mag_huren)
    feeds = [
        (ruimte, absolute_url(reverse("site:ruimte-ical", args=[ruimte_feed_token(ruimte)])))
        for ruimte, _uses in (dagen[0].ruimtes if dagen else [])
    ]
    maand = per_maand or maandag.replace(day=1)
    volgende_maand = (maand + timedelta(days=32)).replace(day=1)
    jaar = maand.replace(month=1)
    gebruik = ruimte_gebruik(locatie=locatie, perioden=[
        (maandag, maandag + timedelta(days=7)), (maand, volgende_maand), (jaar, jaar.replace(year=jaar.year + 1)),
    ])
    return render(request, "beheer/verhuur_bezetting.html", _context(
        organisatie, "verhuur", locatie=locatie, dagen=dagen, maandag=maandag, zondag=maandag + timedelta(days=6),
        vorige=maandag - timedelta(weeks=1), volgende=maandag + timedelta(weeks=1), feeds=feeds,
        gebruik=gebruik, maand=maand, jaar=jaar, per_maand=per_maand,
        vorige_maand=(maand - timedelta(days=1)).replace(day=1), volgende_maand=volgende_maand,
        ruimtes=[ruimte for ruimte, _uses in (dagen[0].ruimtes if dagen else [])],
    ))


def _label_uses(dagen, organisatie, locatie, *, mag_huren: bool) -> None:
    """Give each day its date as anchors need it and its rooms as rows (room, uses, the
    link to add a rental, the link to book it for an activity; a link None where it does
    not apply), each use its times, who (the tenant, or the activity's title) and
    changeover in words, and a rental its request's link, once: a month shows each use
    twice (grid and day list) and 6 rooms × 31 days of links, and hundreds of template
    filters, translations and URL lookups are what is slow."""
    vandaag = timezone.localdate()
    urls = {}
    for ruimte, _uses in dagen[0].ruimtes if dagen else []:  # the same room objects every day
        args = [organisatie.slug, locatie.slug, ruimte.pk]
        urls[ruimte.pk] = (reverse("beheer:verhuur-telefonisch", args=args), reverse("beheer:verhuur-activiteit", args=args))
    for dag in dagen:
        dag.anker, kort, iso = f"{dag.datum:%Y%m%d}", date_format(dag.datum, "j F"), dag.datum.isoformat()
        vrij = mag_huren and not dag.sluitingen
        dag.rijen = []
        for ruimte, uses in dag.ruimtes:
            huur_url, boek_url = urls[ruimte.pk]
            namen = {"naam": ruimte.naam, "dag": kort}
            huur = (f"{huur_url}?datum={iso}", _("Add a rental of %(naam)s on %(dag)s") % namen) \
                if vrij and ruimte.verhuurbaar else None
            boek = (f"{boek_url}?datum={iso}", _("Book %(naam)s for an activity on %(dag)s") % namen) \
                if vrij and dag.datum >= vandaag else None
            dag.rijen.append((ruimte, uses, huur, boek))
            for r in uses:
                r.tijden = f"{timezone.localtime(r.periode.lower):%H:%M}–{timezone.localtime(r.periode.upper):%H:%M}"
                r.wie = r.huurder_naam if r.soort == ReserveringSoort.VERHUUR else (r.opmerking or r.huurder_naam)
                r.wissel = _("changeover until %(tot)s") % {"tot": f"{timezone.localtime(r.wissel_tot):%H:%M}"} if r.wissel_tot else ""
                if r.soort == ReserveringSoort.VERHUUR:
                    r.url = reverse("beheer:verhuur-aanvraag", args=[organisatie.slug, r.pk])


def _maand(request) -> date | None:
    """The first day of the month asked for (``?maand=YYYY-MM``), else None."""
    try:
        day = date.fromisoformat(request.GET.get("maand", "") + "-01")
    except ValueError:
        return None
    return day if abs((day - timezone.localdate()).days) <= 366 * 2 else None


@login_required
def verhuur_telefonisch(request, org, slug, pk):
    """A rental for someone who phoned, in a free slot of a room: saved and approved at
    once; a clash or a closed building is explained beside the date."""
    organisatie = _organisatie(request, org)
    locatie = get_object_or_404(Locatie, slug=slug, beheerder=organisatie)
    ruimte = _owned(request, Ruimte.objects.select_related("locatie__beheerder").prefetch_related("tarieven"),
                    pk=pk, locatie=locatie)
    initial = {}
    try:
        initial["datum"] = date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        pass
    form = HuurForm(request.POST or None, ruimte=ruimte, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                besluit = verhuur_telefonisch_create(
                    ruimte=ruimte, momenten=form.momenten(), overslaan=parse_dates(request.POST.getlist("overslaan")),
                    interval_weken=form.interval_weken, **form.service_fields(),
                )
            except ReserveringConflict as error:
                form.add_error("datum", error.message)
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                eerste = besluit.bevestigd[0]
                messages.success(request, ngettext(
                    "The rental of %(naam)s is saved and confirmed: %(n)d date.",
                    "The rental of %(naam)s is saved and confirmed: %(n)d dates.", len(besluit.bevestigd),
                ) % {"naam": eerste.huurder_naam, "n": len(besluit.bevestigd)})
                week = timezone.localtime(eerste.periode.lower).date()
                return redirect(reverse("beheer:verhuur-bezetting", args=[organisatie.slug, locatie.slug]) + f"?week={week}")
    return render(request, "beheer/verhuur_telefonisch.html", _context(
        organisatie, "verhuur", locatie=locatie, ruimte=ruimte, form=form,
    ), status=status)


urlpatterns = [
    path("<slug:org>/verhuur/", verhuur, name="verhuur"),
    path("<slug:org>/verhuur/<int:pk>/", verhuur_aanvraag_view, name="verhuur-aanvraag"),
    path("<slug:org>/verhuur/<int:pk>/bevestigen", verhuur_bevestig, name="verhuur-bevestig"),
    path("<slug:org>/verhuur/<int:pk>/afwijzen", verhuur_afwijs, name="verhuur-afwijs"),
    path("<slug:org>/verhuur/<int:pk>/prijs", verhuur_prijs, name="verhuur-prijs"),
    path("<slug:org>/plekken/<slug:slug>/bezetting", verhuur_bezetting, name="verhuur-bezetting"),
    path("<slug:org>/plekken/<slug:slug>/ruimtes/<int:pk>/huur", verhuur_telefonisch, name="verhuur-telefonisch"),
]
