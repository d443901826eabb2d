"""Resident pages kept per process, like the API's answers, and emptied on the same
PostgreSQL ``NOTIFY`` (``core.api.response_cache``: one listening thread per process
serves both caches).

What is kept: a page whose view is marked ``@public_page`` (home, buurt, agenda, place,
activity, print, hall screen, feeds), asked for by an anonymous visitor (no session
cookie, no messages cookie, no ``Authorization``) with a GET, answered 200 with nothing
of that visitor's own: no CSRF token rendered into it and no cookie set. Keyed by the
absolute URL and the language (``nl``/``en``), at most ``SITE_CACHE_MAX_BYTES`` per
process, for at most ``SITE_CACHE_SECONDS`` (what depends on the clock, such as "today",
is at most that old).

No page that is kept carries a CSRF token: the language switch needs none
(``set_language`` is exempt, see ``ontmoeting/urls.py``), and the forms of the buurt
page (a wish, +1) are on the buurt's wishes page, which is never kept. A logged-in
visitor has a session cookie, so their pages are neither served from nor kept here.

The same pages carry ``Cache-Control: public`` (anonymous) or ``private, no-cache``, an
``ETag`` and a 304 for a matching ``If-None-Match``, so a CDN in front can keep them too;
``Vary: Cookie, Accept-Language`` keeps a CDN from giving one visitor's page to another.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from core.api import response_cache

#: How long a CDN may keep a page; it may answer with the old one while it asks again.
PUBLIC_CACHE = {"public": True, "max_age": 60, "stale_while_revalidate": 300}


def _anonymous_request(request) -> bool:
    """A GET without anything that makes the page its visitor's own."""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _anonymous_answer(request, response) -> bool:
    """Nothing in ``response`` is only for this visitor."""
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a token was rendered
        and not response.cookies
        and not (user is not None and user.is_authenticated)
    )


def public_page(view):
    """Mark a resident page as one that may be kept (by this process and by a CDN) when
    it is the same for every anonymous visitor; sets its caching headers and ETag."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        if not (_anonymous_request(request) and _anonymous_answer(request, response)):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        patch_cache_control(response, **PUBLIC_CACHE)
        response["ETag"] = '"%s"' % hashlib.blake2b(response.content, digest_size=16).hexdigest()
        response.public_page = True
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped


def page_key(request) -> str:
    """The URL (with its query) and the language the page is in."""
    parts = (request.build_absolute_uri(), translation.get_language() or "")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the process's site cache, and keeps
    them there. After ``LocaleMiddleware`` (the language is part of the key), before the
    middleware a kept page does not need (CSRF, authentication, messages, OTP)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cache = response_cache.shared_cache("site") if _anonymous_request(request) else None
        if cache is None or not cache.listening:
            return self.get_response(request)
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            response = stored.response()
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        generation = cache.generation
        response = self.get_response(request)
        if (
            request.method == "GET"
            and getattr(response, "public_page", False)
            and _anonymous_answer(request, response)
        ):
            cache.put(key, response.content, list(response.items()), generation)
        return response
