"""The permission matrix, made from the code.

It walks the URLconf (the API router included) and reads what each URL declares: an
API view's ``action_permissions`` per action, every other URL in ``ontmoeting.access``.
A URL that declares nothing fails ``test_every_url_declares_who_may_open_it``.

For every write, every non-public read and every export it then tries every role on
organisation A's (or gemeente A's) object and on B's, and compares the answer with
``ALLOWED``: who each permission is for, on their own organisation's or gemeente's
object, as docs/rollen.md says. ``ALLOWED`` is written here and not read from the
``rules`` predicates, so the matrix fails when a predicate changes or goes missing.
Another's object must answer 403 or 404; anonymous callers get 401 from the API and
the login page elsewhere; staff who are not superusers get nothing outside the admin.

Each request runs in a savepoint that is rolled back, so every role meets the same
state. ``CASES`` says, per URL and method, which object of a side the URL names and
what body a successful call sends; a protected URL without a case fails.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace
from typing import Callable

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from activiteiten.models import Activiteit
from activiteiten.services import aanmelding_create, wens_create, wens_goedkeur
from core.permissions import AUTHENTICATED, PUBLIC, declared_permission
from core.tokens import api_token_create
from locaties.constants import Rol
from locaties.models import Lidmaatschap, LocatieFoto
from ontmoeting import access
from tests.activiteiten.factories import make_activiteit, next_weekday_at
from tests.api import conftest as api_conftest
from tests.api.conftest import client_for
from tests.locaties.factories import ReserveringFactory, RuimteFactory, SluitingFactory, TariefFactory
from tests.vrijwilligers.factories import DienstFactory, VacatureFactory, VrijwilligerFactory
from vrijwilligers.services import inzet_create

pytestmark = pytest.mark.django_db

# The API tests' fixture, used here by name.
world = api_conftest.world

ROLES = [
    "anoniem",
    "bestuur_a", "beheerder_a", "coordinator_a",
    "bestuur_b", "beheerder_b", "coordinator_b",
    "ambtenaar_a", "ambtenaar_b",
    "staf", "superuser",
]
SIDES = ("a", "b")

MANAGERS = {"bestuur", "beheerder"}
MEMBERS = {"bestuur", "beheerder", "coordinator"}
OFFICIALS = {"ambtenaar"}

# Who each permission is for, on the object of their own organisation or gemeente.
ALLOWED: dict[str, set[str]] = {
    "locaties.add_locatie": MANAGERS,
    "locaties.change_locatie": MANAGERS,
    "locaties.add_ruimte": MANAGERS,
    "locaties.change_ruimte": MANAGERS,
    "locaties.add_tarief": MANAGERS,
    "locaties.add_openingstijd": MANAGERS,
    "locaties.add_sluiting": MANAGERS,
    "locaties.delete_sluiting": MANAGERS,
    "locaties.add_locatiefoto": MANAGERS,
    "locaties.change_locatiefoto": MANAGERS,
    "locaties.delete_locatiefoto": MANAGERS,
    "locaties.view_reservering": MEMBERS,
    "locaties.change_reservering": MANAGERS,
    "activiteiten.add_activiteit": MEMBERS,
    "activiteiten.change_activiteit": MEMBERS,
    "activiteiten.change_bijeenkomst": MEMBERS,
    "activiteiten.view_aanmelding": MEMBERS,
    "activiteiten.change_aanmelding": MEMBERS,
    "locaties.use_workspace": MEMBERS,
    "locaties.manage_leden": MANAGERS,
    "locaties.view_gemeente": OFFICIALS,
    "activiteiten.answer_wens": MANAGERS,
    "vrijwilligers.add_dienst": MEMBERS,
    "vrijwilligers.change_dienst": MEMBERS,
    "vrijwilligers.change_inzet": MEMBERS,
    "vrijwilligers.add_inzet": {"bestuur", "coordinator"},
    "vrijwilligers.add_vacature": {"bestuur", "coordinator"},
    "vrijwilligers.change_vacature": {"bestuur", "coordinator"},
    "vrijwilligers.list_vrijwilliger": {"bestuur", "coordinator"},
    "vrijwilligers.view_vrijwilliger": {"bestuur", "coordinator"},
    "vrijwilligers.delete_vrijwilliger": {"bestuur", "coordinator"},
    "vrijwilligers.change_vrijwilliger": {"bestuur", "coordinator"},
    "vrijwilligers.add_losseinzet": {"bestuur", "coordinator"},
    "vrijwilligers.confirm_inzet": {"bestuur", "coordinator"},
    "locaties.change_organisatie": {"bestuur"},
}


# --- walking the URLconf --------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    route: str
    name: str | None
    method: str
    permission: str | None  # None: nobody declared it
    api: bool

    @property
    def id(self) -> str:
        return f"{self.name or self.route} {self.method.upper()}"


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield prefix + str(entry.pattern), name, namespace, entry.callback


def endpoints() -> list[Endpoint]:
    """Every URL with every method it answers and what it declares for it."""
    found = []
    for route, name, namespace, callback in _walk(get_resolver().url_patterns):
        viewset, view_class = getattr(callback, "cls", None), getattr(callback, "view_class", None)
        if viewset is not None and getattr(callback, "actions", None):
            for method, action in callback.actions.items():
                if method in viewset.http_method_names:  # the others answer 405
                    found.append(Endpoint(route, name, method, declared_permission(viewset, action), True))
        elif view_class is not None and hasattr(view_class, "action_permissions"):
            for method in view_class.http_method_names:
                if method != "options" and hasattr(view_class, method):
                    found.append(Endpoint(route, name, method, declared_permission(view_class, method), True))
        else:
            # A page's methods are not written on a function view: GET, and the writes
            # its cases name (a form's POST).
            declared = access.declared(name) or access.NAMESPACES.get((namespace or "").split(":")[0])
            methods = ["get"] + sorted({m for (n, m) in CASES if n == name and m != "get"})
            found.extend(Endpoint(route, name, method, declared, False) for method in methods)
    return found


def test_every_url_declares_who_may_open_it():
    undeclared = [endpoint.id for endpoint in ENDPOINTS if endpoint.permission is None]
    assert not undeclared, (
        "Nobody declared who may open these URLs: add them to action_permissions of their "
        f"API view, or to ontmoeting/access.py (public pages too): {undeclared}"
    )


def test_every_declared_permission_says_who_it_is_for():
    names = {e.permission for e in ENDPOINTS} | set(access.PAGES.values())
    unknown = names - {PUBLIC, AUTHENTICATED, access.ADMIN, None} - set(ALLOWED)
    assert not unknown, f"Say in ALLOWED (and docs/rollen.md) who these permissions are for: {unknown}"


def test_the_walk_finds_what_it_must():
    """The walk itself can fail: these URLs exist and are protected."""
    ids = {e.id: e.permission for e in ENDPOINTS}
    assert ids["api:locatie-detail PATCH"] == "locaties.change_locatie"
    assert ids["api:reservering-list GET"] == AUTHENTICATED
    assert ids["api:gemeente-kengetallen GET"] == "locaties.view_gemeente"
    assert ids["dashboard:csv GET"] == "locaties.view_gemeente"
    assert ids["api:wens-list POST"] == PUBLIC
    assert ids["api:buurt-dekking GET"] == PUBLIC


# --- the state each role meets ----------------------------------------------------------


def _side(world, side: str) -> SimpleNamespace:
    locatie, organisatie = world[f"locatie_{side}"], world[f"org_{side}"]
    ruimte = RuimteFactory(locatie=locatie)
    TariefFactory(ruimte=ruimte)
    activiteit = make_activiteit(locatie=locatie, organisator=organisatie, titel=f"Taalcafé {side}")
    return SimpleNamespace(
        side=side, locatie=locatie, organisatie=organisatie, gemeente=world[f"gemeente_{side}"],
        buurt=world[f"buurt_{side}"], ruimte=ruimte, activiteit=activiteit,
        bijeenkomst=activiteit.bijeenkomsten.order_by("start").first(),
        reservering=ReserveringFactory(ruimte=ruimte),
        sluiting=SluitingFactory(locatie=locatie),
        foto=LocatieFoto.objects.create(locatie=locatie, afbeelding="locaties/matrix.jpg", alt_tekst="De zaal"),
        token=api_token_create(user=world["users"][f"bestuur_{side}"], naam=f"Koppeling {side}").token,
    )


@dataclass
class Case:
    """How to call one URL for one side: its kwargs, its body, what success answers."""

    kwargs: Callable[[SimpleNamespace], dict]
    data: Callable[[SimpleNamespace], dict] = lambda s: {}
    success: tuple[int, ...] = (200,)
    #: For a list open to anyone logged in: is the side's object in the answer, and
    #: which permission says whether it should be.
    lists: Callable[[SimpleNamespace, object], bool] | None = None
    scope: str | None = None
    #: Run before the calls, with the sides and the frozen clock.
    prepare: Callable | None = None
    admin: bool = False
    extra: dict = field(default_factory=dict)


def _slug(s):
    return {"slug": s.locatie.slug}


def _reservering(s):
    return {"pk": s.reservering.pk}


def _bijeenkomst(s):
    return {"pk": s.bijeenkomst.pk}


def _gemeente(s):
    return {"code": s.gemeente.code}


def _after_first_occurrence(sides, clock):
    # Attendance is recorded once an occurrence has started: the clock moves past the
    # first occurrence of both sides (they share the weekly rule).
    clock.move_to(max(s.bijeenkomst.start for s in sides.values()) + timedelta(minutes=30))


def _org(s):
    return {"org": s.organisatie.slug}


def _org_activiteit(s):
    return {"org": s.organisatie.slug, "slug": s.activiteit.slug}


def _org_bijeenkomst(s):
    return {"org": s.organisatie.slug, "pk": s.bijeenkomst.pk}


def _org_aanmelding(s):
    return {"org": s.organisatie.slug, "pk": s.aanmelding.pk}


def _org_locatie(s):
    return {"org": s.organisatie.slug, "slug": s.locatie.slug}


def _org_ruimte(s):
    return {"org": s.organisatie.slug, "slug": s.locatie.slug, "pk": s.ruimte.pk}


def _ruimte_voor_activiteit(s):
    dag = timezone.localtime(s.bijeenkomst.start).date()
    return {"datum": dag.isoformat(), "bijeenkomst": s.bijeenkomst.pk, "omvang": "een"}


def _telefonische_huur(s):
    dag = timezone.localtime(next_weekday_at(2, 10)).date()
    return {
        "huurder_naam": "Buurtkoor", "huurder_telefoon": "0431234567", "huurder_categorie": "maatschappelijk",
        "doel": "Repetitie", "aantal_personen": "10", "datum": dag.isoformat(), "van": "10:00", "tot": "12:00",
        "herhaling": "0",
    }


def _ruimte_form(s):
    return {"naam": f"Bovenzaal {s.side}", "capaciteit": "20", "wisseltijd_minuten": "0",
            "prijs_maatschappelijk": "10", "minimum_maatschappelijk": ""}


def _org_lid(s):
    """The coordinator's membership of the side's organisation."""
    lid = Lidmaatschap.objects.get(organisatie=s.organisatie, rol=Rol.COORDINATOR)
    return {"org": s.organisatie.slug, "pk": lid.pk}


def _activiteit_form(s):
    """The workspace's activity form, filled in: every Thursday 10:00–12:00."""
    return {"titel": f"Handwerkclub {s.side}", "soort": "activiteit", "locatie": s.locatie.pk, "patroon": "wekelijks",
            "weekdagen": ["3"], "eerste_datum": next_weekday_at(3, 10).date().isoformat(), "begintijd": "10:00",
            "eindtijd": "12:00", "einde": "geen", "kosten": "0", "aanmelding": "geen", "status": "gepubliceerd"}


