"""Forms of a place's pages in the workspace: its profile, its week of opening hours, a
closure and a photo. They check the input; the locaties services do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.postcode import compact_postcode, format_postcode
from locaties.constants import Faciliteit, LocatieSoort, Toegankelijkheid, Weekdag
from locaties.filters import postcode_punt
from locaties.models.validators import POSTCODE

from .forms import DATE, TIME

#: A line of explanation under each accessibility choice, so a board ticks it knowingly.
TOEGANKELIJKHEID_UITLEG = {
    Toegankelijkheid.DREMPELVRIJ: _("No steps or thresholds at the entrance; a wheelchair or rollator gets in."),
    Toegankelijkheid.INVALIDENTOILET: _("A toilet with room for a wheelchair and grab rails."),
    Toegankelijkheid.RINGLEIDING: _("An induction loop for hearing aids in the main room."),
    Toegankelijkheid.INVALIDENPARKEREN: _("A parking place for disabled people near the entrance."),
    Toegankelijkheid.DEMENTIEVRIENDELIJK: _("Hosts know how to welcome people with dementia; a calm, clear room."),
}
FACILITEIT_UITLEG = {
    Faciliteit.KEUKEN: _("A kitchen where groups may cook, for example for a shared meal."),
    Faciliteit.TUIN: _("A garden, courtyard or terrace that visitors may use."),
    Faciliteit.WIFI: _("Wireless internet that visitors may use."),
    Faciliteit.MUZIEKRUIMTE: _("A room where a band or choir can play without disturbing others."),
    Faciliteit.JONGERENRUIMTE: _("A room of their own for young people."),
    Faciliteit.COMPUTERS: _("Computers visitors may use, for example at a computer class."),
    Faciliteit.BEAMER: _("A projector and screen for presentations or films."),
    Faciliteit.BAR: _("A bar serving coffee, tea or drinks."),
}


class KeuzesMetUitleg(forms.CheckboxSelectMultiple):
    """Checkboxes, each with a line of explanation under its label (``choice.data.uitleg``,
    shown by templates/beheer/_veld_uitleg.html)."""

    def __init__(self, *args, uitleg: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.uitleg = uitleg

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["uitleg"] = self.uitleg.get(option["value"], "")
        if option["uitleg"] and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_uitleg"
        return option


class PlekForm(forms.Form):
    """A place's profile: every field a board keeps up to date. The point (lat, lon) is
    looked up from the postcode when it is left empty or the postcode changes."""

    naam = forms.CharField(label=_("Name of the place"), max_length=200)
    beschrijving = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What kind of place it is and who is welcome, in a few plain sentences."),
    )
    soort = forms.ChoiceField(label=_("Kind of place"), choices=LocatieSoort.choices)
    straat = forms.CharField(label=_("Street"), max_length=200)
    huisnummer = forms.CharField(label=_("House number (optional)"), max_length=20, required=False)
    postcode = forms.CharField(
        label=_("Postcode"), max_length=8, required=False,
        help_text=_("For example 6211 AB. The point on the map is found from it."),
    )
    plaats = forms.CharField(label=_("Town"), max_length=100)
    lat = forms.FloatField(
        label=_("Latitude (optional)"), required=False, widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("Leave latitude and longitude empty to find the point from the postcode; "
                    "it is found again when the postcode changes."),
    )
    lon = forms.FloatField(label=_("Longitude (optional)"), required=False,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    telefoon = forms.CharField(label=_("Phone (optional)"), max_length=20, required=False,
                               widget=forms.TextInput(attrs={"type": "tel"}))
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    toegankelijkheid = forms.MultipleChoiceField(
        label=_("Accessibility"), choices=Toegankelijkheid.choices, required=False,
        widget=KeuzesMetUitleg(uitleg=TOEGANKELIJKHEID_UITLEG),
        help_text=_("Tick what is true of the place; residents filter on it."),
    )
    faciliteiten = forms.MultipleChoiceField(
        label=_("Facilities"), choices=Faciliteit.choices, required=False,
        widget=KeuzesMetUitleg(uitleg=FACILITEIT_UITLEG),
    )
    noodsteunpunt = forms.BooleanField(
        label=_("Emergency support point"), required=False,
        help_text=_("A place residents can go to in a crisis (power cut, heat wave, flood)."),
    )
    gepubliceerd = forms.BooleanField(
        label=_("Published"), required=False,
        help_text=_("Only a published place shows on the site and counts in the gemeente's coverage."),
    )
    open_sinds = forms.DateField(label=_("Open since (optional)"), required=False, widget=DATE)
    gesloten_sinds = forms.DateField(
        label=_("Closed since (optional)"), required=False, widget=DATE,
        help_text=_("The first day the place is closed for good. For holidays, add a closure instead."),
    )
    annuleren_tot_uren = forms.IntegerField(
        label=_("Free cancellation of a rental until (hours before)"), required=False, min_value=0, max_value=720,
        help_text=_("A tenant may cancel by the link in their mail until this many hours before the start. Empty keeps it as it is."),
    )

    SECTIONS = (
        (_("The place"), ("naam", "soort", "beschrijving")),
        (_("Address and point"), ("straat", "huisnummer", "postcode", "plaats", "lat", "lon")),
        (_("Contact"), ("email", "telefoon", "website")),
        (_("Accessibility and facilities"), ("toegankelijkheid", "faciliteiten", "noodsteunpunt")),
        (_("Publication"), ("gepubliceerd", "open_sinds", "gesloten_sinds")),
        (_("Renting rooms"), ("annuleren_tot_uren",)),
    )
    FIELDS = tuple(name for _title, names in SECTIONS for name in names)

    def __init__(self, *args, locatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.locatie = locatie
        self.punt_gevonden = False

    @staticmethod
    def initial_for(locatie) -> dict:
        return {name: getattr(locatie, name) for name in PlekForm.FIELDS}

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean_postcode(self):
        postcode = format_postcode(self.cleaned_data["postcode"]) if self.cleaned_data["postcode"] else ""
        if postcode:
            POSTCODE(postcode)
        return postcode

    def clean(self):
        data = super().clean()
        if self.has_error("postcode") or self.has_error("lat") or self.has_error("lon"):
            return data
        lat, lon, postcode = data.get("lat"), data.get("lon"), data.get("postcode", "")
        if (lat is None) != (lon is None):
            self.add_error("lon" if lon is None else "lat", _("Give both latitude and longitude, or neither."))
            return data
        nieuwe_postcode = compact_postcode(postcode) != compact_postcode(self.locatie.postcode)
        punt_getypt = lat is not None and (lat, lon) != (self.locatie.lat, self.locatie.lon)
        if lat is None or (nieuwe_postcode and postcode and not punt_getypt):
            if not postcode:
                self.add_error("postcode", _("Give the postcode, or the point (latitude and longitude)."))
                return data
            punt = postcode_punt(postcode)
            if punt is None:
                self.add_error("postcode", _(
                    "This postcode is not known here. Check it, or give the point (latitude and longitude)."))
                return data
            data["lat"], data["lon"] = punt
            self.punt_gevonden = True
        return data

    def service_fields(self) -> dict:
        """The arguments of ``locatie_update`` (the place aside)."""
        fields = {name: self.cleaned_data[name] for name in self.FIELDS}
        if fields["annuleren_tot_uren"] is None:
            fields["annuleren_tot_uren"] = self.locatie.annuleren_tot_uren
        return fields


class OpeningstijdenForm(forms.Form):
    """The week's opening hours: per weekday a few periods from–until (two, or as many as
    the place has now). Until earlier than from runs past midnight."""

    def __init__(self, *args, aantal_per_dag: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.aantal_per_dag = {dag: max(2, (aantal_per_dag or {}).get(dag, 0)) for dag in Weekdag.values}
        for dag, label in Weekdag.choices:
            for n in range(1, self.aantal_per_dag[dag] + 1):
                self.fields[f"d{dag}_{n}_van"] = forms.TimeField(
                    label=_("%(day)s, period %(n)d: from") % {"day": label, "n": n}, required=False, widget=TIME)
                self.fields[f"d{dag}_{n}_tot"] = forms.TimeField(
                    label=_("%(day)s, period %(n)d: until") % {"day": label, "n": n}, required=False, widget=TIME)

    @staticmethod
    def initial_for(openingstijden) -> tuple[dict, dict[int, int]]:
        """The form's values for the stored hours, and how many periods each day has."""
        initial, aantal = {}, {}
        for tijd in sorted(openingstijden, key=lambda t: (t.weekdag, t.van)):
            n = aantal[tijd.weekdag] = aantal.get(tijd.weekdag, 0) + 1
            initial[f"d{tijd.weekdag}_{n}_van"] = tijd.van
            initial[f"d{tijd.weekdag}_{n}_tot"] = tijd.tot
        return initial, aantal

    def dagen(self):
        """Per weekday its name and periods, each (n, from field, until field)."""
        return [
            (dag, label, [(n, self[f"d{dag}_{n}_van"], self[f"d{dag}_{n}_tot"])
                          for n in range(1, self.aantal_per_dag[dag] + 1)])
            for dag, label in Weekdag.choices
        ]

    def clean(self):
        data = super().clean()
        self.perioden, self.velden = [], []
        for dag in Weekdag.values:
            for n in range(1, self.aantal_per_dag[dag] + 1):
                van_veld, tot_veld = f"d{dag}_{n}_van", f"d{dag}_{n}_tot"
                if self.has_error(van_veld) or self.has_error(tot_veld):
                    continue
                van, tot = data.get(van_veld), data.get(tot_veld)
                if van is None and tot is None:
                    continue
                if van is None or tot is None:
                    self.add_error(van_veld if van is None else tot_veld,
                                   _("Give both the opening and the closing time, or neither."))
                    continue
                self.perioden.append((dag, van, tot))
                self.velden.append((van_veld, tot_veld))
        return data

    def add_service_error(self, error) -> None:
        """Put ``openingstijden_set``'s refusal beside the period it concerns."""
        for index, messages in error.message_dict.items():
            _van_veld, tot_veld = self.velden[int(index)]
            for message in messages:
                self.add_error(tot_veld, message)


