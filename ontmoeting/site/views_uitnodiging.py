"""/uitnodiging/<token>: the page an invited person opens from their mail to choose a
password. The signed link is the permission; it works once and for a limited time
(``locaties.tokens``). An invalid, used or old link gets one answer, whatever the reason."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from locaties.selectors import uitnodiging_from_token
from locaties.services import uitnodiging_accepteer

from .. import access


@sensitive_post_parameters("new_password1", "new_password2")
@csrf_protect
@never_cache
def uitnodiging(request, token):
    """Choose a password (Django's password validators), then log in to the workspace."""
    access.check(request, None)
    gevonden = uitnodiging_from_token(token)
    if gevonden is None:
        return render(request, "site/uitnodiging.html", {"geldig": False}, status=404)
    # An unsaved account, so the validators can compare the password with the address.
    nieuw = get_user_model()(username=gevonden.email, email=gevonden.email)
    form = SetPasswordForm(nieuw, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = uitnodiging_accepteer(uitnodiging=gevonden, password=form.cleaned_data["new_password1"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                organisatie = result.lidmaatschap.organisatie
                if result.nieuw_account:
                    text = _("Your account is ready. Log in with your e-mail address and the new password.")
                else:
                    text = _("You now work in %(organisatie)s. Log in with your e-mail address and your own password.")
                messages.success(request, text % {"organisatie": organisatie.naam})
                login = reverse("site:login")
                return redirect(f"{login}?{urlencode({'next': reverse('beheer:start', args=[organisatie.slug])})}")
        status = 400
    return render(request, "site/uitnodiging.html", {
        "geldig": True, "uitnodiging": gevonden, "form": form,
    }, status=status)
