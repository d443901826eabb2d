"""The buurten of one wijk of the dashboard's table: a page of its own (a folded wijk's
link, without a script), or only the table (``?deel=1``), which the dashboard's script
loads into the wijk when it is opened (``tabel.INLINE_BUURTEN``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from locaties.models import Wijk

from ..dekking import selectors
from . import tabel
from .views import _gemeente_for


@login_required
@require_GET
def wijk(request, code, wijkcode):
    """One wijk's buurten with their figures, sortable by each column."""
    gemeente = _gemeente_for(request, code)
    wijk = get_object_or_404(Wijk.objects.filter(buurten__gemeente=gemeente).distinct(), code=wijkcode)
    sort = request.GET.get("sort", "code")
    descending = request.GET.get("dir") == "desc"
    dekking = selectors.gemeente_dekking_detail(gemeente, sort=sort, descending=descending, wijk=wijk)
    tabel.mark_thresholds(dekking.rows)
    groep = next(iter(tabel.wijk_groepen(dekking)), {"wijk": wijk, "rows": [], "aantal": 0, "totaal": None})
    context = {
        "gemeente": gemeente, "groep": groep, "dekking": dekking,
        "columns": tabel.sort_links(sort, descending, base=reverse("dashboard:wijk", args=[gemeente.code, wijk.code])),
        "meer_bases": len(dekking.totaal.bases) > 1, "bronnen": selectors.SOURCES,
    }
    template = "ontmoeting/dashboard/_wijk_tabel.html" if request.GET.get("deel") else "ontmoeting/dashboard/wijk.html"
    return render(request, template, context)
