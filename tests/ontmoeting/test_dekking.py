"""Coverage through the database: what counts, the fallback basis, thresholds and gaps,
the what-if, recomputation after commit, and the Maastricht demo."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from activiteiten.constants import ActiviteitSoort
from activiteiten.services import activiteit_update
from locaties import dekking as calc
from locaties.models import Gemeente
from locaties.services import locatie_create, locatie_update
from ontmoeting.dekking.compute import dekking_compute
from ontmoeting.dekking.demo import demo_scenario_ensure
from ontmoeting.dekking.scenarios import scenario_create, scenario_plekken
from ontmoeting.dekking.selectors import buurt_dekking_public, gemeente_dekking_detail, locatie_list_for_map
from ontmoeting.dekking.thresholds import drempelwaarden_set
from ontmoeting.dekking.whatif import HypothetischePlek, whatif_compute
from ontmoeting.models import BuurtDekking, DekkingBasis, DekkingSnapshot, LocatieDekking, Scenario
from ontmoeting.tasks import enqueue_recompute
from tests.activiteiten.factories import make_activiteit, tomorrow_at
from tests.locaties.factories import BevolkingspuntFactory, BuurtFactory, LocatieFactory, OrganisatieFactory

pytestmark = [pytest.mark.django_db, pytest.mark.awkward_moments]


def offset(lat, lon, east_m, north_m):
    """The point ``east_m``/``north_m`` metres from (lat, lon), through RD New."""
    x, y = calc.to_metric(lat, lon)
    la, lo = calc.to_wgs84(x + east_m, y + north_m)
    return float(la), float(lo)


@pytest.fixture
def buurt():
    return BuurtFactory(lat=50.85, lon=5.69, inwoners=300, inwoners_65plus=60)


def weekly(locatie, **overrides):
    values = {"start": tomorrow_at(14), "rrule": "FREQ=WEEKLY"}
    values.update(overrides)
    return make_activiteit(locatie=locatie, **values)


def test_hand_computed_buurt(buurt):
    centre = (50.85, 5.69)
    place = LocatieFactory(buurt=buurt, lat=centre[0], lon=centre[1])
    weekly(place, soort=ActiviteitSoort.OPEN_INLOOP, doelgroepen=["jongeren"])
    # 100 residents at 200 m, 100 at 600 m, 100 at 1000 m (outside the square, still this buurt).
    for east, n, old in ((200, 100, 10), (600, 100, 20), (1000, 100, 30)):
        lat, lon = offset(*centre, east, 0)
        BevolkingspuntFactory(buurt=buurt, lat=lat, lon=lon, inwoners=n, inwoners_65plus=old)

    dekking_compute(gemeente=buurt.gemeente)

    row = BuurtDekking.objects.get(buurt=buurt)
    assert row.basis == DekkingBasis.PUNTEN
    assert (row.inwoners, row.inwoners_400, row.inwoners_800) == (300, 100, 200)
    assert (row.inwoners_65plus, row.inwoners_65plus_400, row.inwoners_65plus_800) == (60, 10, 30)
    assert row.aandeel_65plus_400 == pytest.approx(16.7)
    assert row.locaties_in_buurt == 1 and row.locaties_400 == [place.pk]
    assert row.activiteiten_800 == pytest.approx(1.0)  # one per week over the coming 4 weeks
    assert row.inloop_uren_400 == pytest.approx(2.0)  # two hours of open inloop a week
    assert row.activiteiten_800_per_doelgroep == {"jongeren": 1.0}
    assert DekkingSnapshot.objects.filter(buurt=buurt, datum=timezone.localdate()).count() == 1



def test_stored_rows_every_column_and_a_second_run_updates_them(buurt, frozen_clock):
    """The save path (COPY + one upsert per table): every stored column of a hand-computed
    case; a second run the same day updates the rows in place (same ids, one snapshot)."""
    centre = (50.85, 5.69)
    place = LocatieFactory(buurt=buurt, lat=centre[0], lon=centre[1])
    weekly(place, soort=ActiviteitSoort.OPEN_INLOOP, doelgroepen=["jongeren", "ouderen"])
    monthly = LocatieFactory(buurt=buurt, lat=centre[0], lon=centre[1])
    weekly(monthly, rrule="FREQ=MONTHLY;BYDAY=1TU")
    for east, n, old in ((200, 100, 10), (600, 100, 20)):
        BevolkingspuntFactory(buurt=buurt, lat=offset(*centre, east, 0)[0], lon=offset(*centre, east, 0)[1],
                              inwoners=n, inwoners_65plus=old, woningen=n // 2)
    today = timezone.localdate()

    dekking_compute(gemeente=buurt.gemeente)

    row = BuurtDekking.objects.get(buurt=buurt)
    stored = {f.attname: getattr(row, f.attname) for f in BuurtDekking._meta.concrete_fields
              if f.attname not in ("id", "berekend_op", "bron_jaar")}
    assert stored == {
        "buurt_id": buurt.pk, "basis": DekkingBasis.PUNTEN,
        "inwoners": 200, "inwoners_65plus": 30, "woningen": 100,
        "inwoners_400": 100, "inwoners_800": 200, "inwoners_65plus_400": 10, "inwoners_65plus_800": 30,
        "locaties_in_buurt": 1, "locaties_400": [place.pk], "locaties_800": [place.pk],
        "inloop_uren_400": 2.0, "activiteiten_800": 1.0,
        "activiteiten_800_per_doelgroep": {"jongeren": 1.0, "ouderen": 1.0},
        "activiteiten_in_buurt": 1.0, "activiteiten_in_buurt_per_doelgroep": {"jongeren": 1.0, "ouderen": 1.0},
        "wensen_open": 0, "vrijwilligers_actief": 0,
    }
    assert row.bron_jaar is not None and row.berekend_op.tzinfo is not None
    snapshot = DekkingSnapshot.objects.get(buurt=buurt)
    assert (snapshot.datum, snapshot.basis, snapshot.inwoners, snapshot.inwoners_65plus_400,
            snapshot.inwoners_800, snapshot.locaties_in_buurt) == (today, DekkingBasis.PUNTEN, 200, 10, 200, 1)
    counted = LocatieDekking.objects.get(locatie=place)
    assert (counted.telt_mee, counted.weken_met_activiteit, counted.activiteiten_per_week,
            counted.per_doelgroep, counted.inloop_uren_per_week) == (
        True, 4, 1.0, {"jongeren": 1.0, "ouderen": 1.0}, 2.0)
    assert counted.berekend_op == row.berekend_op
    not_counted = LocatieDekking.objects.get(locatie=monthly)
    assert not_counted.telt_mee is False and not_counted.weken_met_activiteit < 3

    # Second run: the place closes; rows updated in place, the snapshot of today replaced.
    type(place).objects.filter(pk=place.pk).update(gepubliceerd=False)
    ids = (row.pk, snapshot.pk, not_counted.pk)
    frozen_clock.shift(timedelta(minutes=5))
    dekking_compute(gemeente=buurt.gemeente)

    again = BuurtDekking.objects.get(buurt=buurt)
    assert (again.inwoners_400, again.locaties_400, again.activiteiten_800_per_doelgroep) == (0, [], {})
    assert again.berekend_op > row.berekend_op
    assert DekkingSnapshot.objects.get(buurt=buurt).inwoners_400 == 0
    assert not LocatieDekking.objects.filter(locatie=place).exists()  # no longer a candidate
    assert ids == (again.pk, DekkingSnapshot.objects.get(buurt=buurt).pk,
                   LocatieDekking.objects.get(locatie=monthly).pk)

@pytest.mark.parametrize("change", ["monthly", "unpublished", "closed", "not_yet_open"])
def test_places_that_do_not_count(buurt, change):
    place = LocatieFactory(buurt=buurt, lat=50.85, lon=5.69)
    if change == "monthly":
        weekly(place, rrule="FREQ=MONTHLY;BYDAY=1TU")
    else:
        weekly(place)
        today = timezone.localdate()
        fields = {
            "unpublished": {"gepubliceerd": False},
            "closed": {"open_sinds": today - timedelta(days=400), "gesloten_sinds": today},
            "not_yet_open": {"open_sinds": today + timedelta(days=3)},
        }[change]
        type(place).objects.filter(pk=place.pk).update(**fields)
    BevolkingspuntFactory(buurt=buurt, inwoners=50, inwoners_65plus=5)

    dekking_compute(gemeente=buurt.gemeente)

    row = BuurtDekking.objects.get(buurt=buurt)
    assert row.inwoners == 50 and row.inwoners_400 == 0 and row.locaties_in_buurt == 0


def test_a_weekly_place_counts(buurt):
    """The control for the test above: the same set-up with a weekly programme counts."""
    weekly(LocatieFactory(buurt=buurt, lat=50.85, lon=5.69))
    BevolkingspuntFactory(buurt=buurt, inwoners=50, inwoners_65plus=5)
    dekking_compute(gemeente=buurt.gemeente)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 50


def test_a_place_closing_later_counts_until_its_closing_day(buurt):
    """Open today by ``Locatie.objects.open_op``: a closing date still to come does not
    take the place out of today's coverage."""
    place = LocatieFactory(buurt=buurt, lat=50.85, lon=5.69, gesloten_sinds=timezone.localdate() + timedelta(days=30))
    weekly(place)
    BevolkingspuntFactory(buurt=buurt, inwoners=50, inwoners_65plus=5)
    dekking_compute(gemeente=buurt.gemeente)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 50