def _plek_form(s):
    """The place's profile as it is, with a new description."""
    loc = s.locatie
    return {"naam": loc.naam, "soort": loc.soort, "straat": loc.straat, "huisnummer": loc.huisnummer,
            "postcode": loc.postcode, "plaats": loc.plaats, "lat": repr(loc.lat), "lon": repr(loc.lon),
            "beschrijving": "Nieuw", "gepubliceerd": "on"}


def _with_registrations(sides, clock):
    # The sides' activities take registrations, and someone registered for each first date.
    for s in sides.values():
        Activiteit.objects.filter(pk=s.activiteit.pk).update(aanmelding="gewenst")
        s.aanmelding = aanmelding_create(bijeenkomst=s.bijeenkomst, naam="Mien", telefoon="0612345678")


def _with_wishes(sides, clock):
    # An approved wish in each side's buurt, where the side's place stands.
    for s in sides.values():
        s.wens = wens_goedkeur(wens=wens_create(buurt=s.buurt, tekst=f"Een taalcafé {s.side}"))


def _org_wens(s):
    return {"org": s.organisatie.slug, "pk": s.wens.pk}


def _gemeente_wens(s):
    return {"code": s.gemeente.code, "pk": s.wens.pk}


def _wens_antwoord(s):
    return {"actie": "antwoorden", "status": "niet_haalbaar", "reden": "Er is geen ruimte vrij."}


