"""The dashboard map's data as a request of its own (``kaart.json``), so that the page
stays small: the buurt boundaries, classes and places of a gemeente, and the list of
buurten the script shows beside the map. Kept per process in the site cache (emptied
with it on every change, ``core.api.response_cache``) and by the browser (ETag, 304)."""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET

from core.api import response_cache

from ..dekking import selectors
from .views import _gemeente_for, _kaart_data


def _aandeel(value) -> str:
    return "–" if value is None else f"{floatformat(value, 1)}%"


def kaart_json(gemeente) -> bytes:
    """The map data of ``gemeente`` as JSON, with the buurten by name for the list."""
    dekking = selectors.gemeente_dekking_detail(gemeente)
    data = _kaart_data(dekking, list(selectors.locatie_list_for_map(gemeente)))
    data["lijst"] = [
        {"code": row.buurt.code, "naam": row.buurt.naam, "patroon": row.klasse[4],
         "aandeel": _aandeel(row.aandeel_65plus_400),
         "url": reverse("dashboard:buurt", args=[gemeente.code, row.buurt.code])}
        for row in sorted(dekking.rows, key=lambda r: r.buurt.naam.lower())
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


@login_required
@require_GET
def kaart(request, code):
    """The map data of the gemeente's dashboard (the same for everyone who may see it)."""
    gemeente = _gemeente_for(request, code)
    cache = response_cache.shared_cache("site")
    key = f"dashboard-kaart\n{gemeente.code}\n{translation.get_language()}"
    stored = cache.get(key) if cache is not None and cache.listening else None
    if stored is not None:
        content = stored.content
    else:
        generation = cache.generation if cache is not None else 0
        content = kaart_json(gemeente)
        if cache is not None:
            cache.put(key, content, (), generation)
    response = HttpResponse(content, content_type="application/json")
    patch_cache_control(response, private=True, max_age=60)
    response["ETag"] = '"%s"' % hashlib.blake2b(content, digest_size=16).hexdigest()
    return get_conditional_response(request, etag=response["ETag"], response=response)
