"""load_demo: the real Maastricht data plus the labelled demo set, twice without change."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db.models import Count
from rest_framework.test import APIClient

from activiteiten.models import Activiteit, Bijeenkomst, Wens
from locaties.models import (
    Bevolkingspunt,
    Buurt,
    Gemeentemedewerker,
    Lidmaatschap,
    Locatie,
    Openingstijd,
    Organisatie,
    Reservering,
    Ruimte,
    Tarief,
    Wijk,
)
from tests.api.conftest import client_for
from vrijwilligers.models import Dienst, Inzet, Vacature, Vrijwilliger

MODELS = [
    Buurt, Wijk, Bevolkingspunt, Organisatie, Locatie, Ruimte, Tarief, Openingstijd, Activiteit,
    Bijeenkomst, Vrijwilliger, Dienst, Inzet, Vacature, Wens, Lidmaatschap, Gemeentemedewerker,
    get_user_model(),
]
NAMED_IN_REPORT = {
    "Gemeenschapshuis Aw Sjaol": "Itteren",
    "Haarderhof": "Borgharen",
    "Buurtcentrum Nazareth": "Nazareth",
    "Amyerhoof": "Amby",
    "La Ballettsa": "Heugemerveld",
    "'t Atrium": "Daalhof",
    "Huiskamer Daalhof": "Daalhof",
}


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(db):
    """Loaded twice, to prove idempotence; it takes about a second, so each test loads it
    inside its own rolled-back transaction rather than leaving data for other modules."""
    call_command("load_demo", stdout=StringIO())
    first = counts()
    call_command("load_demo", stdout=StringIO())
    return first, counts()


@pytest.fixture
def db_access(demo):
    return demo


def test_second_run_changes_no_counts(demo):
    first, second = demo
    assert second == first
    assert first["Buurt"] == 44
    assert first["Bevolkingspunt"] == 2780


def test_real_maastricht_data(db_access):
    assert Buurt.objects.filter(gemeente__code="GM0935", grens__isnull=False).count() == 44
    assert Buurt.objects.filter(inwoners__isnull=False).count() == 38
    assert Bevolkingspunt.objects.filter(buurt__isnull=False).count() == 2772
    assert sum(Bevolkingspunt.objects.values_list("inwoners", flat=True)) == 120465
    assert Wijk.objects.filter(gemeente__code="GM0935").count() == 7
    assert Buurt.objects.get(code="BU09350502").wijk.naam == "Wijk 05 Buitenwijk Noordoost"


def test_places_named_in_the_report_stand_in_their_buurt_and_say_demo(db_access):
    for naam, buurt in NAMED_IN_REPORT.items():
        locatie = Locatie.objects.select_related("buurt").get(naam=naam)
        assert locatie.buurt.naam == buurt
        # Placed at a real postcode point of the data, and saying so.
        punt = Bevolkingspunt.objects.get(sleutel=locatie.postcode.replace(" ", ""))
        assert (locatie.lat, locatie.lon) == (punt.lat, punt.lon)
        assert punt.buurt_id == locatie.buurt_id
        assert locatie.beschrijving.startswith("Demo: ")
        assert punt.sleutel in locatie.beschrijving
    assert all(beschrijving.startswith("Demo: ") for beschrijving in Locatie.objects.values_list("beschrijving", flat=True))
    assert all(b.startswith("Demo: ") for b in Activiteit.objects.values_list("beschrijving", flat=True))


def test_every_wijk_has_a_published_place_with_rooms_tariffs_and_hours(db_access):
    wijken = set(Locatie.objects.filter(gepubliceerd=True).values_list("buurt__wijk__code", flat=True))
    assert len(wijken) == 7
    for locatie in Locatie.objects.all():
        assert locatie.ruimten.exists(), locatie
        assert locatie.openingstijden.exists(), locatie
    verhuurbaar = Ruimte.objects.filter(verhuurbaar=True).annotate(n=Count("tarieven"))
    assert verhuurbaar and all(ruimte.n == 3 for ruimte in verhuurbaar)
    organisatie_soorten = set(Organisatie.objects.values_list("soort", flat=True))
    assert {"stichting", "welzijnsorganisatie", "bewonersinitiatief"} <= organisatie_soorten


def test_programme_has_the_usual_activities_with_varied_rules(db_access):
    titels = " ".join(Activiteit.objects.values_list("titel", flat=True)).lower()
    for word in ["inloop", "taalcafé", "alzheimer", "samen eten", "repair", "kienen", "computer",
                 "valpreventie", "jongerenavond", "moeder-baby", "biljart"]:
        assert word in titels, word
    rules = set(Activiteit.objects.values_list("rrule", flat=True))
    assert {"FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=-1FR"} <= rules
    assert Activiteit.objects.filter(aanmelding="verplicht", capaciteit__gt=0).exists()
    assert Activiteit.objects.filter(kosten__gt=0).exists()
    # Every activity is published and has occurrences ahead.
    assert not Activiteit.objects.annotate(n=Count("bijeenkomsten")).filter(n=0).exists()


def test_open_inloop_has_host_shifts_with_volunteers(db_access):
    inloop_shifts = Dienst.objects.filter(taak="gastvrouw", bijeenkomst__activiteit__soort="open_inloop")
    assert inloop_shifts.count() >= 20
    assert Inzet.objects.filter(dienst__in=inloop_shifts).count() >= 10
    # Some stay open, so the roster shows where help is needed.
    assert inloop_shifts.filter(inzetten__isnull=True).exists()


def test_wishes_approved(db_access):
    teksten = " ".join(Wens.objects.filter(goedgekeurd=True).values_list("tekst", flat=True))
    for word in ["Wyckerpoort", "Hazendans", "Randwyck"]:
        assert word in teksten


def test_demo_accounts(db_access):
    """The demo's board member and official are ordinary users (no staff, no admin
    permissions): what they may do follows from their role, object by object."""
    bestuur = authenticate(username="bestuur@demo.invalid", password="demo-bestuur")
    assert bestuur is not None and not bestuur.is_staff and not bestuur.is_superuser
    assert not bestuur.user_permissions.exists()
    lidmaatschap = Lidmaatschap.objects.get(user=bestuur, rol="bestuur")
    eigen = Locatie.objects.filter(beheerder=lidmaatschap.organisatie).first()
    ander = Locatie.objects.exclude(beheerder=lidmaatschap.organisatie).first()
    assert bestuur.has_perm("locaties.change_locatie", eigen)
    assert not bestuur.has_perm("locaties.change_locatie", ander)
    assert bestuur.has_perm("activiteiten.add_activiteit", lidmaatschap.organisatie)
    assert not bestuur.has_perm("locaties.change_locatie")  # nothing without an object

    ambtenaar = authenticate(username="gemeente@demo.invalid", password="demo-gemeente")
    assert ambtenaar is not None and not ambtenaar.is_staff and not ambtenaar.user_permissions.exists()
    gemeente = Gemeentemedewerker.objects.get(user=ambtenaar).gemeente
    assert gemeente.code == "GM0935"
    assert ambtenaar.has_perm("locaties.view_gemeente", gemeente)
    assert ambtenaar.has_perm("locaties.view_locatie", eigen)
    assert not ambtenaar.has_perm("locaties.change_locatie", eigen)
    # No personal data of volunteers, registrants or renters for the official.
    assert not any(ambtenaar.has_perm("vrijwilligers.view_vrijwilliger", v) for v in Vrijwilliger.objects.all())
    assert not any(ambtenaar.has_perm("locaties.view_reservering", r) for r in Reservering.objects.all()[:20])


def test_demo_board_token_gets_nothing_of_another_organisation(db_access):
    """The demo board member's token answers 403 or 404 on every
    other organisation's place, activity and reservation, and lists only their own
    organisation's reservations."""
    bestuur = get_user_model().objects.get(username="bestuur@demo.invalid")
    organisatie = Lidmaatschap.objects.get(user=bestuur).organisatie
    client: APIClient = client_for(bestuur)
    andere_plekken = Locatie.objects.exclude(beheerder=organisatie)
    andere_activiteiten = Activiteit.objects.exclude(organisator=organisatie)
    andere_reserveringen = Reservering.objects.exclude(ruimte__locatie__beheerder=organisatie)
    assert andere_plekken.exists() and andere_activiteiten.exists() and andere_reserveringen.exists()
    refused = {403, 404}
    for locatie in andere_plekken:
        assert client.patch(f"/api/v1/locaties/{locatie.slug}", {"beschrijving": "x"}, format="json").status_code in refused
        assert client.post(f"/api/v1/locaties/{locatie.slug}/sluitingen",
                           {"van": "2030-07-01", "tot": "2030-07-02", "reden": "x"}, format="json").status_code in refused
    for activiteit in andere_activiteiten:
        assert client.patch(f"/api/v1/activiteiten/{activiteit.slug}", {"titel": "x"}, format="json").status_code in refused
    for reservering in andere_reserveringen.filter(status="aangevraagd")[:10]:
        assert client.post(f"/api/v1/reserveringen/{reservering.pk}/bevestigen").status_code == 404
    eigen = Reservering.objects.filter(ruimte__locatie__beheerder=organisatie).count()
    assert client.get("/api/v1/reserveringen").json()["totaal"] == eigen