def _with_registrations_after_first(sides, clock):
    _with_registrations(sides, clock)
    _after_first_occurrence(sides, clock)
def _with_roster(sides, clock):
    # Each side's place has a shift with one volunteer on it and one place open, a second
    # volunteer of the organisation to put on it, and a draft vacancy.
    for s in sides.values():
        s.dienst = DienstFactory(locatie=s.locatie, benodigd=2)
        s.inzet = inzet_create(dienst=s.dienst, vrijwilliger=VrijwilligerFactory(organisaties=[s.organisatie]))
        s.vrijwilliger = VrijwilligerFactory(organisaties=[s.organisatie])
        s.aanmelder = VrijwilligerFactory(organisaties=[s.organisatie], geaccepteerd_op=None)
        s.vacature = VacatureFactory(organisatie=s.organisatie, locatie=s.locatie)


def _with_worked_shift(sides, clock):
    # Each side's place has a shift that began yesterday, with a volunteer on it.
    _with_roster(sides, clock)
    for s in sides.values():
        begin = timezone.now() - timedelta(days=1)
        s.gewerkt = inzet_create(dienst=DienstFactory(locatie=s.locatie, start=begin, eind=begin + timedelta(hours=2)),
                                 vrijwilliger=s.vrijwilliger)


def _losse_inzet(s):
    return {"datum": timezone.localdate().isoformat(), "taak": "bar", "uren": "2", "naam": "Buurman"}


def _org_dienst(s):
    return {"org": s.organisatie.slug, "pk": s.dienst.pk}


def _dienst_form(s):
    return {"taak": "bar", "datum": next_weekday_at(3, 10).date().isoformat(), "begintijd": "10:00",
            "eindtijd": "12:00", "benodigd": "1", "weken": "2"}


