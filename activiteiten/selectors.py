"""Reads of the activiteiten app."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Extract, TruncDate
from django.utils import timezone

from core.permissions import sees_everything
from core.timezones import AMSTERDAM
from locaties.models import Locatie
from locaties.selectors import (
    buurt_ids_near_each_locatie,
    buurt_ids_near_locaties,
    locatie_list_in_and_near_buurt,
    locatie_list_published,
    organisatie_ids_for_user,
)

from .constants import AanmeldingStatus, ActiviteitStatus, Regio, Vakantie, WensStatus
from .filters import day_bounds
from .models import Aanmelding, Activiteit, Bijeenkomst, Schoolvakantie, Wens
from .recurrence import feestdag_name, localise, occurrence_starts
from .tokens import aanmelding_pk_from_token, activiteit_bevestig_payload


def bijeenkomst_list(*, van: datetime, tot: datetime) -> QuerySet[Bijeenkomst]:
    """Occurrences starting in ``[van, tot)``, in order of start, of every activity.

    Cancelled occurrences are included (``geannuleerd``) so that a calendar can say so
    instead of silently dropping them; filter them out where they should not show. The
    activity, its place with buurt and the room come along in the same query.
    """
    return (
        Bijeenkomst.objects.filter(start__gte=van, start__lt=tot)
        .select_related("activiteit__locatie__buurt", "ruimte")
        .order_by("start", "pk")
    )


def schoolvakantie_periods(*, regio: str, van: date, tot: date) -> list[tuple[date, date]]:
    """Inclusive (first day, last day) school holidays of ``regio`` touching ``[van, tot]``."""
    if not regio:
        return []
    return list(
        Schoolvakantie.objects.filter(regio=regio, van__lte=tot, tot__gte=van)
        .order_by("van")
        .values_list("van", "tot")
    )


# --- How far the school holidays are known ----------------------------------------------

VAKANTIES = list(Vakantie.values)  # in the order of a school year


def _volgnummer(schooljaar: str, naam: str) -> int | None:
    """The place of a holiday in the endless row herfst 2025, kerst 2025, …, zomer 2026,
    herfst 2026, …; None for a malformed school year."""
    beginjaar = Schoolvakantie.beginjaar_van(schooljaar)
    if beginjaar is None:
        return None
    return beginjaar * len(VAKANTIES) + VAKANTIES.index(naam)


def _vakantie_op(volgnummer: int) -> tuple[str, str]:
    """(naam, schooljaar) of the holiday at ``volgnummer``."""
    jaar, index = divmod(volgnummer, len(VAKANTIES))
    return VAKANTIES[index], f"{jaar}-{jaar + 1}"


@dataclass(frozen=True)
class VakantiesBekend:
    """How far the school holidays of one region are known.

    ``bekend_tot`` is the last day of the last holiday before the first one missing
    (None: the region has none); ``ontbreekt`` that missing holiday as (naam, schooljaar).
    """

    regio: str
    bekend_tot: date | None
    ontbreekt: tuple[str, str] | None

    @property
    def onbekend_vanaf(self) -> date | None:
        """The first day whose school holidays are not known; None: no day is known."""
        return self.bekend_tot + timedelta(days=1) if self.bekend_tot else None


def schoolvakanties_bekend_tot(*, vandaag: date | None = None) -> dict[str, VakantiesBekend]:
    """Per region, up to which day its school holidays are known, in one query.

    Not simply the last day in the table: a holiday missing in between (the table holds
    2027-2028 but not the summer of 2027) would then pass unnoticed, and that summer's
    occurrences would neither be skipped nor flagged. So the known dates end where the
    row of holidays (herfst, kerst, voorjaar, mei, zomer, herfst, …) first breaks, counted
    from the stretch that today falls in or after.
    """
    vandaag = vandaag or timezone.localdate()
    per_regio: dict[str, dict[int, date]] = {regio: {} for regio in Regio.values}
    starts: dict[str, dict[int, date]] = {regio: {} for regio in Regio.values}
    rows = Schoolvakantie.objects.filter(naam__in=VAKANTIES).values_list("regio", "schooljaar", "naam", "van", "tot")
    for regio, schooljaar, naam, van, tot in rows:
        nummer = _volgnummer(schooljaar, naam)
        if nummer is not None and regio in per_regio:
            per_regio[regio][nummer], starts[regio][nummer] = tot, van
    bekend = {}
    for regio, einden in per_regio.items():
        if not einden:
            bekend[regio] = VakantiesBekend(regio=regio, bekend_tot=None, ontbreekt=None)
            continue
        # Stretches of holidays without a gap, by their first holiday.
        firsts = [n for n in sorted(einden) if n - 1 not in einden]
        begun = [n for n in firsts if starts[regio][n] <= vandaag]
        nummer = begun[-1] if begun else firsts[0]
        while nummer + 1 in einden:
            nummer += 1
        bekend[regio] = VakantiesBekend(regio=regio, bekend_tot=einden[nummer], ontbreekt=_vakantie_op(nummer + 1))
    return bekend


def bijeenkomsten_met_voorbehoud(bijeenkomsten: QuerySet, *, bekend: dict[str, VakantiesBekend] | None = None) -> QuerySet:
    """``bijeenkomsten`` with ``onder_voorbehoud``: the occurrence is not cancelled (a
    cancellation says more), its activity skips the school holidays of a region and it
    falls on a day whose holidays are not known yet. The one flag the pages, the prints
    and the feeds show.

    One query for the known dates (``schoolvakanties_bekend_tot``), then a plain CASE in the
    occurrences' own query: no query per occurrence. Judged on the original start, the
    date the school holidays were checked against.
    """
    bekend = schoolvakanties_bekend_tot() if bekend is None else bekend
    whens = []
    for regio, regio_bekend in bekend.items():
        condition = Q(activiteit__skip_schoolvakantie=regio, geannuleerd=False)
        if regio_bekend.onbekend_vanaf is not None:
            condition &= Q(origineel_start__gte=localise(datetime.combine(regio_bekend.onbekend_vanaf, time.min)))
        whens.append(When(condition, then=Value(True)))
    return bijeenkomsten.annotate(
        onder_voorbehoud=Case(*whens, default=Value(False), output_field=BooleanField())
    )


def activiteit_schoolvakantie_onbekend_vanaf(
    *, activiteit, bekend: dict[str, VakantiesBekend] | None = None, now: datetime | None = None
) -> date | None:
    """The first day whose school holidays are not known, when the activity skips them
    and its schedule has dates on or after that day within the horizon; else None.

    For the board (the admin's activity page now, /beheer/ later): those dates run as
    planned until the holidays are added. Works from the rule, so a draft is warned too.
    Pass ``bekend`` when asking for many activities.
    """
    if not activiteit.skip_schoolvakantie:
        return None
    now = now or timezone.now()
    bekend = schoolvakanties_bekend_tot(vandaag=timezone.localtime(now, AMSTERDAM).date()) if bekend is None else bekend
    regio_bekend = bekend.get(activiteit.skip_schoolvakantie)
    onbekend_vanaf = regio_bekend.onbekend_vanaf if regio_bekend else None
    van = max(now, localise(datetime.combine(onbekend_vanaf, time.min))) if onbekend_vanaf else now
    starts = occurrence_starts(
        start=activiteit.start, rrule=activiteit.rrule, einddatum=activiteit.einddatum,
        van=van, tot=now + timedelta(days=settings.BIJEENKOMST_HORIZON_DAYS),
        skip_feestdagen=activiteit.skip_feestdagen,
    )
    if not starts:
        return None
    return onbekend_vanaf or timezone.localtime(starts[0], AMSTERDAM).date()


# --- Reads for the public API and pages (added with the API) ---------------------------


def activiteit_list_public():
    """Published activities at published places, with place, area, organiser and room."""

    return activiteit_list_public_all().actueel()


def activiteit_list_public_all():
    """Published activities at published places, those long not confirmed as still running
    included (``ActiviteitQuerySet.actueel`` leaves them out of every list): for the
    activity's own page and feed, which then say so and show no dates."""
    return (
        Activiteit.objects.filter(status=ActiviteitStatus.GEPUBLICEERD, locatie__gepubliceerd=True)
        .select_related("locatie__buurt__wijk__gemeente", "organisator", "ruimte")
        .order_by("titel", "pk")
    )


def bijeenkomst_list_public():
    """Occurrences of published activities at published places, in order of start, with
    places left and full (``BijeenkomstQuerySet.with_plaatsen``). Activities long not
    confirmed as still running are left out (``BijeenkomstQuerySet.actueel``). One query
    whatever the number of occurrences; narrow it with ``BijeenkomstFilter`` (which always
    applies a period)."""

    return (
        Bijeenkomst.objects.filter(
            activiteit__status=ActiviteitStatus.GEPUBLICEERD, activiteit__locatie__gepubliceerd=True
        )
        .actueel()
        .select_related("activiteit__locatie__buurt", "ruimte")
        .with_plaatsen()
        .order_by("start", "pk")
    )


def activiteit_list_visible_for_user(user):
    """Activities a user may look up to act on: public ones and every activity of the
    organisations they have a role in (``activiteiten.change_activiteit``); a
    superuser's, all."""



    activiteiten = Activiteit.objects.select_related("locatie__buurt", "organisator", "ruimte")
    if user.is_authenticated and sees_everything(user):
        return activiteiten
    public = activiteit_list_public().values("pk")
    if not user.is_authenticated:
        return activiteiten.filter(pk__in=public)
    return activiteiten.filter(Q(pk__in=public) | Q(organisator_id__in=organisatie_ids_for_user(user)))


def bijeenkomst_list_visible_for_user(user):
    """Occurrences of the activities ``activiteit_list_visible_for_user`` returns, with
    places left and full."""
    return Bijeenkomst.objects.filter(
        activiteit__in=activiteit_list_visible_for_user(user).values("pk")
    ).select_related("activiteit__organisator", "activiteit__locatie", "ruimte").with_plaatsen()


def wens_list_public():
    """Wishes a moderator approved, most supported first, with their buurt."""

    return (
        Wens.objects.filter(goedgekeurd=True).select_related("buurt", "activiteit")
        .order_by("-steun", "-aangemaakt", "pk")
    )


#: A gemeente's figures cover this many days up to and including ``tot``, unless asked otherwise.
KENGETALLEN_STANDAARD_DAGEN = 28


def kengetallen_periode(*, van: date | None = None, tot: date | None = None) -> tuple[date, date]:
    """The period of ``gemeente_kengetallen`` when ``van`` or ``tot`` is not given:
    up to today, over the ``KENGETALLEN_STANDAARD_DAGEN`` days ending at ``tot``."""
    tot = tot or timezone.localdate()
    return van or tot - timedelta(days=KENGETALLEN_STANDAARD_DAGEN - 1), tot


def gemeente_kengetallen(*, gemeente, van: date, tot: date) -> dict:
    """Figures of a gemeente that are not public: places (published or not), activities,
    occurrences, registrations and attendance in ``[van, tot]``. For its officials."""



    begin, einde = day_bounds(van, tot)
    locaties = Locatie.objects.filter(buurt__gemeente=gemeente).aggregate(
        totaal=Count("pk"), gepubliceerd=Count("pk", filter=Q(gepubliceerd=True))
    )
    bijeenkomsten = Bijeenkomst.objects.filter(
        activiteit__locatie__buurt__gemeente=gemeente, start__gte=begin, start__lt=einde
    ).aggregate(
        totaal=Count("pk"),
        geannuleerd=Count("pk", filter=Q(geannuleerd=True)),
        aanwezigen=Sum("aanwezigen"),
        activiteiten=Count("activiteit", distinct=True,
                           filter=Q(activiteit__status=ActiviteitStatus.GEPUBLICEERD)),
    )
    aanmeldingen = Aanmelding.objects.filter(
        bijeenkomst__activiteit__locatie__buurt__gemeente=gemeente,
        bijeenkomst__start__gte=begin, bijeenkomst__start__lt=einde,
    ).aggregate(
        bevestigd=Sum("aantal", filter=Q(status=AanmeldingStatus.BEVESTIGD)),
        wachtlijst=Sum("aantal", filter=Q(status=AanmeldingStatus.WACHTLIJST)),
    )
    return {
        "locaties": locaties["totaal"],
        "locaties_gepubliceerd": locaties["gepubliceerd"],
        "activiteiten": bijeenkomsten["activiteiten"],
        "bijeenkomsten": bijeenkomsten["totaal"],
        "bijeenkomsten_geannuleerd": bijeenkomsten["geannuleerd"],
        "aanwezigen": bijeenkomsten["aanwezigen"] or 0,
        "aanmeldingen_bevestigd": aanmeldingen["bevestigd"] or 0,
        "aanmeldingen_wachtlijst": aanmeldingen["wachtlijst"] or 0,
    }


# --- Reads for the resident site ------------------------------------------------------


def aanmelding_from_token(token: str):
    """The registration a signed cancel token points to (with occurrence, activity and
    place), or None when the token is not valid or the registration is gone."""

    pk = aanmelding_pk_from_token(token)
    if pk is None:
        return None
    return (
        Aanmelding.objects.select_related("bijeenkomst__activiteit__locatie").filter(pk=pk).first()
    )


def locatie_has_open_inloop(*, locatie, moment: datetime | None = None) -> bool:
    """Whether a published open inloop is going on at the place at ``moment`` (default now):
    walk in, a host is there (``BijeenkomstQuerySet.open_inloop_at``)."""
    moment = moment or timezone.now()
    return bijeenkomst_list_public().filter(activiteit__locatie=locatie).open_inloop_at(moment).exists()


def bijeenkomst_list_coming(*, activiteit=None, locatie=None, limit: int = 12) -> list:
    """The next occurrences (cancelled ones included, to say so) of an activity or of the
    activities at a place, from those going on now, each saying whether it is
    ``onder_voorbehoud``; two queries whatever their number."""
    bijeenkomsten = bijeenkomsten_met_voorbehoud(bijeenkomst_list_public().filter(eind__gt=timezone.now()))
    if activiteit is not None:
        bijeenkomsten = bijeenkomsten.filter(activiteit=activiteit)
    if locatie is not None:
        bijeenkomsten = bijeenkomsten.filter(activiteit__locatie=locatie)
    return list(bijeenkomsten[:limit])


# --- Reads for the workspace (beheer) -------------------------------------------------


@dataclass(frozen=True)
class PreviewDate:
    """A date the schedule produces: ``overgeslagen`` says why it is left out ('' if not)."""

    start: datetime
    overgeslagen: str = ""


def schedule_preview(
    *, start: datetime, rrule: str, einddatum: date | None = None, skip_feestdagen: bool = False,
    regio: str = "", limit: int = 10, van: datetime | None = None,
) -> list[PreviewDate]:
    """The next ``limit`` dates a schedule gives from ``van`` (now), with the dates it
    skips in between and why (a public holiday by name, a school holiday by name). Two
    queries at most (the school holidays of the region), whatever the schedule."""
    van = van or timezone.now()
    tot = van + timedelta(days=366 * 3)
    candidates = occurrence_starts(start=start, rrule=rrule, einddatum=einddatum, van=van, tot=tot)
    holidays_of_region = []
    if regio and candidates:
        holidays_of_region = list(
            Schoolvakantie.objects.filter(
                regio=regio, tot__gte=timezone.localtime(candidates[0], AMSTERDAM).date(),
                van__lte=timezone.localtime(candidates[-1], AMSTERDAM).date(),
            ).order_by("van")
        )
    preview: list[PreviewDate] = []
    kept = 0
    for moment in candidates:
        day = timezone.localtime(moment, AMSTERDAM).date()
        reason = feestdag_name(day) if skip_feestdagen else ""
        if not reason:
            reason = next((v.get_naam_display() for v in holidays_of_region if v.van <= day <= v.tot), "")
        preview.append(PreviewDate(start=moment, overgeslagen=reason))
        kept += not reason
        if kept >= limit:
            break
    return preview


def schoolvakantie_regio_default(*, locatie) -> str:
    """The school holiday region a new activity at ``locatie`` most likely skips: the one
    the activities in its gemeente skip most, else a guess from where the place lies
    (the south below Brabant's north edge, the north above the rivers' line)."""
    gemeente_id = locatie.buurt.gemeente_id if locatie.buurt_id else None
    if gemeente_id:
        used = (
            Activiteit.objects.filter(locatie__buurt__gemeente_id=gemeente_id)
            .exclude(skip_schoolvakantie="")
            .values("skip_schoolvakantie")
            .annotate(n=Count("pk"))
            .order_by("-n", "skip_schoolvakantie")
            .first()
        )
        if used:
            return used["skip_schoolvakantie"]
    if locatie.lat < 51.8:
        return Regio.ZUID
    return Regio.NOORD if locatie.lat > 52.3 else Regio.MIDDEN


def activiteit_list_for_organisatie(
    *, organisatie, status: str = "", locatie=None, niet_bevestigd_weken: int | None = None,
) -> QuerySet:
    """An organisation's activities for its workspace, with place and room and the next
    occurrence that is not cancelled (``volgende``); one query whatever their number.
    Narrowed to a status, a place, or those not confirmed in ``niet_bevestigd_weken``."""
    volgende = (
        Bijeenkomst.objects.filter(activiteit=OuterRef("pk"), start__gte=timezone.now(), geannuleerd=False)
        .order_by("start").values("start")[:1]
    )
    activiteiten = Activiteit.objects.filter(organisator=organisatie)
    if status:
        activiteiten = activiteiten.filter(status=status)
    if locatie is not None:
        activiteiten = activiteiten.filter(locatie=locatie)
    if niet_bevestigd_weken is not None:
        activiteiten = activiteiten.filter(pk__in=activiteit_list_unconfirmed(
            organisatie=organisatie, weken=niet_bevestigd_weken).values("pk"))
    return (
        activiteiten.select_related("locatie", "ruimte", "organisator")
        .annotate(volgende=Subquery(volgende))
        .order_by("titel", "pk")
    )


def _bezet_subquery(status):
    return Coalesce(
        Subquery(
            Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), status=status)
            .order_by().values("bijeenkomst").annotate(totaal=Sum("aantal")).values("totaal"),
            output_field=IntegerField(),
        ),
        0,
    )


