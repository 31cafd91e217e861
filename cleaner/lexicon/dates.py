"""Dates and times as news pages print them, to ISO 8601.

Parsing is done by python-dateutil, but only after the line has been reduced to tokens this
module recognises (month and weekday names, numbers, times, AM/PM, zone names). That keeps the
"is this line mainly a date?" decision here, where it is testable, instead of in dateutil's
``fuzzy`` mode, which happily finds a date in any sentence with a number in it.

Nothing here reads the clock. dateutil fills missing fields from ``default``; the text is parsed
with two different defaults and a field counts as present only when both parses agree on it, so
a missing year or time is detected instead of invented. Two-digit years are expanded here with a
fixed pivot, because dateutil would expand them relative to the current year.

Policies (see tests/data/dates.tsv):

* A time AND a zone -> ``YYYY-MM-DDTHH:MM:SS±HH:MM``; the zone abbreviation names a city's wall
  clock (rules/tables/timezones.toml) and the offset is that city's offset *on that date*.
* Only a date, or a time without any zone -> ``YYYY-MM-DD``; an offset is never guessed.
* No year, relative ("2 days ago", "Yesterday") or not mainly a date -> ``None``.
* Numeric dates: ``Y-M-D`` always; with slashes month-first (US) unless the first number is over
  12; with dots or dashes day-first (European) unless the second number is over 12.
  Two-digit years: 00-69 -> 20xx, 70-99 -> 19xx.
* "GMT+8" / "UTC+5:30" mean 8 hours *ahead* of UTC, as news sites use them (not POSIX's sign).
* A line carrying two dates ("Published ... Updated ...") yields the first one.
* Other languages (de, fr, es, pt, it, ru; rules/tables/dates.toml): month and weekday names,
  the words between the parts ("3 de marzo de 2025", "1er mars 2025 à 10h30", "3. März 2025,
  10:30 Uhr") and zone words (MEZ, "heure de Paris") are rewritten to English tokens first, so
  the same policies hold.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from functools import cached_property, lru_cache
from typing import Any

from cleaner.lexicon.tables import load_table, zone_index

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?)"
)

# Where a date starts inside other text (used by bylines to cut "By Jane DoeFebruary 10, 2026").
DATE_START_RE = re.compile(
    rf"\b{MONTH}\.?\s*\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|(?<![\d.])\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b\.?,?\s*\d{{4}}"
    r"|\b\d{4}-\d{2}-\d{2}"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"|\b\d+\s*(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b(?:an?|one)\s+(?:hour|day|minute|week|month|year)\s+ago\b",
    re.IGNORECASE,
)

_LABEL = (
    r"(?:(?:last|first|originally|date)\s+)?"
    r"(?:published|updated|update|posted|modified|edited|revised|released|created|dated|date)"
)
_LEADING_LABEL_RE = re.compile(rf"^\W*{_LABEL}(?:\s+(?:on|at))?\s*[:\-–—|]?\s*", re.IGNORECASE)
_UPDATED_RE = re.compile(
    r"^\W*(?:(?:last|latest)\s+)?(?:updated|update|modified|edited|revised)\b", re.IGNORECASE
)
# A second label after the first date starts the second date of the line.
_SECOND_LABEL_RE = re.compile(
    r"(?:[|·•,;]\s*|\s+|(?<=[0-9A-Za-z]))(?=(?:(?:last|first)\s+)?(?:updated|modified|published|posted)\b)",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    r"^\W*(?:(?:updated|published|posted|modified)\s*:?\s*)?"
    r"(?:(?:\d+|an?|one|a\s+few|few|several)\s*"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)"
    r"\s+ago|just\s+now|moments?\s+ago|now|today|yesterday|tonight|this\s+morning|earlier\s+today"
    r"|last\s+(?:night|week|month|year))"
    r"(?:\s*(?:,|at)?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?\W*$",
    re.IGNORECASE,
)

_PARENS_RE = re.compile(r"\([^()]{0,40}\)")
# CNN's "Updated 0214 GMT (1014 HKT) March 13, 2025": a 4-digit time, only at the very start
# and before a zone, where it cannot be a year.
_MILITARY_TIME_RE = re.compile(r"^([01]\d|2[0-3])([0-5]\d)\s+(?=[A-Z]{2,5}\b)")
_YEAR_GLUED_TIME_RE = re.compile(r"\b((?:19|20)\d{2})(?=\d{1,2}:\d{2})")
_LABEL_GLUED_RE = re.compile(r"(?<=[a-z0-9])(?=(?:Updated|Published|Posted|Modified)\b)")
_GMT_OFFSET_RE = re.compile(r"\b(?:GMT|UTC)\s*([+-−])\s*(\d{1,2})(?:[:.]?(\d{2}))?\b")
_ISO_YMD_RE = re.compile(r"(?<![\d.:/-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/.-])")
_NUMERIC_DATE_RE = re.compile(r"(?<![\d.:/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])")
_DOTTED_TIME_RE = re.compile(
    r"(?<![\d.:])(\d{1,2})\.(\d{2})(?![\d.:])(?=\s*(?:[ap]\.?m\.?\b|[A-Z]|$|[,|]))", re.I
)
_AMPM_RE = re.compile(r"\b([ap])\.\s?m\.?(?=\W|$)", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_SEPARATORS_RE = re.compile(r"\s+[-–—]+\s+|[|·•,;@]|\s+(?:at|on|of|the)\s+|^(?:at|on|the)\s+", re.IGNORECASE)
_WEEKDAY_TOKEN_RE = re.compile(rf"^{WEEKDAY}\.?$", re.IGNORECASE)
_MONTH_TOKEN_RE = re.compile(rf"^{MONTH}\.?$", re.IGNORECASE)
_ALLOWED_TOKEN_RE = re.compile(
    rf"^(?:{MONTH}\.?|\d{{1,4}}|\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:[ap]m)?|[ap]m"
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|[+-]\d{2}:?\d{2}|\d{1,2}(?:[ap]m))$",
    re.IGNORECASE,
)
_ISO_FULL_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_MAX_LEN = 160

# Two defaults that differ in every field: a field that comes out equal in both parses was in
# the text. Years are leap years and months have 31 days so any real day fits both.
_DEFAULT_A = datetime(1904, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(1908, 12, 28, 13, 17, 23)


def parse_date(text: str) -> str | None:
    """The ISO 8601 form of a date line, or ``None`` (see the module docstring for policies)."""
    tokens = _analyse(text)
    if tokens is None or tokens.relative:
        return None
    return tokens.resolve()


def looks_like_date_line(text: str) -> bool:
    """A short line that is mainly a date or time, including relative ones ("6 hours ago").

    Relative lines count: on a page they are timestamp chrome like any other, even though
    ``parse_date`` will not turn them into a date.
    """
    tokens = _analyse(text)
    if tokens is None:
        return False
    # A month name alone ("March", "MAR") names no date: it is a label, a menu entry or a word.
    return tokens.relative or (tokens.has_anchor and any(c.isdigit() for c in text))


def foreign_month_alternatives() -> str:
    """A regex alternation of the date table's month names that English does not share."""
    words = _foreign()
    return _alternatives(set(words.months) - words.english)