def test_the_map_shows_the_places_open_today(buurt):
    today = timezone.localdate()
    LocatieFactory(buurt=buurt, naam="Sluit later", gesloten_sinds=today + timedelta(days=30))
    LocatieFactory(buurt=buurt, naam="Nog niet open", open_sinds=today + timedelta(days=7))
    LocatieFactory(buurt=buurt, naam="Dicht", gesloten_sinds=today)
    assert [loc.naam for loc in locatie_list_for_map(buurt.gemeente)] == ["Sluit later"]


def test_fallback_basis_spreads_key_figures(buurt):
    # No population points anywhere in the gemeente: the key figures are spread.
    weekly(LocatieFactory(buurt=buurt, lat=50.85, lon=5.69))
    dekking_compute(gemeente=buurt.gemeente)
    row = BuurtDekking.objects.get(buurt=buurt)
    assert row.basis == DekkingBasis.BUURTTOTALEN
    assert row.inwoners == 300 and row.inwoners_65plus == 60
    # The factory square is about 350 x 560 m around the place: nearly all within 400 m.
    assert 250 <= row.inwoners_400 <= 300
    assert row.bron_jaar == buurt.kerncijfers_jaar


def test_thresholds_and_gaps_order():
    covered = BuurtFactory(lat=50.85, lon=5.69)
    wijk, gemeente = covered.wijk, covered.gemeente
    few = BuurtFactory(wijk=wijk, lat=50.95, lon=5.69)
    many = BuurtFactory(wijk=wijk, lat=51.05, lon=5.69)
    weekly(LocatieFactory(buurt=covered, lat=50.85, lon=5.69), doelgroepen=["jongeren"])
    BevolkingspuntFactory(buurt=covered, inwoners=100, inwoners_65plus=40)
    BevolkingspuntFactory(buurt=few, inwoners=100, inwoners_65plus=10)
    BevolkingspuntFactory(buurt=many, inwoners=100, inwoners_65plus=70)
    dekking_compute(gemeente=gemeente)

    result = gemeente_dekking_detail(gemeente)
    by_code = {row.buurt.code: row for row in result.rows}
    assert by_code[covered.code].toets == {
        "aandeel_65plus_400": True, "locaties_per_10000": True, "jongeren_800": True,
    }
    assert by_code[few.code].toets["aandeel_65plus_400"] is False
    assert [row.buurt.code for row in result.gaten] == [many.code, few.code]

    # Stricter thresholds make the covered buurt a gap too.
    drempelwaarden_set(gemeente=gemeente, min_aandeel_65plus_400=80, min_locaties_per_10000=200,
                       min_jongeren_800=1)
    result = gemeente_dekking_detail(gemeente)
    assert [row.buurt.code for row in result.gaten] == [many.code, few.code, covered.code]


