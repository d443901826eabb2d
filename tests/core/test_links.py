"""Every absolute link that leaves the site points to SITE_URL, whatever host was asked."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from icalendar import Calendar

from activiteiten.services import aanmelding_create
from core.links import absolute_url, site_host
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding

PUBLIC = "https://buurt.example.nl"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = PUBLIC + "/"
    settings.ALLOWED_HOSTS = ["intern.local"]


def test_the_helper_joins_the_public_address_and_a_path():
    assert absolute_url("/agenda") == f"{PUBLIC}/agenda"
    assert site_host() == "buurt.example.nl"


@pytest.mark.parametrize("soort", ["rss", "atom"])
def test_feed_links_point_to_the_public_site_not_the_host_asked(client, soort):
    activiteit = make_activiteit()
    xml = client.get(f"/activiteiten/{activiteit.slug}/{soort}", HTTP_HOST="intern.local").content.decode()
    links = set(re.findall(r'<link>([^<]+)</link>|<link[^>]* href="([^"]+)"', xml))
    urls = {url for pair in links for url in pair if url}
    assert f"{PUBLIC}/activiteiten/{activiteit.slug}" in urls
    assert all(url.startswith(PUBLIC + "/") for url in urls), urls
    assert "intern.local" not in xml


def test_ical_urls_and_uids_name_the_public_site(client):
    activiteit = make_activiteit()
    response = client.get(f"/activiteiten/{activiteit.slug}/agenda.ics", HTTP_HOST="intern.local")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events and {str(e["URL"]) for e in events} == {f"{PUBLIC}/activiteiten/{activiteit.slug}"}
    assert all(str(e["UID"]).endswith("@buurt.example.nl") for e in events)


def test_jsonld_of_an_activity_names_the_public_site(client):
    activiteit = make_activiteit()
    html = client.get(f"/activiteiten/{activiteit.slug}", HTTP_HOST="intern.local").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))
    urls = re.findall(r'"(https?://[^"]+)"', json.dumps(data))
    assert f"{PUBLIC}/activiteiten/{activiteit.slug}" in urls
    assert not [url for url in urls if "intern.local" in url]


def test_the_cancel_link_in_the_registration_mail_names_the_public_site(django_capture_on_commit_callbacks):
    bijeenkomst = make_activiteit_met_aanmelding().bijeenkomsten.first()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding_create(bijeenkomst=bijeenkomst, naam="Piet", email="piet@example.nl")
    assert f"{PUBLIC}/aanmelding/annuleren/" in mail.outbox[-1].body


def test_site_url_follows_run_address_unless_it_is_set():
    def site_url(**env):
        # A DATABASE_URL, so that reading the settings starts no embedded server.
        environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "RUN_ADDRESS")}
        environ["DATABASE_URL"] = "postgresql://nobody@/none?host=/nonexistent"
        code = "from ontmoeting.settings import base; print(base.SITE_URL)"
        return subprocess.run([sys.executable, "-c", code], env={**environ, **env},
                              capture_output=True, text=True, check=True).stdout.strip()

    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(RUN_ADDRESS="127.0.0.1:8101") == "http://127.0.0.1:8101"
    assert site_url(RUN_ADDRESS="127.0.0.1:8101", SITE_URL=PUBLIC) == PUBLIC
    # A wildcard address or a bare port is not a host a browser can reach.
    assert site_url(RUN_ADDRESS="0.0.0.0:8101") == "http://127.0.0.1:8101"
    assert site_url(RUN_ADDRESS="8101") == "http://127.0.0.1:8101"
