"""The admin is for platform staff. A staff member who is no superuser, even with every
model permission, sees and changes only the rows of their own organisation; the
Organisatie autocomplete works for them within that scope; and the admin's save paths
go through the services (mails go out, occurrences follow)."""

import json
from datetime import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone

from activiteiten.constants import AanmeldingStatus, ActiviteitStatus
from activiteiten.models import Bijeenkomst
from activiteiten.services import aanmelding_create
from locaties.constants import Rol
from locaties.models import Locatie
from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.models import LocatieDekking
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding
from tests.locaties.factories import (
    BuurtFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OrganisatieFactory,
    ReserveringFactory,
    RuimteFactory,
    UserFactory,
)
from tests.vrijwilligers.factories import VrijwilligerFactory

pytestmark = pytest.mark.django_db

MODELS = {
    "locaties": ["locatie", "reservering", "organisatie", "ruimte"],
    "activiteiten": ["activiteit", "bijeenkomst", "aanmelding"],
    "vrijwilligers": ["vrijwilliger", "vacature"],
}


@pytest.fixture
def two_sides():
    org_a, org_b = OrganisatieFactory(naam="Stichting Aa"), OrganisatieFactory(naam="Stichting Bee")
    sides = {}
    for key, org in (("a", org_a), ("b", org_b)):
        locatie = LocatieFactory(beheerder=org)
        sides[key] = {
            "org": org, "locatie": locatie,
            "reservering": ReserveringFactory(ruimte=RuimteFactory(locatie=locatie)),
            "activiteit": make_activiteit(locatie=locatie, organisator=org),
            "vrijwilliger": VrijwilligerFactory(organisaties=[org], telefoon="0612345678"),
        }
    return sides


