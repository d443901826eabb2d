"""Production: every secret and host comes from the environment; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .environment import env_bool

# Checked before base is imported: without DATABASE_URL it would start the embedded server.
if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.")
if not os.environ.get("DATABASE_URL") and not env_bool("DJANGO_EMBEDDED_DB", False):
    raise ImproperlyConfigured(
        "Set DATABASE_URL for production (postgresql://user:password@host:5432/name), or, on a "
        "single machine, DJANGO_EMBEDDED_DB=true to use the embedded PostgreSQL under var/pgdata "
        "(EMBEDDED_DB_DIR); see README, Production."
    )

if not os.environ.get("SITE_URL", "").startswith("https://"):
    # Every link in mails, feeds and calendars starts with it (core.links); a default
    # would silently send residents to a development address.
    raise ImproperlyConfigured("Set SITE_URL for production, the public https:// address of the site.")

from .base import *  # noqa: E402,F403

DEBUG = False
# Only a proxy that sets X-Forwarded-Proto itself (and drops the client's) makes the
# header trustworthy; otherwise any client could claim HTTPS and get HSTS on plain HTTP.
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