def date_start_re() -> re.Pattern[str]:
    """``DATE_START_RE`` plus the other languages' dates ("3. März 2025", "1er mars", "3 de marzo")."""
    return _foreign().start


def is_updated(text: str) -> bool:
    """The (first) date on the line is labelled as an update or modification time.

    Only the label in front of the first date counts, so "Published 7:40 AM | Updated 9:00 AM"
    is a publication line, consistent with ``parse_date`` returning its first date.
    """
    if not isinstance(text, str):
        return False
    line = unicodedata.normalize("NFKC", text[:_MAX_LEN])
    return bool(_UPDATED_RE.match(line) or _foreign().updated.match(line))


class _Tokens:
    __slots__ = ("text", "zone", "relative", "has_anchor", "has_year")

    def __init__(self, text: str, zone: str | None, relative: bool, has_anchor: bool, has_year: bool):
        self.text = text
        self.zone = zone
        self.relative = relative
        self.has_anchor = has_anchor
        self.has_year = has_year

    def resolve(self) -> str | None:
        if not self.has_year:
            return None
        return _resolve(self.text, self.zone)


def _analyse(text: str) -> _Tokens | None:
    """Reduce a line to dateutil-safe text plus a zone, or ``None`` if it is not mainly a date."""
    if not isinstance(text, str) or len(text) > 4 * _MAX_LEN:
        return None  # checked before the cache so huge strings are never kept as keys
    return _analyse_short(text)


