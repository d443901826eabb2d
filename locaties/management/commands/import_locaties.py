"""Import meeting places from CSV or from GeoJSON (e.g. an OpenStreetMap export).

    python manage.py import_locaties plekken.csv
    python manage.py import_locaties community_centres.geojson --soort buurthuis \\
        --organisatie "Onbekend (OpenStreetMap)" --plaats Maastricht

CSV columns: ``naam,soort,straat,huisnummer,postcode,plaats,lat,lon,organisatie`` with an
optional ``organisatie_soort``. GeoJSON: a FeatureCollection of Points (Polygons, such as
OSM buildings, are placed at a point inside them) with the OSM properties ``name``,
``addr:street``, ``addr:housenumber``, ``addr:postcode``, ``addr:city``, ``operator``
(``soort`` when present). The buurt of each place is derived from its point.

A place is matched on name and town, so a second run updates instead of duplicating.
Organisations are matched on name and created when new. Imported places stay
unpublished unless ``--publiceer`` is given: a board checks its profile first.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from locaties.constants import LocatieSoort, OrganisatieSoort
from locaties.importers import (
    ImportFileError,
    Progress,
    SeenOnce,
    feature_label,
    parse_coordinate,
    parse_geometry,
    parse_name,
    parse_postcode,
    read_csv,
    read_geojson_features,
    source_name,
)
from locaties.models import Locatie, Organisatie
from locaties.services import locatie_create, locatie_update, organisatie_create

CSV_COLUMNS = ["naam", "soort", "straat", "huisnummer", "postcode", "plaats", "lat", "lon", "organisatie"]
# Our field -> the OpenStreetMap key that holds it.
OSM_KEYS = {
    "naam": "name",
    "straat": "addr:street",
    "huisnummer": "addr:housenumber",
    "postcode": "addr:postcode",
    "plaats": "addr:city",
    "organisatie": "operator",
}


class Command(BaseCommand):
    help = (
        "Import meeting places from CSV (naam,soort,straat,huisnummer,postcode,plaats,lat,lon,"
        "organisatie) or GeoJSON (OpenStreetMap properties). Atomic and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="CSV_OR_GEOJSON")
        parser.add_argument(
            "--soort", choices=LocatieSoort.values, default=LocatieSoort.BUURTHUIS,
            help="Kind of place for GeoJSON features without 'soort' (default: buurthuis).",
        )
        parser.add_argument(
            "--organisatie", metavar="NAAM",
            help="Organisation for places without one (OSM 'operator' is often missing).",
        )
        parser.add_argument(
            "--organisatie-soort", choices=OrganisatieSoort.values, default=OrganisatieSoort.STICHTING,
            help="Kind of organisations created by the import (default: stichting).",
        )
        parser.add_argument("--plaats", metavar="PLAATS", help="Town for places without one.")
        parser.add_argument("--publiceer", action="store_true", help="Publish the imported places.")

    def handle(self, *args, path, **options):
        self.options = options
        self.source = source_name(path)
        if path.lower().endswith((".geojson", ".json")):
            rows = list(self.rows_from_geojson(path))
        elif path.lower().endswith(".csv"):
            rows = list(self.rows_from_csv(path))
        else:
            raise CommandError(_("%(file)s: a .csv or .geojson file is needed") % {"file": self.source})

        progress = Progress(self.stdout, self.source)
        created = updated = 0
        organisaties: dict[str, Organisatie] = {}
        with transaction.atomic():
            for where, values in rows:
                progress.step()
                organisatie_naam, organisatie_soort = values.pop("organisatie"), values.pop("organisatie_soort")
                try:
                    beheerder = organisaties.get(organisatie_naam.lower())
                    if beheerder is None:
                        beheerder = Organisatie.objects.filter(naam__iexact=organisatie_naam).first()
                        if beheerder is None:
                            beheerder = organisatie_create(naam=organisatie_naam, soort=organisatie_soort)
                        organisaties[organisatie_naam.lower()] = beheerder
                    existing = (
                        Locatie.objects.filter(naam__iexact=values["naam"], plaats__iexact=values["plaats"])
                        .order_by("pk").first()
                    )
                    if options["publiceer"]:
                        values["gepubliceerd"] = True
                    if existing is None:
                        locatie_create(beheerder=beheerder, **values)
                        created += 1
                    else:
                        locatie_update(locatie=existing, beheerder=beheerder, **values)
                        updated += 1
                except ValidationError as error:
                    raise self.error_from(where, error) from None
        self.stdout.write(
            _("%(file)s: %(created)s places created, %(updated)s updated")
            % {"file": self.source, "created": created, "updated": updated}
        )

    def error_from(self, where, error: ValidationError) -> ImportFileError:
        """The first problem the model found, named by the field of the file."""
        if hasattr(error, "error_dict"):
            field, messages = next(iter(error.message_dict.items()))
            return ImportFileError(self.source, where, field if field != "__all__" else None, " ".join(messages))
        return ImportFileError(self.source, where, None, " ".join(error.messages))

    def place(self, where, *, naam, soort, straat, huisnummer, postcode, plaats, lat, lon, organisatie,
              organisatie_soort="", naam_field="naam", soort_field="soort", straat_field="straat",
              postcode_field="postcode", plaats_field="plaats", organisatie_field="organisatie"):
        """Check one place's values; the *_field arguments name the columns in the file."""
        source = self.source
        soort = soort.strip().lower() or self.options["soort"]
        if soort not in LocatieSoort.values:
            raise ImportFileError(
                source, where, soort_field,
                _("'%(value)s' is not a kind of place; use one of: %(choices)s")
                % {"value": soort, "choices": ", ".join(LocatieSoort.values)},
            )
        organisatie_soort = organisatie_soort.strip().lower() or self.options["organisatie_soort"]
        if organisatie_soort not in OrganisatieSoort.values:
            raise ImportFileError(
                source, where, "organisatie_soort",
                _("'%(value)s' is not a kind of organisation; use one of: %(choices)s")
                % {"value": organisatie_soort, "choices": ", ".join(OrganisatieSoort.values)},
            )
        return where, dict(
            naam=parse_name(source, where, naam_field, naam, max_length=200),
            soort=soort,
            straat=parse_name(source, where, straat_field, straat, max_length=200),
            huisnummer=huisnummer.strip()[:20],
            postcode=parse_postcode(source, where, postcode_field, postcode, blank=True),
            plaats=parse_name(source, where, plaats_field, plaats or self.options["plaats"] or ""),
            lat=lat,
            lon=lon,
            organisatie=parse_name(
                source, where, organisatie_field, organisatie or self.options["organisatie"] or "", max_length=200
            ),
            organisatie_soort=organisatie_soort,
        )

    def rows_from_csv(self, path):
        seen = SeenOnce(self.source)
        for line, row in read_csv(path, required=CSV_COLUMNS, optional=["organisatie_soort"]):
            lat = parse_coordinate(self.source, line, "lat", row["lat"], latitude=True)
            lon = parse_coordinate(self.source, line, "lon", row["lon"], latitude=False)
            where, values = self.place(
                line, lat=lat, lon=lon, organisatie_soort=row.get("organisatie_soort", ""),
                **{column: row[column] for column in CSV_COLUMNS if column not in ("lat", "lon")},
            )
            self.check_once(seen, values, line, "naam", _("'%(naam)s' in %(plaats)s appears twice (first on line %(first)s)"))
            yield where, values

    def rows_from_geojson(self, path):
        seen = SeenOnce(self.source)
        for number, feature in enumerate(read_geojson_features(path), start=1):
            properties = feature.get("properties") or {}
            where = feature_label(number, str(properties.get("name") or feature.get("id") or ""))
            geometry = parse_geometry(
                self.source, where, feature.get("geometry"), kinds=("Point", "Polygon", "MultiPolygon")
            )
            # OSM maps many centres as a building outline; a point inside it stands for it.
            point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
            text = {field: str(properties.get(key) or "") for field, key in OSM_KEYS.items()}
            where, values = self.place(
                where, lat=point.y, lon=point.x, soort=str(properties.get("soort") or ""), **text,
                naam_field="name", straat_field="addr:street", postcode_field="addr:postcode",
                plaats_field="addr:city", organisatie_field="operator",
            )
            self.check_once(seen, values, where, "name", _("'%(naam)s' in %(plaats)s appears twice (first as %(first)s)"))
            yield where, values

    @staticmethod
    def check_once(seen: SeenOnce, values: dict, where, field: str, message: str) -> None:
        """Refuse a second place of the same name in the same town (``message`` says
        where the first was with ``%(first)s``)."""
        key = (values["naam"].lower(), values["plaats"].lower())
        seen.check(key, where, field, message, naam=values["naam"], plaats=values["plaats"])