CASES: dict[tuple[str, str], Case] = {
    ("api:locatie-list", "post"): Case(
        kwargs=lambda s: {}, success=(201,),
        data=lambda s: {"beheerder": s.organisatie.slug, "naam": f"Huiskamer {s.side}", "soort": "huiskamer",
                        "straat": "Markt", "plaats": "Utrecht", "lat": 52.09, "lon": 5.12}),
    ("api:locatie-detail", "patch"): Case(kwargs=_slug, data=lambda s: {"beschrijving": "Nieuw"}),
    ("api:locatie-ruimten", "post"): Case(kwargs=_slug, success=(201,), data=lambda s: {"naam": "Serre", "capaciteit": 12}),
    ("api:locatie-tarieven", "post"): Case(
        kwargs=_slug, data=lambda s: {"ruimte": s.ruimte.pk, "categorie": "commercieel", "prijsPerUur": "40.00"}),
    ("api:locatie-openingstijden", "post"): Case(
        kwargs=_slug, success=(201,), data=lambda s: {"weekdag": 6, "van": "09:00", "tot": "12:00"}),
    ("api:locatie-sluitingen", "post"): Case(
        kwargs=_slug, success=(201,), data=lambda s: {"van": "2030-07-01", "tot": "2030-07-14", "reden": "Zomer"}),
    ("api:reservering-list", "get"): Case(
        kwargs=lambda s: {}, scope="locaties.view_reservering",
        lists=lambda s, response: s.reservering.pk in [r["id"] for r in response.json()["resultaten"]]),
    ("api:reservering-detail", "get"): Case(kwargs=_reservering),
    ("api:reservering-bevestigen", "post"): Case(kwargs=_reservering),
    ("api:reservering-afwijzen", "post"): Case(kwargs=_reservering, data=lambda s: {"reden": "Vol"}),
    ("api:reservering-annuleren", "post"): Case(kwargs=_reservering),
    ("api:activiteit-list", "post"): Case(
        kwargs=lambda s: {}, success=(201,),
        data=lambda s: {"locatie": s.locatie.slug, "organisator": s.organisatie.slug, "titel": "Repair café",
                        "soort": "activiteit", "start": next_weekday_at(3, 10, weeks_ahead=3).isoformat(),
                        "duurMinuten": 120, "rrule": "FREQ=MONTHLY;BYDAY=1SA"}),
    ("api:activiteit-detail", "patch"): Case(kwargs=lambda s: {"slug": s.activiteit.slug}, data=lambda s: {"beschrijving": "Anders"}),
    ("api:bijeenkomst-annuleren", "post"): Case(kwargs=_bijeenkomst, data=lambda s: {"notitie": "Ziek"}),
    ("api:bijeenkomst-verplaatsen", "post"): Case(
        kwargs=_bijeenkomst,
        data=lambda s: {"start": (s.bijeenkomst.start + timedelta(hours=1)).isoformat(),
                        "eind": (s.bijeenkomst.eind + timedelta(hours=1)).isoformat()}),
    ("api:bijeenkomst-aanwezigen", "post"): Case(
        kwargs=_bijeenkomst, data=lambda s: {"aanwezigen": 12}, prepare=_after_first_occurrence),
    ("api:gemeente-kengetallen", "get"): Case(kwargs=_gemeente),
    ("site:account", "get"): Case(kwargs=lambda s: {}),
    ("site:account-tokens", "get"): Case(kwargs=lambda s: {}),
    ("site:account-tweestaps", "get"): Case(kwargs=lambda s: {}),
    ("site:account-wachtwoord", "get"): Case(kwargs=lambda s: {}),
    # Side A's board member's token: revoked by its owner, a 404 to everyone else.
    ("site:account-token-intrekken", "get"): Case(kwargs=lambda s: {"pk": s.token.pk}, success=(405,)),
    ("site:account-token-intrekken", "post"): Case(kwargs=lambda s: {"pk": s.token.pk}, success=(302, 404)),
    ("dashboard:gemeente", "get"): Case(kwargs=_gemeente),
    ("dashboard:buurt", "get"): Case(kwargs=lambda s: {"code": s.gemeente.code, "buurtcode": s.buurt.code}),
    ("dashboard:kaart", "get"): Case(kwargs=_gemeente),
    ("dashboard:wijk", "get"): Case(kwargs=lambda s: {"code": s.gemeente.code, "wijkcode": s.buurt.wijk.code}),
    ("dashboard:watals", "get"): Case(kwargs=_gemeente),
    # Saving a scenario without places is refused by the form (400): past the permission.
    ("dashboard:watals", "post"): Case(kwargs=_gemeente, data=lambda s: {"naam": "Plan"}, success=(302, 400)),
    ("dashboard:drempelwaarden", "get"): Case(kwargs=_gemeente),
    ("dashboard:drempelwaarden", "post"): Case(
        kwargs=_gemeente, success=(302,),
        data=lambda s: {"min_aandeel_65plus_400": 60, "min_locaties_per_10000": "1.5", "min_jongeren_800": "50"}),
    ("dashboard:csv", "get"): Case(kwargs=_gemeente),
    ("dashboard:csv_excel", "get"): Case(kwargs=_gemeente),
    # The workspace: an organisation's members, on their own organisation's objects.
    ("beheer:kiezen", "get"): Case(kwargs=lambda s: {}, success=(200, 302)),
    ("beheer:start", "get"): Case(kwargs=_org),
    ("beheer:activiteiten", "get"): Case(kwargs=_org),
    ("beheer:activiteit-nieuw", "get"): Case(kwargs=_org),
    ("beheer:activiteit-nieuw", "post"): Case(kwargs=_org, data=_activiteit_form, success=(302,)),
    ("beheer:activiteit", "get"): Case(kwargs=_org_activiteit),
    ("beheer:activiteit", "post"): Case(kwargs=_org_activiteit, data=_activiteit_form, success=(302,)),
    ("beheer:activiteit-kopie", "get"): Case(kwargs=_org_activiteit, success=(405,)),
    ("beheer:activiteit-kopie", "post"): Case(kwargs=_org_activiteit, success=(302,)),
    ("beheer:activiteit-stoppen", "get"): Case(kwargs=_org_activiteit),
    ("beheer:activiteit-stoppen", "post"): Case(kwargs=_org_activiteit, success=(302,)),
    ("beheer:activiteit-bevestigen", "get"): Case(kwargs=_org_activiteit, success=(405,)),
    ("beheer:activiteit-bevestigen", "post"): Case(kwargs=_org_activiteit, success=(302,)),
    ("beheer:bijeenkomsten", "get"): Case(kwargs=_org_activiteit),
    ("beheer:bijeenkomst-annuleren", "get"): Case(kwargs=_org_bijeenkomst),
    ("beheer:bijeenkomst-annuleren", "post"): Case(kwargs=_org_bijeenkomst, data=lambda s: {"reden": "Ziek"},
                                                   success=(302,)),
    ("beheer:bijeenkomst-verplaatsen", "get"): Case(kwargs=_org_bijeenkomst),
    ("beheer:bijeenkomst-verplaatsen", "post"): Case(
        kwargs=_org_bijeenkomst, success=(302,),
        data=lambda s: {"datum": timezone.localtime(s.bijeenkomst.start).date().isoformat(),
                        "begintijd": "18:00", "eindtijd": "19:00"}),
    ("beheer:aanwezigen", "get"): Case(kwargs=_org_bijeenkomst, success=(302,)),
    ("beheer:aanwezigen", "post"): Case(kwargs=_org_bijeenkomst, data=lambda s: {"aanwezigen": 12},
                                        prepare=_after_first_occurrence, success=(302,)),
    ("beheer:aanmeldingen", "get"): Case(kwargs=_org_bijeenkomst, prepare=_with_registrations),
    ("beheer:presentielijst", "get"): Case(kwargs=_org_bijeenkomst, prepare=_with_registrations),
    ("beheer:aanmelding-nieuw", "get"): Case(kwargs=_org_bijeenkomst, success=(405,)),
    ("beheer:aanmelding-nieuw", "post"): Case(
        kwargs=_org_bijeenkomst, prepare=_with_registrations, success=(302,),
        data=lambda s: {"naam": "Meneer Bel", "telefoon": "0431234567", "aantal": 1}),
    ("beheer:aanmelding-annuleren", "get"): Case(kwargs=_org_aanmelding, prepare=_with_registrations, success=(405,)),
    ("beheer:aanmelding-annuleren", "post"): Case(kwargs=_org_aanmelding, prepare=_with_registrations, success=(302,)),
    ("beheer:aanmelding-doorschuiven", "get"): Case(kwargs=_org_aanmelding, prepare=_with_registrations,
                                                    success=(405,)),
    ("beheer:aanmelding-doorschuiven", "post"): Case(kwargs=_org_aanmelding, prepare=_with_registrations,
                                                     success=(302,)),
    ("beheer:ruimtes", "get"): Case(kwargs=_org_locatie),
    ("beheer:ruimte-nieuw", "get"): Case(kwargs=_org_locatie),
    ("beheer:ruimte-nieuw", "post"): Case(kwargs=_org_locatie, data=_ruimte_form, success=(302,)),
    ("beheer:ruimte", "get"): Case(kwargs=_org_ruimte),
    ("beheer:ruimte", "post"): Case(kwargs=_org_ruimte, data=_ruimte_form, success=(302,)),
    ("beheer:plekken", "get"): Case(kwargs=_org),
    ("beheer:plek", "get"): Case(kwargs=_org_locatie),
    ("beheer:plek", "post"): Case(kwargs=_org_locatie, data=_plek_form, success=(302,)),
    ("beheer:plek-openingstijden", "get"): Case(kwargs=_org_locatie),
    ("beheer:plek-openingstijden", "post"): Case(
        kwargs=_org_locatie, data=lambda s: {"d0_1_van": "09:00", "d0_1_tot": "17:00"}, success=(302,)),
    ("beheer:plek-sluitingen", "get"): Case(kwargs=_org_locatie),
    ("beheer:plek-sluiting-nieuw", "get"): Case(kwargs=_org_locatie),
    ("beheer:plek-sluiting-nieuw", "post"): Case(
        kwargs=_org_locatie, data=lambda s: {"van": "2030-07-01", "tot": "2030-07-14", "reden": "Zomer", "annuleer": "on"},
        success=(302,)),
    ("beheer:plek-sluiting-verwijderen", "get"): Case(
        kwargs=lambda s: {**_org_locatie(s), "pk": s.sluiting.pk}, success=(405,)),
    ("beheer:plek-sluiting-verwijderen", "post"): Case(
        kwargs=lambda s: {**_org_locatie(s), "pk": s.sluiting.pk}, success=(302,)),
    ("beheer:plek-fotos", "get"): Case(kwargs=_org_locatie),
    # An upload without a file is refused by the form (400): past the permission.
    ("beheer:plek-fotos", "post"): Case(kwargs=_org_locatie, data=lambda s: {"alt_tekst": "De zaal"}, success=(400,)),
    ("beheer:plek-foto", "get"): Case(kwargs=lambda s: {**_org_locatie(s), "pk": s.foto.pk}, success=(405,)),
    ("beheer:plek-foto", "post"): Case(
        kwargs=lambda s: {**_org_locatie(s), "pk": s.foto.pk}, success=(302,),
        data=lambda s: {f"foto-{s.foto.pk}-alt_tekst": "De grote zaal", f"foto-{s.foto.pk}-volgorde": 2}),
    ("beheer:plek-foto-verwijderen", "get"): Case(kwargs=lambda s: {**_org_locatie(s), "pk": s.foto.pk}, success=(405,)),
    ("beheer:plek-foto-verwijderen", "post"): Case(kwargs=lambda s: {**_org_locatie(s), "pk": s.foto.pk}, success=(302,)),
    ("beheer:leden", "get"): Case(kwargs=_org),
    ("beheer:lid-uitnodigen", "get"): Case(kwargs=_org),
    ("beheer:lid-uitnodigen", "post"): Case(
        kwargs=_org, success=(302,), data=lambda s: {"email": f"nieuw-{s.side}@example.nl", "rol": "coordinator"}),
    ("beheer:lid-rol", "get"): Case(kwargs=_org_lid),
    ("beheer:lid-rol", "post"): Case(kwargs=_org_lid, data=lambda s: {"rol": "beheerder"}, success=(302,)),
    ("beheer:lid-verwijderen", "get"): Case(kwargs=_org_lid),
    ("beheer:lid-verwijderen", "post"): Case(kwargs=_org_lid, success=(302,)),
    ("dashboard:geojson", "get"): Case(kwargs=_gemeente),
    ("dashboard:pdf", "get"): Case(kwargs=_gemeente),
    ("beheer:wensen", "get"): Case(kwargs=_org, prepare=_with_wishes),
    ("beheer:wens", "get"): Case(kwargs=_org_wens, prepare=_with_wishes),
    ("beheer:wens", "post"): Case(kwargs=_org_wens, prepare=_with_wishes, data=_wens_antwoord, success=(302,)),
    ("dashboard:wensen", "get"): Case(kwargs=_gemeente, prepare=_with_wishes),
    ("dashboard:wens", "get"): Case(kwargs=_gemeente_wens, prepare=_with_wishes),
    ("dashboard:wens", "post"): Case(kwargs=_gemeente_wens, prepare=_with_wishes, data=_wens_antwoord, success=(302,)),
    ("beheer:aanwezigheid", "get"): Case(kwargs=_org, prepare=_after_first_occurrence),
    ("beheer:aanwezigheid", "post"): Case(kwargs=_org, prepare=_after_first_occurrence, success=(302,),
                                          data=lambda s: {f"b{s.bijeenkomst.pk}": 7}),
    ("beheer:afvinken", "get"): Case(kwargs=_org_bijeenkomst, success=(302,)),
    ("beheer:afvinken", "post"): Case(kwargs=_org_bijeenkomst, prepare=_with_registrations_after_first, success=(302,),
                                      data=lambda s: {"aanwezig": [s.aanmelding.pk], "zonder_aanmelding": 2}),
    ("beheer:presentielijst-pdf", "get"): Case(kwargs=_org_bijeenkomst, prepare=_with_registrations),
    ("beheer:verhuur", "get"): Case(kwargs=_org),
    ("beheer:verhuur-aanvraag", "get"): Case(kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.reservering.pk}),
    ("beheer:verhuur-bevestig", "get"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.reservering.pk}, success=(405,)),
    ("beheer:verhuur-bevestig", "post"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.reservering.pk}, success=(302,)),
    ("beheer:verhuur-afwijs", "get"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.reservering.pk}, success=(405,)),
    ("beheer:verhuur-afwijs", "post"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.reservering.pk}, data=lambda s: {"reden": "Vol"},
        success=(302,)),
    ("beheer:verhuur-prijs", "get"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.reservering.pk}, success=(405,)),
    ("beheer:verhuur-prijs", "post"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.reservering.pk},
        data=lambda s: {"prijs": "25,00", "reden": "Vaste huurder"}, success=(302,)),
    ("beheer:verhuur-bezetting", "get"): Case(kwargs=_org_locatie),
    ("beheer:verhuur-telefonisch", "get"): Case(kwargs=_org_ruimte),
    ("beheer:verhuur-telefonisch", "post"): Case(kwargs=_org_ruimte, data=_telefonische_huur, success=(302,)),
    ("beheer:verhuur-activiteit", "get"): Case(kwargs=_org_ruimte),
    ("beheer:verhuur-activiteit", "post"): Case(kwargs=_org_ruimte, data=_ruimte_voor_activiteit, success=(302,)),
    ("beheer:rooster", "get"): Case(kwargs=_org, success=(302,)),
    ("beheer:rooster-plek", "get"): Case(kwargs=_org_locatie, prepare=_with_roster),
    ("beheer:dienst-nieuw", "get"): Case(kwargs=_org_locatie),
    ("beheer:dienst-nieuw", "post"): Case(kwargs=_org_locatie, data=_dienst_form, success=(302,)),
    ("beheer:rooster-inloop", "get"): Case(kwargs=_org_locatie, success=(405,)),
    ("beheer:rooster-inloop", "post"): Case(kwargs=_org_locatie, success=(302,)),
    ("beheer:dienst", "get"): Case(kwargs=_org_dienst, prepare=_with_roster),
    ("beheer:dienst-invullen", "get"): Case(kwargs=_org_dienst, prepare=_with_roster, success=(405,)),
    ("beheer:dienst-invullen", "post"): Case(kwargs=_org_dienst, prepare=_with_roster, success=(302,),
                                             data=lambda s: {"vrijwilliger": s.vrijwilliger.pk}),
    ("beheer:inzet-afmelden", "get"): Case(kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.inzet.pk},
                                           prepare=_with_roster, success=(405,)),
    ("beheer:inzet-afmelden", "post"): Case(kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.inzet.pk},
                                            prepare=_with_roster, success=(302,)),
    ("beheer:uren", "get"): Case(kwargs=_org_locatie, prepare=_with_worked_shift),
    ("beheer:uren", "post"): Case(kwargs=_org_locatie, data=_losse_inzet, success=(302,)),
    ("beheer:inzet-uren", "get"): Case(kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.gewerkt.pk},
                                       prepare=_with_worked_shift, success=(405,)),
    ("beheer:inzet-uren", "post"): Case(kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.gewerkt.pk},
                                        prepare=_with_worked_shift, data=lambda s: {"uren": "2"}, success=(302,)),
    ("beheer:vacatures", "get"): Case(kwargs=_org),
    ("beheer:vacatures", "post"): Case(kwargs=_org, success=(302,), data=lambda s: {
        "titel": "Bar", "beschrijving": "Tappen op vrijdag", "taak": "bar"}),
    ("beheer:vacature-publiceren", "get"): Case(kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.vacature.pk},
                                                prepare=_with_roster, success=(405,)),
    ("beheer:vrijwilligers", "get"): Case(kwargs=_org, prepare=_with_roster),
    ("beheer:vrijwilligers-passend", "get"): Case(kwargs=_org, prepare=_with_roster),
    ("beheer:vrijwilliger-gegevens", "get"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.vrijwilliger.pk}, prepare=_with_roster),
    ("beheer:vrijwilliger-wissen", "get"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.vrijwilliger.pk}, prepare=_with_roster, success=(405,)),
    ("beheer:vrijwilliger-wissen", "post"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.vrijwilliger.pk}, prepare=_with_roster, success=(302,)),
    ("beheer:vrijwilliger-accepteren", "get"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.aanmelder.pk}, prepare=_with_roster, success=(405,)),
    ("beheer:vrijwilliger-accepteren", "post"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.aanmelder.pk}, prepare=_with_roster, success=(302,)),
    ("beheer:vrijwilliger-afwijzen", "get"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.aanmelder.pk}, prepare=_with_roster, success=(405,)),
    ("beheer:vrijwilliger-afwijzen", "post"): Case(
        kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.aanmelder.pk}, prepare=_with_roster, success=(302,)),
    ("beheer:vacature-publiceren", "post"): Case(kwargs=lambda s: {"org": s.organisatie.slug, "pk": s.vacature.pk},
                                                 prepare=_with_roster, success=(302,)),
    ("beheer:jaarverslag", "get"): Case(kwargs=_org),
    ("beheer:jaarverslag-csv", "get"): Case(kwargs=_org),
    ("beheer:jaarverslag-pdf", "get"): Case(kwargs=_org),
    ("beheer:jaarverslag-xlsx", "get"): Case(kwargs=_org),
    ("dashboard:jaarverslag", "get"): Case(kwargs=_gemeente),
    ("dashboard:jaarverslag-csv", "get"): Case(kwargs=_gemeente),
    ("dashboard:jaarverslag-xlsx", "get"): Case(kwargs=_gemeente),
    ("dashboard:jaarverslag-pdf", "get"): Case(kwargs=_gemeente),
}

