"""copies_erase takes a person out of the admin's history and the task queue."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django_tasks_db.models import DBTaskResult

from core.privacy import ERASED, copies_erase
from locaties.models import Organisatie
from tests.locaties.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


def _log(user, obj, repr_, message=""):
    return LogEntry.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
        object_repr=repr_, action_flag=CHANGE, change_message=message,
    )


def _task(status, args, traceback=""):
    return DBTaskResult.objects.create(
        status=status, args_kwargs={"args": args, "kwargs": {}}, task_path="x.y", queue_name="default",
        backend_name="default", exception_class_path="", traceback=traceback,
    )


def test_the_admin_history_loses_the_values_and_the_erased_objects_their_names():
    staff = UserFactory(is_staff=True)
    erased, other = OrganisatieFactory(), OrganisatieFactory()
    own = _log(staff, erased, "Jan Janssen")  # the row's name as it was
    mention = _log(staff, other, "Buurtkamer", "Contact: JAN@example.nl en 0612345678")
    unrelated = _log(staff, other, "Buurtkamer", "Opening hours changed")
    result = copies_erase(values=["jan@example.nl", "0612345678", "Jo", ""], objects={Organisatie: [erased.pk]})
    for entry in (own, mention, unrelated):
        entry.refresh_from_db()
    assert own.object_repr == ERASED
    assert mention.change_message == f"Contact: {ERASED} en {ERASED}"
    assert mention.object_repr == "Buurtkamer"
    assert unrelated.change_message == "Opening hours changed"
    assert result.log_entries == 2


def test_tasks_carrying_the_values_are_deleted_but_a_running_one_is_scrubbed():
    _task("READY", ["jan@example.nl", "Hallo Jan Janssen"])
    _task("FAILED", [1], traceback="SMTPRecipientsRefused: {'jan@example.nl': (550, ...)}")
    running = _task("RUNNING", [{"to": ["jan@example.nl"], "body": "Beste Jan Janssen,"}])
    other = _task("READY", ["piet@example.nl"])
    result = copies_erase(values=["Jan Janssen", "jan@example.nl"])
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {running.pk, other.pk}
    running.refresh_from_db()
    assert running.args_kwargs["args"] == [{"to": [ERASED], "body": f"Beste {ERASED},"}]
    assert (result.tasks_deleted, result.tasks_scrubbed) == (2, 1)


def test_like_wildcards_in_a_value_match_only_themselves():
    staff, organisatie = UserFactory(is_staff=True), OrganisatieFactory()
    entry = _log(staff, organisatie, "Buurtkamer", "a_b%c and axbyc")
    copies_erase(values=["a_b%c"])
    entry.refresh_from_db()
    assert entry.change_message == f"{ERASED} and axbyc"