def bijeenkomst_list_for_organisatie(*, organisatie, van: datetime, tot: datetime, activiteit=None) -> QuerySet:
    """The occurrences of an organisation's activities (or of one of them) starting in
    ``[van, tot)``, cancelled ones included, with the confirmed places (``bevestigd``) and
    the people waiting (``wachtend``), the activity, its place and the room; one query."""
    bijeenkomsten = Bijeenkomst.objects.filter(activiteit__organisator=organisatie, start__gte=van, start__lt=tot)
    if activiteit is not None:
        bijeenkomsten = bijeenkomsten.filter(activiteit=activiteit)
    return (
        bijeenkomsten
        .select_related("activiteit__locatie", "ruimte")
        .annotate(
            bevestigd=_bezet_subquery(AanmeldingStatus.BEVESTIGD),
            wachtend=_bezet_subquery(AanmeldingStatus.WACHTLIJST),
        )
        .order_by("start", "pk")
    )


def bijeenkomst_list_during_sluiting(*, locatie, van: date, tot: date) -> QuerySet:
    """The coming occurrences at a place that a closure from ``van`` to ``tot`` (whole
    days, both included, Amsterdam time) would fall on: not cancelled, not begun yet,
    overlapping those days, of any organiser; each with ``te_berichten``, the number of
    registrations (confirmed or waiting) whose people would be told. One query."""
    begin = localise(datetime.combine(van, time.min))
    einde = localise(datetime.combine(tot + timedelta(days=1), time.min))
    actief = Q(aanmeldingen__status__in=[AanmeldingStatus.BEVESTIGD, AanmeldingStatus.WACHTLIJST])
    return (
        Bijeenkomst.objects.filter(
            activiteit__locatie=locatie, geannuleerd=False, start__gte=timezone.now(), start__lt=einde, eind__gt=begin,
        )
        .select_related("activiteit__organisator")
        .annotate(te_berichten=Count("aanmeldingen", filter=actief))
        .order_by("start", "pk")
    )


