"""Reads of the activiteiten app."""

from datetime import date, datetime

from django.db.models import QuerySet

from .models import Bijeenkomst, Schoolvakantie


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


# --- Reads for the public API and pages (added with the API) ---------------------------


def activiteit_list_public():
    """Published activities at published places, with place, area, organiser and room."""
    from .constants import ActiviteitStatus
    from .models import Activiteit

    return (
        Activiteit.objects.filter(status=ActiviteitStatus.GEPUBLICEERD, locatie__gepubliceerd=True)
        .select_related("locatie__buurt__wijk__gemeente", "organisator", "ruimte")
        .order_by("titel", "pk")
    )


def bijeenkomst_list_public():
    """Occurrences of published activities at published places, in order of start, with
    the number of confirmed places (``bezette_plaatsen``) for a "full" notice. One query
    whatever the number of occurrences; narrow it with ``BijeenkomstFilter`` (which always
    applies a period)."""
    from django.db.models import IntegerField, OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    from .constants import AanmeldingStatus, ActiviteitStatus
    from .models import Aanmelding

    bezet = (
        Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), status=AanmeldingStatus.BEVESTIGD)
        .order_by()
        .values("bijeenkomst")
        .annotate(totaal=Sum("aantal"))
        .values("totaal")
    )
    return (
        Bijeenkomst.objects.filter(
            activiteit__status=ActiviteitStatus.GEPUBLICEERD, activiteit__locatie__gepubliceerd=True
        )
        .select_related("activiteit__locatie__buurt", "ruimte")
        .annotate(bezette_plaatsen=Coalesce(Subquery(bezet, output_field=IntegerField()), 0))
        .order_by("start", "pk")
    )


def activiteit_list_visible_for_user(user):
    """Activities a user may look up to act on: public ones and every activity of the
    organisations they have a role in; staff all."""
    from django.db.models import Q

    from locaties.selectors import organisatie_ids_for_user

    from .models import Activiteit

    activiteiten = Activiteit.objects.select_related("locatie__buurt", "organisator", "ruimte")
    if user.is_authenticated and user.is_staff:
        return activiteiten
    public = activiteit_list_public().values("pk")
    if not user.is_authenticated:
        return activiteiten.filter(pk__in=public)
    return activiteiten.filter(Q(pk__in=public) | Q(organisator_id__in=organisatie_ids_for_user(user)))


def bijeenkomst_list_visible_for_user(user):
    """Occurrences of the activities ``activiteit_list_visible_for_user`` returns."""
    return Bijeenkomst.objects.filter(
        activiteit__in=activiteit_list_visible_for_user(user).values("pk")
    ).select_related("activiteit__organisator", "activiteit__locatie", "ruimte")


def wens_list_public():
    """Wishes a moderator approved, most supported first, with their buurt."""
    from .models import Wens

    return Wens.objects.filter(goedgekeurd=True).select_related("buurt").order_by("-steun", "-aangemaakt", "pk")


def gemeente_kengetallen(*, gemeente, van: date, tot: date) -> dict:
    """Figures of a gemeente that are not public: places (published or not), activities,
    occurrences, registrations and attendance in ``[van, tot]``. For its officials."""
    from django.db.models import Count, Q, Sum

    from locaties.models import Locatie

    from .constants import AanmeldingStatus, ActiviteitStatus
    from .filters import day_bounds
    from .models import Aanmelding

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
    from django.core import signing

    from .models import Aanmelding
    from .services.aanmelding import AANMELDING_CANCEL_SALT

    try:
        pk = int(signing.loads(token, salt=AANMELDING_CANCEL_SALT)["aanmelding"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (
        Aanmelding.objects.select_related("bijeenkomst__activiteit__locatie").filter(pk=pk).first()
    )


def bijeenkomst_list_coming(*, activiteit=None, locatie=None, limit: int = 12) -> list:
    """The next occurrences (cancelled ones included, to say so) of an activity or of the
    activities at a place, from those going on now, in one query."""
    from django.utils import timezone

    bijeenkomsten = bijeenkomst_list_public().filter(eind__gt=timezone.now())
    if activiteit is not None:
        bijeenkomsten = bijeenkomsten.filter(activiteit=activiteit)
    if locatie is not None:
        bijeenkomsten = bijeenkomsten.filter(activiteit__locatie=locatie)
    return list(bijeenkomsten[:limit])
