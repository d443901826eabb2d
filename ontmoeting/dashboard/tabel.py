"""The dashboard's buurt table: its columns, sort links, and the buurten grouped per wijk.

A large gemeente's table is too big for one page (Amsterdam: 519 buurten, ~880 KiB of
HTML): above ``INLINE_BUURTEN`` buurten the dashboard shows each wijk folded with a link
to its buurten (``views_wijk``), which the page's script loads into the wijk when it is
opened; without a script the link opens them as a page of their own.
"""

from __future__ import annotations

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from ..dekking import selectors

#: Up to this many buurten the dashboard shows every wijk's buurten in the page itself.
INLINE_BUURTEN = 60

# The thresholds as the table's narrow column names them (the legend explains them).
DREMPEL_KORT = {
    "aandeel_65plus_400": _lazy("65+ ≤400"),
    "locaties_per_10000": _lazy("places/10,000"),
    "jongeren_800": _lazy("youth ≤800"),
}

# The buurt table's columns: sort key, short heading, and the explanation the legend
# above the table gives (and each heading points to with aria-describedby).
COLUMNS = [
    ("naam", _lazy("Buurt"), _lazy("Name of the buurt; select it for the buurt's page.")),
    ("inwoners", _lazy("Res."), _lazy("Residents")),
    ("inwoners_65plus", _lazy("65+"), _lazy("Residents aged 65 and over")),
    ("aandeel_400", _lazy("All ≤400"), _lazy("Share of all residents within 400 m of a meeting place")),
    ("aandeel_65plus_400", _lazy("65+ ≤400"), _lazy("Share of residents aged 65+ within 400 m of a meeting place; its colour and pattern are the map's")),
    ("aandeel_65plus_800", _lazy("65+ ≤800"), _lazy("Share of residents aged 65+ within 800 m of a meeting place")),
    ("niet_gedekt_65plus_400", _lazy("65+ >400"), _lazy("Number of residents aged 65+ not within 400 m")),
    ("locaties_in_buurt", _lazy("Places"), _lazy("Meeting places in the buurt that count")),
    ("activiteiten_800", _lazy("Act. ≤800"), _lazy("Activities per week within 800 m")),
    ("inloop_uren_400", _lazy("Inloop ≤400"), _lazy("Hours of open inloop per week within 400 m")),
    ("wensen_open", _lazy("Wishes"), _lazy("Open wishes of residents")),
]


def mark_thresholds(rows) -> None:
    """The thresholds each buurt is under, for the gaps list (``onder``, ``gat_tekst``)
    and the table's narrow column (``onder_kort``)."""
    for row in rows:
        n = row.niet_gedekt_65plus_400
        row.gat_tekst = ngettext(
            "%(n)s resident aged 65+ not within 400 m", "%(n)s residents aged 65+ not within 400 m", n
        ) % {"n": n}
        row.onder = [selectors.DREMPEL_LABELS[key] for key, ok in row.toets.items() if ok is False]
        row.onder_kort = [DREMPEL_KORT[key] for key, ok in row.toets.items() if ok is False]


def sort_links(sort: str, descending: bool, *, base: str | None = "") -> list[dict]:
    """The columns with the link that sorts by each (the other way round for the current
    one); ``base`` is the page the links go to (None: no table on this page)."""
    links = []
    for key, label, uitleg in COLUMNS:
        current = key == sort
        next_dir = "asc" if current and descending else ("desc" if current else "asc")
        url = None if base is None else f"{base}?{urlencode({'sort': key, 'dir': next_dir})}#tabel"
        links.append({"key": key, "label": label, "uitleg": uitleg, "current": current,
                      "descending": descending, "url": url})
    return links


def wijk_groepen(dekking: selectors.GemeenteDekking, *, rows: bool = True) -> list[dict]:
    """The buurt rows per wijk (wijken by name), each wijk's rows in the table's order,
    its totals and its number of buurten; without the rows when ``rows`` is false."""
    groepen: dict[int, dict] = {}
    for row in dekking.rows:
        wijk = row.buurt.wijk
        groep = groepen.setdefault(wijk.pk, {"wijk": wijk, "rows": [], "aantal": 0})
        groep["aantal"] += 1
        if rows:
            groep["rows"].append(row)
    totalen = {w.naam: w for w in dekking.wijken}
    result = sorted(groepen.values(), key=lambda g: (g["wijk"].naam.lower(), g["wijk"].code))
    for groep in result:
        groep["totaal"] = totalen.get(groep["wijk"].naam)
    return result
