"""Forms of the resident site. They check input; the services do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activiteiten.constants import Doelgroep


class WensForm(forms.Form):
    tekst = forms.CharField(
        label=_("What do you miss in your buurt?"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: a place to have coffee together in the morning."),
    )
    doelgroep = forms.ChoiceField(
        label=_("For whom? (optional)"), required=False,
        choices=[("", _("Not stated"))] + list(Doelgroep.choices),
    )
    contact_naam = forms.CharField(
        label=_("Your name (optional)"), max_length=100, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"), required=False,
        help_text=_("Only if you want to hear from us. We do not show it."),
    )


class AanmeldingForm(forms.Form):
    naam = forms.CharField(
        label=_("Your name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    telefoon = forms.CharField(
        label=_("Phone number"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    aantal = forms.IntegerField(
        label=_("With how many people do you come?"), min_value=1, max_value=20, initial=1,
        help_text=_("Count yourself too."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("telefoon") and not self.has_error("email"):
            raise forms.ValidationError(
                _("Leave an e-mail address or a phone number, so we can reach you if plans change.")
            )
        return data