# The admin is declared as a whole (platform staff); these of its pages stand for it:
# the index, and the list and a change page of the models the issue names.
ADMIN_CASES: dict[tuple[str, str], Case] = {
    ("admin:index", "get"): Case(kwargs=lambda s: {}, admin=True),
    ("admin:locaties_locatie_changelist", "get"): Case(kwargs=lambda s: {}, admin=True),
    ("admin:locaties_locatie_change", "get"): Case(kwargs=lambda s: {"object_id": s.locatie.pk}, admin=True),
    ("admin:locaties_reservering_changelist", "get"): Case(kwargs=lambda s: {}, admin=True),
    ("admin:locaties_reservering_change", "get"): Case(kwargs=lambda s: {"object_id": s.reservering.pk}, admin=True),
    ("admin:activiteiten_activiteit_change", "get"): Case(kwargs=lambda s: {"object_id": s.activiteit.pk}, admin=True),
    ("admin:activiteiten_bijeenkomst_change", "get"): Case(kwargs=lambda s: {"object_id": s.bijeenkomst.pk}, admin=True),
    ("admin:vrijwilligers_vrijwilliger_changelist", "get"): Case(kwargs=lambda s: {}, admin=True),
}

ENDPOINTS = endpoints()
PROTECTED = [e for e in ENDPOINTS if e.permission not in (PUBLIC, access.ADMIN, None)]


