"""The European Netherlands as a box of WGS84 coordinates, with a margin: a point outside
it is almost always a swapped or mistyped coordinate. The models' validators and check
constraints, the import commands, the coverage what-if and the benchmark data all use it.
"""

from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    @property
    def lat_range(self) -> tuple[float, float]:
        return self.min_lat, self.max_lat

    @property
    def lon_range(self) -> tuple[float, float]:
        return self.min_lon, self.max_lon

    def contains(self, lat, lon):
        """Whether (lat, lon) lies in the box, edges included; also element-wise for
        numpy arrays (hence ``&``, not ``and``)."""
        return (lat >= self.min_lat) & (lat <= self.max_lat) & (lon >= self.min_lon) & (lon <= self.max_lon)

    def q(self, prefix: str = "") -> Q:
        """The rows whose ``<prefix>lat`` and ``<prefix>lon`` lie in the box (a check constraint)."""
        return Q(**{f"{prefix}lat__gte": self.min_lat, f"{prefix}lat__lte": self.max_lat}) & Q(
            **{f"{prefix}lon__gte": self.min_lon, f"{prefix}lon__lte": self.max_lon}
        )

    def latitude_validators(self) -> list:
        return [MinValueValidator(self.min_lat), MaxValueValidator(self.max_lat)]

    def longitude_validators(self) -> list:
        return [MinValueValidator(self.min_lon), MaxValueValidator(self.max_lon)]


NETHERLANDS = BoundingBox(min_lat=50.7, max_lat=53.6, min_lon=3.3, max_lon=7.3)
