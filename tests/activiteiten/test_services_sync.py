"""Materialising occurrences: identity, overrides, registrations and rooms."""

from datetime import timedelta

import holidays
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from activiteiten.constants import AanmeldingStatus, ActiviteitStatus, Regio
from activiteiten.models import Activiteit, Bijeenkomst, Schoolvakantie
from activiteiten.services import (
    aanmelding_create,
    activiteit_update,
    bijeenkomst_annuleer,
    bijeenkomst_registreer_aanwezigen,
    bijeenkomst_verplaats,
    bijeenkomsten_sync,
)
from activiteiten.services import bijeenkomst as services
from core.timezones import AMSTERDAM
from locaties.constants import ReserveringSoort, ReserveringStatus
from locaties.models import Reservering

from .factories import (
    LocatieFactory,
    ReserveringFactory,
    RuimteFactory,
    SchoolvakantieFactory,
    make_activiteit,
    make_activiteit_met_aanmelding,
    next_weekday_at,
)

pytestmark = [pytest.mark.django_db, pytest.mark.awkward_moments]


def local_dates(activiteit):
    return [
        timezone.localtime(b.start, AMSTERDAM).date()
        for b in Bijeenkomst.objects.filter(activiteit=activiteit).order_by("start")
    ]


def test_create_materialises_a_year_ahead(settings):
    settings.BIJEENKOMST_HORIZON_DAYS = 365
    activiteit = make_activiteit()
    bijeenkomsten = list(activiteit.bijeenkomsten.order_by("start"))
    assert 51 <= len(bijeenkomsten) <= 53
    assert all(timezone.localtime(b.start, AMSTERDAM).hour == 14 for b in bijeenkomsten)
    assert all(b.eind - b.start == timedelta(hours=2) for b in bijeenkomsten)
    assert all(b.origineel_start == b.start for b in bijeenkomsten)
    assert bijeenkomsten[-1].start < timezone.now() + timedelta(days=365)


def test_draft_has_no_occurrences_and_slug_is_unique():
    eerste = make_activiteit(status=ActiviteitStatus.CONCEPT)
    tweede = make_activiteit(status=ActiviteitStatus.CONCEPT)
    assert eerste.bijeenkomsten.count() == 0
    assert (eerste.slug, tweede.slug) == ("taalcafe", "taalcafe-2")


def test_garbage_rule_is_refused_and_nothing_saved():
    with pytest.raises(ValidationError) as caught:
        make_activiteit(rrule="FREQ=HOURLY")
    assert "rrule" in caught.value.message_dict
    assert Activiteit.objects.count() == 0


def test_school_holidays_of_the_chosen_region_only_are_skipped():
    # Only the test's own holiday: the real table would make the expected dates depend on today.
    Schoolvakantie.objects.all().delete()
    start = next_weekday_at(1, 14)
    vakantie_dag = timezone.localtime(start, AMSTERDAM).date() + timedelta(weeks=2)
    SchoolvakantieFactory(regio=Regio.ZUID, van=vakantie_dag - timedelta(days=3), tot=vakantie_dag + timedelta(days=5))
    zuid = make_activiteit(start=start, skip_schoolvakantie=Regio.ZUID, einddatum=vakantie_dag + timedelta(weeks=2))
    noord = make_activiteit(start=start, skip_schoolvakantie=Regio.NOORD, einddatum=vakantie_dag + timedelta(weeks=2))
    assert vakantie_dag not in local_dates(zuid)
    assert len(local_dates(zuid)) == 4
    assert vakantie_dag in local_dates(noord)
    assert len(local_dates(noord)) == 5


def test_public_holidays_skipped_when_asked():
    # Every day for a year always meets a public holiday (Koningsdag, Kerst, ...).
    met = make_activiteit(rrule="FREQ=DAILY")
    zonder = make_activiteit(rrule="FREQ=DAILY", skip_feestdagen=True)

    feestdagen = {
        d for d in local_dates(met) if d in holidays.country_holidays("NL", years=d.year)
    }
    assert feestdagen
    assert feestdagen.isdisjoint(local_dates(zonder))
    assert len(local_dates(zonder)) == len(local_dates(met)) - len(feestdagen)


