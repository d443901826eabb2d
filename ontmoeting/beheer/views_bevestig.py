"""The workspace's "Ja, dit loopt nog" button: a member confirms that an activity still
runs, from the activity's page or from the list of activities (POST only,
``activiteiten.change_activiteit``), and is sent back where they pressed it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activiteiten.services import activiteit_bevestig

from .views import _activiteit, _organisatie, _post_only

#: Where the button sends the member back to (the ``terug`` field), by URL name.
TERUG = {"lijst": "beheer:activiteiten", "start": "beheer:start"}


@login_required
def activiteit_bevestigen(request, org, slug):
    """Confirm that the activity still runs; the message says until when."""
    organisatie = _organisatie(request, org)
    activiteit = _activiteit(request, organisatie, slug)
    if (refused := _post_only(request)) is not None:
        return refused
    try:
        activiteit = activiteit_bevestig(activiteit=activiteit, door=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(titel)s” is confirmed as still running. We will ask again before %(datum)s.") % {
            "titel": activiteit.titel, "datum": date_format(activiteit.bevestig_deadline, "j F Y")})
    terug = TERUG.get(request.POST.get("terug", ""))
    if terug:
        return redirect(terug, organisatie.slug)
    return redirect("beheer:activiteit", organisatie.slug, activiteit.slug)
