"""Registration for an occurrence without an account, and cancelling it by its link."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from activiteiten.constants import AanmeldingNodig
from activiteiten.selectors import aanmelding_from_token, bijeenkomst_list_public
from activiteiten.services import (
    aanmelding_annuleer,
    aanmelding_cancel_token,
    aanmelding_create,
)

from .forms import AanmeldingForm


def aanmelden(request, pk):
    """The registration form; the service decides: confirmed, waiting list or refused."""
    bijeenkomst = get_object_or_404(
        bijeenkomst_list_public().select_related("activiteit__organisator"), pk=pk
    )
    activiteit = bijeenkomst.activiteit
    if activiteit.aanmelding == AanmeldingNodig.GEEN:
        return redirect("site:activiteit", activiteit.slug)
    status = 200
    if request.method == "POST":
        form = AanmeldingForm(request.POST)
        if form.is_valid():
            try:
                aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("site:aanmelding-bevestigd", aanmelding_cancel_token(aanmelding))
        status = 400
    else:
        form = AanmeldingForm()
    context = {
        "bijeenkomst": bijeenkomst,
        "activiteit": activiteit,
        "form": form,
        "vol": bijeenkomst.vol,  # BijeenkomstQuerySet.with_plaatsen
        "voorbij": bijeenkomst.start <= timezone.now(),
        "vrij": bijeenkomst.plaatsen_vrij,
    }
    return render(request, "site/aanmelden.html", context, status=status)


def bevestigd(request, token):
    """After registering: confirmed or on the waiting list, with the link to cancel."""
    aanmelding = aanmelding_from_token(token)
    if aanmelding is None:
        return render(request, "site/annuleren.html", {"ongeldig": True}, status=404)
    return render(request, "site/bevestigd.html", {
        "aanmelding": aanmelding,
        "annuleer_url": reverse("site:aanmelding-annuleren", args=[token]),
    })


def annuleren(request, token):
    """The link in the mail: first a question (GET), then the cancellation (POST)."""
    aanmelding = aanmelding_from_token(token)
    if aanmelding is None:
        return render(request, "site/annuleren.html", {"ongeldig": True}, status=404)
    context = {"aanmelding": aanmelding, "bijeenkomst": aanmelding.bijeenkomst}
    if request.method == "POST":
        try:
            aanmelding = aanmelding_annuleer(token=token)
        except ValidationError as error:
            context["fout"] = " ".join(error.messages)
            return render(request, "site/annuleren.html", context, status=400)
        context.update(aanmelding=aanmelding, klaar=True)
    return render(request, "site/annuleren.html", context)
