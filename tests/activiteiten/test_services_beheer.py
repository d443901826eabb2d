"""The services and reads the workspace added: moving someone up from the waiting list,
cancelling for someone, duplicating an activity, the schedule form's rule (to and back,
in words), the preview of coming dates with the skipped ones."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from activiteiten.constants import AanmeldingStatus, ActiviteitStatus, Regio, Vakantie
from activiteiten.models import Activiteit, Schoolvakantie
from activiteiten.recurrence import (
    Patroon,
    first_occurrence,
    schedule_from_rrule,
    schedule_in_words,
    schedule_rrule,
)
from activiteiten.selectors import schedule_preview
from activiteiten.services import (
    aanmelding_annuleer_door_organisator,
    aanmelding_create,
    aanmelding_doorschuif,
    activiteit_dupliceer,
    bijeenkomst_registreer_presentie,
    bijeenkomsten_registreer_aanwezigen,
    schoolvakantie_delete,
)
from core.timezones import AMSTERDAM
from tests.activiteiten.factories import (
    SchoolvakantieFactory,
    make_activiteit,
    make_activiteit_met_aanmelding,
    next_weekday_at,
    schooljaar_van,
    schoolvakanties_weg,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bijeenkomst():
    return make_activiteit_met_aanmelding(capaciteit=3).bijeenkomsten.order_by("start").first()


def test_moving_up_gives_a_place_freed_by_more_capacity_and_mails(bijeenkomst, django_capture_on_commit_callbacks):
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Anna", telefoon="1", aantal=3)
    bert = aanmelding_create(bijeenkomst=bijeenkomst, naam="Bert", email="bert@example.nl")
    assert bert.status == AanmeldingStatus.WACHTLIJST
    Activiteit.objects.filter(pk=bijeenkomst.activiteit_id).update(capaciteit=4)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert aanmelding_doorschuif(aanmelding=bert).status == AanmeldingStatus.BEVESTIGD
    assert [m.to for m in mail.outbox] == [["bert@example.nl"]]


def test_moving_up_never_confirms_more_than_the_capacity(bijeenkomst):
    aanmelding_create(bijeenkomst=bijeenkomst, naam="Anna", telefoon="1", aantal=3)
    wachtend = aanmelding_create(bijeenkomst=bijeenkomst, naam="Bert", telefoon="2")
    with pytest.raises(ValidationError, match="There are 0 places left and Bert comes with 1"):
        aanmelding_doorschuif(aanmelding=wachtend)
    wachtend.refresh_from_db()
    assert wachtend.status == AanmeldingStatus.WACHTLIJST


def test_moving_up_someone_with_a_place_is_refused(bijeenkomst):
    bevestigd = aanmelding_create(bijeenkomst=bijeenkomst, naam="Anna", telefoon="1")
    with pytest.raises(ValidationError, match="not on the waiting list"):
        aanmelding_doorschuif(aanmelding=bevestigd)


def test_the_organiser_cancels_for_someone_and_the_waiting_list_moves_up(bijeenkomst):
    anna = aanmelding_create(bijeenkomst=bijeenkomst, naam="Anna", telefoon="1", aantal=3)
    bert = aanmelding_create(bijeenkomst=bijeenkomst, naam="Bert", telefoon="2")
    assert aanmelding_annuleer_door_organisator(aanmelding=anna).status == AanmeldingStatus.GEANNULEERD
    bert.refresh_from_db()
    assert bert.status == AanmeldingStatus.BEVESTIGD


def test_duplicating_makes_a_draft_without_dates(bijeenkomst):
    bron = bijeenkomst.activiteit
    kopie = activiteit_dupliceer(activiteit=bron)
    assert kopie.pk != bron.pk and kopie.slug != bron.slug
    assert kopie.status == ActiviteitStatus.CONCEPT and kopie.titel == f"{bron.titel} (copy)"
    assert (kopie.rrule, kopie.duur, kopie.capaciteit, kopie.locatie) == (bron.rrule, bron.duur, bron.capaciteit, bron.locatie)
    assert not kopie.bijeenkomsten.exists() and Activiteit.objects.count() == 2


@pytest.mark.parametrize(("patroon", "weekdagen", "extra", "rule"), [
    (Patroon.EENMALIG, [], {}, ""),
    (Patroon.WEKELIJKS, [1], {}, "FREQ=WEEKLY;BYDAY=TU"),
    (Patroon.WEKELIJKS, [3, 1], {"count": 10}, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"),
    (Patroon.OM_DE_N_WEKEN, [4], {"interval": 3}, "FREQ=WEEKLY;INTERVAL=3;BYDAY=FR"),
    (Patroon.MAANDELIJKS_NDE, [1], {"n": 2}, "FREQ=MONTHLY;BYDAY=2TU"),
    (Patroon.MAANDELIJKS_NDE, [0, 2], {"n": -1}, "FREQ=MONTHLY;BYDAY=-1MO,-1WE"),
])
def test_the_schedule_form_makes_a_rule_and_reads_it_back(patroon, weekdagen, extra, rule):
    assert schedule_rrule(patroon=patroon, weekdagen=weekdagen, **extra) == rule
    back = schedule_from_rrule(rule)
    assert back["patroon"] == patroon and back["weekdagen"] == sorted(weekdagen)
    assert back["count"] == extra.get("count") and back["n"] == extra.get("n")


def test_a_rule_the_form_cannot_show_is_said_so():
    assert schedule_from_rrule("FREQ=YEARLY;BYMONTH=5") is None
    assert "On a schedule of its own" in schedule_in_words(
        start=next_weekday_at(1, 10), duur=timedelta(hours=1), rrule="FREQ=YEARLY;BYMONTH=5")


def test_a_weekly_schedule_without_a_day_is_refused():
    with pytest.raises(ValidationError, match="Choose a day of the week"):
        schedule_rrule(patroon=Patroon.WEKELIJKS, weekdagen=[])


def test_the_schedule_in_words_in_both_languages():
    start = next_weekday_at(1, 10)
    words = {"start": start, "duur": timedelta(hours=2), "rrule": "FREQ=MONTHLY;BYDAY=2TU", "regio_label": "zuid"}
    assert schedule_in_words(**words).startswith(
        "Every 2nd Tuesday of the month, 10:00–12:00, from ") and words["regio_label"] in schedule_in_words(**words)
    with translation.override("nl"):
        assert schedule_in_words(**words).startswith("Elke 2e dinsdag van de maand, 10:00–12:00, vanaf ")
        assert schedule_in_words(**words).endswith("niet in de schoolvakanties (regio zuid)")
        assert schedule_in_words(**{**words, "rrule": "FREQ=WEEKLY;BYDAY=TU,TH"}).startswith("Elke dinsdag en donderdag")


def test_the_first_occurrence_is_the_first_day_the_rule_gives():
    monday = next_weekday_at(0, 10)
    first = first_occurrence(start=monday, rrule="FREQ=WEEKLY;BYDAY=WE")
    assert timezone.localtime(first, AMSTERDAM).strftime("%a %H:%M") == "Wed 10:00"
    assert first - monday == timedelta(days=2)


def test_the_preview_shows_skipped_dates_and_why():
    start = next_weekday_at(1, 10)
    first_day = timezone.localtime(start, AMSTERDAM).date()
    schoolvakanties_weg(van=first_day - timedelta(days=40), tot=first_day + timedelta(days=120))
    vakantie = first_day + timedelta(weeks=2)
    for bestaand in Schoolvakantie.objects.filter(schooljaar=schooljaar_van(vakantie - timedelta(days=1)),
                                                  naam=Vakantie.HERFST):
        schoolvakantie_delete(schoolvakantie=bestaand)
    SchoolvakantieFactory(regio=Regio.ZUID, naam=Vakantie.HERFST, van=vakantie - timedelta(days=1),
                          tot=vakantie + timedelta(days=1))
    preview = schedule_preview(start=start, rrule="FREQ=WEEKLY;BYDAY=TU", regio=Regio.ZUID)
    kept = [p for p in preview if not p.overgeslagen]
    skipped = [p for p in preview if p.overgeslagen]
    assert len(kept) == 10
    assert [timezone.localtime(p.start, AMSTERDAM).date() for p in skipped] == [vakantie]
    assert skipped[0].overgeslagen == "Autumn holiday"


def test_the_preview_names_a_public_holiday():
    # Tuesday 25 December 2029 is Christmas Day.
    start = timezone.make_aware(timezone.datetime(2029, 12, 18, 10, 0), AMSTERDAM)
    preview = schedule_preview(start=start, rrule="FREQ=WEEKLY;BYDAY=TU", skip_feestdagen=True, limit=2,
                               van=start - timedelta(hours=1))
    assert [(timezone.localtime(p.start, AMSTERDAM).date(), bool(p.overgeslagen)) for p in preview] == [
        (date(2029, 12, 18), False), (date(2029, 12, 25), True), (date(2030, 1, 1), True), (date(2030, 1, 8), False)]
    assert "Christmas" in preview[1].overgeslagen


# --- attendance of several dates at once, and ticks with a count ---------------------


def test_a_weeks_attendance_is_all_or_nothing_and_names_each_refusal(frozen_clock):
    activiteit = make_activiteit()
    first, second = activiteit.bijeenkomsten.order_by("start")[:2]
    frozen_clock.move_to(first.start + timedelta(hours=1))  # the first has begun, the second not
    with pytest.raises(ValidationError) as refused:
        bijeenkomsten_registreer_aanwezigen(aantallen={first: 12, second: 5})
    assert list(refused.value.message_dict) == [str(second.pk)]
    first.refresh_from_db()
    assert first.aanwezigen is None  # nothing saved
    assert [b.aanwezigen for b in bijeenkomsten_registreer_aanwezigen(aantallen={first: 12})] == [12]


def test_ticks_and_walk_ins_make_the_count_together(frozen_clock):
    activiteit = make_activiteit_met_aanmelding(capaciteit=5)
    b = activiteit.bijeenkomsten.order_by("start").first()
    mien = aanmelding_create(bijeenkomst=b, naam="Mien", telefoon="0612345678", aantal=2)
    aanmelding_create(bijeenkomst=b, naam="Jo", telefoon="0612345679")
    frozen_clock.move_to(b.start + timedelta(hours=1))
    assert bijeenkomst_registreer_presentie(bijeenkomst=b, aanwezig=[mien.pk], zonder_aanmelding=3) == (2, 5)
    b.refresh_from_db()
    assert b.aanwezigen == 5
