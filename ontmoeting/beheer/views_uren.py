"""Hours in the workspace (/beheer/<organisation>/rooster/<place>/uren): after a shift the
coordinator confirms the hours each volunteer worked (the shift's length filled in) and
writes down walk-ins. Coordinators and board members (``vrijwilligers.add_losseinzet``,
``vrijwilligers.confirm_inzet``); a place or assignment of another organisation answers 404.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.timezones import AMSTERDAM
from vrijwilligers.selectors import (
    inzet_list_na_dienst,
    losse_inzet_list_for_locatie,
    vrijwilliger_list_for_organisatie,
)
from vrijwilligers.services import dienst_lengte_uren, inzet_bevestig_uren, losse_inzet_create

from .forms import add_service_error
from .forms_rooster import LosseInzetForm, UrenForm
from .views import _context, _organisatie, _post_only, _week
from .views_rooster import _inzet, _locatie, _van_tot


def _uren_url(organisatie, locatie, maandag) -> str:
    return reverse("beheer:uren", args=[organisatie.slug, locatie.slug]) + f"?week={maandag.isoformat()}"


@login_required
def uren(request, org, slug):
    """A week's past shifts at the place with who worked them and their hours, each to
    confirm, and the walk-ins with a form for another (POST)."""
    organisatie = _organisatie(request, org)
    locatie = _locatie(request, organisatie, slug)
    maandag = _week(request)
    van, tot = _van_tot(maandag)
    form = LosseInzetForm(request.POST or None, initial={"datum": min(maandag + timedelta(days=6), timezone.localdate())},
                          vrijwilligers=vrijwilliger_list_for_organisatie(organisatie=organisatie))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                losse_inzet_create(locatie=locatie, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                messages.success(request, _("The hours are written down. Thank you!"))
                return redirect(_uren_url(organisatie, locatie, maandag))
        status = 400
    inzetten = list(inzet_list_na_dienst(locatie=locatie, van=van, tot=tot))
    for inzet in inzetten:
        inzet.voorstel = inzet.uren if inzet.uren is not None else dienst_lengte_uren(inzet.dienst)
    return render(request, "beheer/uren.html", _context(
        organisatie, "rooster", locatie=locatie, inzetten=inzetten, form=form, maandag=maandag,
        zondag=maandag + timedelta(days=6), vorige=maandag - timedelta(weeks=1), volgende=maandag + timedelta(weeks=1),
        losse=list(losse_inzet_list_for_locatie(locatie=locatie, van=maandag, tot=maandag + timedelta(days=7))),
    ), status=status)


@login_required
def inzet_uren(request, org, pk):
    """Confirm the hours of one assignment (POST): what the form says, else the shift's length."""
    organisatie = _organisatie(request, org)
    inzet = _inzet(request, organisatie, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    form = UrenForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["uren"]))
    else:
        try:
            inzet_bevestig_uren(inzet=inzet, uren=form.cleaned_data["uren"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(uren)s hours confirmed for %(naam)s.") % {
                "uren": form.cleaned_data["uren"], "naam": inzet.vrijwilliger.naam})
    dag = timezone.localtime(inzet.dienst.start, AMSTERDAM).date()
    maandag = dag - timedelta(days=dag.weekday())
    return redirect(_uren_url(organisatie, inzet.dienst.locatie, maandag))


urlpatterns = [
    path("<slug:org>/rooster/<slug:slug>/uren", uren, name="uren"),
    path("<slug:org>/inzetten/<int:pk>/uren", inzet_uren, name="inzet-uren"),
]
