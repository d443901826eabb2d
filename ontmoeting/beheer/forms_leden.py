"""Forms of the workspace's members page: inviting someone and changing a role."""

from django import forms
from django.utils.translation import gettext_lazy as _

from locaties.constants import Rol

ROL_HULP = {
    Rol.BESTUUR: _("Board member: everything of the organisation, its members included."),
    Rol.BEHEERDER: _("Manager: places, rentals, activities and rosters; also invites members."),
    Rol.COORDINATOR: _("Coordinator: activities, registrations, volunteers and rosters."),
}


def _rol_choices(*, met_bestuur: bool) -> list[tuple[str, str]]:
    return [(rol, ROL_HULP[rol]) for rol in Rol if met_bestuur or rol != Rol.BESTUUR]


class _RolForm(forms.Form):
    rol = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)

    def __init__(self, *args, met_bestuur: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = _rol_choices(met_bestuur=met_bestuur)


class UitnodigenForm(_RolForm):
    """Who to invite (an e-mail address) and in what role; only the board gives the
    board role."""

    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("They get a mail: with a link to choose a password, or, with an account already, a notice."),
    )
    field_order = ["email", "rol"]


class RolForm(_RolForm):
    """Another role for a member."""