def test_whatif_changes_figures_and_saves_nothing(buurt):
    centre = (50.85, 5.69)
    weekly(LocatieFactory(buurt=buurt, lat=centre[0], lon=centre[1]))
    lat, lon = offset(*centre, 1000, 0)
    BevolkingspuntFactory(buurt=buurt, lat=lat, lon=lon, inwoners=100, inwoners_65plus=20)
    dekking_compute(gemeente=buurt.gemeente)
    before = (BuurtDekking.objects.get(buurt=buurt).inwoners_400, Scenario.objects.count(),
              LocatieDekking.objects.count(), type(buurt).objects.get(pk=buurt.pk).locaties.count())

    result = whatif_compute(gemeente=buurt.gemeente, plekken=[HypothetischePlek(*offset(*centre, 900, 0))])

    assert result.gemeente_nu["inwoners_400"] == 0
    assert result.gemeente_straks["inwoners_400"] == 100
    assert result.gemeente_straks["aandeel_65plus_400"] == 100.0
    assert [row["buurt"].pk for row in result.buurten] == [buurt.pk]
    after = (BuurtDekking.objects.get(buurt=buurt).inwoners_400, Scenario.objects.count(),
             LocatieDekking.objects.count(), type(buurt).objects.get(pk=buurt.pk).locaties.count())
    assert after == before

    scenario = scenario_create(gemeente=buurt.gemeente, naam="Oost", plekken=result.plekken)
    assert Scenario.objects.get(pk=scenario.pk).punten[0]["lat"] == pytest.approx(result.plekken[0].lat)


