"""Forms of the gemeente dashboard."""

from django import forms
from django.utils.translation import gettext_lazy as _

from locaties.models import POSTCODE

from ..dekking.parsing import PC4
from ..models import Drempelwaarden


class PostcodeForm(forms.Form):
    """Place a hypothetical meeting place at a postcode (works without JavaScript)."""

    postcode = forms.CharField(
        label=_("Postcode"), max_length=7,
        help_text=_("A postcode in this gemeente, e.g. 6221 AB, or its first four digits (6221) for the middle of that area."),
    )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip().upper()
        if PC4.match(postcode):
            return postcode
        POSTCODE(postcode)  # people type "6221ab" as often as "6221 AB"
        return postcode.replace(" ", "")


class ScenarioForm(forms.Form):
    naam = forms.CharField(label=_("Name of the scenario"), max_length=120)


class DrempelwaardenForm(forms.ModelForm):
    class Meta:
        model = Drempelwaarden
        fields = ["min_aandeel_65plus_400", "min_locaties_per_10000", "min_jongeren_800"]
