"""The one-click link of the "loopt dit nog?" reminder: an organisation's member confirms
that an activity still runs, without logging in. The signed token is the permission
(``activiteiten.tokens.activiteit_bevestig_token``).

A GET only shows the question and a button: mail scanners and link previews open links,
and must not confirm anything. The POST confirms. A link that is not valid, too old or
used already says so and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from activiteiten.selectors import activiteit_from_bevestig_token
from activiteiten.services import activiteit_bevestig_met_link

TEMPLATE = "site/activiteit_bevestigen.html"


def activiteit_bevestigen(request, token):
    """"Ja, dit loopt nog": the question (GET), then the confirmation (POST)."""
    link = activiteit_from_bevestig_token(token)
    if link.activiteit is None:
        return render(request, TEMPLATE, {"ongeldig": True}, status=404)
    activiteit = link.activiteit
    context = {
        "activiteit": activiteit,
        "bruikbaar": link.bruikbaar,
        "beheer_url": reverse("beheer:activiteit", args=[activiteit.organisator.slug, activiteit.slug]),
    }
    if request.method == "POST":
        try:
            activiteit = activiteit_bevestig_met_link(token=token)
        except ValidationError as error:
            context.update(fout=" ".join(error.messages), bruikbaar=False)
            return render(request, TEMPLATE, context, status=400)
        messages.success(request, _("Thank you: “%(titel)s” is confirmed as still running.") % {
            "titel": activiteit.titel})
        context.update(activiteit=activiteit, klaar=True)
    return render(request, TEMPLATE, context)
