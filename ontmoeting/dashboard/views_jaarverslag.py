"""The annual figures of a gemeente's places for its officials
(``/gemeente/<code>/jaarverslag/``): every published place in the gemeente side by side
for a year or a period, the same headline figures the boards see in their annual
report, beside each place's unique coverage (the residents and 65+ within 400 m whom
only it covers). A table sortable by any column (``?sorteer=``, ``-`` first for
descending, no JavaScript), and as CSV for Dutch Excel, XLSX and PDF. Another gemeente
answers 403, as the rest of the dashboard does."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import absolute_url
from locaties.models import Locatie

from ..beheer.views_jaarverslag import _excel, _periode, _query, onjuiste_periode
from ..dekking.whatif import uniek_bereik_per_locatie
from ..verslag import verslag_for_locaties
from ..verslag_uitvoer import xlsx_response
from .grafieken import staafdiagram
from .views import _gemeente_for


def _plekken(gemeente):
    return Locatie.objects.published().filter(buurt__gemeente=gemeente).select_related("beheerder").order_by("naam", "pk")


def _uniek(c, i):
    return None if c.uniek_bereik is None else c.uniek_bereik[i]


def kolommen():
    """(key for ?sorteer=, label, value) per column of the table and the exports."""
    return [
        ("plek", _("Place"), lambda c: c.locatie.naam if c.locatie else _("All places together")),
        ("organisatie", _("Organisation"), lambda c: c.locatie.beheerder.naam if c.locatie else ""),
        ("activiteiten", _("Activities held"), lambda c: c.activiteiten),
        ("gehouden", _("Dates held"), lambda c: c.gehouden),
        ("geannuleerd", _("Dates cancelled"), lambda c: c.geannuleerd),
        ("inloop", _("Open inloop hours held"), lambda c: c.inloop_uren),
        ("aanwezigen", _("Attendance recorded"), lambda c: c.aanwezigen),
        ("zonder_opkomst", _("Dates held without attendance recorded"), lambda c: c.zonder_opkomst),
        ("aanmeldingen", _("Registrations confirmed"), lambda c: c.aanmeldingen_bevestigd),
        ("vrijwilligers", _("Volunteers active"), lambda c: c.vrijwilligers),
        ("uren", _("Volunteer hours"), lambda c: c.vrijwilligersuren),
        ("verhuringen", _("Rental dates"), lambda c: c.verhuringen),
        ("opbrengst", _("Rental income (€)"), lambda c: c.opbrengst),
        ("open", _("Opening hours per week (now)"), lambda c: c.openingsuren_per_week),
        ("wensen", _("Wishes received from the buurt"), lambda c: c.wensen_ontvangen),
        ("uniek", _("Residents only this place covers (400 m)"), lambda c: _uniek(c, 0)),
        ("uniek_65", _("Residents 65+ only this place covers (400 m)"), lambda c: _uniek(c, 1)),
    ]


def _verslag(request, gemeente, van, tot):
    """The places' figures with their unique coverage, sorted as ``?sorteer=`` asks
    (by name otherwise; a column not known sorts last)."""
    verslag = verslag_for_locaties(locaties=_plekken(gemeente), van=van, tot=tot, ruimtes=False)
    uniek = uniek_bereik_per_locatie(gemeente=gemeente)
    totaal = [0, 0]
    for c in verslag.plekken:
        c.uniek_bereik = uniek.get(c.locatie.pk)
        for i, n in enumerate(c.uniek_bereik or (0, 0)):
            totaal[i] += n
    verslag.totaal.uniek_bereik = tuple(totaal)
    sorteer = request.GET.get("sorteer", "")
    sleutel, aflopend = sorteer.removeprefix("-"), sorteer.startswith("-")
    waarde = dict((key, value) for key, _label, value in kolommen()).get(sleutel)
    if waarde is not None and sleutel != "plek":
        bekend = [c for c in verslag.plekken if waarde(c) is not None]
        onbekend = [c for c in verslag.plekken if waarde(c) is None]
        verslag.plekken = sorted(bekend, key=waarde, reverse=aflopend) + onbekend
    elif sleutel == "plek" and aflopend:
        verslag.plekken.reverse()
    else:
        sleutel, aflopend = "plek", False
    return verslag, sleutel, aflopend


@login_required
def jaarverslag(request, code):
    """The gemeente's places side by side for the period, last calendar year by default."""
    gemeente = _gemeente_for(request, code)
    form, van, tot = _periode(request)
    context = {"gemeente": gemeente, "form": form}
    if van is None:
        return render(request, "ontmoeting/dashboard/jaarverslag.html", context, status=400)
    verslag, sleutel, aflopend = _verslag(request, gemeente, van, tot)
    query = _query(van, tot)
    koppen = [
        {"label": label, "sleutel": key, "aria": ("descending" if aflopend else "ascending") if key == sleutel else "",
         "href": f"{query}&sorteer={'-' if key == sleutel and not aflopend else ''}{key}"}
        for key, label, _value in kolommen() if key != "organisatie"
    ]
    waarden = [value for key, _label, value in kolommen() if key not in ("plek", "organisatie")]
    return render(request, "ontmoeting/dashboard/jaarverslag.html", {
        **context, "verslag": verslag, "query": query,
        "tabel": [(c, [value(c) for value in waarden]) for c in verslag.plekken],
        "totaal": [value(verslag.totaal) for value in waarden],
        "uniek_rijen": (uniek_rijen := [(c.locatie.naam, *c.uniek_bereik) for c in verslag.plekken if c.uniek_bereik]),
        "grafiek_uniek": staafdiagram([row[:2] for row in uniek_rijen]),
        "sorteer": f"&sorteer={'-' if aflopend else ''}{sleutel}", "koppen": koppen,
    })