def aanmelding_list_for_bijeenkomst(*, bijeenkomst) -> QuerySet:
    """Who registered for an occurrence: confirmed first, then the waiting list in its
    order (first come, first served), then the cancelled."""
    order = Case(
        When(status=AanmeldingStatus.BEVESTIGD, then=Value(0)),
        When(status=AanmeldingStatus.WACHTLIJST, then=Value(1)),
        default=Value(2),
    )
    return (
        Aanmelding.objects.filter(bijeenkomst=bijeenkomst)
        .annotate(volgorde=order)
        .order_by("volgorde", "aangemaakt", "pk")
    )


def activiteit_list_unconfirmed(*, organisatie, weken: int) -> QuerySet:
    """Published activities of an organisation not confirmed as still running in the last
    ``weken`` weeks ("loopt dit nog?"), longest waiting first."""
    grens = timezone.localdate() - timedelta(weeks=weken)
    return (
        Activiteit.objects.filter(organisator=organisatie, status=ActiviteitStatus.GEPUBLICEERD)
        .filter(Q(laatst_bevestigd__isnull=True) | Q(laatst_bevestigd__lt=grens))
        .select_related("locatie")
        .order_by(F("laatst_bevestigd").asc(nulls_first=True), "titel", "pk")
    )


def wens_list_waiting_near(*, locaties) -> QuerySet:
    """Approved wishes still waiting for an answer (status nieuw) in the buurten in or
    within 400 m of the published places among ``locaties`` (those whose boards answer
    them), most supported first, with their buurt."""
    return (
        wens_list_near(locaties=locaties).filter(goedgekeurd=True, status=WensStatus.NIEUW)
        .order_by("-steun", "-aangemaakt", "pk")
    )


