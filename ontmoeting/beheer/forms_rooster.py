"""Forms of the roster and the vacancies in the workspace. They check input; the
vrijwilligers services do the work."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from locaties.models import Locatie
from vrijwilligers.constants import Dagdeel, Taak, Talent
from vrijwilligers.models import Vrijwilliger
from vrijwilligers.services import MAX_HERHAAL_WEKEN

from .forms import DATE, TIME


class DienstForm(forms.Form):
    """A shift on a day, and optionally the same shift every week after it."""

    taak = forms.ChoiceField(label=_("Task"), choices=Taak.choices)
    datum = forms.DateField(label=_("Date"), widget=DATE)
    begintijd = forms.TimeField(label=_("From"), widget=TIME)
    eindtijd = forms.TimeField(label=_("Until"), widget=TIME)
    benodigd = forms.IntegerField(label=_("People needed"), min_value=1, max_value=50, initial=1)
    weken = forms.IntegerField(
        label=_("Number of weeks"), min_value=1, max_value=MAX_HERHAAL_WEKEN, initial=1,
        help_text=_("1 is this date only; 4 is this date and the same shift the next three weeks."),
    )
    omschrijving = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("begintijd") and data.get("eindtijd") and data["eindtijd"] <= data["begintijd"]:
            self.add_error("eindtijd", _("The shift must end after it starts."))
        return data


class VrijwilligerKeuze(forms.ModelChoiceField):
    """A volunteer with what fits: available then, or another shift at the same time."""

    def __init__(self, *args, passend=(), botsend=(), **kwargs):
        self.passend, self.botsend = set(passend), set(botsend)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        notes = []
        if obj.pk in self.passend:
            notes.append(str(_("available then")))
        if obj.pk in self.botsend:
            notes.append(str(_("has another shift then")))
        return f"{obj.naam} ({', '.join(notes)})" if notes else obj.naam


class InvullenForm(forms.Form):
    vrijwilliger = forms.ModelChoiceField(label=_("Volunteer"), queryset=Vrijwilliger.objects.none())

    def __init__(self, *args, vrijwilligers, passend=(), botsend=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vrijwilliger"] = VrijwilligerKeuze(
            label=_("Volunteer"), queryset=vrijwilligers, passend=passend, botsend=botsend,
            empty_label=_("Choose a volunteer"),
        )


class VacatureForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=200)
    beschrijving = forms.CharField(label=_("What the role asks"), widget=forms.Textarea(attrs={"rows": 5}))
    taak = forms.ChoiceField(label=_("Task"), choices=Taak.choices)
    locatie = forms.ModelChoiceField(label=_("Place (optional)"), queryset=Locatie.objects.none(), required=False,
                                     empty_label=_("The whole organisation"))
    uren_per_week = forms.DecimalField(label=_("Hours a week (optional)"), min_value=0.5, max_value=99,
                                       decimal_places=1, required=False)
    vog_nodig = forms.BooleanField(label=_("A certificate of conduct (VOG) is needed"), required=False)
    sluit_op = forms.DateField(label=_("Open until (optional)"), widget=DATE, required=False)
    dagdelen = forms.MultipleChoiceField(
        label=_("When (optional)"), choices=Dagdeel.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing chosen: whenever suits the volunteer."),
    )
    talenten = forms.MultipleChoiceField(
        label=_("Talents that help (optional)"), choices=Talent.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only you see these: they find the volunteers who fit."),
    )

    def __init__(self, *args, locaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = locaties


class UrenForm(forms.Form):
    """The hours a volunteer worked on a shift (the shift's length is filled in)."""

    uren = forms.DecimalField(label=_("Hours worked"), min_value=Decimal("0.25"), max_value=24, decimal_places=2,
                              localize=True)


class LosseInzetForm(forms.Form):
    """Hours of someone who helped without a shift: a volunteer, a name or neither."""

    datum = forms.DateField(label=_("Date"), widget=DATE)
    taak = forms.ChoiceField(label=_("Task"), choices=Taak.choices)
    uren = forms.DecimalField(label=_("Hours"), min_value=Decimal("0.25"), max_value=24, decimal_places=2,
                              localize=True)
    vrijwilliger = forms.ModelChoiceField(label=_("Volunteer (optional)"), queryset=Vrijwilliger.objects.none(),
                                          required=False, empty_label=_("Not one of our volunteers"))
    naam = forms.CharField(label=_("Name (optional)"), max_length=100, required=False,
                           help_text=_("For someone who is not on the volunteers list."))

    def __init__(self, *args, vrijwilligers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vrijwilliger"].queryset = vrijwilligers


class PassendForm(forms.Form):
    """Which volunteers fit: talents and times (a wish's or a vacancy's, or chosen here)."""

    talenten = forms.MultipleChoiceField(label=_("Talents"), choices=Talent.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    dagdelen = forms.MultipleChoiceField(label=_("Available on"), choices=Dagdeel.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
