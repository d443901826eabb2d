"""Import buurt boundaries from a GeoJSON FeatureCollection (WGS84) with their bounding box.

    python manage.py import_buurtgrenzen buurten_2023.geojson [--jaar 2023]

Each feature is a Polygon or MultiPolygon with the properties ``buurtcode`` and
``buurtnaam`` (PDOK's ``statcode``/``statnaam`` and plain ``code``/``naam`` are read too)
and optionally ``wijkcode`` and ``jaar``. Without a ``wijkcode`` the wijk follows from
the buurt code (CBS codes nest); that wijk must exist already (``import_gebieden``).
Buurten are created or updated by code, so a second run changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import mapping

from locaties.importers import (
    ImportFileError,
    Progress,
    SeenOnce,
    feature_label,
    first_property,
    parse_code,
    parse_geometry,
    parse_name,
    read_geojson_features,
    source_name,
    wijkcode_of_buurt,
    year_from,
)
from locaties.models import Buurt, Wijk

CODE_PROPERTIES = ("buurtcode", "statcode", "code")
NAME_PROPERTIES = ("buurtnaam", "statnaam", "naam")


class Command(BaseCommand):
    help = (
        "Import buurt boundaries (GeoJSON FeatureCollection in WGS84, properties buurtcode, "
        "buurtnaam[, wijkcode, jaar]) with their bounding boxes. Atomic and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="GEOJSON")
        parser.add_argument(
            "--jaar", type=int,
            help="Year of the division when features have no 'jaar' (default: year in the file name).",
        )

    def handle(self, *args, path, jaar, **options):
        source = source_name(path)
        features = read_geojson_features(path)
        wijken = {wijk.code: wijk for wijk in Wijk.objects.all()}
        default_year = None
        progress = Progress(self.stdout, source)
        rows: dict[str, dict] = {}
        seen = SeenOnce(source)
        for number, feature in enumerate(features, start=1):
            progress.step()
            properties = feature.get("properties") or {}
            code_field, raw_code = first_property(properties, CODE_PROPERTIES)
            where = feature_label(number, raw_code)
            if not raw_code:
                raise ImportFileError(source, where, code_field, _("a buurt code is needed"))
            code = parse_code(source, where, code_field, raw_code, "buurt")
            seen.check(code, where, code_field, _("%(code)s appears twice"), code=code)
            name_field, raw_name = first_property(properties, NAME_PROPERTIES)
            naam = parse_name(source, where, name_field, raw_name)

            raw_wijk = str(properties.get("wijkcode") or "").strip()
            wijkcode = (
                parse_code(source, where, "wijkcode", raw_wijk, "wijk") if raw_wijk else wijkcode_of_buurt(code)
            )
            wijk = wijken.get(wijkcode)
            if wijk is None:
                raise ImportFileError(
                    source, where, "wijkcode" if raw_wijk else code_field,
                    _("wijk %(wijk)s is not known; import the wijken first (import_gebieden)")
                    % {"wijk": wijkcode},
                )
            if properties.get("jaar") not in (None, ""):
                try:
                    year = int(properties["jaar"])
                except (TypeError, ValueError):
                    raise ImportFileError(
                        source, where, "jaar", _("'%(value)s' is not a year") % {"value": properties["jaar"]}
                    ) from None
                if not 2000 <= year <= 2100:
                    raise ImportFileError(source, where, "jaar", _("%(value)s is not a plausible year") % {"value": year})
            else:
                # Asked for only when a feature lacks its year, so that files that carry
                # it need no option and no year in their name.
                default_year = default_year or year_from(path, jaar)
                year = default_year
            geometry = parse_geometry(source, where, feature.get("geometry"), kinds=("Polygon", "MultiPolygon"))
            min_lon, min_lat, max_lon, max_lat = geometry.bounds
            rows[code] = dict(
                naam=naam, jaar=year, wijk_id=wijk.id, gemeente_id=wijk.gemeente_id,
                # Stored as read (normalised by shapely) so geo.py sees the same shape.
                grens=mapping(geometry),
                bbox_min_lon=min_lon, bbox_min_lat=min_lat, bbox_max_lon=max_lon, bbox_max_lat=max_lat,
            )

        existing = set(Buurt.objects.filter(code__in=rows).values_list("code", flat=True))
        with transaction.atomic():
            # ON CONFLICT (code) DO UPDATE: one statement per batch, and key figures
            # imported earlier stay as they are.
            Buurt.objects.bulk_create(
                [Buurt(code=code, **values) for code, values in rows.items()],
                batch_size=500, update_conflicts=True, unique_fields=["code"],
                update_fields=list(next(iter(rows.values())).keys()) if rows else ["naam"],
            )
        created, updated = len(rows) - len(existing), len(existing)
        self.stdout.write(
            _("%(file)s: %(created)s buurten created, %(updated)s updated")
            % {"file": source, "created": created, "updated": updated}
        )
