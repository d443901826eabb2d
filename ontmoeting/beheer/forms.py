"""Forms of the workspace. They turn plain-language input into the services' arguments
(a schedule into an RFC 5545 rule, "2,50" into euros); the services do the work."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activiteiten.constants import (
    AanmeldingNodig,
    ActiviteitSoort,
    ActiviteitStatus,
    Categorie,
    Doelgroep,
    Regio,
)
from activiteiten.recurrence import (
    Patroon,
    first_occurrence,
    localise,
    schedule_from_rrule,
    schedule_rrule,
)
from core.timezones import AMSTERDAM
from locaties.models import Locatie, Ruimte

WEEKDAGEN = [
    (0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
    (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday")),
]
PATRONEN = [
    (Patroon.EENMALIG, _("Once")),
    (Patroon.WEKELIJKS, _("Every week")),
    (Patroon.OM_DE_N_WEKEN, _("Every few weeks")),
    (Patroon.MAANDELIJKS_NDE, _("Once a month, on a set weekday")),
]
WELKE_WEEK = [
    ("1", pgettext_lazy("week of the month", "the first")),
    ("2", pgettext_lazy("week of the month", "the second")),
    ("3", pgettext_lazy("week of the month", "the third")),
    ("4", pgettext_lazy("week of the month", "the fourth")),
    ("-1", pgettext_lazy("week of the month", "the last")),
]
EINDE = [
    ("geen", _("It keeps going")),
    ("datum", _("Until a date")),
    ("aantal", _("A number of times")),
]
# Languages in their own names, so a speaker finds theirs.
TALEN = [
    ("nl", "Nederlands"), ("en", "English"), ("ar", "العربية"), ("tr", "Türkçe"),
    ("pl", "Polski"), ("uk", "Українська"), ("de", "Deutsch"), ("fr", "Français"),
    ("es", "Español"), ("ti", "ትግርኛ"), ("fa", "فارسی"), ("so", "Soomaali"),
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def parse_euros(value: str) -> Decimal:
    """Euros as people write them: "2,50", "2.50", "€ 2,50", "0" or empty for free."""
    text = (value or "").replace("€", "").replace(" ", "").strip() or "0"
    if "," in text:
        text = text.replace(".", "").replace(",", ".")  # 1.250,00 is Dutch for 1250.00
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Write the cost as an amount, e.g. 2,50 (0 is free).")) from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")) or amount >= 100000:
        raise ValidationError(_("Write the cost as an amount, e.g. 2,50 (0 is free)."))
    return amount


def add_service_error(form: forms.Form, error: ValidationError, fields: dict[str, str]) -> None:
    """Put a service's ValidationError beside the form field it concerns (``fields`` maps
    the model's field names to the form's), the rest at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = fields.get(name, name if name in form.fields else None)
        form.add_error(target, errors)


