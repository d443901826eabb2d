"""Accounts of the people who work on the platform: where they land after logging in,
who must use two-factor authentication, and setting up their authenticator app (TOTP).

Residents need no account. Board members, coordinators, officials and platform staff
log in with their e-mail address on /inloggen (ontmoeting/site/views_login.py).
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.rules import is_platform_staff
from locaties.models import Gemeente, Lidmaatschap
from locaties.rules import is_a_gemeente_official

TOTP_DEVICE_NAME = "authenticator"


# --- selectors ---------------------------------------------------------------------------

def lidmaatschap_list_for_user(*, user) -> QuerySet[Lidmaatschap]:
    """The user's roles in organisations, with the organisation, by organisation name."""
    return Lidmaatschap.objects.filter(user=user).select_related("organisatie").order_by("organisatie__naam")


def gemeente_list_for_official(*, user) -> QuerySet[Gemeente]:
    """The gemeenten whose dashboard the user sees as an official, by code."""
    return Gemeente.objects.filter(medewerkers__user=user).order_by("code").distinct()


def requires_two_factor(user) -> bool:
    """Platform staff (who open the admin) and officials (who see non-public figures)
    cannot log in without a second factor; everyone else may add one."""
    return bool((is_platform_staff | is_a_gemeente_official).test(user))


def confirmed_totp_device(user) -> TOTPDevice | None:
    """The user's authenticator app, once set up and confirmed with a code."""
    return next((d for d in devices_for_user(user, confirmed=True) if isinstance(d, TOTPDevice)), None)


def landing_url(*, user, next_url: str | None, request) -> str:
    """Where a person goes after logging in: a safe ``next`` first (same host, no other
    scheme), else where they work: an official to their gemeente's dashboard,
    a member of an organisation to the workspace, anyone else to their account page."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    gemeente = gemeente_list_for_official(user=user).first()
    if gemeente is not None:
        return reverse("dashboard:gemeente", args=[gemeente.code])
    if Lidmaatschap.objects.filter(user=user).exists():
        return reverse("beheer:kiezen")
    return reverse("site:account")


def totp_key_text(device: TOTPDevice) -> str:
    """The device's secret key in base32, in groups of four, for typing into an app."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def totp_qr_svg(device: TOTPDevice, *, title: str) -> str:
    """The otpauth:// address of the device as an inline SVG QR code (no script, no
    data: address, so it passes a strict Content-Security-Policy)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, title=title, dark="#000", light="#fff")


# --- services ----------------------------------------------------------------------------

@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """An unconfirmed authenticator for the user, new or the one begun before (so a page
    reload does not change the key the person is typing in)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with a code from the app; False (and nothing changed) when the
    code is wrong. Earlier authenticators of the user are removed: one app at a time."""
    if not device.verify_token(token.replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def totp_device_remove(*, user) -> None:
    """Remove the user's authenticator, for someone who does not need two factors."""
    TOTPDevice.objects.filter(user=user).delete()
