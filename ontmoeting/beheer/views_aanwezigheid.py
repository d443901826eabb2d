"""Attendance in the workspace: ticks per registrant of one date (besides the count), the
count of every date of a week of the organisation on one screen (one form, one POST), and
the attendance list of a date as a PDF to print, beside the CSV.

Attendance is recorded once a date has begun, never for a cancelled one; the services
(``bijeenkomst_registreer_presentie``, ``bijeenkomsten_registreer_aanwezigen``) say so.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten.constants import AanmeldingStatus
from activiteiten.recurrence import localise
from activiteiten.selectors import aanmelding_list_for_bijeenkomst, bijeenkomst_list_for_organisatie
from activiteiten.services import bijeenkomst_registreer_presentie, bijeenkomsten_registreer_aanwezigen
from core.links import absolute_url
from core.timezones import AMSTERDAM

from .. import access
from .forms import add_service_error
from .forms_aanwezigheid import AfvinkForm, WeekAanwezigenForm, veld
from .views import ACTIVE, _aanmeldingen_page, _bijeenkomst, _context, _dag, _organisatie, _week


@login_required
def afvinken(request, org, pk):
    """Tick who came, and count those who came without registering: the count becomes the
    people ticked plus those."""
    organisatie = _organisatie(request, org)
    bijeenkomst = _bijeenkomst(request, organisatie, pk)
    if request.method != "POST":
        return redirect("beheer:aanmeldingen", organisatie.slug, bijeenkomst.pk)
    bevestigde = list(aanmelding_list_for_bijeenkomst(bijeenkomst=bijeenkomst).filter(
        status=AanmeldingStatus.BEVESTIGD))
    form = AfvinkForm(request.POST, aanmeldingen=bevestigde)
    if form.is_valid():
        try:
            mensen, totaal = bijeenkomst_registreer_presentie(
                bijeenkomst=bijeenkomst, aanwezig=form.cleaned_data["aanwezig"],
                zonder_aanmelding=form.cleaned_data["zonder_aanmelding"],
            )
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            geregistreerd = sum(a.aantal for a in bevestigde)
            messages.success(request, ngettext(
                "Saved: %(n)d of %(registered)d registered came on %(day)s; %(total)d person in all.",
                "Saved: %(n)d of %(registered)d registered came on %(day)s; %(total)d people in all.",
                totaal,
            ) % {"n": mensen, "registered": geregistreerd, "day": _dag(bijeenkomst.start), "total": totaal})
            return redirect("beheer:aanmeldingen", organisatie.slug, bijeenkomst.pk)
    return _aanmeldingen_page(request, organisatie, bijeenkomst, afvink_form=form, status=400)


@login_required
def week(request, org):
    """Every date of the organisation in one week, with a box for its count: those begun
    and not cancelled. One form and one save; an empty box changes nothing."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    maandag = _week(request)
    van = localise(datetime.combine(maandag, datetime.min.time()))
    tot = localise(datetime.combine(maandag + timedelta(days=7), datetime.min.time()))
    rijen = list(bijeenkomst_list_for_organisatie(organisatie=organisatie, van=van, tot=tot))
    nu = timezone.now()
    open_ = [b for b in rijen if not b.geannuleerd and b.start <= nu]
    form = WeekAanwezigenForm(request.POST or None, bijeenkomsten=open_)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changed = [b for b in open_ if form.cleaned_data[veld(b)] is not None
                       and form.cleaned_data[veld(b)] != b.aanwezigen]
            try:
                bijeenkomsten_registreer_aanwezigen(aantallen={b: form.cleaned_data[veld(b)] for b in changed})
            except ValidationError as error:
                for b in changed:
                    if str(b.pk) in error.message_dict:
                        form.add_error(veld(b), error.message_dict[str(b.pk)])
            else:
                messages.success(request, ngettext(
                    "Saved: the attendance of %(n)d date.", "Saved: the attendance of %(n)d dates.", len(changed),
                ) % {"n": len(changed)} if changed else _("Nothing changed."))
                url = reverse("beheer:aanwezigheid", args=[organisatie.slug])
                return redirect(f"{url}?week={maandag:%Y-%m-%d}")
        status = 400
    dagen: dict = {}
    for bijeenkomst in rijen:
        local = timezone.localtime(bijeenkomst.start, AMSTERDAM)
        bijeenkomst.veld = form[veld(bijeenkomst)] if veld(bijeenkomst) in form.fields else None
        dagen.setdefault(local.date(), []).append(bijeenkomst)
    return render(request, "beheer/aanwezigheid_week.html", _context(
        organisatie, sectie="start", form=form, maandag=maandag, zondag=maandag + timedelta(days=6),
        vorige=maandag - timedelta(weeks=1), volgende=maandag + timedelta(weeks=1),
        dagen=sorted(dagen.items()), te_vullen=len(open_),
    ), status=status)


@login_required
def presentielijst_pdf(request, org, pk):
    """The attendance list of one date as a PDF to print: who is confirmed, then who waits,
    with a box to tick."""
    organisatie = _organisatie(request, org)
    bijeenkomst = _bijeenkomst(request, organisatie, pk)
    from weasyprint import CSS, HTML  # noqa: PLC0415 heavy: loaded only for a PDF

    aanmeldingen = list(aanmelding_list_for_bijeenkomst(bijeenkomst=bijeenkomst).filter(status__in=ACTIVE))
    html = render_to_string("beheer/presentielijst_pdf.html", {
        "organisatie": organisatie, "bijeenkomst": bijeenkomst, "activiteit": bijeenkomst.activiteit,
        "aanmeldingen": aanmeldingen,
        "bevestigd": sum(a.aantal for a in aanmeldingen if a.status == AanmeldingStatus.BEVESTIGD),
    }, request=request)
    style = CSS(filename=finders.find("beheer/presentielijst.css"))
    pdf = HTML(string=html, base_url=absolute_url("/")).write_pdf(stylesheets=[style])
    local = timezone.localtime(bijeenkomst.start, AMSTERDAM)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="presentielijst-{bijeenkomst.activiteit.slug}-{local:%Y-%m-%d}.pdf"'
    )
    return response