class ActiviteitForm(forms.Form):
    """An activity in plain language: what, where, when (a schedule, never a rule), for
    whom, cost and registration."""

    titel = forms.CharField(label=_("Name of the activity"), max_length=200)
    beschrijving = forms.CharField(
        label=_("What happens (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
    )
    soort = forms.ChoiceField(label=_("Kind"), choices=ActiviteitSoort.choices)
    locatie = forms.ModelChoiceField(label=_("Where"), queryset=Locatie.objects.none(), empty_label=None)
    ruimte = forms.ModelChoiceField(
        label=_("Room (optional)"), queryset=Ruimte.objects.none(), required=False,
        empty_label=_("No particular room"),
        help_text=_("The room is reserved for every date; a clash is named."),
    )
    # The schedule.
    patroon = forms.ChoiceField(label=_("How often"), choices=PATRONEN, widget=forms.RadioSelect)
    weekdagen = forms.TypedMultipleChoiceField(
        label=_("On which day(s)"), choices=WEEKDAGEN, coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Not needed for once."),
    )
    interval = forms.IntegerField(
        label=_("Every how many weeks?"), min_value=2, max_value=52, required=False,
        help_text=_("Only for every few weeks, e.g. 2 for every other week."),
    )
    n = forms.TypedChoiceField(
        label=_("Which week of the month?"), choices=WELKE_WEEK, coerce=int, required=False,
        widget=forms.RadioSelect, help_text=_("Only for once a month."),
    )
    eerste_datum = forms.DateField(label=_("First date"), widget=DATE)
    begintijd = forms.TimeField(label=_("Starts at"), widget=TIME)
    eindtijd = forms.TimeField(label=_("Ends at"), widget=TIME)
    einde = forms.ChoiceField(label=_("Until when"), choices=EINDE, widget=forms.RadioSelect, initial="geen")
    einddatum = forms.DateField(label=_("Last date"), required=False, widget=DATE,
                                help_text=_("Only for until a date."))
    aantal_keer = forms.IntegerField(label=_("Number of times"), min_value=1, max_value=500, required=False,
                                     help_text=_("Only for a number of times."))
    skip_feestdagen = forms.BooleanField(label=_("Not on public holidays"), required=False)
    skip_schoolvakantie = forms.BooleanField(label=_("Not in the school holidays"), required=False)
    regio = forms.ChoiceField(
        label=_("School holidays of region"), choices=Regio.choices, required=False,
        help_text=_("The region of your gemeente is chosen already."),
    )
    # For whom.
    categorieen = forms.MultipleChoiceField(
        label=_("What kind of activity"), choices=Categorie.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    doelgroepen = forms.MultipleChoiceField(
        label=_("For whom"), choices=Doelgroep.choices, required=False, widget=forms.CheckboxSelectMultiple,
    )
    talen = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=TALEN, required=False, widget=forms.CheckboxSelectMultiple,
    )
    toegankelijkheid_toelichting = forms.CharField(
        label=_("Accessibility (optional)"), max_length=300, required=False,
        help_text=_("For example: lift present, or an induction loop in the hall."),
    )
    # Cost and registration.
    kosten = forms.CharField(label=_("Cost in euros"), max_length=12, initial="0",
                             help_text=_("For example 2,50. Write 0 when it is free."))
    kosten_toelichting = forms.CharField(label=_("Note on the cost (optional)"), max_length=200, required=False)
    aanmelding = forms.ChoiceField(
        label=_("Registration"), choices=AanmeldingNodig.choices, widget=forms.RadioSelect,
        initial=AanmeldingNodig.GEEN,
    )
    capaciteit = forms.IntegerField(
        label=_("Number of places"), min_value=1, max_value=10000, required=False,
        help_text=_("Needed when registration is required; empty: no limit."),
    )
    gastvrouwen_nodig = forms.IntegerField(
        label=_("Hosts needed at each date (open inloop)"), min_value=0, max_value=20, required=False, initial=1,
        help_text=_("Each date of an open inloop gets a host shift by itself, for this many hosts; "
                    "0: no host shifts."),
    )
    contact_naam = forms.CharField(label=_("Contact person (optional)"), max_length=100, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail (optional)"), required=False)
    contact_telefoon = forms.CharField(
        label=_("Contact phone (optional)"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ActiviteitStatus.choices, widget=forms.RadioSelect,
        initial=ActiviteitStatus.CONCEPT,
        help_text=_("Only published activities show in the calendars. Stopping one cancels its coming dates."),
    )

    SECTIONS = (
        (_("What and where"), ("titel", "beschrijving", "soort", "gastvrouwen_nodig", "locatie", "ruimte")),
        (_("When"), ("patroon", "weekdagen", "interval", "n", "eerste_datum", "begintijd", "eindtijd",
                     "einde", "einddatum", "aantal_keer", "skip_feestdagen", "skip_schoolvakantie", "regio")),
        (_("For whom"), ("categorieen", "doelgroepen", "talen", "toegankelijkheid_toelichting")),
        (_("Cost and registration"), ("kosten", "kosten_toelichting", "aanmelding", "capaciteit")),
        (_("Contact and status"), ("contact_naam", "contact_email", "contact_telefoon", "status")),
    )
    #: Where a service's error on a model field goes in this form.
    SERVICE_FIELDS = {"start": "eerste_datum", "duur": "eindtijd", "rrule": "patroon",
                      "skip_schoolvakantie": "regio"}

    def __init__(self, *args, locaties, regio_default: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = locaties
        self.fields["ruimte"].queryset = Ruimte.objects.filter(locatie__in=locaties).select_related("locatie")
        self.fields["ruimte"].label_from_instance = lambda ruimte: f"{ruimte.naam} ({ruimte.locatie.naam})"
        if regio_default and not self.initial.get("regio"):
            self.initial["regio"] = regio_default
        known = {code for code, _label in TALEN}
        extra = [code for code in self.initial.get("talen", []) if code not in known]
        self.fields["talen"].choices = TALEN + [(code, code) for code in extra]

    def sections(self):
        """The fields in groups, each a heading and its bound fields."""
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    @staticmethod
    def initial_for(activiteit) -> dict:
        """The form's values for a stored activity; the schedule read back from its rule
        (left empty when the rule is one this form cannot show)."""
        local = activiteit.start.astimezone(AMSTERDAM)
        schedule = schedule_from_rrule(activiteit.rrule) or {}
        count = schedule.get("count")
        return {
            **{name: getattr(activiteit, name) for name in (
                "titel", "beschrijving", "soort", "locatie", "ruimte", "categorieen", "doelgroepen", "talen",
                "toegankelijkheid_toelichting", "kosten_toelichting", "aanmelding", "capaciteit",
                "contact_naam", "contact_email", "contact_telefoon", "status", "skip_feestdagen", "einddatum",
                "gastvrouwen_nodig")},
            "kosten": f"{activiteit.kosten:.2f}".replace(".", ","),
            "patroon": schedule.get("patroon"),
            "weekdagen": schedule.get("weekdagen", []),
            "interval": schedule.get("interval") if schedule.get("patroon") == Patroon.OM_DE_N_WEKEN else None,
            "n": schedule.get("n"),
            "eerste_datum": local.date(),
            "begintijd": local.time(),
            "eindtijd": (local + activiteit.duur).time(),
            "einde": "aantal" if count else "datum" if activiteit.einddatum else "geen",
            "aantal_keer": count,
            "skip_schoolvakantie": bool(activiteit.skip_schoolvakantie),
            "regio": activiteit.skip_schoolvakantie,
        }

    def clean_kosten(self):
        return parse_euros(self.cleaned_data["kosten"])

    def clean(self):
        data = super().clean()
        patroon = data.get("patroon")
        if patroon and patroon != Patroon.EENMALIG and not data.get("weekdagen"):
            self.add_error("weekdagen", _("Choose at least one day of the week."))
        if patroon == Patroon.OM_DE_N_WEKEN and not data.get("interval"):
            self.add_error("interval", _("Say every how many weeks, e.g. 2."))
        if patroon == Patroon.MAANDELIJKS_NDE and data.get("n") in (None, ""):
            self.add_error("n", _("Choose which week of the month."))
        einde = data.get("einde")
        if patroon != Patroon.EENMALIG and einde == "datum" and not data.get("einddatum"):
            self.add_error("einddatum", _("Give the last date, or choose that it keeps going."))
        if patroon != Patroon.EENMALIG and einde == "aantal" and not data.get("aantal_keer"):
            self.add_error("aantal_keer", _("Give the number of times, or choose that it keeps going."))
        begin, eind = data.get("begintijd"), data.get("eindtijd")
        if begin and eind and eind <= begin:
            self.add_error("eindtijd", _("The end must be after the start, on the same day."))
        if data.get("skip_schoolvakantie") and not data.get("regio"):
            self.add_error("regio", _("Choose the region whose school holidays to skip."))
        ruimte, locatie = data.get("ruimte"), data.get("locatie")
        if ruimte and locatie and ruimte.locatie_id != locatie.pk:
            self.add_error("ruimte", _("Choose a room of %(locatie)s, or no particular room.") % {"locatie": locatie.naam})
        if data.get("aanmelding") == AanmeldingNodig.VERPLICHT and not data.get("capaciteit"):
            self.add_error("capaciteit", _("Give the number of places when registration is required."))
        if not self.errors:
            try:
                data["rrule"] = schedule_rrule(
                    patroon=patroon, weekdagen=data.get("weekdagen") or [], interval=data.get("interval") or 1,
                    n=data.get("n"), count=data.get("aantal_keer") if einde == "aantal" else None,
                )
            except ValidationError as error:
                self.add_error("patroon", error)
        return data

    def service_fields(self) -> dict:
        """The arguments of ``activiteit_create``/``activiteit_update`` (the organiser aside)."""
        data = self.cleaned_data
        first = datetime.combine(data["eerste_datum"], data["begintijd"])
        start = first_occurrence(start=localise(first), rrule=data["rrule"])
        eenmalig = data["patroon"] == Patroon.EENMALIG
        return {
            **{name: data[name] for name in (
                "titel", "beschrijving", "soort", "locatie", "ruimte", "categorieen", "doelgroepen", "talen",
                "toegankelijkheid_toelichting", "kosten", "kosten_toelichting", "aanmelding", "capaciteit",
                "contact_naam", "contact_email", "contact_telefoon", "status", "skip_feestdagen", "rrule")},
            "start": start,
            "duur": datetime.combine(first.date(), data["eindtijd"]) - first,
            "einddatum": data["einddatum"] if data["einde"] == "datum" and not eenmalig else None,
            "skip_schoolvakantie": data["regio"] if data["skip_schoolvakantie"] else "",
            "gastvrouwen_nodig": 1 if data.get("gastvrouwen_nodig") is None else data["gastvrouwen_nodig"],
        }


class ActiviteitFilterForm(forms.Form):
    """The activity list's filters; every choice optional."""

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Every status"))] + list(ActiviteitStatus.choices))
    locatie = forms.ModelChoiceField(label=_("Place"), required=False, queryset=Locatie.objects.none(),
                                     empty_label=_("Every place"))
    niet_bevestigd = forms.BooleanField(label=_("Only those not confirmed recently"), required=False)

    def __init__(self, *args, locaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = locaties


class AnnuleerForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason"), max_length=300,
        help_text=_("The registrants get this in their mail, and it shows on the public pages."),
    )


class VerplaatsForm(forms.Form):
    datum = forms.DateField(label=_("New date"), widget=DATE)
    begintijd = forms.TimeField(label=_("Starts at"), widget=TIME)
    eindtijd = forms.TimeField(label=_("Ends at"), widget=TIME)
    ruimte = forms.ModelChoiceField(label=_("Room"), queryset=Ruimte.objects.none(), required=False,
                                    empty_label=_("The same room"))

    def __init__(self, *args, locatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ruimte"].queryset = Ruimte.objects.filter(locatie=locatie)

    def clean(self):
        data = super().clean()
        if data.get("begintijd") and data.get("eindtijd") and data["eindtijd"] <= data["begintijd"]:
            self.add_error("eindtijd", _("The end must be after the start, on the same day."))
        return data

    def moments(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        return (localise(datetime.combine(data["datum"], data["begintijd"])),
                localise(datetime.combine(data["datum"], data["eindtijd"])))


class TelefonischeAanmeldingForm(forms.Form):
    """Someone who phoned: a name and a phone number are enough."""

    naam = forms.CharField(label=_("Name"), max_length=100)
    telefoon = forms.CharField(label=_("Phone number"), max_length=20, required=False,
                               widget=forms.TextInput(attrs={"type": "tel"}))
    email = forms.EmailField(label=_("E-mail address (optional)"), required=False)
    aantal = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=50, initial=1)

    def clean(self):
        data = super().clean()
        if not data.get("telefoon") and not data.get("email") and not self.has_error("email"):
            self.add_error("telefoon", _("Give a phone number or an e-mail address, to reach them if plans change."))
        return data


class AanwezigenForm(forms.Form):
    aanwezigen = forms.IntegerField(label=_("How many people came?"), min_value=0, max_value=10000)