def test_every_protected_url_has_a_case():
    missing = [e.id for e in PROTECTED if (e.name, e.method) not in CASES]
    assert not missing, f"Add these to CASES, so the matrix tries every role on them: {missing}"


# --- the matrix ---------------------------------------------------------------------------


def _expected(role: str, permission: str, side: str, case: Case, api: bool):
    """The statuses ``role`` may get on ``side``'s object: a tuple, or "login"."""
    if role == "anoniem":
        return (401,) if api else "login"
    if role == "superuser" or permission == AUTHENTICATED:
        return case.success
    kind, _, own_side = role.partition("_")
    if own_side == side and kind in ALLOWED[permission]:
        return case.success
    return (403, 404)


def _clients(world) -> dict:
    """Per role a client: the API with the user's token, pages with a session."""
    clients = {}
    for role, user in world["users"].items():
        page = Client()
        if user is not None:
            page.force_login(user)
        clients[role] = SimpleNamespace(api=client_for(user), page=page)
    return clients


def _call(client, method: str, url: str, data: dict, api: bool):
    with transaction.atomic():
        if api:
            response = getattr(client.api, method)(url, data, format="json")
        else:
            response = getattr(client.page, method)(url, data)
        transaction.set_rollback(True)  # every role meets the same state
    return response