def test_rule_change_keeps_identity_overrides_and_registrations(django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding(capaciteit=10)
    dinsdagen = list(activiteit.bijeenkomsten.order_by("start")[:4])
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = aanmelding_create(bijeenkomst=dinsdagen[1], naam="Fatma", email="fatma@example.nl")
    Bijeenkomst.objects.filter(pk=dinsdagen[2].pk).update(notitie="Met gastspreker")
    bijeenkomst_annuleer(bijeenkomst=dinsdagen[3])
    pks_before = {b.origineel_start: b.pk for b in activiteit.bijeenkomsten.all()}

    result = activiteit_update(activiteit=activiteit, rrule="FREQ=WEEKLY;BYDAY=TU,TH")

    assert result.created >= 50 and result.deleted == 0 and result.cancelled == []
    after = {b.origineel_start: b for b in activiteit.bijeenkomsten.all()}
    for origineel, pk in pks_before.items():
        assert after[origineel].pk == pk
    assert after[dinsdagen[2].origineel_start].notitie == "Met gastspreker"
    assert after[dinsdagen[3].origineel_start].geannuleerd is True
    aanmelding.refresh_from_db()
    assert aanmelding.bijeenkomst_id == dinsdagen[1].pk
    assert aanmelding.status == AanmeldingStatus.BEVESTIGD


def test_removed_occurrences_are_deleted_or_cancelled_with_registrants_listed(
    django_capture_on_commit_callbacks,
):
    activiteit = make_activiteit_met_aanmelding(capaciteit=10)
    dinsdagen = list(activiteit.bijeenkomsten.order_by("start")[:3])
    with django_capture_on_commit_callbacks(execute=True):
        fatma = aanmelding_create(bijeenkomst=dinsdagen[0], naam="Fatma", email="fatma@example.nl")
        henk = aanmelding_create(bijeenkomst=dinsdagen[2], naam="Henk", telefoon="0612345678")
    mail.outbox.clear()
    tuesdays = activiteit.bijeenkomsten.count()

    with django_capture_on_commit_callbacks(execute=True):
        result = activiteit_update(activiteit=activiteit, rrule="FREQ=WEEKLY;BYDAY=TH")

    assert result.deleted == tuesdays - 2
    assert {b.pk for b in result.cancelled} == {dinsdagen[0].pk, dinsdagen[2].pk}
    assert {a.pk for a in result.registrations_to_notify} == {fatma.pk, henk.pk}
    gebleven = Bijeenkomst.objects.filter(activiteit=activiteit, start__week_day=3)  # Tuesday (Sunday is 1)
    assert set(gebleven.values_list("pk", "geannuleerd")) == {(dinsdagen[0].pk, True), (dinsdagen[2].pk, True)}
    # Only Fatma left an e-mail address; Henk is in the list to be called.
    assert [m.to for m in mail.outbox] == [["fatma@example.nl"]]
    assert "Taalcafé" in mail.outbox[0].subject


def test_duration_change_moves_the_end_of_unmoved_occurrences_only():
    activiteit = make_activiteit()
    eerste, tweede = activiteit.bijeenkomsten.order_by("start")[:2]
    nieuwe_start = tweede.start + timedelta(hours=1)
    bijeenkomst_verplaats(bijeenkomst=tweede, start=nieuwe_start, eind=nieuwe_start + timedelta(hours=1))

    activiteit_update(activiteit=activiteit, duur=timedelta(hours=3))

    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.eind - eerste.start == timedelta(hours=3)
    assert (tweede.start, tweede.eind - tweede.start, tweede.verplaatst) == (
        nieuwe_start, timedelta(hours=1), True,
    )


def test_stopping_cancels_or_removes_future_occurrences_and_leaves_the_past():
    activiteit = make_activiteit_met_aanmelding()
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    aanmelding_create(bijeenkomst=eerste, naam="Ans", email="ans@example.nl")
    verleden = Bijeenkomst.objects.create(
        activiteit=activiteit,
        origineel_start=timezone.now() - timedelta(days=7),
        start=timezone.now() - timedelta(days=7),
        eind=timezone.now() - timedelta(days=7) + timedelta(hours=2),
    )

    result = activiteit_update(activiteit=activiteit, status=ActiviteitStatus.GESTOPT)

    assert [b.pk for b in result.cancelled] == [eerste.pk]
    assert set(activiteit.bijeenkomsten.values_list("pk", flat=True)) == {eerste.pk, verleden.pk}
    verleden.refresh_from_db()
    assert verleden.geannuleerd is False


def test_sync_is_idempotent_and_extends_the_horizon(settings):
    settings.BIJEENKOMST_HORIZON_DAYS = 60
    activiteit = make_activiteit()
    count = activiteit.bijeenkomsten.count()
    assert bijeenkomsten_sync(activiteit=activiteit).created == 0
    settings.BIJEENKOMST_HORIZON_DAYS = 120
    assert bijeenkomsten_sync(activiteit=activiteit).created > 0
    assert activiteit.bijeenkomsten.count() > count
    # A shorter window does not remove what was materialised further ahead.
    total = activiteit.bijeenkomsten.count()
    bijeenkomsten_sync(activiteit=activiteit, tot=timezone.now() + timedelta(days=14))
    assert activiteit.bijeenkomsten.count() == total


def test_occurrences_in_a_room_hold_confirmed_reservations():
    ruimte = RuimteFactory(wisseltijd_minuten=30)
    activiteit = make_activiteit(locatie=ruimte.locatie, ruimte=ruimte, einddatum=timezone.localdate() + timedelta(weeks=6))
    bijeenkomsten = list(activiteit.bijeenkomsten.select_related("reservering"))
    assert bijeenkomsten
    for b in bijeenkomsten:
        r = b.reservering
        assert (r.ruimte_id, r.soort, r.status) == (ruimte.pk, ReserveringSoort.BIJEENKOMST, ReserveringStatus.BEVESTIGD)
        assert (r.periode.lower, r.periode.upper) == (b.start, b.eind)
        assert r.bezet.upper == b.eind + timedelta(minutes=30)


def test_room_clash_is_refused_naming_the_date_and_nothing_is_saved():
    ruimte = RuimteFactory()
    derde_dinsdag = next_weekday_at(1, 14, weeks_ahead=3)
    verhuur = ReserveringFactory(
        ruimte=ruimte, status=ReserveringStatus.BEVESTIGD,
        start=derde_dinsdag + timedelta(minutes=30), eind=derde_dinsdag + timedelta(minutes=90),
    )
    with pytest.raises(ValidationError) as caught:
        make_activiteit(locatie=ruimte.locatie, ruimte=ruimte)
    message = " ".join(caught.value.messages)
    assert f"{date_format(timezone.localtime(derde_dinsdag, AMSTERDAM), 'j F Y')} 14:30–15:30" in message
    assert Activiteit.objects.count() == 0
    assert Bijeenkomst.objects.count() == 0
    assert list(Reservering.objects.values_list("pk", flat=True)) == [verhuur.pk]


def test_room_clash_on_update_keeps_the_old_schedule():
    ruimte = RuimteFactory()
    activiteit = make_activiteit(locatie=ruimte.locatie, ruimte=ruimte)
    before = set(Reservering.objects.values_list("pk", "periode"))
    donderdag = next_weekday_at(3, 14, weeks_ahead=2)
    ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD, start=donderdag, eind=donderdag + timedelta(hours=1))
    with pytest.raises(ValidationError, match="already booked"):
        activiteit_update(activiteit=activiteit, rrule="FREQ=WEEKLY;BYDAY=TH")
    activiteit.refresh_from_db()
    assert activiteit.rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert before <= set(Reservering.objects.values_list("pk", "periode"))