def _export(request, code):
    gemeente = _gemeente_for(request, code)
    form, van, tot = _periode(request)
    if van is None:
        return gemeente, None, None, None
    verslag, _sleutel, _aflopend = _verslag(request, gemeente, van, tot)
    return gemeente, van, tot, verslag


@login_required
def jaarverslag_csv(request, code):
    """The same table as CSV for Dutch Excel: semicolons, decimal commas, a byte order mark."""
    gemeente, van, tot, verslag = _export(request, code)
    if verslag is None:
        return onjuiste_periode()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="jaarverslag-{gemeente.code}-{van.isoformat()}-{tot.isoformat()}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([label for _key, label, _value in kolommen()])
    for cijfers in [*verslag.plekken, verslag.totaal]:
        writer.writerow([_excel(value(cijfers)) for _key, _label, value in kolommen()])
    return response


@login_required
def jaarverslag_xlsx(request, code):
    """The same table as XLSX, numbers as numbers; empty where a figure is not known."""
    gemeente, van, tot, verslag = _export(request, code)
    if verslag is None:
        return onjuiste_periode()
    rows = [[label for _key, label, _value in kolommen()]]
    rows += [[value(c) for _key, _label, value in kolommen()] for c in [*verslag.plekken, verslag.totaal]]
    return xlsx_response(bladen=[(gemeente.naam, rows)],
                         bestandsnaam=f"jaarverslag-{gemeente.code}-{van.isoformat()}-{tot.isoformat()}.xlsx")


@login_required
def jaarverslag_pdf(request, code):
    """The same table on A4 landscape, with the period and the sources."""
    gemeente, van, tot, verslag = _export(request, code)
    if verslag is None:
        return onjuiste_periode()
    from weasyprint import CSS, HTML  # noqa: PLC0415 heavy: loaded only for a PDF

    html = pdf_html(request, gemeente, verslag)
    stijl = [CSS(filename=finders.find("beheer/jaarverslag.css")), CSS(string="@page { size: A4 landscape; }")]
    response = HttpResponse(HTML(string=html, base_url=absolute_url("/")).write_pdf(stylesheets=stijl),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="jaarverslag-{gemeente.code}-{van.isoformat()}-{tot.isoformat()}.pdf"'
    return response


def pdf_html(request, gemeente, verslag) -> str:
    """The HTML WeasyPrint lays out for the gemeente's table."""
    kolom = kolommen()
    return render_to_string("ontmoeting/dashboard/jaarverslag_pdf.html", {
        "gemeente": gemeente, "verslag": verslag, "gemaakt": timezone.localtime(),
        "koppen": [label for _key, label, _value in kolom],
        "rijen": [[value(c) for _key, _label, value in kolom] for c in [*verslag.plekken, verslag.totaal]],
    }, request=request)


urlpatterns = [
    path("<str:code>/jaarverslag/", jaarverslag, name="jaarverslag"),
    path("<str:code>/jaarverslag.csv", jaarverslag_csv, name="jaarverslag-csv"),
    path("<str:code>/jaarverslag.xlsx", jaarverslag_xlsx, name="jaarverslag-xlsx"),
    path("<str:code>/jaarverslag.pdf", jaarverslag_pdf, name="jaarverslag-pdf"),
]
