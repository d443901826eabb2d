"""The annual figures of a gemeente's places for its officials
(``/gemeente/<code>/jaarverslag/``): every published place in the gemeente side by side
for a year or a period, the same headline figures the boards see in their annual
report, as a table and as a CSV for Dutch Excel. Another gemeente answers 403, as the
rest of the dashboard does."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from locaties.models import Locatie

from ..beheer.views_jaarverslag import _excel, _periode, _query
from ..verslag import verslag_for_locaties
from .views import _gemeente_for


def _plekken(gemeente):
    return Locatie.objects.published().filter(buurt__gemeente=gemeente).select_related("beheerder").order_by("naam", "pk")


def _kolommen():
    return [
        (_("Place"), lambda c: c.locatie.naam if c.locatie else _("All places together")),
        (_("Organisation"), lambda c: c.locatie.beheerder.naam if c.locatie else ""),
        (_("Activities held"), lambda c: c.activiteiten),
        (_("Dates held"), lambda c: c.gehouden),
        (_("Dates cancelled"), lambda c: c.geannuleerd),
        (_("Attendance recorded"), lambda c: c.aanwezigen),
        (_("Dates held without attendance recorded"), lambda c: c.zonder_opkomst),
        (_("Registrations confirmed"), lambda c: c.aanmeldingen_bevestigd),
        (_("Volunteers active"), lambda c: c.vrijwilligers),
        (_("Volunteer hours"), lambda c: c.vrijwilligersuren),
        (_("Rental dates"), lambda c: c.verhuringen),
        (_("Rental income (€)"), lambda c: c.opbrengst),
    ]


@login_required
def jaarverslag(request, code):
    """The gemeente's places side by side for the period, last calendar year by default."""
    gemeente = _gemeente_for(request, code)
    form, van, tot = _periode(request)
    context = {"gemeente": gemeente, "form": form}
    if van is None:
        return render(request, "ontmoeting/dashboard/jaarverslag.html", context, status=400)
    verslag = verslag_for_locaties(locaties=_plekken(gemeente), van=van, tot=tot, ruimtes=False)
    return render(request, "ontmoeting/dashboard/jaarverslag.html", {
        **context, "verslag": verslag, "query": _query(van, tot),
    })


@login_required
def jaarverslag_csv(request, code):
    """The same table as CSV for Dutch Excel: semicolons, decimal commas, a byte order mark."""
    gemeente = _gemeente_for(request, code)
    form, van, tot = _periode(request)
    if van is None:
        return HttpResponse(_("Choose a valid period."), status=400, content_type="text/plain; charset=utf-8")
    verslag = verslag_for_locaties(locaties=_plekken(gemeente), van=van, tot=tot, ruimtes=False)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="jaarverslag-{gemeente.code}-{van.isoformat()}-{tot.isoformat()}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    kolommen = _kolommen()
    writer.writerow([label for label, _value in kolommen])
    for cijfers in [*verslag.plekken, verslag.totaal]:
        writer.writerow([_excel(value(cijfers)) for _label, value in kolommen])
    return response


urlpatterns = [
    path("<str:code>/jaarverslag/", jaarverslag, name="jaarverslag"),
    path("<str:code>/jaarverslag.csv", jaarverslag_csv, name="jaarverslag-csv"),
]
