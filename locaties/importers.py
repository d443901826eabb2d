"""Reading and checking import files (CSV and GeoJSON) for the import commands.

Every problem is raised as an ``ImportFileError`` that names the file, the line (or
GeoJSON feature) and the field, so that whoever prepared the file can find and fix it.
The commands read and check a whole file before they write anything, and write inside
one transaction: a bad file changes nothing.
"""

import csv
import json
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.validation import explain_validity

from core.geo import NETHERLANDS

from .models import BUURTCODE, GEMEENTECODE, WIJKCODE

PROGRESS_EVERY = 500


class ImportFileError(CommandError):
    """A problem in an import file, located by file, line and field."""

    def __init__(self, source: str, line: int | str | None, field: str | None, message: str):
        self.source, self.line, self.field, self.message = source, line, field, message
        where = [source]
        if line is not None:
            where.append(line if isinstance(line, str) else _("line %(line)s") % {"line": line})
        if field is not None:
            where.append(_("field '%(field)s'") % {"field": field})
        super().__init__(f"{', '.join(str(part) for part in where)}: {message}")


class SeenOnce:
    """The check that a key (a code, a postcode, a place's name in its town) appears only
    once in an import file: it remembers where each key was first seen."""

    def __init__(self, source: str):
        self.source = source
        self.first: dict = {}

    def check(self, key, where, field: str | None, message: str, /, **params) -> None:
        """Refuse ``key`` if it was seen before, with ``message`` (``%(first)s`` says where
        it was first, ``params`` fill the rest); otherwise remember ``where``."""
        if key in self.first:
            raise ImportFileError(self.source, where, field, message % {**params, "first": self.first[key]})
        self.first[key] = where


def source_name(path: str | Path) -> str:
    """How messages name a file: its name, as the person who prepared it knows it."""
    return Path(path).name


def year_from(path: str | Path, explicit: int | None, *, option: str = "--jaar") -> int:
    """The year of the data: given explicitly, or the last 4-digit year in the file name.

    CBS divisions and figures change every year, so the year is stored with every code;
    guessing it silently from the current date would mix years.
    """
    if explicit is not None:
        if not 2000 <= explicit <= 2100:
            raise CommandError(_("%(option)s %(year)s is not a plausible year.") % {"option": option, "year": explicit})
        return explicit
    years = re.findall(r"(?<![0-9])(20[0-9]{2})(?![0-9])", Path(path).stem)
    if not years:
        raise CommandError(
            _("%(file)s: the file name holds no year; give it with %(option)s.")
            % {"file": source_name(path), "option": option}
        )
    return int(years[-1])


class Progress:
    """A line every so many rows on large files, so a long import shows it is alive."""

    def __init__(self, stdout, label: str, every: int = PROGRESS_EVERY):
        self.stdout, self.label, self.every, self.count = stdout, label, every, 0

    def step(self):
        self.count += 1
        if self.count % self.every == 0:
            self.stdout.write(_("%(label)s: %(count)s rows read") % {"label": self.label, "count": self.count})


# --- CSV ----------------------------------------------------------------------------


