"""Occurrences of an activity's schedule: pure functions, no database.

A schedule is one RFC 5545 recurrence rule (``FREQ=WEEKLY;BYDAY=TU``) applied to the
first start as *wall-clock time* in Europe/Amsterdam: a weekly 10:00 activity stays at
10:00 in summer and in winter. That is why the rule is expanded on the naive local
time and every result is localised afterwards; expanding on an aware datetime would
keep the UTC offset of the first start and drift by an hour across the DST changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import holidays
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from core.timezones import AMSTERDAM

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Finer frequencies would flood the calendar and the rooms; nobody runs a buurthuis
# activity every hour.
ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")

# The time of day comes from the activity's start; parts that change it, or a DTSTART
# inside the rule, would silently disagree with what the organiser entered.
FORBIDDEN_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND", "DTSTART")

# A rule that produces nothing for years is almost certainly a mistake; this also
# keeps rules like BYMONTHDAY=31;BYMONTH=2 from scanning forever.
MAX_SCAN_YEARS = 20


class Patroon(models.TextChoices):
    """Friendly schedule choices for forms; each maps to one rule (see ``build_rrule``)."""

    EENMALIG = "eenmalig", gettext_lazy("Once")
    WEKELIJKS = "wekelijks", gettext_lazy("Every week")
    OM_DE_N_WEKEN = "om_de_n_weken", gettext_lazy("Every few weeks")
    MAANDELIJKS_NDE = "maandelijks_nde", gettext_lazy("Monthly on the n-th weekday")
    MAANDELIJKS_LAATSTE = "maandelijks_laatste", gettext_lazy("Monthly on the last weekday")


def _parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for chunk in rule.split(";"):
        if not chunk.strip():
            continue
        if "=" not in chunk:
            raise ValidationError(
                _("The recurrence rule is not valid: “%(part)s” is not of the form NAME=VALUE."),
                code="invalid_rrule",
                params={"part": chunk},
            )
        name, value = chunk.split("=", 1)
        parts[name.strip().upper()] = value.strip()
    return parts


def normalise_rrule(rule: str) -> str:
    """The rule without an ``RRULE:`` prefix, spaces or a trailing semicolon, upper case."""
    rule = (rule or "").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    return re.sub(r"\s+", "", rule).strip(";").upper()


def validate_rrule(rule: str) -> None:
    """Raise a ValidationError with a clear message unless ``rule`` is a usable RRULE.

    Empty means a one-off activity and is valid. Frequencies finer than DAILY and parts
    that change the time of day are refused.
    """
    rule = normalise_rrule(rule)
    if not rule:
        return
    parts = _parts(rule)
    freq = parts.get("FREQ")
    if not freq:
        raise ValidationError(
            _("The recurrence rule needs a frequency, e.g. FREQ=WEEKLY."), code="invalid_rrule"
        )
    if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
        raise ValidationError(
            _("An activity can repeat at most daily; FREQ=%(freq)s is not allowed."),
            code="rrule_too_frequent",
            params={"freq": freq},
        )
    if freq not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            _("The recurrence rule is not valid: unknown frequency “%(freq)s”."),
            code="invalid_rrule",
            params={"freq": freq},
        )
    forbidden = [name for name in FORBIDDEN_PARTS if name in parts]
    if forbidden:
        raise ValidationError(
            _("The recurrence rule may not contain %(parts)s: the time comes from the start."),
            code="invalid_rrule",
            params={"parts": ", ".join(forbidden)},
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError(
            _("The recurrence rule may have COUNT or UNTIL, not both."), code="invalid_rrule"
        )
    try:
        _until_date(parts)
        rrulestr(_without_until(rule), dtstart=datetime(2000, 1, 1, 10, 0))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValidationError(
            _("The recurrence rule is not valid: %(error)s"),
            code="invalid_rrule",
            params={"error": str(error) or error.__class__.__name__},
        ) from error


def _without_until(rule: str) -> str:
    return ";".join(p for p in rule.split(";") if p and not p.upper().startswith("UNTIL="))


def _until_date(parts: dict[str, str]) -> date | None:
    """UNTIL as a local date (inclusive); a UTC UNTIL (…Z) is converted first."""
    value = parts.get("UNTIL")
    if not value:
        return None
    if re.fullmatch(r"\d{8}", value):
        return datetime.strptime(value, "%Y%m%d").date()
    match = re.fullmatch(r"(\d{8}T\d{6})(Z?)", value)
    if not match:
        raise ValueError(f"UNTIL={value} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)")
    moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S")
    if match.group(2):
        moment = moment.replace(tzinfo=UTC).astimezone(AMSTERDAM).replace(tzinfo=None)
    return moment.date()


def localise(naive: datetime) -> datetime:
    """Wall-clock time in Amsterdam as an aware datetime.

    A time that does not exist (02:30 on the night clocks go forward) moves forward by
    the gap, as a clock on the wall would show; an ambiguous one takes the first (summer
    time) reading.
    """
    aware = naive.replace(tzinfo=AMSTERDAM, fold=0)
    return aware.astimezone(UTC).astimezone(AMSTERDAM)


def to_local_naive(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("Expected an aware datetime.")
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None)


@lru_cache(maxsize=64)
def _feestdagen(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_feestdag(day: date) -> bool:
    """Whether ``day`` is a Dutch public holiday according to the ``holidays`` library."""
    return day in _feestdagen(day.year)


def occurrence_starts(
    *,
    start: datetime,
    rrule: str = "",
    einddatum: date | None = None,
    van: datetime,
    tot: datetime,
    skip_feestdagen: bool = False,
    schoolvakanties: Iterable[tuple[date, date]] = (),
) -> list[datetime]:
    """Aware starts of the occurrences in the window ``[van, tot)``, in order.

    ``start`` is the first occurrence (aware; its Amsterdam wall-clock time is kept for
    every occurrence), ``einddatum`` the last date that may have one (inclusive), and
    ``schoolvakanties`` inclusive ``(first day, last day)`` periods to leave out. Skipped
    days still count towards a COUNT in the rule, as EXDATEs do in iCalendar.
    """
    if start.tzinfo is None or van.tzinfo is None or tot.tzinfo is None:
        raise ValueError("start, van and tot must be aware datetimes.")
    rule = normalise_rrule(rrule)
    validate_rrule(rule)
    periods: Sequence[tuple[date, date]] = tuple(schoolvakanties)

    local_start = to_local_naive(start)
    parts = _parts(rule) if rule else {}
    last_day = einddatum
    until = _until_date(parts)
    if until is not None and (last_day is None or until < last_day):
        last_day = until

    if not rule:
        candidates: Iterable[datetime] = [local_start]
    else:
        expanded = rrulestr(_without_until(rule), dtstart=local_start)
        # Local window, one day wider on each side: converting the bounds may shift
        # them across midnight; the exact check happens on the aware values below.
        scan_from = max(to_local_naive(van) - timedelta(days=1), local_start)
        scan_to = to_local_naive(tot) + timedelta(days=1)
        if last_day is not None:
            scan_to = min(scan_to, datetime.combine(last_day, time.max))
        scan_to = min(scan_to, local_start + timedelta(days=366 * MAX_SCAN_YEARS))
        candidates = expanded.between(scan_from, scan_to, inc=True) if scan_to >= scan_from else []

    result = []
    for naive in candidates:
        day = naive.date()
        if last_day is not None and day > last_day:
            continue
        if skip_feestdagen and is_feestdag(day):
            continue
        if any(first <= day <= last for first, last in periods):
            continue
        moment = localise(naive)
        if van <= moment < tot:
            result.append(moment)
    return result


def build_rrule(
    *,
    patroon: str,
    weekdag: int | None = None,
    interval: int = 1,
    n: int | None = None,
    count: int | None = None,
) -> str:
    """A rule from the friendly choices of a form.

    ``weekdag`` is 0 (Monday) to 6 (Sunday); ``interval`` the number of weeks for
    ``om_de_n_weken``; ``n`` 1 to 4 for "the n-th weekday of the month", or -1 for the last;
    ``count`` stops after that many occurrences. ``eenmalig`` gives the empty rule.
    """
    if patroon == Patroon.EENMALIG:
        return ""
    if weekdag is None or not 0 <= weekdag <= 6:
        raise ValidationError(_("Choose a day of the week."), code="weekdag")
    day = WEEKDAY_CODES[weekdag]
    if patroon == Patroon.WEKELIJKS:
        rule = f"FREQ=WEEKLY;BYDAY={day}"
    elif patroon == Patroon.OM_DE_N_WEKEN:
        if not 1 <= interval <= 52:
            raise ValidationError(_("Choose every 1 to 52 weeks."), code="interval")
        rule = f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={day}" if interval > 1 else f"FREQ=WEEKLY;BYDAY={day}"
    elif patroon == Patroon.MAANDELIJKS_NDE:
        if n not in (1, 2, 3, 4, -1):
            raise ValidationError(
                _("Choose the first, second, third, fourth or last weekday of the month."),
                code="n",
            )
        rule = f"FREQ=MONTHLY;BYDAY={n}{day}"
    elif patroon == Patroon.MAANDELIJKS_LAATSTE:
        rule = f"FREQ=MONTHLY;BYDAY=-1{day}"
    else:
        raise ValidationError(_("Unknown schedule “%(patroon)s”."), params={"patroon": patroon})
    if count is not None:
        if count < 1:
            raise ValidationError(_("The number of times must be at least 1."), code="count")
        rule += f";COUNT={count}"
    return rule


def weekly(weekdag: int, *, interval: int = 1) -> str:
    """Every week (or every ``interval`` weeks) on ``weekdag`` (0 = Monday)."""
    patroon = Patroon.OM_DE_N_WEKEN if interval > 1 else Patroon.WEKELIJKS
    return build_rrule(patroon=patroon, weekdag=weekdag, interval=interval)


def monthly_nth(weekdag: int, n: int) -> str:
    """The n-th (1-4, or -1 for last) ``weekdag`` of every month."""
    return build_rrule(patroon=Patroon.MAANDELIJKS_NDE, weekdag=weekdag, n=n)


def monthly_last(weekdag: int) -> str:
    """The last ``weekdag`` of every month."""
    return build_rrule(patroon=Patroon.MAANDELIJKS_LAATSTE, weekdag=weekdag)


# --- The schedule form's choices: to a rule, back from a rule, and in words -----------

ORDINALS = (1, 2, 3, 4, -1)


def schedule_rrule(
    *,
    patroon: str,
    weekdagen: Sequence[int] = (),
    interval: int = 1,
    n: int | None = None,
    count: int | None = None,
) -> str:
    """A rule from the schedule form: like ``build_rrule``, for one or more weekdays
    (``weekdagen``, 0 = Monday). ``eenmalig`` gives the empty rule (``count`` unused)."""
    if patroon == Patroon.EENMALIG:
        return ""
    days = sorted(set(weekdagen))
    if not days or not all(0 <= day <= 6 for day in days):
        raise ValidationError(_("Choose a day of the week."), code="weekdag")
    first, *others = days
    rule = build_rrule(patroon=patroon, weekdag=first, interval=interval, n=n, count=count)
    if not others:
        return rule
    # build_rrule checked the pattern; widen its BYDAY to every chosen day, with the
    # same prefix (the n-th of the month) for each.
    parts = _parts(rule)
    prefix = parts["BYDAY"][: -2]
    parts["BYDAY"] = ",".join(f"{prefix}{WEEKDAY_CODES[day]}" for day in days)
    return ";".join(f"{name}={value}" for name, value in parts.items())


def schedule_from_rrule(rule: str) -> dict | None:
    """The schedule form's choices for a stored rule (``patroon``, ``weekdagen``,
    ``interval``, ``n``, ``count``), or None when the form cannot express it."""
    rule = normalise_rrule(rule)
    if not rule:
        return {"patroon": Patroon.EENMALIG, "weekdagen": [], "interval": 1, "n": None, "count": None}
    try:
        parts = _parts(rule)
    except ValidationError:
        return None
    known = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "WKST"}
    if set(parts) - known or "BYDAY" not in parts:
        return None
    days, prefixes = [], set()
    for chunk in parts["BYDAY"].split(","):
        match = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", chunk)
        if not match:
            return None
        prefixes.add(int(match.group(1)) if match.group(1) else None)
        days.append(WEEKDAY_CODES.index(match.group(2)))
    if len(prefixes) != 1:
        return None
    prefix = prefixes.pop()
    interval = int(parts.get("INTERVAL", "1"))
    count = int(parts["COUNT"]) if "COUNT" in parts else None
    if parts["FREQ"] == "WEEKLY" and prefix is None:
        patroon = Patroon.OM_DE_N_WEKEN if interval > 1 else Patroon.WEKELIJKS
        return {"patroon": patroon, "weekdagen": days, "interval": interval, "n": None, "count": count}
    if parts["FREQ"] == "MONTHLY" and prefix in ORDINALS and interval == 1:
        return {"patroon": Patroon.MAANDELIJKS_NDE, "weekdagen": days, "interval": 1, "n": prefix, "count": count}
    return None


def _weekday_word(day: int) -> str:
    return (
        pgettext("weekday in a sentence", "Monday"),
        pgettext("weekday in a sentence", "Tuesday"),
        pgettext("weekday in a sentence", "Wednesday"),
        pgettext("weekday in a sentence", "Thursday"),
        pgettext("weekday in a sentence", "Friday"),
        pgettext("weekday in a sentence", "Saturday"),
        pgettext("weekday in a sentence", "Sunday"),
    )[day]


def _ordinal_word(n: int) -> str:
    return {
        1: pgettext("the n-th weekday of the month", "1st"),
        2: pgettext("the n-th weekday of the month", "2nd"),
        3: pgettext("the n-th weekday of the month", "3rd"),
        4: pgettext("the n-th weekday of the month", "4th"),
        -1: pgettext("the n-th weekday of the month", "last"),
    }[n]


def _and_join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def schedule_in_words(
    *,
    start: datetime,
    duur: timedelta,
    rrule: str,
    einddatum: date | None = None,
    skip_feestdagen: bool = False,
    regio_label: str = "",
) -> str:
    """The schedule as a sentence in the current language, e.g. "Every 2nd Tuesday of the
    month, 10:00–12:00, not in the school holidays (region South)". ``start`` is aware;
    ``regio_label`` the name of the school holiday region to skip, if any."""
    local = timezone.localtime(start, AMSTERDAM)
    end = local + duur
    times = f"{local:%H:%M}–{end:%H:%M}"
    schedule = schedule_from_rrule(rrule)
    if schedule is None:
        what = _("On a schedule of its own (%(rule)s)") % {"rule": normalise_rrule(rrule)}
    elif schedule["patroon"] == Patroon.EENMALIG:
        what = _("Once, on %(date)s") % {"date": date_format(local, "l j F Y")}
    else:
        days = _and_join([_weekday_word(day) for day in sorted(schedule["weekdagen"])])
        if schedule["patroon"] == Patroon.MAANDELIJKS_NDE:
            what = _("Every %(nth)s %(days)s of the month") % {"nth": _ordinal_word(schedule["n"]), "days": days}
        elif schedule["interval"] > 1:
            what = _("Every %(n)d weeks on %(days)s") % {"n": schedule["interval"], "days": days}
        else:
            what = _("Every %(days)s") % {"days": days}
    words = [what, times]
    if schedule is not None and schedule["patroon"] != Patroon.EENMALIG:
        words.append(_("from %(date)s") % {"date": date_format(local, "j F Y")})
        if schedule["count"]:
            words.append(ngettext("%(count)d time", "%(count)d times", schedule["count"]) % {"count": schedule["count"]})
        if einddatum:
            words.append(_("until %(date)s") % {"date": date_format(einddatum, "j F Y")})
    if skip_feestdagen:
        words.append(_("not on public holidays"))
    if regio_label:
        words.append(_("not in the school holidays (region %(region)s)") % {"region": regio_label})
    return ", ".join(words)


def feestdag_name(day: date) -> str:
    """The name of the Dutch public holiday on ``day`` in the current language ('' if none)."""
    if not is_feestdag(day):
        return ""
    language = "nl" if (get_language() or "nl").startswith("nl") else "en_US"
    return holidays.country_holidays("NL", years=day.year, language=language).get(day, "")


def first_occurrence(*, start: datetime, rrule: str) -> datetime:
    """The first occurrence on or after ``start`` (aware): ``start`` itself for a one-off,
    else the first day the rule produces (a weekly Tuesday from a Monday is Tuesday)."""
    rule = normalise_rrule(rrule)
    if not rule:
        return start
    expanded = rrulestr(_without_until(rule), dtstart=to_local_naive(start))
    found = expanded.after(to_local_naive(start), inc=True)
    return localise(found) if found is not None else start