def test_reservations_follow_moves_cancellations_and_deletions():
    locatie = LocatieFactory()
    zaal, keuken = RuimteFactory(locatie=locatie), RuimteFactory(locatie=locatie)
    activiteit = make_activiteit(locatie=locatie, ruimte=zaal)
    eerste, tweede, derde = activiteit.bijeenkomsten.order_by("start")[:3]

    nieuw = eerste.start + timedelta(days=1)
    bijeenkomst_verplaats(bijeenkomst=eerste, start=nieuw, eind=nieuw + timedelta(hours=2), ruimte=keuken)
    eerste.refresh_from_db()
    assert (eerste.reservering.ruimte_id, eerste.reservering.periode.lower) == (keuken.pk, nieuw)
    assert eerste.ruimte_afwijkend

    bijeenkomst_annuleer(bijeenkomst=tweede)
    tweede.refresh_from_db()
    assert tweede.reservering.status == ReserveringStatus.GEANNULEERD

    # Without a room any more: the unmoved occurrences release theirs, the moved one keeps the kitchen.
    activiteit_update(activiteit=activiteit, ruimte=None)
    derde.refresh_from_db()
    assert derde.reservering is None and derde.ruimte is None
    eerste.refresh_from_db()
    assert eerste.reservering.status == ReserveringStatus.BEVESTIGD
    assert not Reservering.objects.filter(ruimte=zaal, status=ReserveringStatus.BEVESTIGD).exists()


