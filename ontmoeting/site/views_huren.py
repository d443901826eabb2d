"""Asking for a room without an account: the form with a preview of the price and of the
dates that are not available, then the request; and the tenant's page behind the signed
link in their mail, to see its status and cancel it within the place's rule."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from locaties.constants import ReserveringStatus
from locaties.selectors import locatie_list_public
from locaties.selectors_verhuur import (
    bezet_per_ruimte,
    verhuur_aanvraag_from_token,
    verhuur_beschikbaarheid,
    verhuurbare_ruimtes,
)
from locaties.services import ReserveringConflict, reservering_prijs, tarief_geldig
from locaties.services.verhuur import verhuur_aanvraag_annuleer, verhuur_aanvraag_create, verhuur_annuleren_tot
from locaties.tokens import verhuur_token

from .forms_huren import HuurForm, parse_dates

#: How far ahead the request page shows when the room is taken.
VRIJ_DAGEN = 28


def _add_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _voorbeeld(form, ruimte, overslaan, eerst: bool):
    """The dates asked for with their reasons and price; those the tenant left out, and
    until the tenant has seen the list (``eerst``) the unavailable ones too."""
    data = verhuur_beschikbaarheid(ruimte=ruimte, momenten=form.momenten())
    categorie = form.cleaned_data["huurder_categorie"]
    tarieven = {}
    for datum in data:
        datum.prijs = reservering_prijs(ruimte=ruimte, start=datum.start, eind=datum.eind, huurder_categorie=categorie)
        datum.overslaan = datum.dag in overslaan or (eerst and not datum.beschikbaar)
        tarief = tarief_geldig(tarieven=ruimte.tarieven.all(), categorie=categorie, dag=datum.dag)
        tarieven.setdefault(tarief.pk, (datum.dag, tarief))
    gekozen = [d for d in data if not d.overslaan]
    return {
        "data": data,
        # Each tariff the dates are priced by, with the first date it prices: a series
        # across a price change states both.
        "tarieven": list(tarieven.values()),
        "totaal": sum((d.prijs for d in gekozen), Decimal(0)),
        "aantal": len(gekozen),
        "serie": form.interval_weken > 0 and len(data) > 1,
    }


def huren(request, slug, pk):
    """Ask for a room: "Show price and dates" (``bekijk``) first, then send."""
    locatie = locatie_list_public().filter(slug=slug).first()
    if locatie is None:
        raise Http404
    ruimte = get_object_or_404(verhuurbare_ruimtes(locatie=locatie).select_related("locatie__beheerder"), pk=pk)
    if not ruimte.tarieven.all():
        raise Http404
    form = HuurForm(request.POST or None, ruimte=ruimte)
    voorbeeld, status = None, 200
    if request.method == "POST":
        status = 400
        overslaan = parse_dates(request.POST.getlist("overslaan"))
        if form.is_valid():
            try:
                voorbeeld = _voorbeeld(form, ruimte, overslaan, eerst="gezien" not in request.POST)
            except ValidationError as error:  # a date before the category's first price
                _add_error(form, error)
        if voorbeeld:
            bekijk = "bekijk" in request.POST
            enkel = not voorbeeld["serie"]
            if enkel and not voorbeeld["data"][0].beschikbaar:
                form.add_error("datum", " ".join(voorbeeld["data"][0].redenen))
            elif bekijk:
                status = 200
            else:
                try:
                    reserveringen = verhuur_aanvraag_create(
                        ruimte=ruimte, momenten=form.momenten(), overslaan=overslaan if not enkel else set(),
                        interval_weken=form.interval_weken, **form.service_fields(),
                    )
                except ReserveringConflict as error:
                    form.add_error(None, error.message)
                except ValidationError as error:
                    _add_error(form, error)
                else:
                    messages.success(request, _(
                        "Your request is sent. The place answers by mail. Keep the link of this page."
                    ))
                    return redirect("site:huur", verhuur_token(reserveringen[0]))
    return render(request, "site/huren.html", {
        "locatie": locatie, "ruimte": ruimte, "form": form, "voorbeeld": voorbeeld, "bezet": bezet_per_ruimte(locatie=locatie, dagen=VRIJ_DAGEN).get(ruimte.pk, []),
        "vrij_dagen": VRIJ_DAGEN,
    }, status=status)


def _aanvraag_or_404(request, token):
    aanvraag = verhuur_aanvraag_from_token(token)
    if aanvraag is None:
        return None, render(request, "site/huur.html", {"ongeldig": True}, status=404)
    return aanvraag, None


def huur(request, token):
    """The tenant's request: each date with its status and price, the board's reason,
    and cancelling while the place's rule allows it."""
    aanvraag, fout = _aanvraag_or_404(request, token)
    if fout:
        return fout
    now = timezone.now()
    for r in aanvraag.reserveringen:
        r.annuleerbaar = r.status in (ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD) and verhuur_annuleren_tot(r) > now
    return render(request, "site/huur.html", {
        "aanvraag": aanvraag, "eerste": aanvraag.eerste, "token": token,
        "annuleerbaar": any(r.annuleerbaar for r in aanvraag.reserveringen),
        "vraag": request.GET.get("annuleren") == "1",
    })


def huur_annuleren(request, token):
    """Cancel the request (POST); a GET asks first."""
    aanvraag, fout = _aanvraag_or_404(request, token)
    if fout:
        return fout
    if request.method != "POST":
        return redirect(reverse("site:huur", args=[token]) + "?annuleren=1")
    try:
        rows = verhuur_aanvraag_annuleer(reservering=aanvraag.eerste)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ngettext(
            "%(n)d date is cancelled. The place has been told.",
            "%(n)d dates are cancelled. The place has been told.", len(rows),
        ) % {"n": len(rows)})
    return redirect("site:huur", token)
