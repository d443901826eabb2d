"""Calendar feeds (iCalendar, through ``activiteiten.ical``) and news feeds (RSS/Atom)."""

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activiteiten.filters import BijeenkomstFilter
from activiteiten.ical import VOORBEHOUD, bijeenkomst_uid, bijeenkomsten_ical, voorbehoud
from activiteiten.selectors import (
    activiteit_list_public_all,
    bijeenkomst_list_public,
    bijeenkomsten_met_voorbehoud,
)
from core.filters import apply_filterset
from core.links import absolute_url
from locaties.models import Buurt
from locaties.selectors import locatie_list_in_and_near_buurt, locatie_list_published

from . import params
from .views_buurt import NABIJ_METERS


class BadFeedQuery(Exception):
    """A feed URL with a parameter the FilterSet refuses; answered with 400 and the reasons."""


def _filtered(request, queryset, names):
    query = params.selected(request, names + ["van", "tot"])
    try:
        return bijeenkomsten_met_voorbehoud(apply_filterset(BijeenkomstFilter, query, queryset))
    except ValidationError as error:
        raise BadFeedQuery("; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())) from error


def _bad_query_as_400(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadFeedQuery as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    wrapped.__doc__ = view.__doc__
    return wrapped


def _ical(bijeenkomsten, naam, filename):
    response = HttpResponse(bijeenkomsten_ical(bijeenkomsten, naam=naam), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def _buurt_bijeenkomsten(request, code):
    buurt = get_object_or_404(Buurt.objects.select_related("gemeente"), code=code)
    ids = [locatie.pk for locatie in locatie_list_in_and_near_buurt(buurt=buurt, afstand=NABIJ_METERS)]
    queryset = bijeenkomst_list_public().filter(activiteit__locatie__in=ids)
    return buurt, _filtered(request, queryset, params.FILTER_PARAMS)


@_bad_query_as_400
def buurt_ical(request, code):
    """The coming four weeks in and near a buurt (filters as on the page)."""
    buurt, bijeenkomsten = _buurt_bijeenkomsten(request, code)
    return _ical(bijeenkomsten, _("Meeting places: %(naam)s") % {"naam": buurt.naam}, buurt.code)


def _locatie_bijeenkomsten(request, slug):
    locatie = get_object_or_404(locatie_list_published(), slug=slug)
    bijeenkomsten = _filtered(request, bijeenkomst_list_public().filter(activiteit__locatie=locatie), params.FILTER_PARAMS)
    return locatie, bijeenkomsten


def _activiteit_bijeenkomsten(request, slug):
    # Long not confirmed, its feed stays but is empty (bijeenkomst_list_public leaves it
    # out), so a calendar that subscribed gets it back when it is confirmed.
    activiteit = get_object_or_404(activiteit_list_public_all(), slug=slug)
    return activiteit, _filtered(request, bijeenkomst_list_public().filter(activiteit=activiteit), [])


@_bad_query_as_400
def locatie_ical(request, slug):
    """The coming four weeks at a place (filters as on the buurt page)."""
    locatie, bijeenkomsten = _locatie_bijeenkomsten(request, slug)
    return _ical(bijeenkomsten, locatie.naam, locatie.slug)


@_bad_query_as_400
def activiteit_ical(request, slug):
    """The coming four weeks of an activity."""
    activiteit, bijeenkomsten = _activiteit_bijeenkomsten(request, slug)
    return _ical(bijeenkomsten, activiteit.titel, activiteit.slug)


@_bad_query_as_400
def agenda_ical(request):
    """The agenda with the same query as the page it was subscribed from."""
    bijeenkomsten = _filtered(request, bijeenkomst_list_public(), params.AGENDA_PARAMS)
    return _ical(bijeenkomsten, _("Agenda"), "agenda")


class BijeenkomstenFeed(Feed):
    """Occurrences as RSS; ``get_object`` gives a dict with titel, link, feed_url,
    beschrijving and bijeenkomsten (links as paths; the feed makes them absolute URLs of
    the public site).

    One instance serves every request: keep nothing on self, pass it through the object.
    The Atom variant of a feed is a subclass with ``feed_type = Atom1Feed``: the
    description becomes its subtitle.
    """

    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadFeedQuery as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def title(self, obj):
        return obj["titel"]

    def link(self, obj):
        return absolute_url(obj["link"])

    def feed_url(self, obj):
        return absolute_url(obj["feed_url"])

    def description(self, obj):
        return obj["beschrijving"]

    subtitle = description  # only Atom shows it

    def items(self, obj):
        return list(obj["bijeenkomsten"][:100])

    def item_title(self, item):
        tijd = timezone.localtime(item.start).strftime("%d-%m %H:%M")
        prefix = _("Cancelled") + ": " if item.geannuleerd else ""
        return f"{prefix}{tijd} {item.activiteit.titel}"

    def item_description(self, item):
        waar = f"{item.activiteit.locatie.naam}, {item.activiteit.locatie.adres}"
        return f"{waar}. {VOORBEHOUD}" if voorbehoud(item) else waar

    def item_link(self, item):
        return absolute_url(reverse("site:activiteit", args=[item.activiteit.slug]))

    def item_guid(self, item):
        return bijeenkomst_uid(item)

    def item_pubdate(self, item):
        return item.activiteit.bijgewerkt


class PageFeed(BijeenkomstenFeed):
    """The occurrences of one page (a buurt, a place, an activity): what its iCalendar feed holds.

    A subclass says how to find them (``find``: the request and the URL's key give the
    object and its occurrences, as for the iCalendar feed), the URL name of the page
    (``page``, with the same key), and the feed's title and description (``title_text``,
    ``description_text``), formatted with ``text_fields(object)``.
    """

    def get_object(self, request, **kwargs):
        found, bijeenkomsten = self.find(request, **kwargs)
        fields = self.text_fields(found)
        return {
            "titel": self.title_text % fields,
            "link": reverse(self.page, kwargs=kwargs),
            "feed_url": request.get_full_path(),
            "beschrijving": self.description_text % fields,
            "bijeenkomsten": bijeenkomsten,
        }

    def text_fields(self, found) -> dict:
        return {"naam": found.naam}


class BuurtFeed(PageFeed):
    """What happens in and near a buurt in the coming four weeks (filters as on the page)."""

    find, page = staticmethod(_buurt_bijeenkomsten), "site:buurt"
    title_text = gettext_lazy("What happens in %(naam)s")
    description_text = gettext_lazy("Activities in meeting places in and near this buurt.")


class LocatieFeed(PageFeed):
    """What happens at a place in the coming four weeks (filters as on the buurt page)."""

    find, page = staticmethod(_locatie_bijeenkomsten), "site:locatie"
    title_text = gettext_lazy("What happens at %(naam)s")
    description_text = gettext_lazy("Activities at this meeting place in the coming weeks.")


class ActiviteitFeed(PageFeed):
    """The dates of an activity in the coming four weeks."""

    find, page = staticmethod(_activiteit_bijeenkomsten), "site:activiteit"
    title_text = gettext_lazy("Dates of %(titel)s")
    description_text = gettext_lazy("The coming dates of this activity at %(naam)s.")

    def text_fields(self, activiteit) -> dict:
        return {"titel": activiteit.titel, "naam": activiteit.locatie.naam}


class BuurtAtomFeed(BuurtFeed):
    feed_type = Atom1Feed


class LocatieAtomFeed(LocatieFeed):
    feed_type = Atom1Feed


class ActiviteitAtomFeed(ActiviteitFeed):
    feed_type = Atom1Feed


class AgendaFeed(BijeenkomstenFeed):
    """The agenda with the same query as the page it was subscribed from."""

    def get_object(self, request):
        return {
            "titel": _("Agenda"),
            "link": reverse("site:agenda") + ("?" + request.GET.urlencode() if request.GET else ""),
            "feed_url": request.get_full_path(),
            "beschrijving": _("Activities in the meeting places of the gemeente."),
            "bijeenkomsten": _filtered(request, bijeenkomst_list_public(), params.AGENDA_PARAMS),
        }
