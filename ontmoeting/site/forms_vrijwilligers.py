"""Forms of the volunteers' pages: filtering vacancies and "Ik wil helpen". They check
input; the vrijwilligers services do the work."""

from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from locaties.models import Buurt
from vrijwilligers.constants import Dagdeel, Deel, Taak, Talent


class VacatureFilterForm(forms.Form):
    """The list's filters, named as ``VacatureFilter`` reads them; the choices are the
    buurten and places that have a published vacancy."""

    buurt = forms.ChoiceField(label=_("Buurt"), required=False)
    locatie = forms.ChoiceField(label=_("Place"), required=False)
    taak = forms.ChoiceField(label=_("Task"), required=False, choices=[("", _("Any task"))] + list(Taak.choices))
    dagdeel = forms.ChoiceField(label=_("When"), required=False, choices=[("", _("Any time"))] + list(Deel.choices))
    postcode = forms.CharField(label=_("Near postcode (optional)"), max_length=7, required=False,
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 7}))
    straal = forms.TypedChoiceField(label=_("Within"), required=False, coerce=int, empty_value=None)

    #: The distances to choose from, in metres; the first search from a postcode uses the default.
    STRALEN = (400, 800, 1500, 3000, 5000, 10000)
    STRAAL_DEFAULT = 1500

    def __init__(self, *args, vacatures=(), **kwargs):
        super().__init__(*args, **kwargs)
        buurten = {v.locatie.buurt.code: v.locatie.buurt.naam for v in vacatures if v.locatie and v.locatie.buurt}
        locaties = {v.locatie.slug: v.locatie.naam for v in vacatures if v.locatie}
        self.fields["buurt"].choices = [("", _("Any buurt"))] + sorted(buurten.items(), key=lambda kv: kv[1])
        self.fields["locatie"].choices = [("", _("Any place"))] + sorted(locaties.items(), key=lambda kv: kv[1])
        self.fields["straal"].choices = [
            (m, _("%(km)s km (hemelsbreed)") % {"km": f"{m / 1000:g}"} if m >= 1000 else _("%(m)s m (hemelsbreed)") % {"m": m})
            for m in self.STRALEN
        ]
        self.fields["straal"].initial = self.STRAAL_DEFAULT


def _privacy_label():
    return format_html(
        '{} <a href="{}#vrijwilligers">{}</a>',
        _("I agree that the organisation keeps these data to plan volunteer work."),
        reverse_lazy("site:privacy"), _("Read the privacy statement"),
    )


class HelpenForm(forms.Form):
    """"Ik wil helpen": who, how to reach them, where, what they like to do and when,
    and consent. The certificate of conduct (VOG) date only where the task needs one."""

    naam = forms.CharField(label=_("Your name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail address"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We mail you a personal link to your shifts. No password needed."),
    )
    telefoon = forms.CharField(
        label=_("Phone number"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    buurt = forms.ModelChoiceField(
        label=_("Your buurt (optional)"), queryset=Buurt.objects.none(), required=False, empty_label=_("Not stated"),
    )
    talenten = forms.MultipleChoiceField(
        label=_("What do you like to do? (optional)"), choices=Talent.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    beschikbaarheid = forms.MultipleChoiceField(
        label=_("When can you help? (optional)"), choices=Dagdeel.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    vog_datum = forms.DateField(
        label=_("Date of your certificate of conduct (VOG)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("This task needs one. No VOG yet? Leave it empty; the coordinator helps you apply."),
    )
    voornaam_tonen = forms.BooleanField(
        label=_("When I host an open inloop, the website may show my first name"), required=False,
        help_text=_("For example: “Open inloop now, host present: Mien”. You can change this on your page."),
    )
    toestemming = forms.BooleanField(label=lazy(_privacy_label, SafeString)(), required=True, error_messages={
        "required": _("Agree to the privacy statement, or we may not keep your data."),
    })

    def __init__(self, *args, vacature, **kwargs):
        super().__init__(*args, **kwargs)
        gemeente_id = vacature.locatie.buurt.gemeente_id if vacature.locatie and vacature.locatie.buurt else (
            vacature.organisatie.gemeente_id)
        self.fields["buurt"].queryset = Buurt.objects.filter(gemeente_id=gemeente_id).order_by("naam")
        if not vacature.vog_nodig:
            del self.fields["vog_datum"]

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("telefoon") and not self.has_error("email"):
            raise forms.ValidationError(_("Leave an e-mail address or a phone number, so the coordinator can reach you."))
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["toestemming"] = bool(data.pop("toestemming"))
        return data



class VoornaamForm(forms.Form):
    """On the volunteer's page: may the public pages say my first name while I host?"""

    voornaam_tonen = forms.BooleanField(
        label=_("When I host an open inloop, the website may show my first name"), required=False,
    )
