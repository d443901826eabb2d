"""The wishes of a gemeente's buurten for its officials (``/gemeente/<code>/wensen/``):
the list, and the same answer page as the boards have in the workspace
(``ontmoeting.beheer.views_wensen.answer_page``). An official answers any wish of their
own gemeente; another gemeente's wish answers 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from activiteiten.selectors import wens_list_for_buurten
from locaties.models import Buurt

from ..beheer.views import PER_PAGINA
from ..beheer.views_wensen import answer_page
from .views import _gemeente_for


def _wensen_of(gemeente):
    return wens_list_for_buurten(buurt_ids=Buurt.objects.filter(gemeente=gemeente).values("pk"))


@login_required
def wensen(request, code):
    """The gemeente's wishes: the ones to moderate, those waiting for an answer, and those
    answered, each with a link to its answer page."""
    gemeente = _gemeente_for(request, code)
    pagina = Paginator(_wensen_of(gemeente), PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "ontmoeting/dashboard/wensen.html", {"gemeente": gemeente, "pagina": pagina})


@login_required
def wens(request, code, pk):
    """Answer one wish of the gemeente's buurten."""
    gemeente = _gemeente_for(request, code)
    wens = get_object_or_404(_wensen_of(gemeente), pk=pk)
    if not request.user.has_perm("activiteiten.answer_wens", wens):
        raise PermissionDenied
    return answer_page(
        request, wens, template="ontmoeting/dashboard/wens.html", context={"gemeente": gemeente},
        terug=reverse("dashboard:wensen", args=[gemeente.code]),
    )
