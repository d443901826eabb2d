"""Reads of the activiteiten app, and the school holiday table."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus, Regio
from activiteiten.models import Bijeenkomst, Schoolvakantie
from activiteiten.selectors import (
    activiteit_schoolvakantie_onbekend_vanaf,
    bijeenkomst_list,
    bijeenkomsten_met_voorbehoud,
    kengetallen_periode,
    schoolvakanties_bekend_tot,
)
from activiteiten.services import bijeenkomst_annuleer, bijeenkomst_verplaats
from core.timezones import AMSTERDAM

from .factories import BEKEND_NA_HET_GAT, LAATST_BEKEND, make_activiteit, moment, next_weekday_at, sluit_gat_2027

# The tests of how far the holidays are known start from ``schoolvakanties_tot_kerst_2026``:
# an unbroken row up to Christmas 2026-2027 (LAATST_BEKEND), a gap, then 2027-2028.
# A moment before that end, within a year of it: the horizon reaches past it.
VOOR_HET_EINDE = moment(2026, 12, 1, 10)

pytestmark = pytest.mark.django_db


def test_bijeenkomst_list_is_one_query_whatever_the_size(django_assert_num_queries):
    # From the next Tuesday on: 4 weekly and 21-28 daily occurrences in the 28 days.
    make_activiteit(start=next_weekday_at(1, 14, weeks_ahead=0))
    make_activiteit(start=next_weekday_at(1, 14, weeks_ahead=0), rrule="FREQ=DAILY")
    van = timezone.now()
    tot = van + timedelta(days=28)
    with django_assert_num_queries(1):
        rows = [
            (b.activiteit.titel, b.activiteit.locatie.naam, b.activiteit.locatie.buurt, b.ruimte)
            for b in bijeenkomst_list(van=van, tot=tot)
        ]
    assert len(rows) == Bijeenkomst.objects.filter(start__gte=van, start__lt=tot).count() > 20
    starts = [b.start for b in bijeenkomst_list(van=van, tot=tot)]
    assert starts == sorted(starts) and all(van <= s < tot for s in starts)


def test_school_holidays_loaded_by_the_migration():
    rows = Schoolvakantie.objects.filter(schooljaar="2025-2026")
    assert rows.count() == 15
    zuid = rows.get(regio="zuid", naam="herfstvakantie")
    assert (zuid.van, zuid.tot) == (date(2025, 10, 11), date(2025, 10, 19))
    assert Schoolvakantie.objects.get(regio="noord", schooljaar="2026-2027", naam="kerstvakantie").tot == date(2027, 1, 3)


def test_school_holidays_of_2027_2028_loaded_by_the_migration():
    rows = Schoolvakantie.objects.filter(schooljaar="2027-2028")
    assert rows.count() == 15
    zuid = rows.get(regio="zuid", naam="zomervakantie")
    assert (zuid.van, zuid.tot) == (date(2028, 7, 22), date(2028, 9, 3))
    assert rows.get(regio="noord", naam="voorjaarsvakantie").van == date(2028, 2, 19)


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
def test_the_known_dates_end_at_the_first_missing_holiday_not_at_the_last_row():
    bekend = schoolvakanties_bekend_tot(vandaag=date(2026, 12, 1))
    assert set(bekend) == {"noord", "midden", "zuid"}
    for regio_bekend in bekend.values():
        assert regio_bekend.bekend_tot == LAATST_BEKEND
        assert regio_bekend.onbekend_vanaf == LAATST_BEKEND + timedelta(days=1)
        assert regio_bekend.ontbreekt == ("voorjaarsvakantie", "2026-2027")


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
def test_closing_the_gap_makes_the_dates_known_up_to_the_last_summer():
    sluit_gat_2027(Regio.ZUID)
    bekend = schoolvakanties_bekend_tot(vandaag=date(2026, 12, 1))
    assert bekend["zuid"].bekend_tot == BEKEND_NA_HET_GAT[Regio.ZUID] == date(2028, 9, 3)
    assert bekend["zuid"].ontbreekt == ("herfstvakantie", "2028-2029")
    assert bekend["noord"].bekend_tot == LAATST_BEKEND


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
def test_once_the_holidays_after_a_gap_have_begun_the_gap_no_longer_counts():
    # The autumn holiday of 2027 began on 16 October (noord, midden) and 23 October (zuid).
    bekend = schoolvakanties_bekend_tot(vandaag=date(2027, 10, 20))
    assert bekend["noord"].bekend_tot == BEKEND_NA_HET_GAT[Regio.NOORD]
    assert bekend["midden"].bekend_tot == BEKEND_NA_HET_GAT[Regio.MIDDEN]
    # In zuid it has not begun yet: its gap still counts.
    assert bekend["zuid"].bekend_tot == LAATST_BEKEND


def test_a_region_without_holidays_is_known_nowhere():
    Schoolvakantie.objects.filter(regio="midden").delete()
    midden = schoolvakanties_bekend_tot(vandaag=date(2026, 12, 1))["midden"]
    assert (midden.bekend_tot, midden.onbekend_vanaf, midden.ontbreekt) == (None, None, None)


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_occurrences_past_the_known_dates_are_provisional_only_where_holidays_are_skipped(
    django_assert_num_queries,
):
    zuid = make_activiteit(titel="Peuterspeelochtend", skip_schoolvakantie=Regio.ZUID)
    make_activiteit(titel="Kienen")
    with django_assert_num_queries(2):
        rows = list(bijeenkomsten_met_voorbehoud(bijeenkomst_list(van=timezone.now(), tot=timezone.now() + timedelta(days=365))))
    grens = LAATST_BEKEND + timedelta(days=1)
    for b in rows:
        dag = timezone.localtime(b.origineel_start, AMSTERDAM).date()
        assert b.onder_voorbehoud == (b.activiteit_id == zuid.pk and dag >= grens), (b.activiteit.titel, dag)
    assert any(b.onder_voorbehoud for b in rows) and not all(b.onder_voorbehoud for b in rows)


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_a_cancelled_occurrence_is_not_provisional():
    activiteit = make_activiteit(skip_schoolvakantie=Regio.ZUID)
    onbekend = activiteit.bijeenkomsten.filter(start__date__gt=LAATST_BEKEND).order_by("start")
    geannuleerd, anders = onbekend[0], onbekend[1]
    bijeenkomst_annuleer(bijeenkomst=geannuleerd)
    rows = {b.pk: b.onder_voorbehoud for b in bijeenkomsten_met_voorbehoud(Bijeenkomst.objects.filter(
        pk__in=[geannuleerd.pk, anders.pk]))}
    assert rows == {geannuleerd.pk: False, anders.pk: True}


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_a_moved_occurrence_is_judged_on_its_original_date():
    activiteit = make_activiteit(skip_schoolvakantie=Regio.NOORD)
    laatste_bekende = activiteit.bijeenkomsten.filter(start__date__lte=LAATST_BEKEND).order_by("start").last()
    bijeenkomst_verplaats(
        bijeenkomst=laatste_bekende, start=laatste_bekende.start + timedelta(days=30),
        eind=laatste_bekende.eind + timedelta(days=30),
    )
    assert not bijeenkomsten_met_voorbehoud(Bijeenkomst.objects.filter(pk=laatste_bekende.pk)).get().onder_voorbehoud


@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_every_date_of_a_region_without_holidays_is_provisional():
    Schoolvakantie.objects.filter(regio="midden").delete()
    activiteit = make_activiteit(skip_schoolvakantie=Regio.MIDDEN)
    rows = bijeenkomsten_met_voorbehoud(activiteit.bijeenkomsten.all())
    assert rows.count() > 40 and all(b.onder_voorbehoud for b in rows)


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_the_board_is_told_from_which_day_the_holidays_are_not_known():
    skips = make_activiteit(skip_schoolvakantie=Regio.ZUID)
    assert activiteit_schoolvakantie_onbekend_vanaf(activiteit=skips) == date(2027, 1, 4)
    # A draft too: the warning works from the rule, not from occurrences.
    concept = make_activiteit(skip_schoolvakantie=Regio.ZUID, status=ActiviteitStatus.CONCEPT)
    assert activiteit_schoolvakantie_onbekend_vanaf(activiteit=concept) == date(2027, 1, 4)


@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_no_warning_when_the_schedule_ends_in_time_or_skips_nothing():
    assert activiteit_schoolvakantie_onbekend_vanaf(
        activiteit=make_activiteit(skip_schoolvakantie=Regio.ZUID, einddatum=date(2026, 12, 31))
    ) is None
    assert activiteit_schoolvakantie_onbekend_vanaf(activiteit=make_activiteit()) is None
    sluit_gat_2027(Regio.ZUID)  # known up to 3 September 2028, past the horizon
    assert activiteit_schoolvakantie_onbekend_vanaf(activiteit=make_activiteit(skip_schoolvakantie=Regio.ZUID)) is None


def test_the_kengetallen_period_defaults_to_the_four_weeks_up_to_today():
    vandaag = timezone.localdate()
    assert kengetallen_periode() == (vandaag - timedelta(days=27), vandaag)
    assert kengetallen_periode(tot=date(2026, 3, 28)) == (date(2026, 3, 1), date(2026, 3, 28))
    assert kengetallen_periode(van=date(2026, 1, 5)) == (date(2026, 1, 5), vandaag)
