"""The pages of one place and of one activity."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info

from activiteiten.constants import ActiviteitSoort, Doelgroep
from activiteiten.selectors import activiteit_list_public_all, bijeenkomst_list_coming, locatie_has_open_inloop
from core.links import absolute_url
from locaties.constants import Faciliteit, Toegankelijkheid
from locaties.selectors import locatie_list_public, locatie_open_at
from vrijwilligers.selectors import locatie_gastvrouw_aanwezig, locatie_gastvrouw_voornaam

from . import jsonld
from .kaart import kaart


def _open_now(locatie, now) -> dict:
    """Whether the building is open now (``locatie_open_at``), whether an open inloop
    is going on (``locatie_has_open_inloop``) and whether its host is there
    (``locatie_gastvrouw_aanwezig``)."""
    open_nu, gesloten = locatie_open_at(locatie, now)
    inloop_nu = locatie_has_open_inloop(locatie=locatie, moment=now)
    return {"open_nu": open_nu, "inloop_nu": inloop_nu, "gesloten": gesloten,
            **gastvrouw_context(locatie, now, inloop_nu=inloop_nu)}


def gastvrouw_context(locatie, now, *, inloop_nu: bool = True) -> dict:
    """``gastvrouw_nu`` (a host on duty at the running open inloop) and ``gastvrouw_naam``
    (their first name, only when they agreed to it), for the place's pages and screen."""
    gastvrouw_nu = inloop_nu and locatie_gastvrouw_aanwezig(locatie=locatie, moment=now)
    naam = locatie_gastvrouw_voornaam(locatie=locatie, moment=now) if gastvrouw_nu else None
    return {"gastvrouw_nu": gastvrouw_nu, "gastvrouw_naam": naam}


def _taal(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def locatie_detail(request, slug):
    """A meeting place: address, hours with "open now", rooms for rent, what happens."""
    locatie = locatie_list_public().select_related("buurt__gemeente").filter(slug=slug).first()
    if locatie is None:
        raise Http404
    bijeenkomsten = bijeenkomst_list_coming(locatie=locatie, limit=20)
    now = timezone.localtime()
    context = {
        "locatie": locatie,
        "embed_url": absolute_url(reverse("site:embed-locatie", args=[locatie.slug])),
        "bijeenkomsten": bijeenkomsten,
        "toegankelijkheid": [Toegankelijkheid(value).label for value in locatie.toegankelijkheid if value in Toegankelijkheid.values],
        "faciliteiten": [Faciliteit(value).label for value in locatie.faciliteiten if value in Faciliteit.values],
        "verhuur": [ruimte for ruimte in locatie.ruimten.all() if ruimte.verhuurbaar],
        "jsonld": jsonld.script(jsonld.place(locatie)),
        "kaart": kaart([locatie]),
        **_open_now(locatie, now),
    }
    return render(request, "site/locatie.html", context)


def activiteit_detail(request, slug):
    """An activity: what, where, when (next dates, cancelled ones said so), cost, for whom.
    One not confirmed recently says so; long not confirmed, its page stays (a bookmark
    still works) without dates, which have left the calendars."""
    activiteit = activiteit_list_public_all().filter(slug=slug).first()
    if activiteit is None:
        raise Http404
    bijeenkomsten = bijeenkomst_list_coming(activiteit=activiteit, limit=12)
    for bijeenkomst in bijeenkomsten:
        bijeenkomst.activiteit = activiteit
    context = {
        "activiteit": activiteit,
        "locatie": activiteit.locatie,
        "doelgroepen": [Doelgroep(v).label for v in activiteit.doelgroepen if v in Doelgroep.values],
        "talen": [_taal(code) for code in activiteit.talen],
        "bijeenkomsten": bijeenkomsten,
        "jsonld": jsonld.script([jsonld.event(b, activiteit) for b in bijeenkomsten] or [jsonld.place(activiteit.locatie)]),
        **gastvrouw_context(activiteit.locatie, timezone.now(),
                            inloop_nu=activiteit.soort == ActiviteitSoort.OPEN_INLOOP),
    }
    return render(request, "site/activiteit.html", context)


def abonneren_hulp(request):
    """How to subscribe to a programme in iPhone, Android/Google and Outlook calendars.
    ``?agenda=`` is the programme's feed path, shown as the address to copy; only a path
    of this site is taken."""
    pad = request.GET.get("agenda", "")
    agenda_url = request.build_absolute_uri(pad) if pad.startswith("/") and not pad.startswith("//") else ""
    return render(request, "site/abonneren.html", {"agenda_url": agenda_url})