class SluitingForm(forms.Form):
    """A closure: from, until (both included) and why; and whether to cancel the dates
    that fall in it."""

    van = forms.DateField(label=_("First day closed"), widget=DATE)
    tot = forms.DateField(label=_("Last day closed"), widget=DATE, help_text=_("The same day for one day."))
    reden = forms.CharField(label=_("Reason"), max_length=200,
                            help_text=_("For example: summer holiday, renovation. Residents see it."))
    annuleer = forms.BooleanField(
        label=_("Cancel these dates and tell the people registered"), required=False,
        help_text=_("Dates of activities at this place in the closure are cancelled; whoever registered gets a mail."),
    )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("The last day must not be before the first day."))
        return data


class FotoForm(forms.Form):
    """A new photo of the place, with the text that describes it."""

    afbeelding = forms.ImageField(label=_("Photo"), help_text=_("A JPEG, PNG, WebP or GIF photo."))
    alt_tekst = forms.CharField(
        label=_("What the photo shows"), max_length=250,
        help_text=_("Describe what the photo shows, for people who cannot see it."),
    )


class FotoWijzigForm(forms.Form):
    """A stored photo's text and place in the order; the prefix tells the photos apart."""

    alt_tekst = forms.CharField(
        label=_("What the photo shows"), max_length=250,
        help_text=_("Describe what the photo shows, for people who cannot see it."),
    )
    volgorde = forms.IntegerField(label=_("Order"), min_value=0, max_value=999,
                                  help_text=_("The lowest number shows first."))
