"""Staff add, correct and remove school holidays; the occurrences follow."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from activiteiten.constants import Regio
from activiteiten.models import Schoolvakantie
from activiteiten.services import (
    aanmelding_create,
    schoolvakantie_create,
    schoolvakantie_delete,
    schoolvakantie_update,
)
from core.timezones import AMSTERDAM

from .factories import make_activiteit, make_activiteit_met_aanmelding, moment

# Every test starts without a spring holiday 2027 and with the dates known up to
# 3 January 2027, whatever the project's table holds.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("schoolvakanties_tot_kerst_2026")]

# Before the known dates end (3 January 2027).
VOOR_HET_EINDE = moment(2026, 12, 1, 10)
# A made-up spring holiday for zuid, over Tuesday 16 February 2027.
VOORJAAR = {"regio": Regio.ZUID, "schooljaar": "2026-2027", "naam": "voorjaarsvakantie",
            "van": date(2027, 2, 13), "tot": date(2027, 2, 21)}


def dagen(activiteit) -> set[date]:
    return {timezone.localtime(b.start, AMSTERDAM).date() for b in activiteit.bijeenkomsten.filter(geannuleerd=False)}


@pytest.fixture
def tuesdays(frozen_clock, schoolvakanties_tot_kerst_2026):
    """Two Tuesday activities, one skipping the school holidays of zuid, one of noord."""
    frozen_clock.move_to(VOOR_HET_EINDE)
    zuid = make_activiteit(titel="Peuterochtend", skip_schoolvakantie=Regio.ZUID)
    noord = make_activiteit(titel="Ouderkamer", skip_schoolvakantie=Regio.NOORD)
    assert date(2027, 2, 16) in dagen(zuid) and date(2027, 2, 16) in dagen(noord)
    yield zuid, noord


def test_adding_a_holiday_removes_the_occurrences_in_it_after_the_commit(tuesdays, django_capture_on_commit_callbacks):
    zuid, noord = tuesdays
    with django_capture_on_commit_callbacks(execute=True):
        schoolvakantie_create(**VOORJAAR)
        assert date(2027, 2, 16) in dagen(zuid)  # not before the commit
    assert date(2027, 2, 16) not in dagen(zuid)
    assert date(2027, 2, 16) in dagen(noord)
    assert date(2027, 2, 9) in dagen(zuid) and date(2027, 2, 23) in dagen(zuid)


def test_correcting_the_dates_brings_back_the_old_and_removes_the_new(tuesdays, django_capture_on_commit_callbacks):
    zuid, _noord = tuesdays
    with django_capture_on_commit_callbacks(execute=True):
        vakantie = schoolvakantie_create(**VOORJAAR)
    with django_capture_on_commit_callbacks(execute=True):
        schoolvakantie_update(schoolvakantie=vakantie, van=date(2027, 2, 6), tot=date(2027, 2, 14))
    assert vakantie.van == date(2027, 2, 6)
    assert date(2027, 2, 16) in dagen(zuid)
    assert date(2027, 2, 9) not in dagen(zuid)


def test_correcting_the_region_syncs_both_regions(tuesdays, django_capture_on_commit_callbacks):
    zuid, noord = tuesdays
    with django_capture_on_commit_callbacks(execute=True):
        vakantie = schoolvakantie_create(**VOORJAAR)
    with django_capture_on_commit_callbacks(execute=True):
        schoolvakantie_update(schoolvakantie=vakantie, regio=Regio.NOORD)
    assert date(2027, 2, 16) in dagen(zuid)
    assert date(2027, 2, 16) not in dagen(noord)


def test_removing_a_holiday_brings_its_occurrences_back(tuesdays, django_capture_on_commit_callbacks):
    zuid, _noord = tuesdays
    with django_capture_on_commit_callbacks(execute=True):
        vakantie = schoolvakantie_create(**VOORJAAR)
    with django_capture_on_commit_callbacks(execute=True):
        schoolvakantie_delete(schoolvakantie=vakantie)
    assert not Schoolvakantie.objects.filter(pk=vakantie.pk).exists()
    assert date(2027, 2, 16) in dagen(zuid)


@pytest.mark.frozen_at(VOOR_HET_EINDE)
def test_people_registered_in_a_new_holiday_are_told_it_is_cancelled(django_capture_on_commit_callbacks):
    activiteit = make_activiteit_met_aanmelding(skip_schoolvakantie=Regio.ZUID)
    bijeenkomst = activiteit.bijeenkomsten.get(start__date=date(2027, 2, 16))
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding_create(bijeenkomst=bijeenkomst, naam="Fatima", email="fatima@example.nl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        schoolvakantie_create(**VOORJAAR)
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.geannuleerd
    assert [m.to for m in mail.outbox] == [["fatima@example.nl"]]


@pytest.mark.parametrize("fout, veld", [
    ({"schooljaar": "2027"}, "schooljaar"),
    ({"schooljaar": "2026-2028"}, "schooljaar"),
    ({"van": date(2028, 2, 12), "tot": date(2028, 2, 20)}, "van"),  # a year too late
    ({"naam": "carnaval"}, "naam"),
    ({"tot": date(2027, 2, 1)}, "__all__"),
])
def test_a_wrong_holiday_is_refused_with_a_reason_and_nothing_is_synced(fout, veld, tuesdays, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as error:
        schoolvakantie_create(**{**VOORJAAR, **fout})
    assert veld in error.value.message_dict
    assert callbacks == []
    assert not Schoolvakantie.objects.filter(naam=VOORJAAR["naam"], schooljaar="2026-2027").exists()


def test_a_holiday_in_the_past_changes_no_occurrence(django_capture_on_commit_callbacks, frozen_clock):
    frozen_clock.move_to(VOOR_HET_EINDE)
    activiteit = make_activiteit(skip_schoolvakantie=Regio.ZUID)
    frozen_clock.move_to(moment(2027, 3, 1, 10))
    before = dagen(activiteit)
    with django_capture_on_commit_callbacks(execute=True):
        schoolvakantie_create(**VOORJAAR)
    # A sync would have made dates up to March 2028 as well.
    assert dagen(activiteit) == before