@pytest.fixture
def staff_of_a(client, two_sides):
    """Staff, no superuser, with every model permission of the models above, on the
    board of A."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label__in=MODELS,
        content_type__model__in=[model for models in MODELS.values() for model in models],
    ))
    LidmaatschapFactory(user=user, organisatie=two_sides["a"]["org"], rol=Rol.BESTUUR)
    client.force_login(user)
    return client


def _listed(client, name) -> set[int]:
    response = client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


@pytest.mark.parametrize("name, key", [
    ("locaties_locatie", "locatie"), ("locaties_reservering", "reservering"),
    ("activiteiten_activiteit", "activiteit"), ("vrijwilligers_vrijwilliger", "vrijwilliger"),
    ("locaties_organisatie", "org"),
])
def test_staff_see_only_their_organisations_rows(staff_of_a, two_sides, name, key):
    assert _listed(staff_of_a, name) == {two_sides["a"][key].pk}
    other = reverse(f"admin:{name}_change", args=[two_sides["b"][key].pk])
    # The admin's answer for a row outside the queryset: back to the index, "does not exist".
    assert staff_of_a.get(other).status_code == 302
    assert staff_of_a.get(reverse(f"admin:{name}_change", args=[two_sides["a"][key].pk])).status_code == 200


def test_staff_see_no_bijeenkomst_or_aanmelding_of_another_organisation(staff_of_a, two_sides):
    own = set(two_sides["a"]["activiteit"].bijeenkomsten.values_list("pk", flat=True))
    assert _listed(staff_of_a, "activiteiten_bijeenkomst") <= own
    assert _listed(staff_of_a, "activiteiten_bijeenkomst")


def test_staff_cannot_change_another_organisations_volunteer(staff_of_a, two_sides):
    vrijwilliger = two_sides["b"]["vrijwilliger"]
    url = reverse("admin:vrijwilligers_vrijwilliger_change", args=[vrijwilliger.pk])
    staff_of_a.post(url, {"naam": vrijwilliger.naam, "telefoon": "0699999999"})
    vrijwilliger.refresh_from_db()
    assert vrijwilliger.telefoon == "0612345678"


def test_organisatie_autocomplete_answers_staff_with_their_organisations_only(staff_of_a, two_sides):
    response = staff_of_a.get(reverse("admin:autocomplete"), {
        "app_label": "activiteiten", "model_name": "activiteit", "field_name": "organisator", "term": "Stichting",
    })
    assert response.status_code == 200
    assert [row["text"] for row in json.loads(response.content)["results"]] == ["Stichting Aa"]


def test_autocomplete_still_refuses_staff_without_permission_on_the_asking_model(client, two_sides):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "activiteiten", "model_name": "activiteit", "field_name": "organisator", "term": "",
    })
    assert response.status_code == 403


def test_cancelling_an_occurrence_in_the_admin_mails_its_registrants(admin_client, django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding()
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding_create(bijeenkomst=bijeenkomst, naam="Els", email="els@example.nl")
    mail.outbox.clear()
    url = reverse("admin:activiteiten_bijeenkomst_change", args=[bijeenkomst.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({
        "start_0": bijeenkomst.start.astimezone().strftime("%Y-%m-%d"),
        "start_1": bijeenkomst.start.astimezone().strftime("%H:%M:%S"),
        "eind_0": bijeenkomst.eind.astimezone().strftime("%Y-%m-%d"),
        "eind_1": bijeenkomst.eind.astimezone().strftime("%H:%M:%S"),
        "geannuleerd": "on", "notitie": "De zaal is dicht",
    })
    data.pop("start", None)
    data.pop("eind", None)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).geannuleerd
    assert [message.to for message in mail.outbox] == [["els@example.nl"]]


def test_a_place_of_another_organisation_is_not_saved_by_staff(staff_of_a, two_sides):
    locatie = two_sides["b"]["locatie"]
    staff_of_a.post(reverse("admin:locaties_locatie_change", args=[locatie.pk]), {"naam": "Gekaapt"})
    assert Locatie.objects.get(pk=locatie.pk).naam != "Gekaapt"


def _change_form_data(client, url) -> dict:
    """What the admin's change form would post unchanged: its fields and its inlines'
    management forms (split date/time widgets as the browser sends them)."""
    context = client.get(url).context
    form = context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, FieldFile):
            continue  # no new upload
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
        elif isinstance(value, list):
            data[name] = ",".join(str(part) for part in value) if name == "talen" else value
        elif value is not None:
            data[name] = value
    for formset in context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        for inline_form in formset.formset.forms:  # read-only rows: only their hidden keys
            data.update({inline_form.add_prefix(name): inline_form[name].value() for name in inline_form.fields
                         if inline_form[name].value() is not None})
    return data


def test_cancelling_an_occurrence_in_the_admin_cancels_its_registrations(admin_client, django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding()
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, naam="Els", email="els@example.nl")
    url = reverse("admin:activiteiten_bijeenkomst_change", args=[bijeenkomst.pk])
    data = _change_form_data(admin_client, url)
    data["geannuleerd"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.GEANNULEERD


def test_stopping_an_activity_in_the_admin_goes_through_the_services(admin_client, django_capture_on_commit_callbacks):
    """Its occurrences are cancelled with their registrations, the people told, and the
    coverage recomputed: the place no longer counts."""
    activiteit = make_activiteit_met_aanmelding(locatie=LocatieFactory(buurt=BuurtFactory(), gepubliceerd=True))
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, naam="Els", email="els@example.nl")
        dekking_compute(gemeente=activiteit.locatie.buurt.gemeente)
    assert LocatieDekking.objects.get(locatie=activiteit.locatie).telt_mee is True
    mail.outbox.clear()
    url = reverse("admin:activiteiten_activiteit_change", args=[activiteit.pk])
    data = _change_form_data(admin_client, url)
    data["status"] = ActiviteitStatus.GESTOPT
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.GEANNULEERD
    assert [message.to for message in mail.outbox] == [["els@example.nl"]]
    assert LocatieDekking.objects.get(locatie=activiteit.locatie).telt_mee is False
