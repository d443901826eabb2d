"""The form to ask for a room: who, what for, how many, and one date or a series."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from locaties.constants import CATEGORIE_UITLEG, TariefCategorie
from locaties.selectors_verhuur import MAX_DATA, verhuur_momenten

EENMALIG, WEKELIJKS, TWEEWEKELIJKS = "0", "1", "2"


class HuurForm(forms.Form):
    """A rental request for one room. The tenant categories offered are those the room
    has a tariff for, each explained in one line."""

    huurder_naam = forms.CharField(label=_("Organisation or name"), max_length=200)
    huurder_email = forms.EmailField(label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    huurder_telefoon = forms.CharField(
        label=_("Phone"), max_length=20, required=False,
        help_text=_("Give an e-mail address, a phone number or both."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    huurder_categorie = forms.ChoiceField(label=_("Who rents"), widget=forms.RadioSelect)
    doel = forms.CharField(label=_("What is the room for?"), max_length=200, help_text=_("For example: choir rehearsal."))
    aantal_personen = forms.IntegerField(label=_("Number of people"), min_value=1)
    datum = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    van = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    tot = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    herhaling = forms.ChoiceField(
        label=_("How often"), widget=forms.RadioSelect, initial=EENMALIG,
        choices=[(EENMALIG, _("Once")), (WEKELIJKS, _("Every week")), (TWEEWEKELIJKS, _("Every two weeks"))],
    )
    herhaal_tot = forms.DateField(
        label=_("Repeat until (for a series)"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last date of the series, at most a year ahead."),
    )
    opmerking = forms.CharField(label=_("Anything else (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, ruimte, **kwargs):
        super().__init__(*args, **kwargs)
        self.ruimte = ruimte
        labels = dict(TariefCategorie.choices)
        # A category may have several tariffs one after the other: offered once.
        categorieen = dict.fromkeys(sorted(t.categorie for t in ruimte.tarieven.all()))
        self.fields["huurder_categorie"].choices = [
            (categorie, f"{labels[categorie]}: {CATEGORIE_UITLEG[categorie]}") for categorie in categorieen
        ]
        self.fields["aantal_personen"].help_text = _("This room holds up to %(n)d people.") % {"n": ruimte.capaciteit}

    def clean_aantal_personen(self):
        aantal = self.cleaned_data["aantal_personen"]
        if aantal > self.ruimte.capaciteit:
            raise ValidationError(
                _("This room holds at most %(n)d people. Choose a bigger room or come with fewer."),
                params={"n": self.ruimte.capaciteit},
            )
        return aantal

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum < timezone.localdate():
            raise ValidationError(_("This date has passed. Choose a date from today on."))
        return datum

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("huurder_email") or cleaned.get("huurder_telefoon", "").strip()) and "huurder_email" not in self.errors:
            self.add_error("huurder_email", _("Give an e-mail address or a phone number, so the place can answer."))
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and van == tot:
            self.add_error("tot", _("The end time must differ from the start time."))
        datum, herhaal_tot = cleaned.get("datum"), cleaned.get("herhaal_tot")
        if cleaned.get("herhaling", EENMALIG) != EENMALIG and datum:
            if herhaal_tot is None:
                self.add_error("herhaal_tot", _("Give the last date of the series."))
            elif herhaal_tot <= datum:
                self.add_error("herhaal_tot", _("The last date must come after the first date."))
            elif herhaal_tot > datum + timedelta(weeks=MAX_DATA):
                self.add_error("herhaal_tot", _("A series runs for at most a year. Choose an earlier last date."))
        return cleaned

    @property
    def interval_weken(self) -> int:
        return int(self.cleaned_data.get("herhaling") or 0)

    def momenten(self):
        """The (start, end) of every date asked for."""
        data = self.cleaned_data
        return verhuur_momenten(
            datum=data["datum"], van=data["van"], tot=data["tot"],
            interval_weken=self.interval_weken, tot_datum=data.get("herhaal_tot"),
        )

    def service_fields(self) -> dict:
        names = ["huurder_naam", "huurder_email", "huurder_telefoon", "huurder_categorie", "doel", "aantal_personen", "opmerking"]
        return {name: self.cleaned_data[name] for name in names}


def parse_dates(values) -> set[date]:
    """The ISO dates among ``values`` (the dates a tenant left out); the rest is ignored."""
    found = set()
    for value in values:
        try:
            found.add(date.fromisoformat(value))
        except ValueError:
            continue
    return found
