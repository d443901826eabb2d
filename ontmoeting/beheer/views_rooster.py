"""The roster and the vacancies in the workspace (/beheer/<organisation>/rooster/…,
/beheer/<organisation>/vacatures/…).

Per place a week grid of shifts (rows: task and time; columns: the days), who is on and
the unfilled ones marked; new shifts, once or weekly; a shift's page to put a volunteer
on it (with availability and clashes shown) or take one off. Coordinators, board members
and managers of the place's organisation plan shifts (``vrijwilligers.add_dienst``,
``change_dienst``); choosing among the volunteers is for coordinators and the board
(``vrijwilligers.add_inzet``), as are the vacancies (``add_vacature``,
``change_vacature``). A place or shift of another organisation answers 404.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten.recurrence import localise
from core.timezones import AMSTERDAM
from locaties.models import Locatie
from vrijwilligers.models import Dienst, Inzet, Vacature
from vrijwilligers.selectors import (
    bijeenkomst_list_inloop_zonder_gastvrouw,
    dagdeel_at,
    dienst_list_week,
    vacature_list_for_organisatie,
    vrijwilliger_ids_busy,
    vrijwilliger_list_for_dienst,
)
from vrijwilligers.services import (
    diensten_create,
    diensten_create_voor_inloop,
    inzet_afmeld,
    inzet_create,
    vacature_create,
    vacature_publiceer,
)

from .. import access
from .forms import add_service_error
from .forms_rooster import DienstForm, InvullenForm, VacatureForm
from .views import _context, _organisatie, _owned, _post_only, _week


def _locatie(request, organisatie, slug: str) -> Locatie:
    return _owned(request, Locatie.objects.all(), slug=slug, beheerder=organisatie)


def _inzet(request, organisatie, pk: int) -> Inzet:
    return _owned(request, Inzet.objects.select_related("dienst__locatie", "vrijwilliger"),
                  pk=pk, dienst__locatie__beheerder=organisatie)


def _dienst(request, organisatie, pk: int) -> Dienst:
    return _owned(request, Dienst.objects.select_related("locatie", "bijeenkomst__activiteit"),
                  pk=pk, locatie__beheerder=organisatie)


@login_required
def rooster(request, org):
    """The organisation's places, each to its roster; straight on when there is one."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    locaties = list(Locatie.objects.filter(beheerder=organisatie).order_by("naam"))
    if len(locaties) == 1:
        return redirect("beheer:rooster-plek", organisatie.slug, locaties[0].slug)
    return render(request, "beheer/rooster_kiezen.html", _context(organisatie, "rooster", locaties=locaties))


def _grid(organisatie, diensten, maandag) -> list[dict]:
    """Rows of the week grid: one per task and time of day, a cell per day. A busy week
    has many cells: their link and texts are made here, once, not by template tags."""
    dagen = [maandag + timedelta(days=n) for n in range(7)]
    rows: dict[tuple, dict] = {}
    url = reverse("beheer:dienst", args=[organisatie.slug, 0])
    for dienst in diensten:
        start, eind = timezone.localtime(dienst.start, AMSTERDAM), timezone.localtime(dienst.eind, AMSTERDAM)
        dienst.open_plaatsen = max(dienst.benodigd - dienst.bezet, 0)
        dienst.url = url.replace("/0/", f"/{dienst.pk}/")
        dienst.bezet_tekst = _("%(bezet)s of %(n)s") % {"bezet": dienst.bezet, "n": dienst.benodigd}
        dienst.open_tekst = ngettext("%(n)s open", "%(n)s open", dienst.open_plaatsen) % {"n": dienst.open_plaatsen}
        key = (start.time(), eind.time(), dienst.taak)
        row = rows.setdefault(key, {"taak": dienst.get_taak_display(), "van": start, "tot": eind,
                                    "cellen": [[] for _dag in dagen]})
        row["cellen"][(start.date() - maandag).days].append(dienst)
    return [rows[key] for key in sorted(rows)]