@lru_cache(maxsize=4096)
def _analyse_short(text: str) -> _Tokens | None:
    line = " ".join(unicodedata.normalize("NFKC", text).split())
    if not line or len(line) > _MAX_LEN:
        return None
    if _RELATIVE_RE.match(line):
        return _Tokens("", None, True, True, False)
    if _ISO_FULL_RE.match(line):
        return _Tokens(line, None, False, True, True)
    line = _to_english(line)
    line = _LABEL_GLUED_RE.sub(" ", _YEAR_GLUED_TIME_RE.sub(r"\1 ", line))
    line = _first_date_segment(line)
    line = _LEADING_LABEL_RE.sub("", line, count=1)
    line = _PARENS_RE.sub(_unwrap_zone, line)
    line = _MILITARY_TIME_RE.sub(r"\1:\2 ", line, count=1)
    line = _GMT_OFFSET_RE.sub(_offset_token, line)
    zone, line = _take_zone(line)
    line = _ISO_YMD_RE.sub(_iso_from_ymd, line)
    line = _NUMERIC_DATE_RE.sub(_iso_from_numeric, line)
    line = _DOTTED_TIME_RE.sub(r"\1:\2", line)
    line = _AMPM_RE.sub(lambda m: m.group(1).upper() + "M", line)
    line = _ORDINAL_RE.sub(r"\1", line)
    line = _SEPARATORS_RE.sub(" ", line)
    kept: list[str] = []
    for raw in line.split():
        token = raw.strip(".,:")
        if not token or _WEEKDAY_TOKEN_RE.match(token):
            continue
        if token.upper() in {"T", "Z"} and zone is None:
            zone = "UTC" if token.upper() == "Z" else None
            continue
        if not _ALLOWED_TOKEN_RE.match(token):
            return None
        kept.append(token)
    if not kept:
        return None
    has_month = any(_MONTH_TOKEN_RE.match(t) or "-" in t[1:] for t in kept)
    has_time = any(":" in t and t[0].isdigit() and "-" not in t for t in kept)
    has_year = any(len(t) == 4 and t.isdigit() or re.match(r"^\d{4}-", t) for t in kept)
    return _Tokens(" ".join(kept), zone, False, has_month or has_time, has_year and has_month)


