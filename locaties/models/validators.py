"""Validators of codes, postcodes and coordinates shared by the models."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

GEMEENTECODE = RegexValidator(r"^GM[0-9]{4}$", _("A gemeente code is GM followed by 4 digits."))
WIJKCODE = RegexValidator(
    r"^WK[0-9]{4}[0-9A-Z]{2}$", _("A wijk code is WK followed by 6 digits or letters.")
)
BUURTCODE = RegexValidator(
    r"^BU[0-9]{4}[0-9A-Z]{4}$", _("A buurt code is BU followed by 8 digits or letters.")
)
POSTCODE = RegexValidator(r"^[1-9][0-9]{3} ?[A-Z]{2}$", _("Enter a postcode like 6211 AB."))

# The European Netherlands, with a margin: catches swapped or mistyped coordinates.
LATITUDE = [MinValueValidator(50.7), MaxValueValidator(53.6)]
LONGITUDE = [MinValueValidator(3.3), MaxValueValidator(7.3)]
JAAR = [MinValueValidator(2000), MaxValueValidator(2100)]


def in_netherlands(prefix: str = "") -> Q:
    """The coordinates (``lat``, ``lon`` after ``prefix``) lie in the European Netherlands."""
    return Q(**{f"{prefix}lat__gte": 50.7, f"{prefix}lat__lte": 53.6}) & Q(
        **{f"{prefix}lon__gte": 3.3, f"{prefix}lon__lte": 7.3}
    )