def _is_login_redirect(response, login_url: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(login_url)


def _run_matrix(world, frozen_clock, name: str, method: str, permission: str, case: Case, api: bool) -> list[str]:
    sides = {side: _side(world, side) for side in SIDES}
    if case.prepare is not None:
        case.prepare(sides, frozen_clock)
    clients = _clients(world)
    login_url = resolve_url(settings.LOGIN_URL)
    wrong = []
    for side, state in sides.items():
        url = reverse(name, kwargs=case.kwargs(state))
        data = case.data(state)
        for role in ROLES:
            response = _call(clients[role], method, url, data, api)
            expected = _expected(role, permission, side, case, api)
            if expected == "login":
                ok = _is_login_redirect(response, login_url)
            else:
                ok = response.status_code in expected and not _is_login_redirect(response, login_url)
            if ok and case.lists is not None and role != "anoniem":
                kind, _, own_side = role.partition("_")
                should_list = role == "superuser" or (own_side == side and kind in ALLOWED[case.scope])
                ok = case.lists(state, response) == should_list
                expected = f"{expected}, {'listing' if should_list else 'not listing'} {side}'s object"
            if not ok:
                wrong.append(f"{role:>13} on {side}'s object: {response.status_code}, expected {expected}")
    return wrong


@pytest.mark.parametrize("endpoint", PROTECTED, ids=lambda e: e.id)
def test_matrix(world, frozen_clock, endpoint):
    case = CASES.get((endpoint.name, endpoint.method))
    if case is None:
        pytest.fail(f"no case for {endpoint.id}: add it to CASES")
    wrong = _run_matrix(world, frozen_clock, endpoint.name, endpoint.method, endpoint.permission, case, endpoint.api)
    assert not wrong, f"{endpoint.id} ({endpoint.permission}):\n" + "\n".join(wrong)


def _expected_admin(role: str, name: str):
    """In the admin only staff get in; a staff member who is no superuser has no model
    permission here and sees the index only."""
    if role == "superuser":
        return (200,)
    if role == "staf":
        return (200,) if name == "admin:index" else (403,)
    return "admin-login"


@pytest.mark.parametrize("key", list(ADMIN_CASES), ids=lambda key: key[0])
def test_admin_matrix(world, key):
    name, method = key
    case = ADMIN_CASES[key]
    sides = {side: _side(world, side) for side in SIDES}
    clients = _clients(world)
    admin_login = reverse("admin:login")
    wrong = []
    for side, state in sides.items():
        url = reverse(name, kwargs=case.kwargs(state))
        for role in ROLES:
            response = _call(clients[role], method, url, {}, api=False)
            expected = _expected_admin(role, name)
            if expected == "admin-login":
                ok = _is_login_redirect(response, admin_login)
            else:
                ok = response.status_code in expected
            if not ok:
                wrong.append(f"{role:>13} on {side}'s object: {response.status_code}, expected {expected}")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
