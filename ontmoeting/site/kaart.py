"""What a page's map draws. The map is only an extra: the list or address beside it says
the same (``static/site/buurtkaart.js`` draws it)."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _


def kaart(locaties, *, grens=None, bron: str = "", hier: tuple[float, float] | None = None) -> dict:
    """Places (blue, or dark when a place has ``in_buurt`` False: near the buurt, not in
    it), an optional boundary (GeoJSON) and the source of the boundary, and ``hier``: the
    point the distances are measured from ("you are here"), if any."""
    return {
        "grens": grens,
        "hier": {"lat": hier[0], "lon": hier[1], "label": str(_("You are here"))} if hier else None,
        "tegels_mislukt": str(_("The map background could not be loaded. The places and outlines are still shown.")),
        "locaties": [
            {"naam": loc.naam, "lat": loc.lat, "lon": loc.lon, "in_buurt": getattr(loc, "in_buurt", True),
             "url": reverse("site:locatie", args=[loc.slug])}
            for loc in locaties
        ],
        **basemap(),
        "bron": escape(bron),
    }


def basemap() -> dict:
    """The tiles of every map, and their attribution. Leaflet shows attributions as HTML;
    these are text, so escaped here."""
    return {"tiles": settings.DASHBOARD_BASEMAP_URL, "attribution": escape(settings.DASHBOARD_BASEMAP_ATTRIBUTION)}
