"""Forms of the wishes' answer page: the answer to an approved wish."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activiteiten.constants import WensStatus
from activiteiten.models import Activiteit

ANTWOORDEN = [
    (WensStatus.NIEUW, _("No answer yet")),
    (WensStatus.OPGEPAKT, _("Taken up: an activity answers it")),
    (WensStatus.NIET_HAALBAAR, _("Not feasible: say why")),
]


class WensAntwoordForm(forms.Form):
    """"Opgepakt" with the activity that answers the wish, or "niet haalbaar" with the
    reason; the service checks that each has what it needs."""

    status = forms.ChoiceField(label=_("Answer"), choices=ANTWOORDEN, widget=forms.RadioSelect)
    activiteit = forms.ModelChoiceField(
        label=_("Which activity answers it?"), queryset=Activiteit.objects.none(), required=False,
        empty_label=_("Choose an activity"),
        help_text=_("Published activities at places in or near the buurt. The buurt page links to it."),
    )
    reden = forms.CharField(
        label=_("Why is it not feasible?"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The buurt page shows this sentence. Plain words, no names of people."),
    )

    def __init__(self, *args, activiteiten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activiteit"].queryset = activiteiten
        self.fields["activiteit"].label_from_instance = lambda a: f"{a.titel} ({a.locatie.naam})"

    @staticmethod
    def initial_for(wens) -> dict:
        return {"status": wens.status, "activiteit": wens.activiteit_id, "reden": wens.reden}
