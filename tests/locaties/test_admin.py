"""The admin works for staff: every changelist loads with a constant number of queries,
a place's buurt follows its point, and actions go through the services."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from activiteiten.models import Aanmelding, Activiteit, Bijeenkomst, Schoolvakantie, Wens
from locaties import events, services
from locaties.constants import ReserveringStatus
from locaties.models import Locatie, Reservering
from vrijwilligers.services import losse_inzet_create

from ..vrijwilligers.factories import DienstFactory, InzetFactory, VacatureFactory, VrijwilligerFactory
from .factories import (
    BevolkingspuntFactory,
    BuurtFactory,
    GemeentemedewerkerFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
    SluitingFactory,
    TariefFactory,
    UitnodigingFactory,
    UserFactory,
    _next_monday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def activiteit(**extra):
    locatie = extra.pop("locatie", None) or LocatieFactory()
    n = Activiteit.objects.count()
    return Activiteit.objects.create(
        titel=f"Taalcafé {n}", slug=f"taalcafe-{n}-{locatie.pk}", soort="activiteit", locatie=locatie,
        organisator=locatie.beheerder, start=_next_monday_at(10), duur=timedelta(hours=2),
        rrule="FREQ=WEEKLY", **extra,
    )


def bijeenkomst():
    act = activiteit()
    return Bijeenkomst.objects.create(
        activiteit=act, origineel_start=act.start, start=act.start, eind=act.start + act.duur,
        ruimte=RuimteFactory(locatie=act.locatie),
    )


def aanmelding():
    return Aanmelding.objects.create(bijeenkomst=bijeenkomst(), naam="Els", email="els@example.nl", status="bevestigd")


def wens():
    return Wens.objects.create(buurt=BuurtFactory(), tekst="Een repair café in de buurt")


def schoolvakantie():
    n = Schoolvakantie.objects.count()
    return Schoolvakantie.objects.create(
        regio="zuid", naam=f"Vakantie {n}", schooljaar="2026-2027",
        van=_next_monday_at(9).date(), tot=_next_monday_at(9).date() + timedelta(days=9),
    )


def locatiefoto():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(buffer, format="JPEG")
    return services.locatiefoto_create(
        locatie=LocatieFactory(), bestand=SimpleUploadedFile("f.jpg", buffer.getvalue()), alt_tekst="De tuin"
    )


def vrijwilliger():
    organisatie = OrganisatieFactory()
    return VrijwilligerFactory(organisaties=[organisatie], buurt=BuurtFactory())


BUILDERS = {
    "locaties_gemeente": lambda: BuurtFactory().gemeente,
    "locaties_wijk": lambda: BuurtFactory().wijk,
    "locaties_buurt": BuurtFactory,
    "locaties_bevolkingspunt": BevolkingspuntFactory,
    "locaties_organisatie": lambda: OrganisatieFactory(gemeente=BuurtFactory().gemeente),
    "locaties_lidmaatschap": LidmaatschapFactory,
    "locaties_gemeentemedewerker": GemeentemedewerkerFactory,
    "locaties_uitnodiging": UitnodigingFactory,
    "locaties_locatie": lambda: LocatieFactory(buurt=BuurtFactory()),
    "locaties_locatiefoto": locatiefoto,
    "locaties_ruimte": RuimteFactory,
    "locaties_tarief": TariefFactory,
    "locaties_openingstijd": OpeningstijdFactory,
    "locaties_sluiting": SluitingFactory,
    "locaties_reservering": ReserveringFactory,
    "activiteiten_activiteit": activiteit,
    "activiteiten_bijeenkomst": bijeenkomst,
    "activiteiten_aanmelding": aanmelding,
    "activiteiten_wens": wens,
    "activiteiten_schoolvakantie": schoolvakantie,
    "vrijwilligers_vrijwilliger": vrijwilliger,
    "vrijwilligers_dienst": DienstFactory,
    "vrijwilligers_inzet": InzetFactory,
    "vrijwilligers_vacature": lambda: VacatureFactory(locatie=LocatieFactory()),
    "vrijwilligers_losseinzet": lambda: losse_inzet_create(
        locatie=LocatieFactory(), taak="bar", datum=timezone.localdate(), uren=Decimal(2), naam="Buurman"),
}


def test_every_model_of_the_three_apps_is_registered():
    models = [m for app in ("locaties", "activiteiten", "vrijwilligers") for m in apps.get_app_config(app).get_models()]
    missing = [m.__name__ for m in models if not admin.site.is_registered(m)]
    assert missing == []
    assert {f"{m._meta.app_label}_{m._meta.model_name}" for m in models} == set(BUILDERS)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_changelist_queries_do_not_grow_with_rows(staff_client, name, django_assert_max_num_queries):
    build = BUILDERS[name]
    build()
    url = reverse(f"admin:{name}_changelist")
    with CaptureQueriesContext(connection) as one_row:
        response = staff_client.get(url)
    assert response.status_code == 200
    # Some tables arrive with rows from data migrations (school holidays).
    before = response.context["cl"].result_count
    assert before >= 1
    for _ in range(19):
        build()
    with django_assert_max_num_queries(len(one_row)):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == before + 19
    # Search and the first filter work too.
    assert staff_client.get(url, {"q": "a"}).status_code == 200


def test_change_pages_load(staff_client):
    ruimte = RuimteFactory()
    TariefFactory(ruimte=ruimte)
    OpeningstijdFactory(locatie=ruimte.locatie)
    act = bijeenkomst().activiteit
    dienst = InzetFactory().dienst
    for url in [
        reverse("admin:locaties_locatie_change", args=[ruimte.locatie.pk]),
        reverse("admin:locaties_ruimte_change", args=[ruimte.pk]),
        reverse("admin:activiteiten_activiteit_change", args=[act.pk]),
        reverse("admin:vrijwilligers_dienst_change", args=[dienst.pk]),
        reverse("admin:locaties_locatie_add"),
        reverse("admin:locaties_reservering_add"),
    ]:
        assert staff_client.get(url).status_code == 200, url


def inline_management(prefix):
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_saving_a_place_in_the_admin_derives_its_buurt_and_announces_both_gemeenten(
    staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    here, there = BuurtFactory(), BuurtFactory()
    beheerder = OrganisatieFactory()

    def post(url, buurt):
        data = {
            "naam": "Aw Sjaol", "slug": "aw-sjaol", "soort": "gemeenschapshuis", "beheerder": beheerder.pk,
            "straat": "Kerkstraat", "huisnummer": "1", "postcode": "6223 AA", "plaats": "Itteren",
            "lat": (buurt.bbox_min_lat + buurt.bbox_max_lat) / 2,
            "lon": (buurt.bbox_min_lon + buurt.bbox_max_lon) / 2,
            "toegankelijkheid": "", "faciliteiten": "",
        }
        for prefix in ("ruimten", "openingstijden", "sluitingen", "fotos"):
            data.update(inline_management(prefix))
        response = staff_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
        return Locatie.objects.get(slug="aw-sjaol")

    announced = []  # gemeenten whose coverage is recomputed after the commit
    monkeypatch.setattr(events, "notify", announced.append)
    with django_capture_on_commit_callbacks(execute=True):
        locatie = post(reverse("admin:locaties_locatie_add"), here)
    assert locatie.buurt == here
    assert announced == [here.gemeente_id]
    announced.clear()
    with django_capture_on_commit_callbacks(execute=True):
        locatie = post(reverse("admin:locaties_locatie_change", args=[locatie.pk]), there)
    assert locatie.buurt == there
    assert here.gemeente_id != there.gemeente_id
    assert sorted(announced) == sorted([here.gemeente_id, there.gemeente_id])


def test_deleting_places_in_the_admin_announces_their_gemeenten(
    staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    here, there = LocatieFactory(buurt=BuurtFactory()), LocatieFactory(buurt=BuurtFactory())
    announced = []
    monkeypatch.setattr(events, "notify", announced.append)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:locaties_locatie_changelist"),
            {"action": "delete_selected", "_selected_action": [here.pk, there.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Locatie.objects.filter(pk__in=[here.pk, there.pk]).exists()
    assert sorted(announced) == sorted([here.buurt.gemeente_id, there.buurt.gemeente_id])


def test_opening_hours_in_the_admin_are_checked_like_the_service(staff_client):
    locatie = LocatieFactory()
    url = reverse("admin:locaties_locatie_change", args=[locatie.pk])

    def post(*hours):
        data = {
            "naam": locatie.naam, "slug": locatie.slug, "soort": locatie.soort, "beheerder": locatie.beheerder_id,
            "straat": locatie.straat, "huisnummer": locatie.huisnummer, "postcode": locatie.postcode,
            "plaats": locatie.plaats, "lat": locatie.lat, "lon": locatie.lon,
            "toegankelijkheid": "", "faciliteiten": "",
        }
        for prefix in ("ruimten", "sluitingen", "fotos"):
            data.update(inline_management(prefix))
        data.update(inline_management("openingstijden"))
        data["openingstijden-TOTAL_FORMS"] = str(len(hours))
        for n, (weekdag, van, tot) in enumerate(hours):
            data.update({f"openingstijden-{n}-weekdag": weekdag, f"openingstijden-{n}-van": van,
                         f"openingstijden-{n}-tot": tot, f"openingstijden-{n}-locatie": locatie.pk})
        return staff_client.post(url, data)

    assert post((4, "09:00", "17:00"), (4, "10:00", "12:00")).status_code == 200  # overlap: the form again
    assert post((4, "14:00", "09:00")).status_code == 200  # probably swapped
    assert locatie.openingstijden.count() == 0
    assert post((4, "09:00", "12:00"), (4, "20:00", "01:00")).status_code == 302
    assert locatie.openingstijden.count() == 2


def test_confirm_action_reports_a_clash_instead_of_crashing(staff_client):
    ruimte = RuimteFactory()
    start = _next_monday_at(19)
    first = ReserveringFactory(ruimte=ruimte, start=start, eind=start + timedelta(hours=2), huurder_naam="Harmonie")
    # Starts later, so the action (in period order) meets it second.
    second = ReserveringFactory(ruimte=ruimte, start=start + timedelta(minutes=30), eind=start + timedelta(hours=1))
    response = staff_client.post(
        reverse("admin:locaties_reservering_changelist"),
        {"action": "bevestig", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert response.status_code == 200
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Harmonie" in t for t in texts), texts
    assert Reservering.objects.get(status=ReserveringStatus.BEVESTIGD) == first


def test_wish_approve_and_status_actions(staff_client):
    wishes = [wens(), wens()]
    url = reverse("admin:activiteiten_wens_changelist")
    staff_client.post(url, {"action": "keur_goed", "_selected_action": [w.pk for w in wishes]})
    staff_client.post(url, {"action": "zet_status_opgepakt", "_selected_action": [wishes[0].pk]})
    assert list(Wens.objects.order_by("pk").values_list("goedgekeurd", "status")) == [
        (True, "opgepakt"), (True, "nieuw"),
    ]


def test_saving_an_activity_in_the_admin_materialises_its_occurrences(staff_client):
    act = activiteit(status="gepubliceerd")
    assert not act.bijeenkomsten.exists()
    url = reverse("admin:activiteiten_activiteit_change", args=[act.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({
        "start_0": act.start.astimezone().strftime("%Y-%m-%d"), "start_1": "10:00:00",
        "duur": "02:00:00", "categorieen": "", "doelgroepen": "", "talen": "",
        "bijeenkomsten-TOTAL_FORMS": "0", "bijeenkomsten-INITIAL_FORMS": "0",
        "bijeenkomsten-MIN_NUM_FORMS": "0", "bijeenkomsten-MAX_NUM_FORMS": "1000",
    })
    data.pop("start", None)
    data.pop("afbeelding", None)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert act.bijeenkomsten.count() > 10


def _rental_form(ruimte, start, hours=3, **extra):
    local = timezone.localtime(start)
    return {
        "ruimte": ruimte.pk, "periode_0": f"{local:%Y-%m-%d %H:%M}",
        "periode_1": f"{local + timedelta(hours=hours):%Y-%m-%d %H:%M}",
        "huurder_naam": "Koor Vocaal", "huurder_email": "koor@example.nl", "huurder_telefoon": "",
        "huurder_categorie": "maatschappelijk", "opmerking": "", **extra,
    }


def test_a_rental_added_in_the_admin_is_priced_by_the_tariff_not_by_staff(staff_client):
    ruimte = TariefFactory().ruimte  # 15.00 an hour, at least 30.00
    response = staff_client.post(
        reverse("admin:locaties_reservering_add"), _rental_form(ruimte, _next_monday_at(19), prijs="1.00"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reservering = Reservering.objects.get(huurder_naam="Koor Vocaal")
    assert reservering.prijs == Decimal("45.00") and reservering.status == ReserveringStatus.AANGEVRAAGD


def test_a_rental_added_in_the_admin_that_clashes_is_a_form_error_naming_the_clash(staff_client):
    ruimte = TariefFactory().ruimte
    start = _next_monday_at(19)
    ReserveringFactory(ruimte=ruimte, start=start, eind=start + timedelta(hours=2), huurder_naam="Harmonie",
                       status=ReserveringStatus.BEVESTIGD)
    response = staff_client.post(reverse("admin:locaties_reservering_add"), _rental_form(ruimte, start))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Harmonie" in errors and f"{timezone.localtime(start):%H:%M}" in errors
    assert not Reservering.objects.filter(huurder_naam="Koor Vocaal").exists()


def test_a_rental_without_a_tariff_for_its_category_is_a_form_error(staff_client):
    ruimte = TariefFactory().ruimte
    response = staff_client.post(
        reverse("admin:locaties_reservering_add"),
        _rental_form(ruimte, _next_monday_at(19), huurder_categorie="commercieel"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["huurder_categorie"]


def test_deciding_on_the_change_page_goes_through_the_services(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    ruimte = TariefFactory().ruimte
    start = _next_monday_at(19)
    first = ReserveringFactory(ruimte=ruimte, start=start, eind=start + timedelta(hours=2), huurder_naam="Harmonie")
    second = ReserveringFactory(ruimte=ruimte, start=start + timedelta(minutes=30), eind=start + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = staff_client.post(reverse("admin:locaties_reservering_change", args=[first.pk]), {"besluit": "bevestig"})
    assert confirmed.status_code == 302
    first.refresh_from_db()
    assert first.status == ReserveringStatus.BEVESTIGD
    assert [mail.to for mail in mailoutbox] == [[first.huurder_email]]
    clash = staff_client.post(reverse("admin:locaties_reservering_change", args=[second.pk]), {"besluit": "bevestig"})
    assert clash.status_code == 200
    assert "Harmonie" in " ".join(clash.context["adminform"].form.non_field_errors())
    second.refresh_from_db()
    assert second.status == ReserveringStatus.AANGEVRAAGD
    assert staff_client.post(
        reverse("admin:locaties_reservering_change", args=[second.pk]), {"besluit": "afwijs"},
    ).status_code == 302
    second.refresh_from_db()
    assert second.status == ReserveringStatus.AFGEWEZEN
