"""Logged-in sessions end after a while without a request (SESSION_IDLE_TIMEOUT_MINUTES)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "_last_seen"
# Saving the session on every request would be a write per page; the moment of the last
# request is kept to the minute, which is precise enough for a timeout of minutes.
LAST_SEEN_PRECISION_SECONDS = 60


class IdleTimeoutMiddleware:
    """Logs out a user whose previous request is longer ago than the idle timeout, so a
    computer left alone in a buurthuis does not stay logged in. Goes after
    AuthenticationMiddleware and MessageMiddleware. Anonymous sessions are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            timeout = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
            if last_seen is not None and now - last_seen > timeout:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out because you did nothing for %(minutes)d minutes. Please log in again.")
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES},
                )
            elif last_seen is None or now - last_seen >= LAST_SEEN_PRECISION_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
