"""The system check that the school holidays cover the horizon."""

from datetime import date

import pytest
from django.core.management import call_command

from activiteiten.checks import check_schoolvakanties_cover_the_horizon
from activiteiten.constants import Regio

from .factories import moment, sluit_gat_2027

pytestmark = pytest.mark.django_db

VOOR_HET_EINDE = moment(2026, 12, 1, 10)  # the holidays are known up to 3 January 2027


@pytest.mark.frozen_at(VOOR_HET_EINDE)
@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
def test_warns_per_region_naming_the_last_known_day_and_the_missing_holiday():
    warnings = check_schoolvakanties_cover_the_horizon(databases=["default"])
    assert [w.id for w in warnings] == ["activiteiten.W001"] * 3
    assert [w.obj for w in warnings] == ["schoolvakanties.midden", "schoolvakanties.noord", "schoolvakanties.zuid"]
    assert "2027-01-03" in warnings[0].msg and "voorjaarsvakantie 2026-2027" in warnings[0].msg
    assert "2027-12-01" in warnings[0].msg


@pytest.mark.frozen_at(VOOR_HET_EINDE)
@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
def test_quiet_for_a_region_known_past_the_horizon_until_the_horizon_grows(settings):
    sluit_gat_2027(Regio.ZUID)  # zuid is then known up to 3 September 2028
    assert [w.obj for w in check_schoolvakanties_cover_the_horizon(databases=["default"])] == [
        "schoolvakanties.midden", "schoolvakanties.noord",
    ]
    settings.BIJEENKOMST_HORIZON_DAYS = (date(2028, 9, 4) - date(2026, 12, 1)).days
    zuid = check_schoolvakanties_cover_the_horizon(databases=["default"])[-1]
    assert zuid.obj == "schoolvakanties.zuid" and "herfstvakantie 2028-2029" in zuid.msg


def test_reads_no_database_unless_one_is_named(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert check_schoolvakanties_cover_the_horizon(databases=None) == []


@pytest.mark.frozen_at(VOOR_HET_EINDE)
@pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")
def test_the_daily_horizon_command_shows_the_warning(capsys):
    call_command("extend_horizon")
    assert "activiteiten.W001" in capsys.readouterr().err
