"""Permission matrix: every role × every write operation × own (organisation A's) or
other (organisation B's) object, with the expected status.

Roles: anonymous, board member of A, board member of B, coordinator of A, official of
A's gemeente, official of B's gemeente, staff (admin only: grants nothing), superuser.
"own" is always A's object. The matrix over every URL is test_permission_matrix.py in
tests/ontmoeting; these are the operations written out by hand.
"""

from datetime import timedelta

import pytest

from activiteiten.selectors import kengetallen_periode
from locaties.constants import ReserveringStatus
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding, next_weekday_at
from tests.api.conftest import client_for
from tests.locaties.factories import ReserveringFactory, RuimteFactory, TariefFactory

pytestmark = pytest.mark.django_db

ROLES = ["anoniem", "bestuur_a", "bestuur_b", "coordinator_a", "ambtenaar_a", "ambtenaar_b", "staf", "superuser"]

# Expected status per role when acting on A's object; B's board member is the "other
# organisation" case. Places and what belongs to them: bestuur/beheerder only.
# Being staff grants nothing outside the admin.
PLACE = dict(anoniem=401, bestuur_a="ok", bestuur_b=403, coordinator_a=403, ambtenaar_a=403, ambtenaar_b=403, staf=403,
             superuser="ok")
# Activities and occurrences: any member of the organiser, coordinators included.
ACTIVITY = dict(PLACE, coordinator_a="ok")
# Reservations are not public: those outside the organisation do not find them.
RESERVATION = dict(anoniem=401, bestuur_a="ok", bestuur_b=404, coordinator_a=403, ambtenaar_a=404, ambtenaar_b=404, staf=404,
                   superuser="ok")


def _state(world):
    locatie = world["locatie_a"]
    ruimte = RuimteFactory(locatie=locatie)
    TariefFactory(ruimte=ruimte)
    activiteit = make_activiteit(locatie=locatie, organisator=world["org_a"])
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    reservering = ReserveringFactory(ruimte=ruimte)
    return {"locatie": locatie, "ruimte": ruimte, "activiteit": activiteit, "bijeenkomst": bijeenkomst, "reservering": reservering}


def _operations(world, s):
    start = next_weekday_at(3, 10, weeks_ahead=3)
    return {
        "locatie aanmaken": (PLACE, "post", "/api/v1/locaties", {
            "beheerder": world["org_a"].slug, "naam": "Huiskamer Nieuw", "soort": "huiskamer",
            "straat": "Markt", "plaats": "Utrecht", "lat": 52.09, "lon": 5.12}, 201),
        "locatie wijzigen": (PLACE, "patch", f"/api/v1/locaties/{s['locatie'].slug}", {"beschrijving": "Nieuw"}, 200),
        "ruimte toevoegen": (PLACE, "post", f"/api/v1/locaties/{s['locatie'].slug}/ruimten", {"naam": "Serre", "capaciteit": 12}, 201),
        "tarief instellen": (PLACE, "post", f"/api/v1/locaties/{s['locatie'].slug}/tarieven",
                             {"ruimte": s["ruimte"].pk, "categorie": "commercieel", "prijsPerUur": "40.00"}, 200),
        "openingstijd toevoegen": (PLACE, "post", f"/api/v1/locaties/{s['locatie'].slug}/openingstijden",
                                   {"weekdag": 2, "van": "09:00", "tot": "12:00"}, 201),
        "sluiting toevoegen": (PLACE, "post", f"/api/v1/locaties/{s['locatie'].slug}/sluitingen",
                               {"van": "2030-07-01", "tot": "2030-07-14", "reden": "Zomer"}, 201),
        "activiteit aanmaken": (ACTIVITY, "post", "/api/v1/activiteiten", {
            "locatie": s["locatie"].slug, "organisator": world["org_a"].slug, "titel": "Repair café",
            "soort": "activiteit", "start": start.isoformat(), "duurMinuten": 120, "rrule": "FREQ=MONTHLY;BYDAY=1SA"}, 201),
        "activiteit wijzigen": (ACTIVITY, "patch", f"/api/v1/activiteiten/{s['activiteit'].slug}", {"beschrijving": "Anders"}, 200),
        "bijeenkomst annuleren": (ACTIVITY, "post", f"/api/v1/bijeenkomsten/{s['bijeenkomst'].pk}/annuleren", {"notitie": "Ziek"}, 200),
        "bijeenkomst verplaatsen": (ACTIVITY, "post", f"/api/v1/bijeenkomsten/{s['bijeenkomst'].pk}/verplaatsen", {
            "start": (s["bijeenkomst"].start + timedelta(hours=1)).isoformat(),
            "eind": (s["bijeenkomst"].eind + timedelta(hours=1)).isoformat()}, 200),
        "reservering bevestigen": (RESERVATION, "post", f"/api/v1/reserveringen/{s['reservering'].pk}/bevestigen", {}, 200),
        "reservering afwijzen": (RESERVATION, "post", f"/api/v1/reserveringen/{s['reservering'].pk}/afwijzen", {"reden": "Vol"}, 200),
        "reservering annuleren": (RESERVATION, "post", f"/api/v1/reserveringen/{s['reservering'].pk}/annuleren", {}, 200),
    }


