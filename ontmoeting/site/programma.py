"""The rows of a programme list (``site/_bijeenkomsten.html``), prepared once per page.

The home page, the agenda and the buurt page list a week of occurrences, up to a few
hundred on a page. Rendered from model instances, each through two includes, ``{% url %}``
and half a dozen ``{% translate %}``, the list was two thirds of the busiest buurt page's
time (bench/README.md, issue 16). Here the occurrences are read as rows (``.values()``,
no model instances) and each row gets its texts made in Python: the clock times, the
activity's URL, the labels (translated once per page), the voorbehoud texts and the
distance. The template only places them, escaping as always.
"""

from operator import itemgetter
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten.constants import AanmeldingNodig, ActiviteitSoort
from locaties.filters import distance_m

# What a programme list shows of an occurrence; only these are read.
VELDEN = (
    "start", "eind", "geannuleerd", "notitie", "vol", "onder_voorbehoud", "niet_recent_bevestigd",
    "activiteit__slug", "activiteit__titel", "activiteit__soort", "activiteit__kosten",
    "activiteit__aanmelding", "activiteit__locatie__naam", "activiteit__locatie__slug",
    "activiteit__locatie__lat", "activiteit__locatie__lon",
)
# Read too when the queryset has them (``vrijwilligers.selectors.bijeenkomsten_with_gastvrouw``).
GASTVROUW = ("gastvrouw_aanwezig", "gastvrouw_voornaam")
# The local day of a row, for ``params.days_of_week``.
datum_van = itemgetter("datum")


def rows(bijeenkomsten, *, hier: tuple[float, float] | None = None) -> list[dict]:
    """The occurrences of ``bijeenkomsten`` (a queryset of ``bijeenkomst_list_public``
    through ``bijeenkomsten_met_voorbehoud``) as the rows a programme list renders, in
    one query. With ``hier`` (a point) each row says how far its place is, in a straight
    line rounded to 10 m."""
    if bijeenkomsten.query.is_empty():  # ``.none()``, as after a refused filter: nothing to read
        return []
    teksten = {
        "waar": _("Where"), "geannuleerd": _("Cancelled"), "open_inloop": _("Open inloop: just walk in"),
        "gratis": _("Free"), "aanmelden": _("Sign up first"), "vol": _("Full: waiting list"),
        "voorbehoud": _("Provisional: school holidays not yet known"),
        "niet_bevestigd": _("Not confirmed recently"),
    }
    # One reverse() per page: a slug (SlugField, ASCII) is the same in the URL as reverse() makes it.
    voor_slug, na_slug = reverse("site:activiteit", args=["slug"]).rsplit("slug", 1)
    result = []
    gastvrouw = [name for name in GASTVROUW if name in bijeenkomsten.query.annotations]
    for row in bijeenkomsten.with_niet_recent_bevestigd().values(*VELDEN, *gastvrouw):
        start, eind = timezone.localtime(row["start"]), timezone.localtime(row["eind"])
        waar = f"{teksten['waar']}: {row['activiteit__locatie__naam']}"
        afstand_m = None
        if hier is not None:
            afstand_m = round(distance_m(hier, (row["activiteit__locatie__lat"], row["activiteit__locatie__lon"])), -1)
            waar += " · " + _("%(meters)s m from you (hemelsbreed)") % {"meters": f"{afstand_m:.0f}"}
        kosten = row["activiteit__kosten"]
        result.append({
            "start": start,
            "datum": start.date(),
            "tijd": f"{start:%H:%M}–{eind:%H:%M}",
            "url": f"{voor_slug}{row['activiteit__slug']}{na_slug}",
            "titel": row["activiteit__titel"],
            "geannuleerd": teksten["geannuleerd"] if row["geannuleerd"] else "",
            "voorbehoud": teksten["voorbehoud"] if row["onder_voorbehoud"] else "",
            "niet_bevestigd": teksten["niet_bevestigd"] if row["niet_recent_bevestigd"] else "",
            "waar": waar,
            "afstand_m": afstand_m,
            "gastvrouw": _gastvrouw(row),
            "open_inloop": teksten["open_inloop"] if row["activiteit__soort"] == ActiviteitSoort.OPEN_INLOOP else "",
            "kosten": kosten,
            "gratis": "" if kosten else teksten["gratis"],
            "aanmelden": teksten["aanmelden"] if row["activiteit__aanmelding"] == AanmeldingNodig.VERPLICHT else "",
            "vol": teksten["vol"] if row["vol"] else "",
            "notitie": row["notitie"],
            # The place, as ``kaart`` draws it.
            "locatie": SimpleNamespace(
                naam=row["activiteit__locatie__naam"], slug=row["activiteit__locatie__slug"],
                lat=row["activiteit__locatie__lat"], lon=row["activiteit__locatie__lon"],
            ),
        })
    return result


def _gastvrouw(row) -> str:
    """The label of a running open inloop whose host is there, with the host's first name if shown."""
    if not row.get("gastvrouw_aanwezig"):
        return ""
    if naam := row.get("gastvrouw_voornaam"):
        return _("Open inloop now, host present: %(naam)s") % {"naam": naam}
    return _("Open inloop now, host present")
