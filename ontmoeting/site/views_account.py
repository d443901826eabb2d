"""The account page of a logged-in person (/account): their organisations and roles,
their gemeente's dashboard, API tokens, two-step login and password.

It is the start page of board members and coordinators until their workspace (/beheer/)
exists; officials land on their dashboard and find this page in the header.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from core.tokens import api_token_create, api_token_list, api_token_revoke

from .. import accounts
from .forms_account import ApiTokenForm, TotpCodeForm


@login_required
def account(request):
    """Who you are here: organisations with your role, gemeenten you work for."""
    return render(request, "site/account.html", {
        "lidmaatschappen": accounts.lidmaatschap_list_for_user(user=request.user),
        "gemeenten": accounts.gemeente_list_for_official(user=request.user),
        "tweestaps": accounts.confirmed_totp_device(request.user) is not None,
        "tweestaps_verplicht": accounts.requires_two_factor(request.user),
    })


@login_required
def tokens(request):
    """List, make and (by a form per token) revoke your own API tokens. A new key is
    shown in the answer to the POST that made it, and never again."""
    nieuw = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = api_token_create(user=request.user, naam=form.cleaned_data["naam"], dagen=form.cleaned_data["dagen"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = ApiTokenForm()
    response = render(request, "site/account_tokens.html", {
        "form": form, "nieuw": nieuw, "tokens": api_token_list(user=request.user), "nu": timezone.now(),
    })
    # The page with a new key must not stay in any cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_intrekken(request, pk: int):
    """Revoke one of your own tokens (another's is a 404: it does not exist for you)."""
    token = get_object_or_404(api_token_list(user=request.user), pk=pk)
    api_token_revoke(token=token)
    messages.success(request, _("The token “%(naam)s” is revoked. It no longer works.") % {"naam": token.naam})
    return redirect("site:account-tokens")


@sensitive_post_parameters("code")
@login_required
def tweestaps(request):
    """Set up an authenticator app (scan the QR code, type a code), or remove it when
    two-step login is not required for you."""
    bestaand = accounts.confirmed_totp_device(request.user)
    verplicht = accounts.requires_two_factor(request.user)
    if request.method == "POST" and request.POST.get("actie") == "uitzetten":
        if verplicht:
            messages.error(request, _("For your role two-step login is required. You cannot switch it off."))
        elif bestaand is not None:
            accounts.totp_device_remove(user=request.user)
            messages.success(request, _("Two-step login is off."))
        return redirect("site:account")
    if bestaand is not None:
        return render(request, "site/tweestaps_aan.html", {"verplicht": verplicht})
    device = accounts.totp_device_start(user=request.user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if accounts.totp_device_confirm(device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, _("Two-step login is on. Next time you log in, you also type a code from your app."))
            return redirect("site:account")
        form.add_error("code", _("This code is not right, or it has expired. Type the code your app shows now."))
    return render(request, "site/tweestaps_instellen.html", {
        "form": form, "device": device, "tijdens_inloggen": False,
        "qr_svg": accounts.totp_qr_svg(device, title=_("QR code to scan with your authenticator app")),
        "sleutel": accounts.totp_key_text(device),
    })


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "site/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("site:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response