# --- "Loopt dit nog?": confirming that an activity still runs --------------------------


@dataclass(frozen=True)
class BevestigLink:
    """What a confirmation link from a reminder mail points to.

    ``activiteit`` is None when the link is not valid (tampered with, malformed, older
    than ``tokens.activiteit_bevestig_max_age`` or the activity is gone); ``bruikbaar``
    says whether it still confirms: nobody confirmed since it was made and the activity
    is not stopped.
    """

    activiteit: Activiteit | None
    bruikbaar: bool = False


def activiteit_from_bevestig_token(token: str) -> BevestigLink:
    """The activity behind a confirmation link (with place and organiser), and whether
    the link still confirms it."""
    payload = activiteit_bevestig_payload(token)
    if payload is None:
        return BevestigLink(activiteit=None)
    pk, laatst = payload
    activiteit = Activiteit.objects.select_related("locatie", "organisator").filter(pk=pk).first()
    if activiteit is None:
        return BevestigLink(activiteit=None)
    huidig = activiteit.laatst_bevestigd.isoformat() if activiteit.laatst_bevestigd else ""
    return BevestigLink(
        activiteit=activiteit, bruikbaar=huidig == laatst and activiteit.status != ActiviteitStatus.GESTOPT,
    )


def activiteit_list_herinnering_due(*, vandaag: date | None = None) -> QuerySet:
    """Published activities whose confirmation deadline is at most
    ``ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN`` days away (or passed) and whose members were
    not yet reminded of that deadline (``herinnering_verstuurd_voor``), with organiser and
    place. ``deadline`` is annotated, the same day as ``Activiteit.bevestig_deadline``."""
    vandaag = vandaag or timezone.localdate()
    # deadline - dagen <= vandaag  <=>  basis <= vandaag + dagen - weken  <=>  basis < that + 1
    grens = vandaag + timedelta(days=settings.ACTIVITEIT_BEVESTIG_HERINNERING_DAGEN + 1) - timedelta(
        weeks=settings.ACTIVITEIT_BEVESTIG_WEKEN
    )
    return (
        Activiteit.objects.filter(status=ActiviteitStatus.GEPUBLICEERD)
        .bevestigd_voor(grens)
        .annotate(deadline=Cast(
            Coalesce("laatst_bevestigd", TruncDate("aangemaakt", tzinfo=AMSTERDAM))
            + timedelta(weeks=settings.ACTIVITEIT_BEVESTIG_WEKEN),
            output_field=DateField(),
        ))
        .exclude(herinnering_verstuurd_voor=F("deadline"))
        .select_related("locatie", "organisator")
        .order_by("pk")
    )