def _van_tot(maandag):
    return (localise(datetime.combine(maandag, datetime.min.time())),
            localise(datetime.combine(maandag + timedelta(days=7), datetime.min.time())))


@login_required
def rooster_plek(request, org, slug):
    """A place's week: shifts by task and day, filled against needed, the gaps marked, and
    the open inloop dates that have no host shift yet."""
    organisatie = _organisatie(request, org)
    locatie = _locatie(request, organisatie, slug)
    maandag = _week(request)
    van, tot = _van_tot(maandag)
    diensten = list(dienst_list_week(locatie=locatie, van=van, tot=tot))
    rijen = _grid(organisatie, diensten, maandag)
    return render(request, "beheer/rooster.html", _context(
        organisatie, "rooster", locatie=locatie, rijen=rijen,
        dagen=[maandag + timedelta(days=n) for n in range(7)],
        maandag=maandag, zondag=maandag + timedelta(days=6),
        vorige=maandag - timedelta(weeks=1), volgende=maandag + timedelta(weeks=1),
        open_aantal=sum(1 for d in diensten if d.open_plaatsen),
        inloop_zonder=list(bijeenkomst_list_inloop_zonder_gastvrouw(locatie=locatie, van=van, tot=tot)),
        mag_uren=request.user.has_perm("vrijwilligers.add_losseinzet", locatie),
    ))


@login_required
def rooster_inloop(request, org, slug):
    """Give the week's open inloop dates without one a host shift (POST)."""
    organisatie = _organisatie(request, org)
    locatie = _locatie(request, organisatie, slug)
    if (refused := _post_only(request)) is not None:
        return refused
    maandag = _week(request)
    van, tot = _van_tot(maandag)
    diensten = diensten_create_voor_inloop(
        bijeenkomsten=bijeenkomst_list_inloop_zonder_gastvrouw(locatie=locatie, van=van, tot=tot))
    if diensten:
        messages.success(request, ngettext(
            "One host shift made for the open inloop.", "%(n)d host shifts made for the open inloop.",
            len(diensten)) % {"n": len(diensten)})
    else:
        messages.info(request, _("Every open inloop of this week already has a host shift."))
    return redirect(reverse("beheer:rooster-plek", args=[organisatie.slug, locatie.slug])
                    + f"?week={maandag.isoformat()}")


@login_required
def dienst_nieuw(request, org, slug):
    """A new shift, once or every week for a number of weeks."""
    organisatie = _organisatie(request, org)
    locatie = _locatie(request, organisatie, slug)
    form = DienstForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                diensten = diensten_create(locatie=locatie, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error, {"eind": "eindtijd", "start": "begintijd"})
            else:
                messages.success(request, ngettext(
                    "One shift added to the roster of %(plek)s.", "%(n)d shifts added to the roster of %(plek)s.",
                    len(diensten)) % {"n": len(diensten), "plek": locatie.naam})
                week = timezone.localtime(diensten[0].start, AMSTERDAM).date()
                return redirect(reverse("beheer:rooster-plek", args=[organisatie.slug, locatie.slug])
                                + f"?week={week.isoformat()}")
        status = 400
    return render(request, "beheer/dienst_form.html", _context(
        organisatie, "rooster", locatie=locatie, form=form), status=status)


def _invullen_form(request, dienst, data=None):
    vrijwilligers = vrijwilliger_list_for_dienst(user=request.user, dienst=dienst)
    moment = dagdeel_at(dienst.start)
    passend = [v.pk for v in vrijwilligers if moment in v.beschikbaarheid]
    return InvullenForm(data, vrijwilligers=vrijwilligers, passend=passend, botsend=vrijwilliger_ids_busy(dienst=dienst))


@login_required
def dienst(request, org, pk):
    """A shift: who is on it, take someone off, and put a volunteer on it."""
    organisatie = _organisatie(request, org)
    shift = _dienst(request, organisatie, pk)
    return _dienst_page(request, organisatie, shift, _invullen_form(request, shift))


