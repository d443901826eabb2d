"""The programme list's rows (``ontmoeting.site.programma``) give the HTML that the
partial gave when it rendered model instances: the general path, kept here as it was."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import timezone, translation

from activiteiten.constants import ActiviteitSoort, Regio
from activiteiten.selectors import bijeenkomst_list_public, bijeenkomsten_met_voorbehoud
from activiteiten.services import aanmelding_create, activiteit_bevestig, bijeenkomst_annuleer
from locaties.filters import distance_m
from ontmoeting.site import programma
from tests.activiteiten.factories import make_activiteit, make_activiteit_met_aanmelding, moment
from tests.locaties.factories import LocatieFactory

pytestmark = pytest.mark.django_db

# ``site/_bijeenkomst.html`` before the rows: one occurrence, a model instance.
MODEL_PARTIAL = """{% load i18n datums %}<li class="bijeenkomst{% if b.geannuleerd %} geannuleerd{% endif %}">
  <span class="tijd">{{ b.start|uur }}–{{ b.eind|uur }}</span>
  <a href="{% url 'site:activiteit' b.activiteit.slug %}" class="titel">{{ b.activiteit.titel }}</a>
  {% if b.geannuleerd %}<strong class="label label-stop">{% translate "Cancelled" %}</strong>{% endif %}
  {% include "site/_voorbehoud.html" %}
  <span>{% translate "Where" %}: {{ b.activiteit.locatie.naam }}{% if afstanden %} · {% blocktranslate with meters=b.afstand_m|floatformat:"0" %}{{ meters }} m from you (hemelsbreed){% endblocktranslate %}{% endif %}</span>
  <span class="labels">
    {% if b.gastvrouw_aanwezig %}<strong class="label label-open">{% include "site/_gastvrouw.html" with naam=b.gastvrouw_voornaam %}</strong>{% elif b.activiteit.soort == "open_inloop" %}<span class="label">{% translate "Open inloop: just walk in" %}</span>{% endif %}
    {% if b.activiteit.kosten %}<span class="label">€ {{ b.activiteit.kosten }}</span>{% else %}<span class="label">{% translate "Free" %}</span>{% endif %}
    {% if b.activiteit.aanmelding == "verplicht" %}<span class="label">{% translate "Sign up first" %}</span>{% endif %}
    {% if b.vol %}<span class="label">{% translate "Full: waiting list" %}</span>{% endif %}
  </span>
  {% if b.notitie %}<span>{{ b.notitie }}</span>{% endif %}
</li>
"""
WEEK = date(2027, 2, 8)  # a Monday whose school holidays are not known (after 3 January 2027)
HIER = (50.85, 5.69)


def _same_text(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.fixture
def week(frozen_clock, schoolvakanties_tot_kerst_2026):
    """A week with every label: open inloop, free, skipping the school holidays (so
    provisional) and not confirmed for nine weeks; a paid activity with registration,
    full on one date; a cancelled date with a note."""
    locatie = LocatieFactory(naam="Huiskamer <Oost> & Co", lat=50.86, lon=5.70)
    make_activiteit(locatie=locatie, titel="Inloop", soort=ActiviteitSoort.OPEN_INLOOP,
                    skip_schoolvakantie=Regio.ZUID)
    betaald = make_activiteit_met_aanmelding(capaciteit=2, locatie=locatie, titel="Yoga", kosten=Decimal("2.50"))
    koffie = make_activiteit(locatie=LocatieFactory(lat=50.80, lon=5.60), titel="Koffie & taart")
    frozen_clock.move_to(moment(2027, 2, 2, 10))  # nine weeks on: past the confirmation deadline
    activiteit_bevestig(activiteit=betaald)
    activiteit_bevestig(activiteit=koffie)
    van = timezone.make_aware(timezone.datetime(2027, 2, 8))
    aanmelding_create(bijeenkomst=betaald.bijeenkomsten.filter(start__gte=van).earliest("start"), naam="Mien",
                      telefoon="0612345678", aantal=2)
    bijeenkomst_annuleer(bijeenkomst=koffie.bijeenkomsten.filter(start__gte=van).earliest("start"), notitie="Ziek")
    return bijeenkomsten_met_voorbehoud(bijeenkomst_list_public().filter(
        start__date__gte=WEEK, start__date__lte=WEEK + timedelta(days=6)
    ))


def _model_html(bijeenkomsten, *, hier=None) -> str:
    template = engines["django"].from_string(MODEL_PARTIAL)
    html = []
    for b in bijeenkomsten:
        if hier is not None:
            b.afstand_m = round(distance_m(hier, (b.activiteit.locatie.lat, b.activiteit.locatie.lon)), -1)
        html.append(template.render({"b": b, "afstanden": hier is not None}))
    return "".join(html)


def _rows_html(rows) -> str:
    return engines["django"].get_template("site/_bijeenkomsten.html").render({"bijeenkomsten": rows})


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("hier", [None, HIER])
def test_the_rows_render_as_the_model_instances_did(week, taal, hier):
    with translation.override(taal):
        expected = _model_html(list(week), hier=hier)
        rows = programma.rows(week, hier=hier)
        html = _rows_html(rows)
    assert _same_text(html) == _same_text(expected)
    assert len(rows) == 3
    # Every label is in the comparison (in Dutch and English; the other texts alike).
    labels = ("Open inloop", "Gratis", "Onder voorbehoud", "Niet recent bevestigd", "€ 2,50", "Eerst aanmelden",
              "Vol: wachtlijst", "Geannuleerd") if taal == "nl" else ("Provisional", "Not confirmed", "€ 2.50", "Full")
    for label in labels + ("Ziek", "Huiskamer &lt;Oost&gt; &amp; Co", "Koffie &amp; taart"):
        assert label in html
    assert ("m van u (hemelsbreed)" in html or "m from you" in html) == (hier is not None)


def test_rows_are_one_query_and_none_for_a_refused_filter(week, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = programma.rows(week)
    assert [row["datum"] for row in rows] == [timezone.localtime(b.start).date() for b in week]
    assert programma.rows(week.none()) == []