def wens_list_near(*, locaties) -> QuerySet:
    """Every wish not rejected in the buurten in or within 400 m of the published places
    among ``locaties``: waiting for moderation, waiting for an answer, or answered; the
    ones to moderate first, then the waiting, then the answered (the latest first)."""
    published = locatie_list_published().filter(pk__in=[locatie.pk for locatie in locaties])
    return wens_list_for_buurten(buurt_ids=buurt_ids_near_locaties(locaties=list(published)))


def wens_list_for_buurten(*, buurt_ids) -> QuerySet:
    """The wishes not rejected of these buurten, in the order of ``wens_list_near``."""
    return (
        Wens.objects.filter(buurt_id__in=buurt_ids, afgewezen=False)
        .select_related("buurt", "activiteit")
        .order_by("goedgekeurd", Case(When(status=WensStatus.NIEUW, then=0), default=1),
                  F("beantwoord_op").desc(nulls_last=True), "-steun", "-aangemaakt", "pk")
    )


def activiteit_list_answering_wens(*, wens) -> QuerySet:
    """Published activities at the places in or within 400 m of the wish's buurt: the
    ones that can answer it ("opgepakt")."""
    locaties = locatie_list_in_and_near_buurt(buurt=wens.buurt, velden=[])
    return (
        Activiteit.objects.filter(status=ActiviteitStatus.GEPUBLICEERD, locatie__in=[loc.pk for loc in locaties])
        .select_related("locatie").order_by("titel", "pk")
    )


