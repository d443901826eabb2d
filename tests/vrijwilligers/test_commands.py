"""The volunteer's privacy rights from the command line: export and erasure."""

import json

import pytest
from django.core.management import CommandError, call_command

from vrijwilligers.models import Vrijwilliger

from .factories import VrijwilligerFactory

pytestmark = pytest.mark.django_db


def test_export_by_e_mail_prints_everything_kept_as_json(capsys):
    vrijwilliger = VrijwilligerFactory(naam="Jan Janssen", email="jan@example.nl")
    call_command("vrijwilliger_export", "JAN@example.nl")
    data = json.loads(capsys.readouterr().out)
    assert data["naam"] == "Jan Janssen" and data["email"] == "jan@example.nl"
    assert data == json.loads(json.dumps(data))
    call_command("vrijwilliger_export", str(vrijwilliger.pk))
    assert json.loads(capsys.readouterr().out)["naam"] == "Jan Janssen"


def test_export_to_a_file(tmp_path):
    VrijwilligerFactory(naam="Jan Janssen", email="jan@example.nl")
    call_command("vrijwilliger_export", "jan@example.nl", "--output", str(tmp_path / "jan.json"))
    assert json.loads((tmp_path / "jan.json").read_text(encoding="utf-8"))["email"] == "jan@example.nl"


def test_an_unknown_or_shared_reference_names_what_to_give():
    with pytest.raises(CommandError, match="No volunteer"):
        call_command("vrijwilliger_export", "niemand@example.nl")
    a, b = VrijwilligerFactory(email="gezin@example.nl"), VrijwilligerFactory(email="gezin@example.nl")
    with pytest.raises(CommandError, match=f"{a.pk}, {b.pk}"):
        call_command("vrijwilliger_erase", "gezin@example.nl", "--no-input")


def test_erase_asks_first_and_erases_on_yes(monkeypatch, capsys):
    vrijwilliger = VrijwilligerFactory(naam="Jan Janssen", email="jan@example.nl")
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="Nothing erased"):
        call_command("vrijwilliger_erase", "jan@example.nl")
    assert Vrijwilliger.objects.get(pk=vrijwilliger.pk).gewist_op is None
    monkeypatch.setattr("builtins.input", lambda prompt: "ja")
    call_command("vrijwilliger_erase", "jan@example.nl")
    vrijwilliger.refresh_from_db()
    assert vrijwilliger.gewist_op is not None and vrijwilliger.email == ""
    assert f"Volunteer {vrijwilliger.pk} erased" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already erased"):
        call_command("vrijwilliger_erase", str(vrijwilliger.pk), "--no-input")
