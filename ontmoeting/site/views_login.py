"""Logging in and out: /inloggen with the e-mail address, the second step with an
authenticator app (TOTP), the lockout page, "wachtwoord vergeten" and /uitloggen.

A login has up to two steps. The password is checked first (django-axes counts the
failures); someone with an authenticator app then types its code, and someone who must
have one (staff, officials; ``accounts.requires_two_factor``) sets it up before they are
logged in. Between the steps the session only holds who passed the password and when,
never a logged-in user. This is the only way into a session: the admin's login page
sends people here.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from core.links import absolute_url
from core.sessions import LAST_SEEN_KEY

from .. import accounts
from .forms_account import LoginForm, TotpCodeForm

PENDING_KEY = "login_pending"
# Time between the password and the code (or setting up the app), in seconds.
PENDING_SECONDS = 10 * 60


def _next_from(request) -> str:
    return request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""


def _finish(request, user, backend: str, next_url: str, device=None):
    """Log the user in (with their second factor, if any) and send them where they work."""
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    request.session[LAST_SEEN_KEY] = time.time()
    return redirect(accounts.landing_url(user=user, next_url=next_url, request=request))


def _pending_user(request):
    """The user who passed the password step of this session, if not too long ago."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    """Step 1: e-mail address and password."""
    next_url = _next_from(request)
    if request.method == "POST":
        form = LoginForm(request, data=request.POST)
        if form.is_valid():
            user = form.get_user()
            device = accounts.confirmed_totp_device(user)
            if device is None and not accounts.requires_two_factor(user):
                return _finish(request, user, user.backend, next_url)
            # Remember who passed the password, in a session of its own (no fixation).
            request.session.cycle_key()
            request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "next": next_url, "since": time.time()}
            return redirect("site:login-code" if device is not None else "site:login-tweestaps")
    else:
        form = LoginForm(request)
    return render(request, "site/inloggen.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_code(request):
    """Step 2 for someone with an authenticator app: its current code."""
    user, pending = _pending_user(request)
    device = accounts.confirmed_totp_device(user) if user else None
    if device is None:
        messages.info(request, _("Please log in again."))
        return redirect("site:login")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # verify_token slows down guessing itself: after a wrong code, the next is refused
        # for a growing time (django-otp's throttling).
        if device.verify_token(form.cleaned_data["code"]):
            return _finish(request, user, pending["backend"], pending["next"], device)
        form.add_error("code", _("This code is not right, or it has expired. Type the code your app shows now."))
    return render(request, "site/inloggen_code.html", {"form": form})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_tweestaps(request):
    """Step 2 for someone who must have an authenticator app and has none yet: set it up."""
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Please log in again."))
        return redirect("site:login")
    device = accounts.totp_device_start(user=user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if accounts.totp_device_confirm(device=device, token=form.cleaned_data["code"]):
            messages.success(request, _("Two-step login is on. Next time you log in, you also type a code from your app."))
            return _finish(request, user, pending["backend"], pending["next"], device)
        form.add_error("code", _("This code is not right, or it has expired. Type the code your app shows now."))
    return render(request, "site/tweestaps_instellen.html", {
        "form": form, "device": device, "tijdens_inloggen": True,
        "qr_svg": accounts.totp_qr_svg(device, title=_("QR code to scan with your authenticator app")),
        "sleutel": accounts.totp_key_text(device),
    })


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes answers once an account or address is locked (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "site/inloggen_geblokkeerd.html", {
        "pogingen": settings.AXES_FAILURE_LIMIT, "minuten": minutes,
    }, status=429)


@require_POST
def logout_view(request):
    """/uitloggen, POST only (a link or an image on another site cannot log anyone out)."""
    was_logged_in = request.user.is_authenticated
    logout(request)
    if was_logged_in:
        messages.success(request, _("You are logged out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


def admin_login(request, extra_context=None):
    """The admin's login page, replaced by ours: one door, with lockout and two factors."""
    target = reverse("site:login")
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect(f"{target}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


class _SiteUrlContext:
    """The public address for the links in the reset mail (core.links), never the host
    the request named: a forged Host header must not end up in someone's mail."""

    @property
    def extra_email_context(self):
        return {"site_url": absolute_url("")}


class PasswordResetView(_SiteUrlContext, auth_views.PasswordResetView):
    template_name = "site/wachtwoord_vergeten.html"
    email_template_name = "site/mail/wachtwoord_herstellen.txt"
    subject_template_name = "site/mail/wachtwoord_herstellen_onderwerp.txt"
    success_url = reverse_lazy("site:wachtwoord-verstuurd")
    title = gettext_lazy("Forgot your password")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "site/wachtwoord_verstuurd.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "site/wachtwoord_herstellen.html"
    success_url = reverse_lazy("site:wachtwoord-hersteld")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "site/wachtwoord_hersteld.html"