def bijeenkomst_cijfers_per_activiteit(*, locaties, van: datetime, tot: datetime) -> list[dict]:
    """For the annual report: per activity of the places with a date in [van, tot), its
    place, categories and audiences, the dates held (not cancelled, begun before now),
    the cancelled dates, the attendance recorded on held dates and how many held dates
    have none recorded, the seconds the held dates lasted (for open inloop hours), its
    soort, and its registrations (confirmed, cancelled). Two queries."""
    nu = timezone.now()
    tot_nu = min(tot, nu)
    in_period = Q(bijeenkomsten__start__gte=van, bijeenkomsten__start__lt=tot)
    held = in_period & Q(bijeenkomsten__geannuleerd=False, bijeenkomsten__start__lt=tot_nu)
    rows = list(
        Activiteit.objects.filter(locatie__in=locaties)
        .annotate(
            in_periode=Count("bijeenkomsten", filter=in_period),
            gehouden=Count("bijeenkomsten", filter=held),
            geannuleerd=Count("bijeenkomsten", filter=in_period & Q(bijeenkomsten__geannuleerd=True)),
            aanwezigen_som=Coalesce(Sum("bijeenkomsten__aanwezigen", filter=held), 0),
            zonder_opkomst=Count("bijeenkomsten", filter=held & Q(bijeenkomsten__aanwezigen__isnull=True)),
            gehouden_seconden=Coalesce(Sum(Extract(ExpressionWrapper(
                F("bijeenkomsten__eind") - F("bijeenkomsten__start"), output_field=DurationField()), "epoch",
            ), filter=held), 0, output_field=DecimalField()),
        )
        .filter(in_periode__gt=0)
        .values("pk", "titel", "locatie_id", "soort", "organisator_id", "organisator__naam", "categorieen", "doelgroepen",
                "gehouden", "geannuleerd", "aanwezigen_som", "zonder_opkomst", "gehouden_seconden")
        .order_by("locatie_id", "titel", "pk")
    )
    aanmeldingen = {
        row["bijeenkomst__activiteit_id"]: row
        for row in Aanmelding.objects.filter(
            bijeenkomst__activiteit__locatie__in=locaties,
            bijeenkomst__start__gte=van, bijeenkomst__start__lt=tot,
        ).values("bijeenkomst__activiteit_id").annotate(
            bevestigd=Count("pk", filter=Q(status=AanmeldingStatus.BEVESTIGD)),
            bevestigd_personen=Coalesce(Sum("aantal", filter=Q(status=AanmeldingStatus.BEVESTIGD)), 0),
            geannuleerd=Count("pk", filter=Q(status=AanmeldingStatus.GEANNULEERD)),
        ).order_by()
    }
    for row in rows:
        extra = aanmeldingen.get(row["pk"], {})
        row["aanmeldingen_bevestigd"] = extra.get("bevestigd", 0)
        row["aanmeldingen_personen"] = extra.get("bevestigd_personen", 0)
        row["aanmeldingen_geannuleerd"] = extra.get("geannuleerd", 0)
    return rows


