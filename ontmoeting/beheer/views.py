"""The workspace's pages. Each view checks the permission ``ontmoeting.access`` declares
for its URL on the object the URL names, calls a selector or a service, and renders.

The organisation is always in the URL (``/beheer/<organisation>/…``): a person in several
organisations chooses on ``/beheer/``. A user who is not a member of the organisation in
the URL, or an object of another organisation, gets a 404: what one may not see, one does
not learn exists.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten.constants import AanmeldingStatus, ActiviteitStatus, Regio
from activiteiten.models import Aanmelding, Activiteit, Bijeenkomst
from activiteiten.recurrence import localise, schedule_in_words
from activiteiten.selectors import (
    aanmelding_list_for_bijeenkomst,
    activiteit_list_for_organisatie,
    activiteit_list_unconfirmed,
    bijeenkomst_list_for_organisatie,
    schedule_preview,
    schoolvakantie_regio_default,
    wens_list_waiting_near,
)
from activiteiten.services import (
    aanmelding_annuleer_door_organisator,
    aanmelding_create,
    aanmelding_doorschuif,
    activiteit_dupliceer,
    bijeenkomst_registreer_aanwezigen,
)
from core.timezones import AMSTERDAM
from locaties.models import Lidmaatschap, Locatie, Organisatie
from vrijwilligers.selectors import dienst_list_unfilled_for_organisatie

from .. import access
from ..accounts import gemeente_list_for_official
from ..rooster import (
    activiteit_create_met_diensten,
    activiteit_update_met_diensten,
    bijeenkomst_annuleer_met_diensten,
    bijeenkomst_verplaats_met_diensten,
)
from .forms import (
    AanwezigenForm,
    ActiviteitFilterForm,
    ActiviteitForm,
    AnnuleerForm,
    TelefonischeAanmeldingForm,
    VerplaatsForm,
    add_service_error,
)
from .forms_aanwezigheid import AfvinkForm

PER_PAGINA = 25
ACTIVE = (AanmeldingStatus.BEVESTIGD, AanmeldingStatus.WACHTLIJST)


# --- finding what the URL names, with the permission --------------------------------------


def _organisatie(request, org: str) -> Organisatie:
    """The organisation in the URL, if the user works in it (else 404)."""
    organisatie = get_object_or_404(Organisatie, slug=org)
    if not request.user.has_perm("locaties.use_workspace", organisatie):
        raise Http404
    return organisatie


def _owned(request, queryset, **lookup):
    """The object the URL names, of the organisation in the URL (else 404), once the user
    may open this page for it (else 403)."""
    obj = get_object_or_404(queryset, **lookup)
    access.check(request, obj)
    return obj


def _activiteit(request, organisatie: Organisatie, slug: str) -> Activiteit:
    return _owned(request, Activiteit.objects.select_related("locatie__buurt", "ruimte", "organisator"),
                  slug=slug, organisator=organisatie)


def _bijeenkomst(request, organisatie: Organisatie, pk: int) -> Bijeenkomst:
    return _owned(
        request, Bijeenkomst.objects.select_related("activiteit__locatie", "activiteit__organisator", "ruimte"),
        pk=pk, activiteit__organisator=organisatie,
    )


def _aanmelding(request, organisatie: Organisatie, pk: int) -> Aanmelding:
    return _owned(request, Aanmelding.objects.select_related("bijeenkomst__activiteit__organisator"),
                  pk=pk, bijeenkomst__activiteit__organisator=organisatie)


def _locaties(organisatie: Organisatie, *, plus: Locatie | None = None):
    """The places an organisation's activities can be at: its own (and the one given)."""
    condition = Q(beheerder=organisatie)
    if plus is not None:
        condition |= Q(pk=plus.pk)
    return Locatie.objects.filter(condition).select_related("buurt").order_by("naam")


def _dag(moment: datetime) -> str:
    """"Tuesday 9 December" in the current language, in Amsterdam time."""
    return date_format(timezone.localtime(moment, AMSTERDAM), "l j F")


def _dag_zin(moment: datetime) -> str:
    """``_dag`` to begin a sentence with: "Dinsdag 9 december"."""
    text = _dag(moment)
    return text[:1].upper() + text[1:]


