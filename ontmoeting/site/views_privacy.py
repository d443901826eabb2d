"""The privacy statement: what the platform keeps about residents and for how long."""

from django.conf import settings
from django.shortcuts import render

from ontmoeting.privacy import retention_periods


def privacy(request):
    """What is kept and for how long, in plain words. The periods come from the settings
    the daily erasure applies (``ontmoeting.privacy.retention_periods``), so the page and
    what happens can never differ."""
    return render(request, "site/privacy.html", {
        "bewaren": retention_periods(),
        "kaart_tegels": bool(settings.DASHBOARD_BASEMAP_URL),
    })
