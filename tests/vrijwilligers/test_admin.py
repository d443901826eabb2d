"""The admin's actions for a volunteer's rights: export (a JSON file) and erasure (after
a confirmation, logged without the name)."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from tests.locaties.factories import UserFactory
from vrijwilligers.models import Vrijwilliger

from .factories import VrijwilligerFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:vrijwilligers_vrijwilliger_changelist")


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    # The admin speaks the browser's language; these tests read its English.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_export_action_downloads_the_chosen_volunteers_as_json(staff_client):
    jan, piet = VrijwilligerFactory(naam="Jan Janssen"), VrijwilligerFactory(naam="Piet Peters")
    VrijwilligerFactory(naam="Not chosen")
    response = staff_client.post(CHANGELIST, {"action": "export_personal_data", "_selected_action": [jan.pk, piet.pk]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert [(v["id"], v["naam"]) for v in json.loads(response.content)] == [(jan.pk, "Jan Janssen"), (piet.pk, "Piet Peters")]


def test_erase_action_confirms_first_then_erases_and_logs_without_the_name(staff_client):
    jan = VrijwilligerFactory(naam="Jan Janssen", email="jan@example.nl")
    confirm = staff_client.post(CHANGELIST, {"action": "erase_personal_data", "_selected_action": [jan.pk]})
    assert confirm.status_code == 200 and b"Jan Janssen" in confirm.content and b"cannot be undone" in confirm.content
    assert Vrijwilliger.objects.get(pk=jan.pk).gewist_op is None

    done = staff_client.post(CHANGELIST, {"action": "erase_personal_data", "_selected_action": [jan.pk], "post": "yes"})
    assert done.status_code == 302
    jan.refresh_from_db()
    assert jan.gewist_op is not None and (jan.naam, jan.email) == ("[gewist]", "")
    entry = LogEntry.objects.get(object_id=str(jan.pk))
    assert entry.object_repr == "[gewist]" and "Jan" not in entry.change_message
    assert "1 volunteer erased." in staff_client.get(CHANGELIST).content.decode()