OPERATIONS = [
    "locatie aanmaken", "locatie wijzigen", "ruimte toevoegen", "tarief instellen", "openingstijd toevoegen",
    "sluiting toevoegen", "activiteit aanmaken", "activiteit wijzigen", "bijeenkomst annuleren",
    "bijeenkomst verplaatsen", "reservering bevestigen", "reservering afwijzen", "reservering annuleren",
]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_write_matrix(world, role, operation):
    state = _state(world)
    expected_by_role, method, url, data, success = _operations(world, state)[operation]
    client = client_for(world["users"][role])
    response = getattr(client, method)(url, data, format="json")
    expected = expected_by_role[role]
    expected = success if expected == "ok" else expected
    assert response.status_code == expected, (role, operation, response.content[:300])
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "role, expected",
    [("bestuur_a", 403), ("bestuur_b", "ok"), ("staf", 403), ("superuser", "ok"), ("coordinator_a", 403)],
)
def test_board_of_a_cannot_touch_b_and_vice_versa(world, role, expected):
    """The "other object" column: B's place, changed by each role."""
    client = client_for(world["users"][role])
    response = client.patch(f"/api/v1/locaties/{world['locatie_b'].slug}", {"beschrijving": "x"}, format="json")
    assert response.status_code == (200 if expected == "ok" else expected)


def test_adding_a_place_for_another_organisation_is_403(world):
    client = client_for(world["users"]["bestuur_a"])
    response = client.post("/api/v1/locaties", {
        "beheerder": world["org_b"].slug, "naam": "Kaping", "soort": "huiskamer",
        "straat": "Markt", "plaats": "Utrecht", "lat": 52.09, "lon": 5.12}, format="json")
    assert response.status_code == 403


