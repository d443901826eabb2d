"""The Content-Security-Policy and the Permissions-Policy every page carries, and the
templates and scripts they rely on: no inline script or style, and every place where a
script hands a string to the HTML parser accounted for."""

import re
from collections import Counter

import pytest
from django.conf import settings

from ontmoeting.settings.base import _tile_source
from tests.locaties.factories import BuurtFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def test_a_page_allows_only_its_own_scripts_and_the_basemap_tiles(client):
    policy = directives(client.get(f"/buurten/{BuurtFactory().code}"))
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", *_tile_source(settings.DASHBOARD_BASEMAP_URL)]
    assert "script-src-attr" not in policy and "unsafe" not in " ".join(sum(policy.values(), []))


def test_permissions_policy_lets_only_this_site_ask_for_the_location(client):
    header = client.get("/")["Permissions-Policy"]
    features = dict(item.split("=") for item in header.split(", "))
    assert features["geolocation"] == "(self)"
    assert features["camera"] == features["microphone"] == features["payment"] == "()"


def test_api_docs_widen_only_images_and_serve_their_script_as_a_file(client):
    response = client.get("/api/v1/docs")
    policy = directives(response)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert "data:" in policy["img-src"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html) and "<style" not in html
    script = client.get(re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&"))
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def test_tile_source_is_scheme_and_host():
    assert _tile_source("https://service.pdok.nl/brt/x/{z}/{x}/{y}.png") == ["https://service.pdok.nl"]
    assert _tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == ["https://*.tile.example.org"]
    assert _tile_source("") == []


# A <script> that the browser would run: neither a file nor a data block (json_script, JSON-LD).
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\bsrc=)(?![^>]*\btype="application/(?:ld\+)?json")[^>]*>')
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=")
STYLE = re.compile(r"<style\b|<[a-zA-Z][^>]*\sstyle\s*=")
# Rendered only by WeasyPrint into a PDF, which no browser policy governs.
PDF_ONLY = {"ontmoeting/dashboard/rapport.html"}


def test_templates_have_no_inline_script_or_style():
    root = settings.BASE_DIR / "templates"
    found = []
    for path in sorted(root.rglob("*.html")):
        name = str(path.relative_to(root))
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER) + (() if name in PDF_ONLY else (STYLE,)):
            found += [f"{name}: {match.group(0)}" for match in pattern.finditer(text)]
    assert found == []


# Where the site's scripts hand a string to the HTML parser, and why none carries a name
# that someone typed. A new one fails this test until it is looked at and listed.
HTML_SINKS = re.compile(r"\.(innerHTML|outerHTML|insertAdjacentHTML|bindTooltip|bindPopup|addAttribution|write)\b"
                        r"|attribution:")
REVIEWED_SINKS = {
    # The server's own what-if fragment, escaped by its template.
    ("dashboard/watals.js", "innerHTML"): 1,
    # The server's own table of a wijk's buurten (views_wijk, ?deel=1), escaped by its template.
    ("dashboard/dashboard.js", "innerHTML"): 1,
    # Text nodes (the place's and the buurt's name) and an <a> element built with textContent.
    ("dashboard/kaart.js", "bindTooltip"): 2,
    ("dashboard/kaart.js", "bindPopup"): 1,
    ("site/buurtkaart.js", "bindPopup"): 1,
    # A text node: the site's own "You are here".
    ("site/buurtkaart.js", "bindTooltip"): 1,
    # The source line and the basemap attribution setting, both escaped by the server
    # (ontmoeting/dashboard/views.py, site/kaart.py).
    ("dashboard/kaart.js", "addAttribution"): 1,
    ("dashboard/kaart.js", "attribution:"): 1,
    ("site/buurtkaart.js", "addAttribution"): 1,
    ("site/buurtkaart.js", "attribution:"): 1,
}


def test_every_html_sink_in_the_scripts_is_reviewed():
    root = settings.BASE_DIR / "static"
    found = Counter()
    for path in sorted(root.rglob("*.js")):
        for match in HTML_SINKS.finditer(path.read_text()):
            found[(str(path.relative_to(root)), match.group(1) or match.group(0))] += 1
    assert dict(found) == REVIEWED_SINKS
