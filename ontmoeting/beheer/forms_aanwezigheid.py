"""Forms of attendance: ticks per registrant of one date, and the count of every date of
a week on one screen."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.timezones import AMSTERDAM


class AfvinkForm(forms.Form):
    """Who of the confirmed registrants came (a tick each), and how many came without
    registering; together they make the count."""

    aanwezig = forms.MultipleChoiceField(
        label=_("Who came?"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone who came. The number of people counts for each."),
    )
    zonder_aanmelding = forms.IntegerField(
        label=_("Came without registering"), min_value=0, max_value=10000, initial=0,
        help_text=_("People who came without registering: they count too."),
    )

    def __init__(self, *args, aanmeldingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].choices = [
            (str(a.pk), _("%(naam)s (%(n)d)") % {"naam": a.naam, "n": a.aantal}) for a in aanmeldingen
        ]

    @staticmethod
    def initial_for(bijeenkomst, aanmeldingen) -> dict:
        ticked = [a for a in aanmeldingen if a.aanwezig]
        counted = sum(a.aantal for a in ticked)
        extra = max((bijeenkomst.aanwezigen or 0) - counted, 0) if any(a.aanwezig is not None for a in aanmeldingen) else 0
        return {"aanwezig": [str(a.pk) for a in ticked], "zonder_aanmelding": extra}


def veld(bijeenkomst) -> str:
    return f"b{bijeenkomst.pk}"


class WeekAanwezigenForm(forms.Form):
    """A count for each date of the week that has begun and was not cancelled; an empty
    box changes nothing."""

    def __init__(self, *args, bijeenkomsten, **kwargs):
        super().__init__(*args, **kwargs)
        for bijeenkomst in bijeenkomsten:
            local = timezone.localtime(bijeenkomst.start, AMSTERDAM)
            self.fields[veld(bijeenkomst)] = forms.IntegerField(
                label=_("%(titel)s, %(dag)s %(tijd)s") % {
                    "titel": bijeenkomst.activiteit.titel, "dag": date_format(local, "l j F"), "tijd": f"{local:%H:%M}",
                },
                required=False, min_value=0, max_value=10000, initial=bijeenkomst.aanwezigen,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