def _context(organisatie: Organisatie, sectie: str = "activiteiten", **extra) -> dict:
    return {"organisatie": organisatie, "sectie": sectie, **extra}


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


# --- choosing the organisation, and the start page ---------------------------------------


@login_required
def kiezen(request):
    """Which organisation to work for; straight on when there is one."""
    access.check(request, None)
    lidmaatschappen = list(
        Lidmaatschap.objects.filter(user=request.user).select_related("organisatie").order_by("organisatie__naam")
    )
    if len(lidmaatschappen) == 1:
        return redirect("beheer:start", lidmaatschappen[0].organisatie.slug)
    return render(request, "beheer/kiezen.html", {
        "lidmaatschappen": lidmaatschappen,
        "gemeenten": [] if lidmaatschappen else list(gemeente_list_for_official(user=request.user)),
    })


def _week(request) -> date:
    """The Monday of the week asked for (``?week=YYYY-MM-DD``), else of this week."""
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = today
    if abs((day - today).days) > 366 * 2:
        day = today
    return day - timedelta(days=day.weekday())


@login_required
def start(request, org):
    """"Mijn plek": per place this week's occurrences with registrations against capacity
    and cancellations; below them what waits for an answer."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    maandag = _week(request)
    van = localise(datetime.combine(maandag, datetime.min.time()))
    tot = localise(datetime.combine(maandag + timedelta(days=7), datetime.min.time()))
    locaties = list(_locaties(organisatie))
    bijeenkomsten = list(bijeenkomst_list_for_organisatie(organisatie=organisatie, van=van, tot=tot))
    per_locatie = {locatie.pk: {"locatie": locatie, "bijeenkomsten": []} for locatie in locaties}
    for bijeenkomst in bijeenkomsten:
        locatie = bijeenkomst.activiteit.locatie
        per_locatie.setdefault(locatie.pk, {"locatie": locatie, "bijeenkomsten": []})
        per_locatie[locatie.pk]["bijeenkomsten"].append(bijeenkomst)
    weken = settings.ACTIVITEIT_BEVESTIG_WEKEN
    onbevestigd = activiteit_list_unconfirmed(organisatie=organisatie, weken=weken)
    wensen = wens_list_waiting_near(locaties=locaties)
    return render(request, "beheer/start.html", _context(
        organisatie, sectie="start",
        maandag=maandag, zondag=maandag + timedelta(days=6),
        vorige=maandag - timedelta(weeks=1), volgende=maandag + timedelta(weeks=1),
        plekken=list(per_locatie.values()),
        # Boards and managers run the places themselves (rooms, prices): the same role
        # for every place of the organisation.
        beheert_plekken=request.user.has_perm("locaties.add_locatie", organisatie),
        onbevestigd=list(onbevestigd[:10]), onbevestigd_aantal=onbevestigd.count(), weken=weken,
        wensen=list(wensen[:10]), wensen_aantal=wensen.count(),
        open_diensten=list(dienst_list_unfilled_for_organisatie(organisatie=organisatie, van=van, tot=tot)[:10]),
    ))


# --- activities ------------------------------------------------------------------------


@login_required
def activiteiten(request, org):
    """The organisation's activities, filtered by status, place and "not confirmed
    recently", a page at a time."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    locaties = _locaties(organisatie)
    form = ActiviteitFilterForm(request.GET or None, locaties=locaties)
    filters = form.cleaned_data if form.is_valid() else {}
    weken = settings.ACTIVITEIT_BEVESTIG_WEKEN
    rijen = activiteit_list_for_organisatie(
        organisatie=organisatie, status=filters.get("status", ""), locatie=filters.get("locatie"),
        niet_bevestigd_weken=weken if filters.get("niet_bevestigd") else None,
    )
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    regio_labels = dict(Regio.choices)
    grens = timezone.localdate() - timedelta(weeks=weken)
    for activiteit in pagina:
        activiteit.in_woorden = _in_woorden(activiteit, regio_labels)
        activiteit.niet_bevestigd = activiteit.status == ActiviteitStatus.GEPUBLICEERD and (
            activiteit.laatst_bevestigd is None or activiteit.laatst_bevestigd < grens)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "beheer/activiteiten.html", _context(
        organisatie, form=form, pagina=pagina, query=query.urlencode(), weken=weken,
    ))


