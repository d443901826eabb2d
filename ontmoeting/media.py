"""Uploaded photos (``MEDIA_ROOT``) served by the site itself, so a single machine needs
nothing else; behind nginx, let it serve ``/media/`` and set ``DJANGO_SERVE_MEDIA=false``
(README, "Production").

Only raster images are served (the upload forms accept nothing else): an uploaded SVG
or HTML file could carry script that would run on the site's own origin. Paths that
leave ``MEDIA_ROOT`` are a 404. Answers may be kept a day by browsers and proxies and
are revalidated with ``If-Modified-Since``.
"""

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

SERVED_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}
MAX_AGE_SECONDS = 60 * 60 * 24


@require_safe
def media_file(request, path: str):
    """One uploaded photo from ``MEDIA_ROOT``, or 404."""
    if mimetypes.guess_type(path)[0] not in SERVED_TYPES:
        raise Http404
    try:
        # serve() joins the path safely, answers If-Modified-Since and sets Last-Modified.
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    return response
