"""Forms for a place's rooms and their tariffs in the workspace."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from locaties.constants import CATEGORIE_UITLEG, Faciliteit, TariefCategorie
from locaties.models import Ruimte, Tarief
from locaties.selectors_verhuur import tarieven_aangekondigd, tarieven_huidig

from .forms import parse_euros


class RuimteForm(forms.ModelForm):
    """A room, with its facilities as checkboxes, and below it the price per hour and the
    minimum charge for each tenant category. An empty price means the room is not rented
    to that category."""

    faciliteiten = forms.MultipleChoiceField(
        label=_("Facilities"), choices=Faciliteit.choices, required=False, widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Ruimte
        fields = ["naam", "capaciteit", "oppervlakte_m2", "faciliteiten", "verhuurbaar", "wisseltijd_minuten"]
        labels = {"verhuurbaar": _("This room can be rented")}
        help_texts = {
            "capaciteit": _("How many people fit in, seated."),
            "oppervlakte_m2": _("Optional."),
        }

    nieuw_vanaf = forms.DateField(
        label=_("New prices from"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional. From this day the new prices below apply; until then today's prices."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(Tarief.objects.filter(ruimte=self.instance)) if self.instance.pk else []
        bestaand = {t.categorie: t for t in tarieven_huidig(tarieven=rows)}
        aangekondigd = tarieven_aangekondigd(tarieven=rows)
        # The form holds one announced change; the first, should there be more.
        vanaf, nieuw = aangekondigd[0] if aangekondigd else (None, [])
        self.fields["nieuw_vanaf"].initial = vanaf
        nieuw = {t.categorie: t for t in nieuw}
        self.categorieen, self.nieuwe_categorieen = [], []
        for value, label in TariefCategorie.choices:
            tarief = nieuw.get(value)
            self.fields[f"nieuw_prijs_{value}"] = _euro_field(
                _("%(categorie)s: new price per hour (€)") % {"categorie": label},
                tarief.prijs_per_uur if tarief else None,
            )
            self.fields[f"nieuw_minimum_{value}"] = _euro_field(
                _("%(categorie)s: new minimum charge (€)") % {"categorie": label},
                tarief.minimum_bedrag if tarief else None,
            )
            self.nieuwe_categorieen.append((label, [self[f"nieuw_prijs_{value}"], self[f"nieuw_minimum_{value}"]]))
        for value, label in TariefCategorie.choices:
            tarief = bestaand.get(value)
            self.fields[f"prijs_{value}"] = _euro_field(
                _("%(categorie)s: price per hour (€)") % {"categorie": label},
                tarief.prijs_per_uur if tarief else None, help_text=CATEGORIE_UITLEG[value],
            )
            self.fields[f"minimum_{value}"] = _euro_field(
                _("%(categorie)s: minimum charge (€)") % {"categorie": label},
                tarief.minimum_bedrag if tarief else None,
            )
            self.categorieen.append((label, [self[f"prijs_{value}"], self[f"minimum_{value}"]]))

    @property
    def ruimte_velden(self):
        return [self[name] for name in self.Meta.fields]

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        others = Ruimte.objects.filter(locatie_id=self.instance.locatie_id, naam=naam)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This place already has a room with this name."))
        return naam

    def clean(self):
        cleaned = super().clean()
        self.tarieven: dict[str, tuple[Decimal, Decimal] | None] = {}
        for value, _label in TariefCategorie.choices:
            prijs, minimum = cleaned.get(f"prijs_{value}", ""), cleaned.get(f"minimum_{value}", "")
            if not prijs.strip():
                if minimum.strip():
                    self.add_error(f"prijs_{value}", _("Give a price per hour, or leave the minimum empty too."))
                self.tarieven[value] = None
                continue
            amounts = [self._euros_in(f"prijs_{value}", prijs), self._euros_in(f"minimum_{value}", minimum)]
            if None not in amounts:
                self.tarieven[value] = tuple(amounts)
        self._clean_aankondiging(cleaned)
        return cleaned

    def _clean_aankondiging(self, cleaned) -> None:
        """The announced change: its date and the categories given a new price (a
        category left empty keeps its price)."""
        self.nieuwe_tarieven: dict[str, tuple[Decimal, Decimal]] = {}
        for value, _label in TariefCategorie.choices:
            prijs, minimum = cleaned.get(f"nieuw_prijs_{value}", ""), cleaned.get(f"nieuw_minimum_{value}", "")
            if not prijs.strip():
                if minimum.strip():
                    self.add_error(f"nieuw_prijs_{value}", _("Give a price per hour, or leave the minimum empty too."))
                continue
            amounts = [self._euros_in(f"nieuw_prijs_{value}", prijs), self._euros_in(f"nieuw_minimum_{value}", minimum)]
            if None not in amounts:
                self.nieuwe_tarieven[value] = tuple(amounts)
        if self.nieuwe_tarieven and not cleaned.get("nieuw_vanaf") and "nieuw_vanaf" not in self.errors:
            self.add_error("nieuw_vanaf", _("Give the day the new prices start."))

    def _euros_in(self, name: str, text: str) -> Decimal | None:
        try:
            return parse_euros(text)
        except ValidationError as error:
            self.add_error(name, error)
            return None

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _euro_field(label, amount: Decimal | None, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text,
        initial="" if amount is None else f"{amount:.2f}".replace(".", ","),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
