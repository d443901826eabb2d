"""A large gemeente's dashboard: each wijk folded with a link to its buurten
(ontmoeting/dashboard/views_wijk.py, tabel.py), and the map data as a request of its
own (views_kaart.py)."""

import pytest
from django.urls import reverse

from locaties.models import Buurt
from ontmoeting.dashboard import tabel
from tests.locaties.factories import GemeentemedewerkerFactory, UserFactory, WijkFactory
from tests.ontmoeting.test_dashboard import make_gemeente

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(client, monkeypatch):
    monkeypatch.setattr(tabel, "INLINE_BUURTEN", 2)  # three buurten: a large gemeente here
    gemeente, buurten = make_gemeente(3)
    # The third buurt in a wijk of its own.
    other = WijkFactory(gemeente=gemeente, naam="Zuid")
    Buurt.objects.filter(pk=buurten[2].pk).update(wijk=other)
    GemeentemedewerkerFactory(gemeente=gemeente, user=UserFactory(username="ambtenaar"))
    client.login(username="ambtenaar", password="wachtwoord")
    client.gemeente, client.buurten, client.wijken = gemeente, buurten, [buurten[0].wijk, other]
    return client


def test_a_large_gemeente_shows_each_wijk_folded_with_a_link_to_its_buurten(official_client):
    gemeente = official_client.gemeente
    html = official_client.get(reverse("dashboard:gemeente", args=[gemeente.code])).content.decode()
    for wijk in official_client.wijken:
        url = reverse("dashboard:wijk", args=[gemeente.code, wijk.code])
        assert f'<details class="wijk" id="wijk-{wijk.code}">' in html  # folded
        assert f'href="{url}" data-deel="{url}?deel=1"' in html
    assert "dekking-tabel" not in html  # no buurt rows in the page itself
    for buurt in official_client.buurten:
        assert buurt.naam not in html.split('id="tabel"')[1].split('id="gaten-kop"')[0]
    assert "Show the 2 buurten of wijk" in html or "Toon de 2 buurten van wijk" in html


def test_the_wijk_page_lists_its_buurten_without_a_script_and_sorts_them(official_client):
    gemeente, (first, second, third) = official_client.gemeente, official_client.buurten
    url = reverse("dashboard:wijk", args=[gemeente.code, first.wijk.code])
    html = official_client.get(url, {"sort": "naam", "dir": "desc"}).content.decode()
    assert "<h1>" in html and 'class="kolom-uitleg"' in html
    rows = html.split("<tbody>")[1]
    names = sorted([first.naam, second.naam], key=str.lower, reverse=True)
    assert rows.index(names[0]) < rows.index(names[1])
    assert third.naam not in rows  # another wijk's
    assert f'href="{url}?sort=naam&amp;dir=asc#tabel"' in html  # sorting stays on this page


def test_the_wijk_part_is_only_the_table(official_client, django_assert_max_num_queries):
    gemeente, buurten = official_client.gemeente, official_client.buurten
    url = reverse("dashboard:wijk", args=[gemeente.code, buurten[0].wijk.code])
    with django_assert_max_num_queries(10):  # the same whatever the number of buurten
        html = official_client.get(url, {"deel": "1"}).content.decode()
    assert html.lstrip().startswith('<div class="tabel-wrapper')
    assert "<html" not in html and buurten[0].naam in html


def test_a_wijk_of_another_gemeente_is_404(official_client):
    elsewhere = WijkFactory()
    url = reverse("dashboard:wijk", args=[official_client.gemeente.code, elsewhere.code])
    assert official_client.get(url).status_code == 404


def test_the_map_data_is_its_own_request_with_an_etag(official_client):
    gemeente = official_client.gemeente
    html = official_client.get(reverse("dashboard:gemeente", args=[gemeente.code])).content.decode()
    assert 'id="kaart-data"' not in html
    url = reverse("dashboard:kaart", args=[gemeente.code])
    response = official_client.get(url)
    assert response["Content-Type"] == "application/json"
    assert "private" in response["Cache-Control"]
    data = response.json()
    assert len(data["buurten"]["features"]) == 3 and len(data["lijst"]) == 3
    assert official_client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
