"""Validators of codes, postcodes and coordinates shared by the models."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from core.geo import NETHERLANDS

GEMEENTECODE = RegexValidator(r"^GM[0-9]{4}$", _("A gemeente code is GM followed by 4 digits."))
WIJKCODE = RegexValidator(
    r"^WK[0-9]{4}[0-9A-Z]{2}$", _("A wijk code is WK followed by 6 digits or letters.")
)
BUURTCODE = RegexValidator(
    r"^BU[0-9]{4}[0-9A-Z]{4}$", _("A buurt code is BU followed by 8 digits or letters.")
)
POSTCODE = RegexValidator(r"^[1-9][0-9]{3} ?[A-Z]{2}$", _("Enter a postcode like 6211 AB."))

# The European Netherlands, with a margin: catches swapped or mistyped coordinates.
LATITUDE = NETHERLANDS.latitude_validators()
LONGITUDE = NETHERLANDS.longitude_validators()
JAAR = [MinValueValidator(2000), MaxValueValidator(2100)]

