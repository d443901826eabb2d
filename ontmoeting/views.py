"""Site-wide pages."""

from django.shortcuts import render

from locaties.selectors import locatie_list_published


def home(request):
    """The home page: the published meeting places, per gemeente (the resident site is its own issue)."""
    return render(request, "ontmoeting/home.html", {"locaties": locatie_list_published()})