class _ForeignWords:
    """The compiled forms of rules/tables/dates.toml (one set of patterns for all languages).

    Each pattern is compiled when first used: a run whose lines name no date in another
    language needs only a few of them (``start``, to cut a date off a byline), and compiling
    all of them cost ~10 ms of a one-file run.
    """

    def __init__(self, table: Mapping[str, Any]) -> None:
        months: dict[str, int] = {}
        weekdays: set[str] = set()
        fillers: set[str] = set()
        before_day: set[str] = set()
        ordinals: set[str] = set()
        markers: set[str] = set()
        updated: set[str] = set()
        for lang in table.values():
            for form, number in lang["months"].items():
                months[form.casefold()] = int(number)
            weekdays.update(w.casefold() for w in lang["weekdays"])
            fillers.update(w.casefold() for w in lang["fillers"])
            before_day.update(w.casefold() for w in lang["before_day"])
            ordinals.update(lang["ordinals"])
            markers.update(w.casefold() for w in lang["markers"])
            updated.update(w.casefold() for w in lang["updated"])
        english = re.compile(rf"^{MONTH}$", re.IGNORECASE)
        self.months = months
        self.english = frozenset(form for form in months if english.match(form))
        self._words = {"weekdays": weekdays, "fillers": fillers, "before_day": before_day, "ordinals": ordinals,
                       "markers": markers, "updated": updated}

    @cached_property
    def month(self) -> re.Pattern[str]:
        return _words_re(self.months, r"\.?")

    @cached_property
    def weekday(self) -> re.Pattern[str]:
        return _words_re(self._words["weekdays"], r",?")

    @cached_property
    def filler(self) -> re.Pattern[str]:
        return _words_re(self._words["fillers"], "")

    @cached_property
    def before_day(self) -> re.Pattern[str]:
        return re.compile(rf"{_words_re(self._words['before_day'], '').pattern}(?=\s*\d)", re.IGNORECASE)

    @cached_property
    def marker(self) -> re.Pattern[str]:
        return _words_re(self._words["markers"], "")

    @cached_property
    def ordinal(self) -> re.Pattern[str]:
        ordinals = _alternatives(self._words["ordinals"])
        return re.compile(rf"(?<=\b\d)(?:{ordinals})(?!\w)|(?<=\b\d\d)(?:{ordinals})(?!\w)")

    @cached_property
    def updated(self) -> re.Pattern[str]:
        return re.compile(rf"^\W*(?:{_alternatives(self._words['updated'])})(?!\w)", re.IGNORECASE)

    @cached_property
    def start(self) -> re.Pattern[str]:
        foreign = _alternatives(set(self.months) - self.english)
        return re.compile(
            rf"{DATE_START_RE.pattern}"
            rf"|(?<![\d.])\d{{1,2}}(?:\.|er|o|º)?\s+(?:de\s+)?(?:{foreign})\b\.?"
            rf"|\b(?:{foreign})\.?\s+\d{{1,2}}\b"
            r"|\b\d{1,2}\.\d{1,2}\.\d{4}\b",
            re.IGNORECASE,
        )


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _words_re(words: Iterable[str], tail: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternatives(words)}){tail}(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _foreign() -> _ForeignWords:
    return _ForeignWords(load_table("dates"))


# "10h30" (fr, pt) is a time in any line; "10 h" or "8h" only in a foreign one ("24h" is English).
_H_TIME_RE = re.compile(r"(?<![\d:])(\d{1,2})h(\d{2})(?![\w:])")
_FRENCH_TIME_RE = re.compile(r"(?<![\d:])(\d{1,2})\s?h\s?(\d{2})?(?![\w:])")


def _to_english(line: str) -> str:
    """Month and weekday names of other languages -> English tokens; their fillers dropped.

    A line is treated as foreign only when it names a month or weekday English does not share,
    or carries a marker ("Uhr", "г."); only then do fillers like "de" or "am" go, so an English
    line is left exactly as it was.
    """
    words = _foreign()
    foreign = False
    line = _H_TIME_RE.sub(r"\1:\2", line)

    def month(match: re.Match[str]) -> str:
        nonlocal foreign
        form = match.group(0).rstrip(".").casefold()
        if form in words.english:
            return match.group(0)
        foreign = True
        return _ENGLISH_MONTHS[words.months[form] - 1]

    line = words.month.sub(month, line)
    line, dropped = words.weekday.subn(" ", line)
    foreign = foreign or bool(dropped) or bool(words.marker.search(line))
    if not foreign:
        return line
    line = words.before_day.sub(" ", line)
    line = words.ordinal.sub("", line)
    line = _FRENCH_TIME_RE.sub(lambda m: f"{m.group(1)}:{m.group(2) or '00'}", line)
    zone = _zone_re().search(line)  # "heure de Paris" keeps its "de"
    if zone is None:
        line = words.filler.sub(" ", line)
    else:
        line = f"{words.filler.sub(' ', line[:zone.start()])} {zone.group(0)} {words.filler.sub(' ', line[zone.end():])}"
    return " ".join(line.split())


def _unwrap_zone(match: re.Match[str]) -> str:
    """A parenthesis is dropped ("(1014 HKT)", "(Paris)") unless it is just a zone name."""
    inner = match.group(0)[1:-1].strip()
    return f" {inner} " if inner in zone_index() and " " in inner else " "


_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _first_date_segment(line: str) -> str:
    for match in _SECOND_LABEL_RE.finditer(line):
        if match.start() > 0 and any(ch.isdigit() for ch in line[: match.start()]):
            return line[: match.start()]
    return line


def _offset_token(match: re.Match[str]) -> str:
    sign = "-" if match.group(1) in "-−" else "+"
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes > 59:
        return " "
    return f" {sign}{hours:02d}:{minutes:02d} "


@lru_cache(maxsize=1)
def _zone_re() -> re.Pattern[str]:
    names = sorted(zone_index(), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w+-])(?:{alternatives})(?![\w+-])")