def _in_woorden(activiteit: Activiteit, regio_labels: dict | None = None) -> str:
    regio_labels = regio_labels or dict(Regio.choices)
    return schedule_in_words(
        start=activiteit.start, duur=activiteit.duur, rrule=activiteit.rrule, einddatum=activiteit.einddatum,
        skip_feestdagen=activiteit.skip_feestdagen,
        regio_label=str(regio_labels.get(activiteit.skip_schoolvakantie, "")),
    )


def _preview(fields: dict) -> list:
    return schedule_preview(
        start=fields["start"], rrule=fields["rrule"], einddatum=fields["einddatum"],
        skip_feestdagen=fields["skip_feestdagen"], regio=fields["skip_schoolvakantie"],
    )


def _words_of(fields: dict) -> str:
    return schedule_in_words(
        start=fields["start"], duur=fields["duur"], rrule=fields["rrule"], einddatum=fields["einddatum"],
        skip_feestdagen=fields["skip_feestdagen"],
        regio_label=str(dict(Regio.choices).get(fields["skip_schoolvakantie"], "")),
    )


def _activiteit_form(request, organisatie: Organisatie, activiteit: Activiteit | None):
    """Create (``activiteit`` None) or change an activity; "Show the dates" (``voorbeeld``)
    shows the schedule in words and its next dates without saving."""
    locaties = _locaties(organisatie, plus=activiteit.locatie if activiteit else None)
    eerste = activiteit.locatie if activiteit else locaties.first()
    regio = schoolvakantie_regio_default(locatie=eerste) if eerste else ""
    initial = ActiviteitForm.initial_for(activiteit) if activiteit else {}
    form = ActiviteitForm(request.POST or None, initial=initial, locaties=locaties, regio_default=regio)
    context = _context(organisatie, activiteit=activiteit, form=form)
    if activiteit is not None and request.method != "POST":
        context.update(in_woorden=_in_woorden(activiteit), voorbeeld=_preview({
            "start": activiteit.start, "rrule": activiteit.rrule, "einddatum": activiteit.einddatum,
            "skip_feestdagen": activiteit.skip_feestdagen, "skip_schoolvakantie": activiteit.skip_schoolvakantie,
        }))
        if initial["patroon"] is None:
            context["eigen_schema"] = True
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = form.service_fields()
            context.update(in_woorden=_words_of(fields), voorbeeld=_preview(fields))
            if "voorbeeld" not in request.POST:
                try:
                    if activiteit is None:
                        activiteit = activiteit_create_met_diensten(organisator=organisatie, **fields)
                        messages.success(request, _("“%(titel)s” is saved.") % {"titel": activiteit.titel})
                    else:
                        result = activiteit_update_met_diensten(activiteit=activiteit, **fields)
                        messages.success(request, _saved_message(activiteit, result))
                except ValidationError as error:
                    add_service_error(form, error, ActiviteitForm.SERVICE_FIELDS)
                else:
                    return redirect("beheer:activiteit", organisatie.slug, activiteit.slug)
        if form.errors:
            status = 400
    return render(request, "beheer/activiteit_form.html", context, status=status)


def _saved_message(activiteit: Activiteit, result) -> str:
    text = _("“%(titel)s” is saved.") % {"titel": activiteit.titel}
    if result.cancelled:
        people = len(result.registrations_to_notify)
        text += " " + ngettext(
            "%(dates)d date with registrations is cancelled; %(people)d registered person is told.",
            "%(dates)d dates with registrations are cancelled; %(people)d registered people are told.",
            people,
        ) % {"dates": len(result.cancelled), "people": people}
    return text


@login_required
def activiteit_nieuw(request, org):
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    return _activiteit_form(request, organisatie, None)


@login_required
def activiteit(request, org, slug):
    organisatie = _organisatie(request, org)
    return _activiteit_form(request, organisatie, _activiteit(request, organisatie, slug))


