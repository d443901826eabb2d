"""The site's URLs."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from core.admin import ScopedAutocompleteJsonView

from . import media, views
from .site import views_login
from .site.page_cache import public_page

# One door in, with lockout and two-step login: the admin's login page sends people there.
admin.site.login = views_login.admin_login

urlpatterns = [
    path("", public_page(views.home), name="home"),
    # Without a CSRF token: the worst a forged request does is switch the language, and a
    # token in the header's language switch would keep every page out of the page cache
    # (ontmoeting/site/page_cache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("ontmoeting.site.urls")),  # the resident site
    # Before the admin's own: the same address, open to staff who may use the field.
    path(
        "admin/autocomplete/",
        admin.site.admin_view(ScopedAutocompleteJsonView.as_view(admin_site=admin.site)),
        name="admin-autocomplete",
    ),
    path("admin/", admin.site.urls),
    path("gemeente/", include("ontmoeting.dashboard.urls")),
    # The workspace of boards, managers and coördinators.
    path("beheer/", include("ontmoeting.beheer.urls")),
    path("api/v1/", include("ontmoeting.api_urls")),
]

# Every uncaught error, also one raised in a middleware: 503 while the database is away.
handler500 = "ontmoeting.outage.server_error"
# A request that is itself wrong (a body too large: 413), before or outside DRF's views.
handler400 = "ontmoeting.errors.bad_request"

# Uploaded photos, in production too (a web server in front may serve them instead).
if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", media.media_file, name="media")]
