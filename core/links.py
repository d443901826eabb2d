"""Absolute addresses of the site, for whatever leaves it: mails, feeds, PDFs, JSON-LD.

They all start from ``settings.SITE_URL``, the public address, and never from the host
of the request at hand: a feed fetched through an internal address, a mail sent by the
worker or a PDF made behind a proxy must still point residents to the public site.
In development ``SITE_URL`` follows ``RUN_ADDRESS`` unless it is set.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """The public address of ``path`` (which starts with ``/``)."""
    return settings.SITE_URL.rstrip("/") + path


def site_host() -> str:
    """The public host name without port, e.g. for iCalendar UIDs."""
    return urlsplit(settings.SITE_URL).hostname or "ontmoeting"