def test_unpublished_activity_of_b_is_404_for_a(world):
    concept = make_activiteit(locatie=world["locatie_b"], organisator=world["org_b"], status="concept", titel="Geheim")
    client = client_for(world["users"]["bestuur_a"])
    response = client.patch(f"/api/v1/activiteiten/{concept.slug}", {"titel": "x"}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_public_writes_are_open_to_everyone(world, role):
    activiteit = make_activiteit_met_aanmelding(locatie=world["locatie_a"])
    bijeenkomst = activiteit.bijeenkomsten.order_by("start").first()
    ruimte = RuimteFactory(locatie=world["locatie_a"])
    TariefFactory(ruimte=ruimte)
    client = client_for(world["users"][role])
    start = next_weekday_at(0, 19, weeks_ahead=6)
    assert client.post(f"/api/v1/bijeenkomsten/{bijeenkomst.pk}/aanmeldingen",
                       {"naam": "Ans", "email": "ans@example.nl"}, format="json").status_code == 201
    assert client.post("/api/v1/wensen", {"buurt": world["buurt_a"].code, "tekst": "Meer bankjes"}, format="json").status_code == 201
    assert client.post("/api/v1/reserveringen", {
        "ruimte": ruimte.pk, "start": start.isoformat(), "eind": (start + timedelta(hours=2)).isoformat(),
        "huurderNaam": "Koor De Lijster", "huurderEmail": "koor@example.nl", "huurderCategorie": "maatschappelijk",
    }, format="json").status_code == 201


@pytest.mark.parametrize(
    "role, gemeente, expected",
    [("anoniem", "a", 401), ("bestuur_a", "a", 403), ("coordinator_a", "a", 403), ("ambtenaar_a", "a", 200),
     ("ambtenaar_b", "a", 403), ("ambtenaar_b", "b", 200), ("staf", "a", 403), ("superuser", "a", 200)],
)
def test_official_reads_own_gemeente_figures_only(world, role, gemeente, expected):
    code = world[f"gemeente_{gemeente}"].code
    response = client_for(world["users"][role]).get(f"/api/v1/gemeenten/{code}/kengetallen")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["locaties"] == 1
        assert response["Cache-Control"].startswith("private") or "private" in response["Cache-Control"]


def test_reservation_conflict_is_409_naming_the_clash(world):
    ruimte = RuimteFactory(locatie=world["locatie_a"])
    eerste = ReserveringFactory(ruimte=ruimte)
    tweede = ReserveringFactory(ruimte=ruimte)
    client = client_for(world["users"]["bestuur_a"])
    assert client.post(f"/api/v1/reserveringen/{eerste.pk}/bevestigen").status_code == 200
    response = client.post(f"/api/v1/reserveringen/{tweede.pk}/bevestigen")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert [c["id"] for c in response.json()["conflicten"]] == [eerste.pk]
    tweede.refresh_from_db()
    assert tweede.status == ReserveringStatus.AANGEVRAAGD


def test_a_board_member_who_is_staff_and_an_official_touch_nothing_of_another_side(world):
    """What the demo's board member and official could do with a token: a board member
    of A who is also staff (as the demo's was) touches nothing of B, and reads no
    reservation of B; an official changes nothing and reads only their own gemeente."""
    bestuur = world["users"]["bestuur_a"]
    bestuur.is_staff = True
    bestuur.save()
    ambtenaar = world["users"]["ambtenaar_a"]
    ambtenaar.is_staff = True
    ambtenaar.save()
    b = _state({**world, "locatie_a": world["locatie_b"], "org_a": world["org_b"]})
    slug = world["locatie_b"].slug
    board, official = client_for(bestuur), client_for(ambtenaar)

    assert board.patch(f"/api/v1/locaties/{slug}", {"beschrijving": "x"}, format="json").status_code == 403
    assert board.post(f"/api/v1/locaties/{slug}/sluitingen",
                      {"van": "2030-07-01", "tot": "2030-07-14", "reden": "x"}, format="json").status_code == 403
    assert board.post(f"/api/v1/locaties/{slug}/ruimten", {"naam": "x", "capaciteit": 3}, format="json").status_code == 403
    assert board.patch(f"/api/v1/activiteiten/{b['activiteit'].slug}", {"titel": "x"}, format="json").status_code == 403
    listed = board.get("/api/v1/reserveringen")
    assert listed.status_code == 200 and listed.json()["totaal"] == 0
    assert b["reservering"].huurder_naam not in listed.content.decode()
    assert board.get(f"/api/v1/reserveringen/{b['reservering'].pk}").status_code == 404
    for action in ("bevestigen", "annuleren"):
        assert board.post(f"/api/v1/reserveringen/{b['reservering'].pk}/{action}").status_code == 404
    b["reservering"].refresh_from_db()
    assert b["reservering"].status == ReserveringStatus.AANGEVRAAGD

    own = world["locatie_a"].slug
    assert official.patch(f"/api/v1/locaties/{own}", {"beschrijving": "x"}, format="json").status_code == 403
    assert official.post(f"/api/v1/locaties/{own}/sluitingen",
                         {"van": "2030-07-01", "tot": "2030-07-14", "reden": "x"}, format="json").status_code == 403
    assert official.get(f"/api/v1/gemeenten/{world['gemeente_b'].code}/kengetallen").status_code == 403
    assert official.get(f"/api/v1/gemeenten/{world['gemeente_a'].code}/kengetallen").status_code == 200


def test_kengetallen_without_dates_cover_the_default_period(world):
    body = client_for(world["users"]["ambtenaar_a"]).get(f"/api/v1/gemeenten/{world['gemeente_a'].code}/kengetallen").json()
    van, tot = kengetallen_periode()
    assert (body["van"], body["tot"]) == (van.isoformat(), tot.isoformat())
