"""Booking a room for an activity from a free slot of the occupancy calendar.

A slot is a room on a day. The board chooses one of that day's dates of the
organisation's activities at the place, and the date takes the room at its own time:
the occurrence holds the room with a confirmed reservation, so the exclusion constraint
keeps rentals and other activities out (and a clash is explained in words). Or the room
becomes the activity's room, for every coming date. The page asks
``locaties.change_reservering`` on the room; each date offered is one the user may
change (``activiteiten.change_bijeenkomst``).
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activiteiten.models import Bijeenkomst
from activiteiten.selectors import bijeenkomst_list_coming_on_day
from activiteiten.services import bijeenkomst_boek_ruimte
from core.timezones import AMSTERDAM
from locaties.models import Locatie, Ruimte
from locaties.services import ReserveringConflict, reservering_conflict_message

from .forms import add_service_error
from .views import _context, _organisatie, _owned

EEN, ALLE = "een", "alle"


class ActiviteitBoekForm(forms.Form):
    """Which date of which activity takes the room, and whether only that date does."""

    datum = forms.DateField(widget=forms.HiddenInput)
    bijeenkomst = forms.ModelChoiceField(
        label=gettext_lazy("Which activity?"), queryset=Bijeenkomst.objects.none(), widget=forms.RadioSelect,
        empty_label=None,
    )
    omvang = forms.ChoiceField(
        label=gettext_lazy("For which dates?"), widget=forms.RadioSelect, initial=EEN,
        choices=[
            (EEN, gettext_lazy("Only this date")),
            (ALLE, gettext_lazy("Every coming date: this becomes the activity's room")),
        ],
    )

    def __init__(self, *args, bijeenkomsten, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["bijeenkomst"]
        field.queryset = bijeenkomsten
        field.label_from_instance = _label


def _label(bijeenkomst: Bijeenkomst) -> str:
    start, eind = timezone.localtime(bijeenkomst.start, AMSTERDAM), timezone.localtime(bijeenkomst.eind, AMSTERDAM)
    where = bijeenkomst.ruimte.naam if bijeenkomst.ruimte else _("no room yet")
    return f"{start:%H:%M}–{eind:%H:%M} {bijeenkomst.activiteit.titel} ({where})"


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _dates_of_the_day(request, organisatie, locatie: Locatie, day: date):
    """That day's coming dates of the organisation's activities at the place that this
    member may change."""
    rows = bijeenkomst_list_coming_on_day(organisatie=organisatie, locatie=locatie, dag=day)
    allowed = [b.pk for b in rows if request.user.has_perm("activiteiten.change_bijeenkomst", b)]
    return rows.filter(pk__in=allowed)


@login_required
def verhuur_activiteit(request, org, slug, pk):
    """Book a room for one of the day's activity dates (``?datum=YYYY-MM-DD``); a clash
    is explained beside the choice, naming what is there (the board may read tenants)."""
    organisatie = _organisatie(request, org)
    locatie = get_object_or_404(Locatie, slug=slug, beheerder=organisatie)
    ruimte = _owned(request, Ruimte.objects.select_related("locatie__beheerder"), pk=pk, locatie=locatie)
    day = _day(request.POST.get("datum") or request.GET.get("datum", "")) or timezone.localdate()
    bijeenkomsten = _dates_of_the_day(request, organisatie, locatie, day)
    form = ActiviteitBoekForm(request.POST or None, bijeenkomsten=bijeenkomsten, initial={"datum": day})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            gekozen = form.cleaned_data["bijeenkomst"]
            try:
                geboekt = bijeenkomst_boek_ruimte(bijeenkomst=gekozen, ruimte=ruimte, alle=form.cleaned_data["omvang"] == ALLE)
            except ReserveringConflict as error:
                form.add_error("bijeenkomst", reservering_conflict_message(error.conflicten, huurders=True)
                               if error.conflicten else error.message)
            except ValidationError as error:
                add_service_error(form, error, {"ruimte": "bijeenkomst"})
            else:
                messages.success(request, _("%(room)s is booked for %(title)s on %(day)s.") % {
                    "room": ruimte.naam, "title": geboekt.activiteit.titel,
                    "day": date_format(timezone.localtime(geboekt.start, AMSTERDAM), "l j F H:i"),
                })
                url = reverse("beheer:verhuur-bezetting", args=[organisatie.slug, locatie.slug])
                return redirect(f"{url}?week={day.isoformat()}")
    return render(request, "beheer/verhuur_activiteit.html", _context(
        organisatie, "verhuur", locatie=locatie, ruimte=ruimte, form=form, dag=day, leeg=not bijeenkomsten,
    ), status=status)


urlpatterns = [
    path("<slug:org>/plekken/<slug:slug>/ruimtes/<int:pk>/activiteit", verhuur_activiteit, name="verhuur-activiteit"),
]