def _dienst_page(request, organisatie, shift, form, status=200):
    inzetten = list(shift.inzetten.exclude(status="afgemeld").select_related("vrijwilliger").order_by("vrijwilliger__naam"))
    return render(request, "beheer/dienst.html", _context(
        organisatie, "rooster", dienst=shift, inzetten=inzetten, form=form,
        open_plaatsen=max(shift.benodigd - len(inzetten), 0),
        mag_invullen=request.user.has_perm("vrijwilligers.add_inzet", shift),
    ), status=status)


@login_required
def dienst_invullen(request, org, pk):
    """Put a chosen volunteer on the shift (POST); a full shift or a double says so."""
    organisatie = _organisatie(request, org)
    shift = _dienst(request, organisatie, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    form = _invullen_form(request, shift, request.POST)
    if form.is_valid():
        persoon = form.cleaned_data["vrijwilliger"]
        try:
            inzet_create(dienst=shift, vrijwilliger=persoon)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(naam)s is on the shift.") % {"naam": persoon.naam})
            return redirect("beheer:dienst", organisatie.slug, shift.pk)
    return _dienst_page(request, organisatie, shift, form, status=400)


@login_required
def inzet_afmelden(request, org, pk):
    """Take a volunteer off a shift (POST): the place becomes free."""
    organisatie = _organisatie(request, org)
    inzet = _inzet(request, organisatie, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    try:
        inzet_afmeld(inzet=inzet)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(naam)s is off the shift; the place is free.") % {"naam": inzet.vrijwilliger.naam})
    return redirect("beheer:dienst", organisatie.slug, inzet.dienst_id)


# --- vacancies ------------------------------------------------------------------------------


@login_required
def vacatures(request, org):
    """The organisation's vacancies, published or not, and a new one."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    locaties = Locatie.objects.filter(beheerder=organisatie).order_by("naam")
    form = VacatureForm(request.POST or None, locaties=locaties)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                vacature = vacature_create(organisatie=organisatie, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                messages.success(request, _("The vacancy “%(titel)s” is saved. Publish it to show it on the site.")
                                 % {"titel": vacature.titel})
                return redirect("beheer:vacatures", organisatie.slug)
        status = 400
    return render(request, "beheer/vacatures.html", _context(
        organisatie, "vacatures", vacatures=list(vacature_list_for_organisatie(organisatie=organisatie)), form=form,
    ), status=status)


@login_required
def vacature_publiceren(request, org, pk):
    """Publish a vacancy (POST): it shows on /vacatures until its closing date."""
    organisatie = _organisatie(request, org)
    vacature = _owned(request, Vacature.objects.all(), pk=pk, organisatie=organisatie)
    if (refused := _post_only(request)) is not None:
        return refused
    try:
        vacature_publiceer(vacature=vacature)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(titel)s” is now on the site.") % {"titel": vacature.titel})
    return redirect("beheer:vacatures", organisatie.slug)


urlpatterns = [
    path("<slug:org>/rooster/", rooster, name="rooster"),
    path("<slug:org>/rooster/<slug:slug>/", rooster_plek, name="rooster-plek"),
    path("<slug:org>/rooster/<slug:slug>/nieuw", dienst_nieuw, name="dienst-nieuw"),
    path("<slug:org>/rooster/<slug:slug>/inloop", rooster_inloop, name="rooster-inloop"),
    path("<slug:org>/diensten/<int:pk>/", dienst, name="dienst"),
    path("<slug:org>/diensten/<int:pk>/invullen", dienst_invullen, name="dienst-invullen"),
    path("<slug:org>/inzetten/<int:pk>/afmelden", inzet_afmelden, name="inzet-afmelden"),
    path("<slug:org>/vacatures/", vacatures, name="vacatures"),
    path("<slug:org>/vacatures/<int:pk>/publiceren", vacature_publiceren, name="vacature-publiceren"),
]