def test_several_hypothetical_places_combine(buurt):
    centre = (50.85, 5.69)
    for east in (-1000, 1000):
        lat, lon = offset(*centre, east, 0)
        BevolkingspuntFactory(buurt=buurt, lat=lat, lon=lon, inwoners=100, inwoners_65plus=10)
    one = whatif_compute(gemeente=buurt.gemeente, plekken=[HypothetischePlek(*offset(*centre, 1000, 0))])
    both = whatif_compute(gemeente=buurt.gemeente, plekken=[
        HypothetischePlek(*offset(*centre, 1000, 0)), HypothetischePlek(*offset(*centre, -1000, 0)),
    ])
    assert one.gemeente_straks["inwoners_400"] == 100
    assert both.gemeente_straks["inwoners_400"] == 200


def test_recomputed_after_commit_when_a_place_changes(buurt, django_capture_on_commit_callbacks):
    BevolkingspuntFactory(buurt=buurt, inwoners=80, inwoners_65plus=8)
    dekking_compute(gemeente=buurt.gemeente)
    organisatie = OrganisatieFactory(gemeente=buurt.gemeente)
    with django_capture_on_commit_callbacks(execute=True):
        locatie = locatie_create(beheerder=organisatie, naam="Nieuw buurthuis", soort="buurthuis",
                                 straat="Markt", plaats="Maastricht", lat=50.85, lon=5.69, gepubliceerd=True)
    # Created, but no programme yet: recomputed, and not counting.
    assert LocatieDekking.objects.get(locatie=locatie).telt_mee is False
    with django_capture_on_commit_callbacks(execute=True):
        weekly(locatie)  # activiteit_create announces the change too
    assert LocatieDekking.objects.get(locatie=locatie).telt_mee is True
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 80
    with django_capture_on_commit_callbacks(execute=True):
        locatie_update(locatie=locatie, gepubliceerd=False)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 0


def test_a_place_moving_to_another_gemeente_is_recomputed_in_both(buurt, django_capture_on_commit_callbacks):
    elders = BuurtFactory(lat=52.37, lon=4.89, inwoners=200, inwoners_65plus=20)
    assert elders.gemeente_id != buurt.gemeente_id
    BevolkingspuntFactory(buurt=buurt, inwoners=80, inwoners_65plus=8)
    BevolkingspuntFactory(buurt=elders, inwoners=50, inwoners_65plus=5)
    organisatie = OrganisatieFactory(gemeente=buurt.gemeente)
    with django_capture_on_commit_callbacks(execute=True):
        locatie = locatie_create(beheerder=organisatie, naam="Buurthuis", soort="buurthuis",
                                 straat="Markt", plaats="Maastricht", lat=50.85, lon=5.69, gepubliceerd=True)
        weekly(locatie)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 80
    with django_capture_on_commit_callbacks(execute=True):
        locatie_update(locatie=locatie, lat=52.37, lon=4.89)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 0
    assert BuurtDekking.objects.get(buurt=elders).inwoners_400 == 50


