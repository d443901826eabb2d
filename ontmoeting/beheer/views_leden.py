"""The workspace's members page (/beheer/<organisation>/leden/): who works in the
organisation and in what role, inviting someone by e-mail, changing a role and removing
a member. Board members and managers open it; giving or taking the board role, and
changing a board member's membership, is for the board (``locaties.manage_bestuur``).
The services keep the last board member in place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from locaties.constants import Rol
from locaties.models import Lidmaatschap, Organisatie
from locaties.selectors import lidmaatschap_list_for_organisatie, uitnodiging_list_open
from locaties.services import lidmaatschap_delete, lidmaatschap_update_rol, uitnodiging_create

from .. import access
from .forms import add_service_error
from .forms_leden import RolForm, UitnodigenForm
from .views import _context, _organisatie, _owned


def _naam(user) -> str:
    return user.get_full_name() or user.email or user.get_username()


def _rol_label(rol: str) -> str:
    return str(Rol(rol).label).lower()


def _mag_bestuur(request, organisatie: Organisatie) -> bool:
    return request.user.has_perm("locaties.manage_bestuur", organisatie)


def _lidmaatschap(request, organisatie: Organisatie, pk: int) -> Lidmaatschap:
    """A membership of the organisation in the URL; a board member's only for the board."""
    lidmaatschap = _owned(request, Lidmaatschap.objects.select_related("user", "organisatie"),
                          pk=pk, organisatie=organisatie)
    if lidmaatschap.rol == Rol.BESTUUR and not _mag_bestuur(request, organisatie):
        raise PermissionDenied
    lidmaatschap.naam = _naam(lidmaatschap.user)
    return lidmaatschap


def _terug(request, organisatie: Organisatie):
    """Back to the members page, or, when one changed one's own place, where one still may go."""
    if request.user.has_perm("locaties.manage_leden", organisatie):
        return redirect("beheer:leden", organisatie.slug)
    if request.user.has_perm("locaties.use_workspace", organisatie):
        return redirect("beheer:start", organisatie.slug)
    return redirect("beheer:kiezen")


@login_required
def leden(request, org):
    """The members with role and since when, and the invitations that still wait."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    mag_bestuur = _mag_bestuur(request, organisatie)
    rijen = list(lidmaatschap_list_for_organisatie(organisatie=organisatie))
    for lidmaatschap in rijen:
        lidmaatschap.naam = _naam(lidmaatschap.user)
        lidmaatschap.mag_wijzigen = mag_bestuur or lidmaatschap.rol != Rol.BESTUUR
    return render(request, "beheer/leden.html", _context(
        organisatie, sectie="leden", leden=rijen, uitnodigingen=list(uitnodiging_list_open(organisatie=organisatie)),
    ))


@login_required
def lid_uitnodigen(request, org):
    """Invite someone by e-mail with a role. The message is the same whether or not the
    address has an account: the page does not tell who has one."""
    organisatie = _organisatie(request, org)
    access.check(request, organisatie)
    form = UitnodigenForm(request.POST or None, met_bestuur=_mag_bestuur(request, organisatie))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                uitnodiging_create(organisatie=organisatie, email=form.cleaned_data["email"],
                                   rol=form.cleaned_data["rol"], door=request.user)
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                messages.success(request, _("%(email)s is invited as %(rol)s and gets an e-mail.") % {
                    "email": form.cleaned_data["email"], "rol": _rol_label(form.cleaned_data["rol"]),
                })
                return redirect("beheer:leden", organisatie.slug)
        status = 400
    return render(request, "beheer/lid_uitnodigen.html", _context(organisatie, sectie="leden", form=form),
                  status=status)


@login_required
def lid_rol(request, org, pk):
    """Give a member another role."""
    organisatie = _organisatie(request, org)
    lidmaatschap = _lidmaatschap(request, organisatie, pk)
    form = RolForm(request.POST or None, initial={"rol": lidmaatschap.rol},
                   met_bestuur=_mag_bestuur(request, organisatie))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                lidmaatschap_update_rol(lidmaatschap=lidmaatschap, rol=form.cleaned_data["rol"])
            except ValidationError as error:
                add_service_error(form, error, {})
            else:
                messages.success(request, _("%(naam)s is now %(rol)s.") % {
                    "naam": lidmaatschap.naam, "rol": _rol_label(form.cleaned_data["rol"]),
                })
                return _terug(request, organisatie)
        status = 400
    return render(request, "beheer/lid_rol.html", _context(
        organisatie, sectie="leden", lidmaatschap=lidmaatschap, form=form,
    ), status=status)


@login_required
def lid_verwijderen(request, org, pk):
    """Remove a member: first a question (GET), then the removal (POST). Their account stays."""
    organisatie = _organisatie(request, org)
    lidmaatschap = _lidmaatschap(request, organisatie, pk)
    if request.method == "POST":
        try:
            lidmaatschap_delete(lidmaatschap=lidmaatschap)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("beheer:leden", organisatie.slug)
        messages.success(request, _("%(naam)s no longer works in %(organisatie)s.") % {
            "naam": lidmaatschap.naam, "organisatie": organisatie.naam,
        })
        return _terug(request, organisatie)
    return render(request, "beheer/lid_verwijderen.html", _context(
        organisatie, sectie="leden", lidmaatschap=lidmaatschap,
        zelf=lidmaatschap.user_id == request.user.pk,
    ))
