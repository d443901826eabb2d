"""The annual report for the board: an organisation's figures for a year or any period,
per place and in total, as a page, as a CSV for Dutch Excel and as a PDF (one page per
place after the summary).

The period is in the query string (``?van=YYYY-MM-DD&tot=YYYY-MM-DD``, both days
included, or ``?jaar=YYYY``); without one it is last calendar year. Only the board
opens it (``locaties.change_organisatie``): it holds the rental income. Another
organisation answers 404.
"""

from __future__ import annotations

import csv
import functools
from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.links import absolute_url

from .. import access
from ..dashboard.grafieken import staafdiagram
from ..verslag import verslag_for_organisatie, vorig_kalenderjaar, vorige_periode
from ..verslag_uitvoer import rijen, subsidie_tekst, subsidie_vragen, xlsx_response
from .forms import DATE
from .views import _context, _organisatie

LANGSTE_PERIODE = timedelta(days=5 * 366)


class PeriodeForm(forms.Form):
    """A year, or a period from one day to another (both included)."""

    jaar = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("A whole calendar year; or leave empty and choose the days below."),
    )
    van = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE)
    tot = forms.DateField(label=gettext_lazy("To (included)"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        jaar, van, tot = data.get("jaar"), data.get("van"), data.get("tot")
        if jaar:
            if van or tot:
                raise forms.ValidationError(_("Choose a year or a period, not both."))
            data["van"], data["tot"] = date(jaar, 1, 1), date(jaar, 12, 31)
            return data
        if not van or not tot:
            if not van:
                self.add_error("van", _("Enter the first day of the period."))
            if not tot:
                self.add_error("tot", _("Enter the last day of the period."))
            return data
        if tot < van:
            self.add_error("tot", _("The last day comes before the first day."))
        elif tot - van > LANGSTE_PERIODE:
            self.add_error("tot", _("Choose a period of at most five years."))
        return data


def _periode(request):
    """(form, van, tot): the period the query string names, last calendar year without
    one; van and tot are None when the form has errors."""
    if not any(request.GET.get(name) for name in ("jaar", "van", "tot")):
        van, tot = vorig_kalenderjaar(timezone.localdate())
        return PeriodeForm(initial={"van": van, "tot": tot}), van, tot
    form = PeriodeForm(request.GET)
    if not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["van"], form.cleaned_data["tot"]


def _query(van, tot) -> str:
    return f"?van={van.isoformat()}&tot={tot.isoformat()}"


@login_required
def jaarverslag(request, org):
    """The figures of the period, per place and for the whole organisation."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    form, van, tot = _periode(request)
    if van is None:
        return render(request, "beheer/jaarverslag.html", _context(organisatie, "jaarverslag", form=form), status=400)
    verslag = verslag_for_organisatie(organisatie=organisatie, van=van, tot=tot)
    for c in [verslag.totaal, *verslag.plekken]:
        c.grafiek_doelgroepen = staafdiagram([(label, n) for label, n, _aanwezig in c.doelgroepen_bereikt])
        c.grafiek_taken = staafdiagram(c.taken)
    vorig_van, vorig_tot = vorige_periode(van, tot)
    vorig = verslag_for_organisatie(organisatie=organisatie, van=vorig_van, tot=vorig_tot, ruimtes=False)
    return render(request, "beheer/jaarverslag.html", _context(
        organisatie, "jaarverslag", form=form, verslag=verslag, query=_query(van, tot),
        vorig=vorig, vergelijking=_vergelijking(verslag.totaal, vorig.totaal),
        subsidie=(vragen := subsidie_vragen(verslag.totaal)), subsidie_tekst=subsidie_tekst(vragen),
    ))


def onjuiste_periode() -> HttpResponse:
    """The answer of an export to a wrong period."""
    return HttpResponse(_("Choose a valid period."), status=400, content_type="text/plain; charset=utf-8")


def _download(view):
    """An export of the report: the board's permission first, then the period (400 when
    it is wrong), then ``view(request, organisatie, verslag)``."""
    @login_required
    @functools.wraps(view)
    def wrapper(request, org):
        organisatie = _organisatie(request, org)
        access.check(request, organisatie)
        _form, van, tot = _periode(request)
        if van is None:
            return onjuiste_periode()
        return view(request, organisatie, verslag_for_organisatie(organisatie=organisatie, van=van, tot=tot))
    return wrapper


def _vergelijking(nu, vorig) -> list[tuple]:
    """(label, this period, the previous one, the difference) per headline figure; no
    difference where either is not known."""
    vergelijking = []
    for (label, waarde), (_label, eerder) in zip(rijen(nu), rijen(vorig), strict=True):
        getallen = all(isinstance(v, int | Decimal) for v in (waarde, eerder))
        vergelijking.append((label, waarde, eerder, waarde - eerder if getallen else None))
    return vergelijking


def _excel(value) -> str:
    """A value as Dutch Excel reads it: a decimal comma, empty when not known."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value}".replace(".", ",")
    return str(value)


@_download
def jaarverslag_csv(request, organisatie, verslag):
    """The report as CSV for Dutch Excel: semicolons, decimal commas, a byte order mark;
    one column per place and one for the organisation."""
    van, tot = verslag.van, verslag.tot
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="jaarverslag-{organisatie.slug}-{van.isoformat()}-{tot.isoformat()}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    kolommen = [*verslag.plekken, verslag.totaal]
    writer.writerow([_("Period"), f"{van.isoformat()} – {tot.isoformat()}"])
    writer.writerow([_("Figure"), *[c.locatie.naam if c.locatie else _("Whole organisation") for c in kolommen]])
    per_kolom = [rijen(c) for c in kolommen]
    for i, (label, _value) in enumerate(per_kolom[-1]):
        writer.writerow([label, *[_excel(rijen[i][1]) for rijen in per_kolom]])
    for c in verslag.plekken:
        for ruimte, gebruik in c.ruimtes:
            writer.writerow([
                _("Room use: %(plek)s, %(ruimte)s (hours occupied; hours open)") % {
                    "plek": c.locatie.naam, "ruimte": ruimte.naam},
                _excel(gebruik.bezet_uren), _excel(gebruik.open_uren),
            ])
    return response


@_download
def jaarverslag_xlsx(request, organisatie, verslag):
    """The report as an XLSX spreadsheet, numbers as numbers: the figures with a column
    per place and one for the organisation, then a sheet per breakdown and the answers
    for the subsidy form."""
    van, tot = verslag.van, verslag.tot
    kolommen = [*verslag.plekken, verslag.totaal]
    per_kolom = [rijen(c) for c in kolommen]
    cijfers = [[_("Figure"), *[c.locatie.naam if c.locatie else _("Whole organisation") for c in kolommen]]]
    cijfers += [[label, *[r[i][1] for r in per_kolom]] for i, (label, _v) in enumerate(per_kolom[-1])]
    plek = _("Place")
    bladen = [
        (_("Figures"), [[_("Period"), van, tot], *cijfers]),
        (_("Audiences"), [[plek, _("Audience"), _("Dates held"), _("Attendance recorded")],
                          *[[c.locatie.naam, *row] for c in verslag.plekken for row in c.doelgroepen_bereikt]]),
        (_("Tenants"), [[plek, _("Tenant category"), _("Rental dates"), _("Rental income (€)")],
                        *[[c.locatie.naam, *row] for c in verslag.plekken for row in c.huurders]]),
        (_("Tasks"), [[plek, _("Task"), _("Volunteer hours")],
                      *[[c.locatie.naam, *row] for c in verslag.plekken for row in c.taken]]),
        (_("Rooms"), [[plek, _("Room"), _("Hours occupied"), _("Hours open")],
                      *[[c.locatie.naam, r.naam, g.bezet_uren, g.open_uren] for c in verslag.plekken
                        for r, g in c.ruimtes]]),
        (_("Subsidy"), [[_("Question"), _("Answer")], *subsidie_vragen(verslag.totaal)]),
    ]
    return xlsx_response(bladen=bladen, bestandsnaam=f"jaarverslag-{organisatie.slug}-{van.isoformat()}-{tot.isoformat()}.xlsx")


def pdf_html(request, organisatie, verslag) -> str:
    """The HTML WeasyPrint lays out: the summary, then a page per place."""
    return render_to_string("beheer/jaarverslag_pdf.html", {
        "organisatie": organisatie, "verslag": verslag, "gemaakt": timezone.localtime(),
        "totaal_rijen": rijen(verslag.totaal), "subsidie": subsidie_vragen(verslag.totaal),
        "plekken": [(c, rijen(c)) for c in verslag.plekken],
    }, request=request)


@_download
def jaarverslag_pdf(request, organisatie, verslag):
    """The report on A4: the summary first, then one page per place."""
    van, tot = verslag.van, verslag.tot
    from weasyprint import CSS, HTML  # noqa: PLC0415 heavy: loaded only for a PDF

    html = pdf_html(request, organisatie, verslag)
    style = CSS(filename=finders.find("beheer/jaarverslag.css"))
    pdf = HTML(string=html, base_url=absolute_url("/")).write_pdf(stylesheets=[style])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="jaarverslag-{organisatie.slug}-{van.isoformat()}-{tot.isoformat()}.pdf"'
    )
    return response


urlpatterns = [
    path("<slug:org>/jaarverslag/", jaarverslag, name="jaarverslag"),
    path("<slug:org>/jaarverslag.csv", jaarverslag_csv, name="jaarverslag-csv"),
    path("<slug:org>/jaarverslag.pdf", jaarverslag_pdf, name="jaarverslag-pdf"),
    path("<slug:org>/jaarverslag.xlsx", jaarverslag_xlsx, name="jaarverslag-xlsx"),
]