def test_an_activity_moving_to_another_gemeente_is_recomputed_in_both(buurt, django_capture_on_commit_callbacks):
    elders = BuurtFactory(lat=52.37, lon=4.89)
    BevolkingspuntFactory(buurt=buurt, inwoners=80, inwoners_65plus=8)
    hier = LocatieFactory(buurt=buurt, lat=50.85, lon=5.69, gepubliceerd=True)
    daar = LocatieFactory(buurt=elders, lat=52.37, lon=4.89, gepubliceerd=True, beheerder=hier.beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        activiteit = weekly(hier)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 80
    with django_capture_on_commit_callbacks(execute=True):
        activiteit_update(activiteit=activiteit, locatie=daar)
    assert BuurtDekking.objects.get(buurt=buurt).inwoners_400 == 0


def test_public_figures_from_the_stored_result(buurt):
    BevolkingspuntFactory(buurt=buurt, inwoners=80, inwoners_65plus=8)
    dekking_compute(gemeente=buurt.gemeente)
    figures = buurt_dekking_public(buurt.code)
    assert figures["inwoners"] == 80 and figures["afstand"] == "hemelsbreed"
    assert "CBS" in figures["bron"] and "Kadaster" in figures["bron"]
    assert buurt_dekking_public("BU99999999") is None


def test_compute_dekking_command(buurt):
    out = StringIO()
    call_command("compute_dekking", gemeente=buurt.gemeente.code, stdout=out)
    assert "1 buurten" in out.getvalue()
    call_command("compute_dekking", all=True, stdout=out)
    assert BuurtDekking.objects.filter(buurt=buurt).exists()


# --- the Maastricht demo -------------------------------------------------------------------


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())

    return Gemeente.objects.get(code="GM0935")


def test_demo_figures_plausible_and_stable(demo):
    first = gemeente_dekking_detail(demo)
    totaal = first.totaal
    assert len(first.rows) == 44
    assert 118_000 <= totaal.inwoners <= 122_000  # the postcode points inside a buurt
    assert 0 < totaal.inwoners_400 < totaal.inwoners_800 < totaal.inwoners
    assert 10 < totaal.aandeel_65plus_400 < 50  # 12 places for a city of 120,000
    assert totaal.locaties_in_buurt == 12
    assert {row.basis for row in first.rows} == {DekkingBasis.PUNTEN}
    # Recomputing gives the same figures.
    dekking_compute(gemeente=demo)
    again = gemeente_dekking_detail(demo)
    assert [(r.buurt.code, r.inwoners_400, r.inwoners_65plus_800) for r in again.rows] == [
        (r.buurt.code, r.inwoners_400, r.inwoners_65plus_800) for r in first.rows
    ]


def test_demo_scenario_helps_hazendans_randwyck_wyckerpoort(demo):
    scenario = Scenario.objects.get(gemeente=demo)
    assert len(scenario.punten) == 3
    result = whatif_compute(gemeente=demo, plekken=scenario_plekken(scenario))
    changed = {row["buurt"].code: row for row in result.buurten}
    for code in ("BU09350208", "BU09350600", "BU09350400"):
        assert changed[code]["straks"]["inwoners_400"] > changed[code]["nu"]["inwoners_400"]
        assert changed[code]["straks"]["locaties_in_buurt"] == changed[code]["nu"]["locaties_in_buurt"] + 1
    assert result.gemeente_straks["aandeel_65plus_400"] > result.gemeente_nu["aandeel_65plus_400"]
    # Ensuring it again replaces, never duplicates.
    demo_scenario_ensure(gemeente=demo, buurt_codes=["BU09350208"])
    assert Scenario.objects.filter(gemeente=demo).count() == 1


def test_a_recomputation_already_waiting_is_not_queued_again(settings, buurt):
    """A bulk edit announces a gemeente many times; the queue holds it once until a
    worker starts on it, after which a new change queues a new recomputation."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    other = BuurtFactory().gemeente
    for _ in range(3):
        enqueue_recompute(buurt.gemeente_id)
    enqueue_recompute(other.pk)
    enqueue_recompute(None)
    waiting = DBTaskResult.objects.filter(status="READY")
    assert sorted(map(str, (r.args_kwargs["args"][0] for r in waiting))) == sorted(
        map(str, [buurt.gemeente_id, other.pk, None])
    )
    waiting.filter(args_kwargs__args=[buurt.gemeente_id]).update(status="RUNNING")
    enqueue_recompute(buurt.gemeente_id)
    assert DBTaskResult.objects.filter(status="READY", args_kwargs__args=[buurt.gemeente_id]).count() == 1