@login_required
def activiteit_kopie(request, org, slug):
    """A copy as a draft, opened for editing."""
    organisatie = _organisatie(request, org)
    bron = _activiteit(request, organisatie, slug)
    if (refused := _post_only(request)) is not None:
        return refused
    kopie = activiteit_dupliceer(activiteit=bron)
    messages.success(request, _("A copy is made as a draft: change what differs, then publish it."))
    return redirect("beheer:activiteit", organisatie.slug, kopie.slug)


@login_required
def activiteit_stoppen(request, org, slug):
    """Stop an activity: first a question (GET), then its coming dates are cancelled and
    their registrants told (POST)."""
    organisatie = _organisatie(request, org)
    activiteit = _activiteit(request, organisatie, slug)
    komend = Bijeenkomst.objects.filter(activiteit=activiteit, start__gte=timezone.now(), geannuleerd=False)
    aanmeldingen = Aanmelding.objects.filter(bijeenkomst__in=komend, status__in=ACTIVE)
    if request.method == "POST":
        if activiteit.status == ActiviteitStatus.GESTOPT:
            messages.info(request, _("“%(titel)s” was stopped already.") % {"titel": activiteit.titel})
        else:
            try:
                result = activiteit_update_met_diensten(activiteit=activiteit, status=ActiviteitStatus.GESTOPT)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("beheer:activiteit", organisatie.slug, activiteit.slug)
            people = len(result.registrations_to_notify)
            messages.success(request, ngettext(
                "“%(titel)s” is stopped; its coming dates are cancelled and %(people)d registered person gets a message.",
                "“%(titel)s” is stopped; its coming dates are cancelled and %(people)d registered people get a message.",
                people,
            ) % {"titel": activiteit.titel, "people": people})
        return redirect("beheer:activiteiten", organisatie.slug)
    return render(request, "beheer/activiteit_stoppen.html", _context(
        organisatie, activiteit=activiteit, komend=komend.count(), aanmeldingen=aanmeldingen.count(),
    ))


# --- occurrences -----------------------------------------------------------------------