def _take_zone(line: str) -> tuple[str | None, str]:
    match = _zone_re().search(line)
    if match is None:
        return None, line
    zone = zone_index()[match.group(0)]
    return zone, line[: match.start()] + " " + line[match.end() :]


def _expand_year(year: str) -> int:
    value = int(year)
    if len(year) == 2:
        value += 2000 if value < 70 else 1900
    return value


def _iso_from_ymd(match: re.Match[str]) -> str:
    return f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"


def _iso_from_numeric(match: re.Match[str]) -> str:
    first, sep, second, year = int(match.group(1)), match.group(2), int(match.group(3)), match.group(4)
    if sep == "/":
        month, day = (second, first) if first > 12 else (first, second)
    else:
        month, day = (first, second) if second > 12 else (second, first)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    return f"{_expand_year(year):04d}-{month:02d}-{day:02d}"


def _resolve(text: str, zone: str | None) -> str | None:
    if _ISO_FULL_RE.match(text):
        return _from_iso(text, zone)
    # dateutil (and zoneinfo) are imported by the first line that needs them: a run over pages
    # without a date line never pays for the import (issue 17).
    from dateutil import parser as _dateutil

    try:
        with warnings.catch_warnings():
            # An unknown zone name leaves the result naive, which is what we want; the zone
            # names we know were already taken out by _take_zone.
            warnings.simplefilter("ignore", _dateutil.UnknownTimezoneWarning)
            first = _dateutil.parse(text, default=_DEFAULT_A)
            second = _dateutil.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError, _dateutil.ParserError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # some part of the date was not in the text
    if not 1800 <= first.year <= 2200:
        return None
    if first.hour != second.hour:  # no time given
        return first.date().isoformat()
    if first.tzinfo is not None:
        if first.tzinfo.utcoffset(first) is None:
            return first.date().isoformat()
        return first.replace(microsecond=0).isoformat(timespec="seconds")
    if zone is None:
        return first.date().isoformat()
    from zoneinfo import ZoneInfo

    return first.replace(tzinfo=ZoneInfo(zone), microsecond=0).isoformat(timespec="seconds")


def _from_iso(text: str, zone: str | None = None) -> str | None:
    try:
        value = datetime.fromisoformat(text.replace(",", "."))
    except ValueError:
        return None
    if len(text) == 10 or value.tzinfo is None and zone is None:
        return value.date().isoformat()
    if value.tzinfo is None and zone is not None:
        from zoneinfo import ZoneInfo

        value = value.replace(tzinfo=ZoneInfo(zone))
    offset = value.utcoffset() or timedelta(0)
    return value.replace(microsecond=0, tzinfo=timezone(offset)).isoformat(timespec="seconds")
