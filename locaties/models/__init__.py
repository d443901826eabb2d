"""Areas (Gemeente, Wijk, Buurt, Bevolkingspunt), organisations and their members,
meeting places with rooms, tariffs, opening hours and closures, and room reservations.

One module per concern; every model is importable from ``locaties.models``, as
migrations and the other apps expect."""

from .areas import Bevolkingspunt, Buurt, Gemeente, Wijk
from .locatie import NACHT_UITERLIJK, NACHT_VANAF, Locatie, LocatieFoto, Openingstijd, Sluiting
from .organisatie import Gemeentemedewerker, Lidmaatschap, Organisatie, Uitnodiging
from .ruimte import Reservering, Ruimte, Tarief
from .validators import BUURTCODE, GEMEENTECODE, LATITUDE, LONGITUDE, POSTCODE, WIJKCODE

__all__ = [
    "BUURTCODE", "GEMEENTECODE", "LATITUDE", "LONGITUDE", "NACHT_UITERLIJK", "NACHT_VANAF", "POSTCODE",
    "WIJKCODE", "Bevolkingspunt", "Buurt", "Gemeente", "Gemeentemedewerker", "Lidmaatschap", "Locatie",
    "LocatieFoto", "Openingstijd", "Organisatie", "Reservering", "Ruimte", "Sluiting", "Tarief", "Uitnodiging", "Wijk",
]