def _maand(request) -> date:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("maand", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    return first if abs(first.year - today.year) <= 3 else today.replace(day=1)


@login_required
def bijeenkomsten(request, org, slug):
    """An activity's dates of one month, each with what can be done to it."""
    organisatie = _organisatie(request, org)
    activiteit = _activiteit(request, organisatie, slug)
    maand = _maand(request)
    volgende = (maand + timedelta(days=32)).replace(day=1)
    vorige = (maand - timedelta(days=1)).replace(day=1)
    rijen = list(bijeenkomst_list_for_organisatie(
        organisatie=organisatie, activiteit=activiteit,
        van=localise(datetime.combine(maand, datetime.min.time())),
        tot=localise(datetime.combine(volgende, datetime.min.time())),
    ))
    now = timezone.now()
    for bijeenkomst in rijen:
        bijeenkomst.komend = bijeenkomst.start >= now
    return render(request, "beheer/bijeenkomsten.html", _context(
        organisatie, activiteit=activiteit, bijeenkomsten=rijen, maand=maand, vorige=vorige, volgende=volgende,
    ))


def _registrants(bijeenkomst: Bijeenkomst) -> list[Aanmelding]:
    return list(Aanmelding.objects.filter(bijeenkomst=bijeenkomst, status__in=ACTIVE).order_by("aangemaakt", "pk"))


def _told(registrants: list[Aanmelding]) -> str:
    """Who gets a mail, and whom to phone (they left no e-mail address)."""
    text = ngettext("%(n)d registered person gets a message.", "%(n)d registered people get a message.",
                    len(registrants)) % {"n": len(registrants)}
    bellen = [f"{a.naam} ({a.telefoon})" for a in registrants if not a.email and a.telefoon]
    if bellen:
        text += " " + _("Please phone those without e-mail: %(names)s.") % {"names": ", ".join(bellen)}
    return text


@login_required
def bijeenkomst_annuleren(request, org, pk):
    """Cancel one date with a reason; the service frees the room and mails the registrants."""
    organisatie = _organisatie(request, org)
    bijeenkomst = _bijeenkomst(request, organisatie, pk)
    form = AnnuleerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            registrants = _registrants(bijeenkomst)
            try:
                bijeenkomst = bijeenkomst_annuleer_met_diensten(bijeenkomst=bijeenkomst, notitie=form.cleaned_data["reden"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(day)s is cancelled.") % {"day": _dag_zin(bijeenkomst.start)}
                                 + " " + _told(registrants))
                return _naar_maand(organisatie, bijeenkomst)
        status = 400
    return render(request, "beheer/bijeenkomst_annuleren.html", _context(
        organisatie, bijeenkomst=bijeenkomst, activiteit=bijeenkomst.activiteit, form=form,
        aanmeldingen=len(_registrants(bijeenkomst)),
    ), status=status)


def _naar_maand(organisatie: Organisatie, bijeenkomst: Bijeenkomst):
    local = timezone.localtime(bijeenkomst.start, AMSTERDAM)
    url = reverse("beheer:bijeenkomsten", args=[organisatie.slug, bijeenkomst.activiteit.slug])
    return redirect(f"{url}?maand={local:%Y-%m}")


@login_required
def bijeenkomst_verplaatsen(request, org, pk):
    """Move one date to another day, time or room; a clash names what is there."""
    organisatie = _organisatie(request, org)
    bijeenkomst = _bijeenkomst(request, organisatie, pk)
    local, local_end = timezone.localtime(bijeenkomst.start, AMSTERDAM), timezone.localtime(bijeenkomst.eind, AMSTERDAM)
    form = VerplaatsForm(
        request.POST or None, locatie=bijeenkomst.activiteit.locatie,
        initial={"datum": local.date(), "begintijd": local.time(), "eindtijd": local_end.time()},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            start, eind = form.moments()
            registrants = _registrants(bijeenkomst)
            was = _dag_zin(bijeenkomst.start)
            try:
                moved = bijeenkomst_verplaats_met_diensten(bijeenkomst=bijeenkomst, start=start, eind=eind,
                                                           ruimte=form.cleaned_data["ruimte"])
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                nieuw = timezone.localtime(moved.start, AMSTERDAM)
                messages.success(request, _("%(was)s is moved to %(day)s %(start)s–%(end)s.") % {
                    "was": was, "day": _dag(moved.start), "start": f"{nieuw:%H:%M}",
                    "end": f"{timezone.localtime(moved.eind, AMSTERDAM):%H:%M}",
                } + " " + _told(registrants))
                return _naar_maand(organisatie, moved)
        status = 400
    return render(request, "beheer/bijeenkomst_verplaatsen.html", _context(
        organisatie, bijeenkomst=bijeenkomst, activiteit=bijeenkomst.activiteit, form=form,
    ), status=status)


# --- registrations -----------------------------------------------------------------------


def _aanmeldingen_page(request, organisatie, bijeenkomst, *, form=None, aanwezigen_form=None, afvink_form=None,
                       status=200):
    rijen = list(aanmelding_list_for_bijeenkomst(bijeenkomst=bijeenkomst))
    bevestigde = [a for a in rijen if a.status == AanmeldingStatus.BEVESTIGD]
    plek = 0
    for aanmelding in rijen:
        if aanmelding.status == AanmeldingStatus.WACHTLIJST:
            plek += 1
            aanmelding.plek = plek
    bevestigd = sum(a.aantal for a in rijen if a.status == AanmeldingStatus.BEVESTIGD)
    wachtend = sum(a.aantal for a in rijen if a.status == AanmeldingStatus.WACHTLIJST)
    begonnen = bijeenkomst.start <= timezone.now()
    return render(request, "beheer/aanmeldingen.html", _context(
        organisatie, bijeenkomst=bijeenkomst, activiteit=bijeenkomst.activiteit, aanmeldingen=rijen,
        bevestigd=bevestigd, wachtend=wachtend, begonnen=begonnen,
        capaciteit=bijeenkomst.activiteit.capaciteit,
        form=form or TelefonischeAanmeldingForm(),
        aanwezigen_form=aanwezigen_form or AanwezigenForm(initial={"aanwezigen": bijeenkomst.aanwezigen}),
        afvink_form=afvink_form or AfvinkForm(initial=AfvinkForm.initial_for(bijeenkomst, bevestigde),
                                              aanmeldingen=bevestigde),
    ), status=status)


@login_required
def aanmeldingen(request, org, pk):
    """Who registered for one date, the waiting list in its order, and the forms to add
    someone who phoned and to record attendance."""
    organisatie = _organisatie(request, org)
    return _aanmeldingen_page(request, organisatie, _bijeenkomst(request, organisatie, pk))


@login_required
def aanmelding_nieuw(request, org, pk):
    """Register someone who phoned; the service decides: a place or the waiting list."""
    organisatie = _organisatie(request, org)
    bijeenkomst = _bijeenkomst(request, organisatie, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    form = TelefonischeAanmeldingForm(request.POST)
    if form.is_valid():
        try:
            aanmelding = aanmelding_create(bijeenkomst=bijeenkomst, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            if aanmelding.status == AanmeldingStatus.BEVESTIGD:
                text = _("%(naam)s is registered for %(day)s.")
            else:
                text = _("%(naam)s is on the waiting list for %(day)s: the places are taken.")
            messages.success(request, text % {"naam": aanmelding.naam, "day": _dag(bijeenkomst.start)})
            return redirect("beheer:aanmeldingen", organisatie.slug, bijeenkomst.pk)
    return _aanmeldingen_page(request, organisatie, bijeenkomst, form=form, status=400)


def _registration_action(request, org, pk, service, done: str):
    """One button on a registration (POST only): the service, then back to the list
    saying what it did (``done`` with the name) or why not."""
    organisatie = _organisatie(request, org)
    aanmelding = _aanmelding(request, organisatie, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    try:
        service(aanmelding=aanmelding)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"naam": aanmelding.naam})
    return redirect("beheer:aanmeldingen", organisatie.slug, aanmelding.bijeenkomst_id)


@login_required
def aanmelding_annuleren(request, org, pk):
    return _registration_action(request, org, pk, aanmelding_annuleer_door_organisator,
                                _("The registration of %(naam)s is cancelled."))


@login_required
def aanmelding_doorschuiven(request, org, pk):
    return _registration_action(request, org, pk, aanmelding_doorschuif,
                                _("%(naam)s has a place now and gets a message."))


def _cell(value) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula: keep it text.
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _present(aanmelding: Aanmelding) -> str:
    """Ticked afterwards: "yes" or "no", empty when not recorded (a box to tick on paper)."""
    return {True: _("yes"), False: _("no")}.get(aanmelding.aanwezig, "")


@login_required
def presentielijst(request, org, pk):
    """The attendance list as CSV, to print or tick off: who is confirmed, then who waits."""
    organisatie = _organisatie(request, org)
    bijeenkomst = _bijeenkomst(request, organisatie, pk)
    local = timezone.localtime(bijeenkomst.start, AMSTERDAM)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="presentielijst-{bijeenkomst.activiteit.slug}-{local:%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Name"), _("Phone"), _("E-mail"), _("Number of people"), _("Status"), _("Present")])
    for aanmelding in aanmelding_list_for_bijeenkomst(bijeenkomst=bijeenkomst).filter(status__in=ACTIVE):
        writer.writerow([_cell(aanmelding.naam), _cell(aanmelding.telefoon), _cell(aanmelding.email),
                         aanmelding.aantal, aanmelding.get_status_display(), _present(aanmelding)])
    return response


@login_required
def aanwezigen(request, org, pk):
    """Record afterwards how many people came."""
    organisatie = _organisatie(request, org)
    bijeenkomst = _bijeenkomst(request, organisatie, pk)
    if request.method != "POST":
        return redirect("beheer:aanmeldingen", organisatie.slug, bijeenkomst.pk)
    form = AanwezigenForm(request.POST)
    if form.is_valid():
        try:
            bijeenkomst_registreer_aanwezigen(bijeenkomst=bijeenkomst, aanwezigen=form.cleaned_data["aanwezigen"])
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(request, ngettext(
                "Saved: %(n)d person came on %(day)s.", "Saved: %(n)d people came on %(day)s.",
                form.cleaned_data["aanwezigen"],
            ) % {"n": form.cleaned_data["aanwezigen"], "day": _dag(bijeenkomst.start)})
            return redirect("beheer:aanmeldingen", organisatie.slug, bijeenkomst.pk)
    return _aanmeldingen_page(request, organisatie, bijeenkomst, aanwezigen_form=form, status=400)
