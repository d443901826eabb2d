"""Template helpers for room rentals: labels of a room's facilities, the one-line
explanation of a tenant category, a room's tariffs today and announced, the number of open rental requests, and when a
place's rooms are taken in the coming four weeks."""

from django import template

from locaties.constants import CATEGORIE_UITLEG, Faciliteit
from locaties.selectors_verhuur import bezet_per_ruimte, tarieven_aangekondigd, tarieven_huidig, verhuur_open_count

register = template.Library()


@register.filter
def faciliteit_labels(codes) -> list[str]:
    """The facilities' names in the current language."""
    labels = dict(Faciliteit.choices)
    return [str(labels.get(code, code)) for code in codes or []]


@register.filter
def categorie_uitleg(categorie: str) -> str:
    """Who a tenant category is for, in one line."""
    return str(CATEGORIE_UITLEG.get(categorie, ""))


@register.filter
def huidige_tarieven(ruimte) -> list:
    """The room's tariffs valid today, one per category (from its prefetched tariffs)."""
    return tarieven_huidig(tarieven=ruimte.tarieven.all())


@register.filter
def aangekondigde_tarieven(ruimte) -> list:
    """The room's announced tariffs as (start date, tariffs), in order of time."""
    return tarieven_aangekondigd(tarieven=ruimte.tarieven.all())


@register.simple_tag
def verhuur_open(organisatie) -> int:
    """How many rental requests for the organisation's places wait for an answer."""
    return verhuur_open_count(organisatie=organisatie)


@register.simple_tag
def verhuur_bezet(locatie) -> dict:
    """Per room of the place the coming four weeks' taken times and closures (``bezet_per_ruimte``)."""
    return bezet_per_ruimte(locatie=locatie)


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or an empty list."""
    return mapping.get(key, [])
