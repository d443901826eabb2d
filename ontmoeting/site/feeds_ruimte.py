"""A room's private calendar feed behind a signed URL (the board gets it in the workspace)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from locaties.ical import ruimte_ical
from locaties.models import Ruimte
from locaties.selectors_verhuur import ruimte_feed_reserveringen
from locaties.tokens import ruimte_pk_from_feed_token


def ruimte_feed(request, token):
    """The room's uses from three months ago on; a tampered token answers 404."""
    pk = ruimte_pk_from_feed_token(token)
    if pk is None:
        raise Http404
    ruimte = get_object_or_404(Ruimte.objects.select_related("locatie"), pk=pk)
    response = HttpResponse(
        ruimte_ical(ruimte, ruimte_feed_reserveringen(ruimte=ruimte)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="ruimte-{ruimte.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
