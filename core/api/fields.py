"""Serializer fields whose OpenAPI description drf-spectacular cannot derive by itself."""

from datetime import UTC, datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

#: What answers hold: hours and minutes, ``08:30``.
CLOCK_TIME_ANSWER = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
#: What writes may send: ``08:30``, or with seconds, ``08:30:00``.
CLOCK_TIME_INPUT = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


class ClockTimeField(serializers.TimeField):
    """A wall-clock time of day in Europe/Amsterdam without a date, such as an opening
    hour: answered as ``HH:MM`` (ISO 8601, minutes precision).

    Not ``format: time``: that is RFC 3339 ``full-time``, which needs seconds and a UTC
    offset, and an opening hour has no offset (08:30 stays 08:30 across daylight saving
    time). Input is parsed as before (DRF's ISO 8601 parsing), so ``08:30`` and
    ``08:30:00`` are both taken; the schema documents those two forms.
    """

    def __init__(self, *, example: str = "09:00", **kwargs):
        self.example = example
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class ClockTimeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = ClockTimeField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {
                "type": "string",
                "pattern": CLOCK_TIME_INPUT,
                "example": self.target.example,
                "description": "Tijd op de klok in Nederland, uu:mm of uu:mm:ss, zonder tijdzone.",
            }
        return {
            "type": "string",
            "pattern": CLOCK_TIME_ANSWER,
            "example": self.target.example,
            "description": "Tijd op de klok in Nederland, uu:mm (ISO 8601), zonder tijdzone.",
        }


#: Moments a write may name. Outside these years a date is a typo; and before 1940
#: Amsterdam's UTC offset had seconds (+00:19:32), which an RFC 3339 date-time in the
#: answer cannot hold.
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_MOMENT = datetime(2100, 1, 1, tzinfo=UTC)


class MomentField(serializers.DateTimeField):
    """A date and time in a write (a start, an end), between 2000 and 2100."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [MinValueValidator(EARLIEST_MOMENT), MaxValueValidator(LATEST_MOMENT)])
        super().__init__(**kwargs)


class EuroField(serializers.DecimalField):
    """An amount in euros, never negative: ``12.50``. Written as a string of digits with
    at most two decimals, so that a schema-valid value is always one the field takes."""

    def __init__(self, *, max_digits: int = 8, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(max_digits=max_digits, decimal_places=2, **kwargs)


class EuroFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EuroField

    def map_serializer_field(self, auto_schema, direction):
        whole = self.target.max_digits - self.target.decimal_places
        return {
            "type": "string",
            "format": "decimal",
            "pattern": rf"^\d{{1,{whole}}}(\.\d{{1,2}})?$",
            "example": "12.50",
            "description": "Bedrag in euro's, niet negatief, met een punt en hoogstens twee decimalen.",
        }