def wens_cijfers_per_locatie(*, locaties, van: datetime, tot: datetime) -> dict:
    """For the annual report: the wishes not rejected in the buurten in or within 400 m
    of each place (the buurten its board answers for), received (made) in [van, tot)
    and answered (taken up or found not feasible) in [van, tot). Keyed by place, and
    ``None`` for all the places together, where a wish near two places counts once.
    Two queries."""
    near = buurt_ids_near_each_locatie(locaties=locaties)
    alle = set().union(*near.values()) if near else set()
    per_buurt = {
        row["buurt_id"]: row
        for row in Wens.objects.filter(buurt_id__in=alle, afgewezen=False)
        .values("buurt_id")
        .annotate(
            ontvangen=Count("pk", filter=Q(aangemaakt__gte=van, aangemaakt__lt=tot)),
            beantwoord=Count("pk", filter=Q(beantwoord_op__gte=van, beantwoord_op__lt=tot)),
        )
        .order_by()
    }

    def som(buurt_ids):
        rows = [per_buurt[pk] for pk in buurt_ids if pk in per_buurt]
        return {"ontvangen": sum(r["ontvangen"] for r in rows), "beantwoord": sum(r["beantwoord"] for r in rows)}

    result = {pk: som(ids) for pk, ids in near.items()}
    result[None] = som(alle)
    return result


def bijeenkomst_list_coming_on_day(*, organisatie, locatie, dag: date) -> QuerySet[Bijeenkomst]:
    """The organisation's coming, not cancelled dates at the place on ``dag`` (Amsterdam),
    with activity, place and room: what a board may book a free room for."""
    van, tot = day_bounds(dag, dag)
    return (
        Bijeenkomst.objects.filter(
            activiteit__locatie=locatie, activiteit__organisator=organisatie, geannuleerd=False,
            start__gte=max(van, timezone.now()), start__lt=tot,
        )
        .select_related("activiteit__organisator", "activiteit__locatie", "ruimte")
        .order_by("start", "pk")
    )