def read_csv(
    path: str | Path, *, required: list[str], optional: list[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row; the header must hold the required columns.

    Accepts comma- and semicolon-separated files (CBS and Excel exports use both) and a
    UTF-8 byte order mark. Values are stripped; column names are compared lower-case.
    """
    source = source_name(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ImportFileError(source, None, None, error.strerror or str(error)) from error
    with handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError as error:
            raise ImportFileError(source, 1, None, _("the file is not UTF-8 text")) from error
        if not first.strip():
            raise ImportFileError(source, 1, None, _("the file is empty; a header line is needed"))
        delimiter = ";" if first.count(";") > first.count(",") else ","
        header = [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter))]
        for column in required:
            if column not in header:
                raise ImportFileError(
                    source, 1, column,
                    _("column missing; the header has: %(columns)s") % {"columns": ", ".join(header)},
                )
        duplicates = {name for name in header if header.count(name) > 1 and name}
        if duplicates:
            raise ImportFileError(source, 1, sorted(duplicates)[0], _("column appears twice"))
        reader = csv.reader(handle, delimiter=delimiter)
        line = 1
        try:
            for values in reader:
                line = reader.line_num + 1  # the header line was read before the reader
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    raise ImportFileError(
                        source, line, None,
                        _("%(found)s values where the header has %(expected)s columns")
                        % {"found": len(values), "expected": len(header)},
                    )
                yield line, {name: value.strip() for name, value in zip(header, values, strict=True)}
        except UnicodeDecodeError as error:
            raise ImportFileError(source, line + 1, None, _("the file is not UTF-8 text")) from error
        except csv.Error as error:
            raise ImportFileError(source, line + 1, None, str(error)) from error


def csv_header(path: str | Path) -> list[str]:
    """The lower-cased column names, to choose between the layouts a command accepts."""
    for _line, row in read_csv(path, required=[]):
        return list(row)
    # No data rows: read_csv has checked the header exists; read it again to return it.
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter))]


# CBS marks withheld or unknown figures with "." or "-" (and leaves some cells empty).
MISSING = {"", ".", "-", "x"}


def parse_count(source, line, field, value: str, *, allow_missing: bool = False) -> int | None:
    """A whole number >= 0 (residents, homes)."""
    if value.strip().lower() in MISSING:
        if allow_missing:
            return None
        raise ImportFileError(source, line, field, _("a number is needed"))
    cleaned = value.strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"[0-9]+", cleaned):
        raise ImportFileError(
            source, line, field, _("'%(value)s' is not a whole number >= 0") % {"value": value}
        )
    return int(cleaned)


def parse_coordinate(source, line, field, value: str, *, latitude: bool) -> float:
    """A WGS84 latitude or longitude inside the Netherlands; a decimal comma is accepted."""
    try:
        number = float(Decimal(value.strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        raise ImportFileError(source, line, field, _("'%(value)s' is not a number") % {"value": value}) from None
    low, high = NETHERLANDS.lat_range if latitude else NETHERLANDS.lon_range
    if not low <= number <= high:
        raise ImportFileError(
            source, line, field,
            _("%(value)s lies outside the Netherlands (%(low)s to %(high)s); are latitude and longitude swapped?")
            % {"value": value, "low": low, "high": high},
        )
    return number


def parse_code(source, line, field, value: str, kind: str) -> str:
    """A CBS code (gemeente, wijk or buurt), upper-cased and checked against its format."""
    validator = {"gemeente": GEMEENTECODE, "wijk": WIJKCODE, "buurt": BUURTCODE}[kind]
    code = value.strip().upper()
    try:
        validator(code)
    except ValidationError as error:
        raise ImportFileError(
            source, line, field, f"'{value}' – {' '.join(str(m) for m in error.messages)}"
        ) from None
    return code


def parse_name(source, line, field, value: str, *, max_length: int = 100) -> str:
    name = " ".join(value.split())
    if not name:
        raise ImportFileError(source, line, field, _("a name is needed"))
    if len(name) > max_length:
        raise ImportFileError(
            source, line, field, _("longer than %(max)s characters") % {"max": max_length}
        )
    return name


POSTCODE_RE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")


def parse_postcode(source, line, field, value: str, *, blank: bool = False, spaced: bool = True) -> str:
    """A Dutch postcode, written "6211 AB" (spaced) or "6211AB" (as CBS keys it)."""
    cleaned = " ".join(value.upper().split())
    if not cleaned and blank:
        return ""
    match = POSTCODE_RE.match(cleaned)
    if not match:
        raise ImportFileError(
            source, line, field, _("'%(value)s' is not a postcode like 6211 AB") % {"value": value}
        )
    return f"{match[1]} {match[2]}" if spaced else f"{match[1]}{match[2]}"


def wijkcode_of_buurt(buurtcode: str) -> str:
    """CBS nests codes: BU + gemeente (4) + wijk (2) + buurt (2) -> WK + gemeente + wijk."""
    return "WK" + buurtcode[2:8]


def gemeentecode_of(code: str) -> str:
    return "GM" + code[2:6]


# --- GeoJSON ------------------------------------------------------------------------


def read_geojson_features(path: str | Path) -> list[dict]:
    """The features of a GeoJSON FeatureCollection, after checking the structure."""
    source = source_name(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ImportFileError(source, None, None, error.strerror or str(error)) from error
    except UnicodeDecodeError as error:
        raise ImportFileError(source, None, None, _("the file is not UTF-8 text")) from error
    except json.JSONDecodeError as error:
        raise ImportFileError(
            source, error.lineno, None,
            _("not valid JSON (column %(column)s: %(problem)s)") % {"column": error.colno, "problem": error.msg},
        ) from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFileError(source, None, "type", _("a GeoJSON FeatureCollection is needed"))
    features = data.get("features")
    if not isinstance(features, list):
        raise ImportFileError(source, None, "features", _("a list of features is needed"))
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ImportFileError(source, feature_label(number), "type", _("a GeoJSON Feature is needed"))
        if not isinstance(feature.get("properties") or {}, dict):
            raise ImportFileError(source, feature_label(number), "properties", _("an object is needed"))
    return features


def feature_label(number: int, key: str = "") -> str:
    """GeoJSON has no useful line numbers (often one long line): name the feature instead."""
    if key:
        return _("feature %(number)s (%(key)s)") % {"number": number, "key": key}
    return _("feature %(number)s") % {"number": number}


def parse_geometry(source, where: str, geometry, *, kinds: tuple[str, ...]):
    """A shapely geometry of one of the given GeoJSON types, valid and in WGS84 over NL."""
    if not isinstance(geometry, dict) or geometry.get("type") not in kinds:
        found = geometry.get("type") if isinstance(geometry, dict) else geometry
        raise ImportFileError(
            source, where, "geometry",
            _("a %(kinds)s is needed, not %(found)s") % {"kinds": " or ".join(kinds), "found": found},
        )
    try:
        result = shape(geometry)
    except Exception as error:  # shapely raises several types on malformed coordinates
        raise ImportFileError(
            source, where, "geometry", _("unreadable coordinates (%(problem)s)") % {"problem": error}
        ) from None
    if result.is_empty:
        raise ImportFileError(source, where, "geometry", _("the geometry is empty"))
    if not result.is_valid:
        raise ImportFileError(
            source, where, "geometry",
            _("invalid geometry: %(problem)s") % {"problem": explain_validity(result)},
        )
    min_lon, min_lat, max_lon, max_lat = result.bounds
    if not (NETHERLANDS.contains(min_lat, min_lon) and NETHERLANDS.contains(max_lat, max_lon)):
        raise ImportFileError(
            source, where, "geometry",
            _("coordinates lie outside the Netherlands; WGS84 (lon, lat) is needed, not RD New"),
        )
    return result


def first_property(properties: dict, names: tuple[str, ...]) -> tuple[str, str]:
    """(name, value) of the first property present: sources spell the same field differently."""
    for name in names:
        value = properties.get(name)
        if value not in (None, ""):
            return name, str(value).strip()
    return names[0], ""
