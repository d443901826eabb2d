"""The per-process cache of anonymous resident pages (ontmoeting/site/page_cache.py),
emptied by the API cache's NOTIFY (core/api/response_cache.py).

These tests commit for real (``transaction=True``): the cache is emptied by PostgreSQL
notifications, which are only delivered on commit.
"""

import re

import pytest
from django.test import Client

from activiteiten.services import wens_create, wens_goedkeur
from core.api import response_cache
from tests.activiteiten.factories import make_activiteit
from tests.api.test_response_cache import heard_every_commit, queries_of, wait_for
from tests.locaties.factories import BuurtFactory, LocatieFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def cache(settings):
    settings.SITE_CACHE_SECONDS = 60
    try:
        shared = response_cache.shared_cache("site")
        wait_for(lambda: shared.listening)
        yield shared
    finally:
        response_cache.stop()


@pytest.fixture
def buurt(cache):
    buurt = BuurtFactory(naam="Wyckerpoort")
    heard_every_commit(cache)
    return buurt


def kept_pages(cache) -> list[bytes]:
    return [answer.content for answer in cache._answers.values()]


def test_a_repeated_anonymous_page_is_answered_without_the_database(cache, buurt):
    first = Client().get(f"/buurten/{buurt.code}")
    second_client = Client()
    assert queries_of(lambda: second_client.get(f"/buurten/{buurt.code}")) == 0
    second = second_client.get(f"/buurten/{buurt.code}")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in second["Vary"].split(",")}
    assert second["X-Frame-Options"] == first["X-Frame-Options"]
    assert "Content-Security-Policy" in second


@pytest.mark.parametrize("path", [
    "/", "/agenda", "/agenda.ics", "/agenda/rss", "/locaties/{slug}", "/locaties/{slug}/afdrukken",
    "/locaties/{slug}/scherm", "/locaties/{slug}/rss", "/locaties/{slug}/agenda.ics",
    "/activiteiten/{activiteit}", "/activiteiten/{activiteit}/atom", "/buurten/{code}/afdrukken",
    "/buurten/{code}/rss",
])
def test_every_resident_page_is_kept(cache, buurt, path):
    locatie = LocatieFactory(buurt=buurt, slug="buurthuis-wyck")
    activiteit = make_activiteit(locatie=locatie)
    heard_every_commit(cache)
    url = path.format(slug=locatie.slug, activiteit=activiteit.slug, code=buurt.code)
    assert Client().get(url).status_code == 200
    assert queries_of(lambda: Client().get(url)) == 0


def test_a_change_made_by_a_service_drops_the_kept_page(cache, buurt):
    url = f"/buurten/{buurt.code}"
    assert "Een moestuin" not in Client().get(url).content.decode()
    assert len(cache) == 1
    wens_goedkeur(wens=wens_create(buurt=buurt, tekst="Een moestuin"))
    heard_every_commit(cache)
    assert len(cache) == 0
    assert "Een moestuin" in Client().get(url).content.decode()


def test_the_language_is_part_of_the_key(cache, buurt):
    url = f"/buurten/{buurt.code}"
    dutch = Client().get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in dutch and '<html lang="en">' in english
    assert len(cache) == 2
    # From the cache, each in its own language; a language cookie counts as well.
    assert '<html lang="en">' in Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    by_cookie = Client(HTTP_ACCEPT_LANGUAGE="en")
    by_cookie.cookies["django_language"] = "nl"
    assert '<html lang="nl">' in by_cookie.get(url).content.decode()
    assert len(cache) == 2


def test_two_visitors_never_share_a_csrf_token(cache, buurt):
    wens = wens_goedkeur(wens=wens_create(buurt=buurt, tekst="Een moestuin"))
    heard_every_commit(cache)
    anna, bram = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = {}
    for name, visitor in (("anna", anna), ("bram", bram)):
        buurt_page = visitor.get(f"/buurten/{buurt.code}").content.decode()
        assert "csrfmiddlewaretoken" not in buurt_page  # the kept page has no token at all
        assert f"/buurten/{buurt.code}/wensen" in buurt_page  # but links to the forms
        form_page = visitor.get(f"/buurten/{buurt.code}/wensen")
        assert "private" in form_page["Cache-Control"]
        tokens[name] = TOKEN.findall(form_page.content.decode())
        assert len(tokens[name]) == 2  # +1 and a new wish
    assert not set(tokens["anna"]) & set(tokens["bram"])
    assert all(b"csrfmiddlewaretoken" not in page for page in kept_pages(cache))
    # Each token works for its own visitor only: Anna's is refused from Bram's browser.
    steun = f"/buurten/{buurt.code}/wensen/{wens.pk}/steun"
    assert bram.post(steun, {"csrfmiddlewaretoken": tokens["anna"][0]}).status_code == 403
    assert bram.post(steun, {"csrfmiddlewaretoken": tokens["bram"][0]}).status_code == 302
    assert anna.post(steun, {"csrfmiddlewaretoken": tokens["anna"][0]}).status_code == 302


def test_the_language_switch_works_from_a_kept_page_without_a_token(cache, buurt):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(f"/buurten/{buurt.code}").content.decode()
    assert 'class="language-form"' in page
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": f"/buurten/{buurt.code}"})
    assert response.status_code == 302
    assert '<html lang="en">' in visitor.get(f"/buurten/{buurt.code}").content.decode()


def test_logged_in_users_are_neither_served_from_nor_kept_in_the_cache(cache, buurt):
    url = f"/buurten/{buurt.code}"
    Client().get(url)
    assert len(cache) == 1
    member = Client()
    member.force_login(UserFactory())
    heard_every_commit(cache)  # the login wrote the user's last login: the cache was emptied
    Client().get(url)
    page = member.get(url)
    assert "Log out" in page.content.decode() or "Uitloggen" in page.content.decode()
    assert "private" in page["Cache-Control"]
    assert all(b"csrfmiddlewaretoken" not in kept for kept in kept_pages(cache))
    assert len(cache) == 1  # only the anonymous page


def test_a_visitor_with_a_session_or_messages_gets_their_own_page(cache, buurt):
    wens = wens_goedkeur(wens=wens_create(buurt=buurt, tekst="Een moestuin"))
    heard_every_commit(cache)
    url = f"/buurten/{buurt.code}"
    Client().get(url)  # kept
    supporter = Client()
    response = supporter.post(f"/buurten/{buurt.code}/wensen/{wens.pk}/steun", follow=False)
    heard_every_commit(cache)
    Client().get(url)  # kept again, for anonymous visitors
    assert queries_of(lambda: supporter.get(url)) > 0
    assert response.status_code == 302
    assert "You support this wish." in supporter.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_conditional_request_on_a_kept_page_gets_304(cache, buurt):
    url = f"/buurten/{buurt.code}"
    etag = Client().get(url)["ETag"]
    visitor = Client()
    assert queries_of(lambda: visitor.get(url, HTTP_IF_NONE_MATCH=etag)) == 0
    assert visitor.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_pages_are_cacheable_by_a_cdn_even_with_the_process_cache_off(settings, client):
    settings.SITE_CACHE_SECONDS = 0
    buurt = BuurtFactory()
    response = client.get(f"/buurten/{buurt.code}")
    assert "public" in response["Cache-Control"]
    assert client.get(f"/buurten/{buurt.code}", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