def test_move_into_a_rented_slot_is_refused():
    ruimte = RuimteFactory()
    activiteit = make_activiteit(locatie=ruimte.locatie, ruimte=ruimte)
    eerste = activiteit.bijeenkomsten.order_by("start").first()
    doel = eerste.start + timedelta(days=2)
    ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD, start=doel, eind=doel + timedelta(hours=3))
    with pytest.raises(ValidationError, match="already booked"):
        bijeenkomst_verplaats(bijeenkomst=eerste, start=doel, eind=doel + timedelta(hours=2))
    eerste.refresh_from_db()
    assert eerste.verplaatst is False and eerste.start == eerste.origineel_start


def test_exclusion_constraint_backstop_becomes_the_same_validation_error(monkeypatch):
    ruimte = RuimteFactory()
    dinsdag = next_weekday_at(1, 14, weeks_ahead=2)
    ReserveringFactory(ruimte=ruimte, status=ReserveringStatus.BEVESTIGD, start=dinsdag, eind=dinsdag + timedelta(hours=1))
    # Simulate the race: the check sees nothing, the constraint still refuses.
    real = services._find_clashes
    calls = []

    def blind_first(*args, **kwargs):
        calls.append(1)
        return [] if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(services, "_find_clashes", blind_first)
    with pytest.raises(ValidationError, match="already booked"):
        make_activiteit(locatie=ruimte.locatie, ruimte=ruimte)
    assert Activiteit.objects.count() == 0


def test_attendance_only_after_the_start():
    activiteit = make_activiteit()
    toekomst = activiteit.bijeenkomsten.order_by("start").first()
    with pytest.raises(ValidationError):
        bijeenkomst_registreer_aanwezigen(bijeenkomst=toekomst, aanwezigen=12)
    Bijeenkomst.objects.filter(pk=toekomst.pk).update(
        start=timezone.now() - timedelta(hours=1), eind=timezone.now() + timedelta(hours=1)
    )
    assert bijeenkomst_registreer_aanwezigen(bijeenkomst=toekomst, aanwezigen=12).aanwezigen == 12
    with pytest.raises(ValidationError):
        bijeenkomst_registreer_aanwezigen(bijeenkomst=toekomst, aanwezigen=-1)


def test_extend_horizon_command_syncs_published_activities(settings, capsys):
    settings.BIJEENKOMST_HORIZON_DAYS = 30
    gepubliceerd = make_activiteit()
    concept = make_activiteit(status=ActiviteitStatus.CONCEPT)
    settings.BIJEENKOMST_HORIZON_DAYS = 90
    call_command("extend_horizon")
    out = capsys.readouterr().out
    assert "[1/1]" in out and "1 activities synced" in out
    assert gepubliceerd.bijeenkomsten.filter(start__gt=timezone.now() + timedelta(days=60)).exists()
    assert concept.bijeenkomsten.count() == 0
