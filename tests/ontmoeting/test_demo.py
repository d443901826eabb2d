"""load_demo: the real Maastricht data plus the labelled demo set, twice without change;
its past (last year's report of Nazareth has figures) and Nazareth's weekday evenings."""

import subprocess
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from activiteiten.models import Aanmelding, Activiteit, Bijeenkomst, Wens
from core.timezones import AMSTERDAM
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
from ontmoeting.verslag import verslag_for_organisatie, vorig_kalenderjaar
from tests.activiteiten.factories import next_weekday_at
from tests.api.conftest import client_for
from vrijwilligers.models import Dienst, Inzet, Vacature, Vrijwilliger

MODELS = [
    Buurt, Wijk, Bevolkingspunt, Organisatie, Locatie, Ruimte, Tarief, Openingstijd, Activiteit,
    Bijeenkomst, Vrijwilliger, Dienst, Inzet, Vacature, Wens, Lidmaatschap, Gemeentemedewerker,
    Reservering, Aanmelding, get_user_model(),
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


NAZARETH = "Stichting Buurtcentrum Nazareth"


def test_last_years_report_of_nazareth_has_figures_with_some_attendance_missing(db_access):
    """The demo has a past: last calendar year (of whatever day the suite runs on) was
    held, mostly with attendance written down, with volunteer hours, rentals and wishes."""
    van, tot = vorig_kalenderjaar(timezone.localdate())
    totaal = verslag_for_organisatie(organisatie=Organisatie.objects.get(naam=NAZARETH), van=van, tot=tot).totaal
    assert totaal.gehouden > 100 and totaal.geannuleerd > 0
    assert totaal.aanwezigen > 0 and 0 < totaal.zonder_opkomst < totaal.gehouden // 4
    assert totaal.aanmeldingen_bevestigd > 0
    assert totaal.vrijwilligers > 0 and totaal.vrijwilligersuren > 0
    assert totaal.verhuringen > 0 and totaal.opbrengst > 0
    assert {"bewonersinitiatief", "maatschappelijk", "commercieel"} <= set(totaal.verhuur_per_categorie)
    assert totaal.wensen_ontvangen > 0 and totaal.wensen_beantwoord > 0


def test_the_past_holds_rooms_like_live_dates_and_looks_held(db_access):
    now = timezone.now()
    verleden = Bijeenkomst.objects.filter(start__lt=now, activiteit__locatie__slug__startswith="demo-")
    assert verleden.filter(geannuleerd=True).exclude(notitie="").exists()
    assert not verleden.filter(geannuleerd=True, reservering__isnull=False).exists()
    gehouden = verleden.filter(geannuleerd=False, ruimte__isnull=False)
    assert gehouden.exists() and not gehouden.filter(reservering__isnull=True).exists()
    # Registrations were made before their date, not on the day the demo was loaded.
    assert not Aanmelding.objects.filter(bijeenkomst__start__lt=now, aangemaakt__gte=now - timedelta(hours=1)).exists()
    serie = Reservering.objects.filter(soort="verhuur", doel="Koorrepetitie")
    assert serie.count() > 1 and serie.values("serie").distinct().count() == 1
    # Names older than the retention periods are gone, as the nightly erasure leaves them.
    assert not Aanmelding.objects.filter(bijeenkomst__eind__lt=now - timedelta(days=60), contact_gewist_op__isnull=True).exists()
    assert Aanmelding.objects.filter(bijeenkomst__eind__lt=now - timedelta(days=60), naam="").exists()
    assert not Reservering.objects.filter(soort="verhuur", periode__endswith__lt=now - timedelta(days=120),
                                          contact_gewist_op__isnull=True).exists()


def _pdftotext(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_the_demo_board_member_downloads_last_years_report_as_pdf_and_xlsx(db_access, client):
    assert client.login(username="bestuur@demo.invalid", password="demo-bestuur")
    slug = Organisatie.objects.get(naam=NAZARETH).slug
    page = client.get(reverse("beheer:jaarverslag", args=[slug]), HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 200
    assert "opkomst niet ingevuld bij" in page.content.decode().lower()
    pdf = client.get(reverse("beheer:jaarverslag-pdf", args=[slug]), HTTP_ACCEPT_LANGUAGE="nl")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Buurtcentrum Nazareth" in _pdftotext(pdf.content)
    xlsx = client.get(reverse("beheer:jaarverslag-xlsx", args=[slug]), HTTP_ACCEPT_LANGUAGE="nl")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_choir_can_ask_nazareth_for_weekly_tuesday_evenings(db_access, client):
    zaal = Ruimte.objects.get(locatie__slug="demo-buurtcentrum-nazareth", naam="Zaal")
    first = timezone.localtime(next_weekday_at(1, 19, weeks_ahead=1), AMSTERDAM).date()
    response = client.post(reverse("site:huren", args=[zaal.locatie.slug, zaal.pk]), {
        "huurder_naam": "Zangkoor Nazareth", "huurder_email": "koor@example.nl", "huurder_telefoon": "",
        "huurder_categorie": "maatschappelijk", "doel": "Repetitie", "aantal_personen": "30",
        "datum": first.isoformat(), "van": "19:30", "tot": "21:30", "herhaling": "1",
        "herhaal_tot": (first + timedelta(weeks=7)).isoformat(), "opmerking": "", "bekijk": "1",
    }, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('name="overslaan"') == 8
    assert "not open for the whole time" not in html
