"""Query parameters of the site's pages: the week shown and the filters.

The pages filter through the same FilterSets as the API (``BijeenkomstFilter``) with the
same parameter names, so every filtered view is a URL to share, print or subscribe to.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activiteiten.constants import Categorie, Doelgroep
from activiteiten.filters import DAGDELEN, BijeenkomstFilter
from activiteiten.selectors import bijeenkomsten_met_voorbehoud
from core.dates import parse_date_in_range
from core.filters import apply_filterset

# The filters a resident can set on the buurt page and the agenda.
FILTER_PARAMS = ["dagdeel", "categorie", "doelgroep", "gratis", "aanmeldingNodig", "openInloop", "toegankelijkheid"]
# The agenda adds distance from a postcode.
AGENDA_PARAMS = FILTER_PARAMS + ["postcode", "straal", "gemeente"]
STRALEN = [
    ("400", gettext_lazy("400 m")),
    ("800", gettext_lazy("800 m")),
    ("1500", gettext_lazy("1.5 km")),
]
# Single checkboxes: (parameter, value sent, label).
ALLEEN = [
    ("gratis", "true", gettext_lazy("Free")),
    ("aanmeldingNodig", "false", gettext_lazy("No need to sign up")),
    ("toegankelijkheid", "drempelvrij", gettext_lazy("Wheelchair accessible (no steps)")),
    ("openInloop", "true", gettext_lazy("Only open inloop (walk in, a host is there)")),
]


# What the embedded programme (``site/embed.html``) shows of an occurrence; only these are loaded.
BIJEENKOMST_VELDEN = [
    "start", "eind", "geannuleerd", "notitie",
    "activiteit__slug", "activiteit__titel", "activiteit__soort", "activiteit__kosten",
    "activiteit__aanmelding", "activiteit__capaciteit", "activiteit__locatie__naam",
    "activiteit__locatie__slug", "activiteit__locatie__lat", "activiteit__locatie__lon",
    "activiteit__laatst_bevestigd", "activiteit__aangemaakt",  # Activiteit.niet_recent_bevestigd
]
# Occurrences per page of the agenda (a page holds part of a week).
PER_PAGINA = 50


def for_list(bijeenkomsten):
    """``bijeenkomsten`` with only what a programme list shows (no buurt, room or descriptions)."""
    return bijeenkomsten.select_related(None).select_related("activiteit__locatie").only(*BIJEENKOMST_VELDEN)


def page_of(request, bijeenkomsten, maandag: date, per_pagina: int | None = None, *, rows=list) -> tuple[list, dict]:
    """Page ``?pagina=N`` (default 1) of the week's occurrences, in one query (one row more
    than a page tells whether a next page exists); (occurrences, links to the previous and
    next page keeping the filters and the week, "" where there is none). ``rows`` reads
    the sliced queryset (``programma.rows`` for a programme list)."""
    try:
        nummer = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        nummer = 1
    per_pagina = per_pagina or PER_PAGINA
    begin = (nummer - 1) * per_pagina
    gelezen = rows(bijeenkomsten[begin:begin + per_pagina + 1])
    meer = len(gelezen) > per_pagina

    def link(n):
        query = request.GET.copy()
        query["week"] = maandag.isoformat()
        query["pagina"] = str(n)
        if n == 1:
            del query["pagina"]
        return "?" + query.urlencode()

    return gelezen[:per_pagina], {
        "nummer": nummer,
        "vorige": link(nummer - 1) if nummer > 1 else "",
        "volgende": link(nummer + 1) if meer else "",
    }


def week_start(request) -> tuple[date, list[str]]:
    """The Monday of the week asked for (``?week=YYYY-MM-DD``, any day of it), default this week."""
    errors = []
    today = timezone.localdate()
    day = today
    raw = request.GET.get("week", "")
    if raw:
        try:
            day = parse_date_in_range(raw)
        except ValueError:
            errors.append(_("This week does not exist; you see this week."))
    return day - timedelta(days=day.weekday()), errors


def selected(request, names) -> QueryDict:
    """Only the known filter parameters of the request, empty values dropped."""
    query = QueryDict(mutable=True)
    for name in names:
        values = [value for value in request.GET.getlist(name) if value.strip()]
        if values:
            query.setlist(name, values)
    return query


def filter_bijeenkomsten(queryset, params: QueryDict, *, van: date, tot: date):
    """``queryset`` through ``BijeenkomstFilter`` for ``[van, tot]``, each occurrence saying
    whether it is ``onder_voorbehoud``; (queryset, errors by field)."""
    data = params.copy()
    data["van"], data["tot"] = van.isoformat(), tot.isoformat()
    try:
        return bijeenkomsten_met_voorbehoud(apply_filterset(BijeenkomstFilter, data, queryset)), {}
    except ValidationError as error:
        return queryset.none(), error.message_dict


def filter_context(params: QueryDict) -> dict:
    """What the filter form needs to show the choices and which are set."""

    def group(name, choices):
        chosen = params.getlist(name)
        return [{"value": value, "label": label, "checked": value in chosen} for value, label in choices]

    return {
        "dagdelen": group("dagdeel", DAGDELEN),
        "categorieen": group("categorie", Categorie.choices),
        "doelgroepen": group("doelgroep", Doelgroep.choices),
        "alleen": [
            {"name": name, "value": value, "label": label, "checked": value in params.getlist(name)}
            for name, value, label in ALLEEN
        ],
        "stralen": group("straal", STRALEN),
        "postcode": params.get("postcode", ""),
        "actief": bool(params),
        "aantal": sum(len(params.getlist(name)) for name in ("dagdeel", "categorie", "doelgroep"))
        + sum(1 for name, value, _label in ALLEEN if value in params.getlist(name))
        + (1 if params.get("postcode") else 0),
    }


def _local_day(bijeenkomst) -> date:
    return timezone.localtime(bijeenkomst.start).date()


def days_of_week(maandag: date, bijeenkomsten, *, datum=_local_day) -> list[dict]:
    """Seven days from ``maandag``, each with its occurrences (already in order of start);
    ``datum`` gives an occurrence's local day (``programma.datum_van`` for rows)."""
    days = [{"datum": maandag + timedelta(days=n), "bijeenkomsten": []} for n in range(7)]
    for bijeenkomst in bijeenkomsten:
        index = (datum(bijeenkomst) - maandag).days
        if 0 <= index < 7:
            days[index]["bijeenkomsten"].append(bijeenkomst)
    return days


def week_links(request, maandag: date) -> dict:
    """Query strings of the previous, this and the next week, keeping the other parameters."""

    def link(day):
        query = request.GET.copy()
        query["week"] = day.isoformat()
        query.pop("pagina", None)
        return "?" + query.urlencode()

    return {
        "vorige": link(maandag - timedelta(days=7)),
        "volgende": link(maandag + timedelta(days=7)),
        "zondag": maandag + timedelta(days=6),
    }
