"""Datelines: the "SINGAPORE (Bloomberg) –" that opens the first paragraph of wire copy.

A dateline is a place, optionally a region or date after a comma, optionally an agency in
parentheses, then a dash or colon. The hard part is not to take an ordinary sentence for one,
so the place must be either

* ALL CAPS (the wire convention: "WASHINGTON (AP) —", "NEW DELHI:", "BEIJING —"), not one of
  the all-caps labels in ``rules/tables/roles.toml`` [labels] ("UPDATE:", "EXCLUSIVE —"); or
* Capitalised words *followed by a known agency or a date* ("Paris, 3 March (AFP) -",
  "Washington (CNN) —"), which a sentence like "Trump said: ..." never is.

Also read: press-release datelines ("SAN JOSE, Calif., March 3, 2025 /PRNewswire/ --"), EFE's
".-" ("MADRID, 3 mar (EFE).-"), dates in the languages of ``rules/tables/dates.toml``
("Roma, 3 marzo (ANSA) -", "MOSKAU, 3. März (dpa) -") and the dash-less "CITY, Mon DD (AGENCY)"
of Indian wires, taken only when the agency is known, a date is given and a capital follows.

A first paragraph that opens with a bare en/em dash ("– China said ...") is a dateline whose
place a syndicator stripped; a hyphen is not accepted there because it opens list items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.lexicon.bylines import canonical_agency, classify_part
from cleaner.lexicon.dates import MONTH, foreign_month_alternatives, parse_date
from cleaner.lexicon.tables import fold, word_set

_MAX_PREFIX = 120


@dataclass(frozen=True, slots=True)
class DatelineSplit:
    place: str | None  # own casing, trimmed; None for a bare leading dash or "(CNN) —"
    agency: str | None  # canonical agency name, or None
    date: str | None  # ISO date, only when the dateline gives a year
    removed: str  # the exact prefix removed from the (left-stripped) paragraph
    rest: str  # the paragraph without it, stripped


_WORD = r"[^\W\d_][\w.'’]*"
_SEP = r"(?P<sep>--|[–—]|\.?-(?=\s)|:(?=\s))"
_PLACE_RE = re.compile(
    rf"^(?P<place>{_WORD}(?:(?:\s|-){_WORD}){{0,3}}(?:\s*\[[^\[\]\n]{{1,30}}\])?)"
    r"(?P<tail>(?:\s*,\s*[^,()/\n:–—]{1,30}){0,3}?)"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\)\s*|/(?P<wire>[^/\n]{2,40})/\s*)?"
    rf"(?:{_SEP}|(?<=\)\s)(?=[\"“]?[A-Z]))"
)
_AGENCY_ONLY_RE = re.compile(rf"^\((?P<agency>[^()\n]{{1,40}})\)\s*{_SEP}")
_BARE_DASH_RE = re.compile(r"^(?P<sep>--|[–—])(?=\s*[\"“‘'A-Z0-9])")
_DATE_RE = re.compile(
    rf"^(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*(?P<y1>\d{{4}}))?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?(?:\s*,?\s*(?P<y2>\d{{4}}))?)$",
    re.IGNORECASE,
)
_FOREIGN_DATE_RE: re.Pattern[str] | None = None


def _date_match(text: str) -> re.Match[str] | None:
    """A dateline's date in English or one of the date table's languages ("3. März", "3 de marzo")."""
    global _FOREIGN_DATE_RE
    if _FOREIGN_DATE_RE is None:
        months = foreign_month_alternatives()
        _FOREIGN_DATE_RE = re.compile(
            rf"^(?:\d{{1,2}}(?:\.|er|o|º)?\s+(?:de\s+)?(?:{months})\.?(?:\s*,?\s*(?:de\s+)?(?P<y1>\d{{4}}))?"
            rf"|(?:{months})\.?\s+\d{{1,2}}(?:\s*,?\s*(?P<y2>\d{{4}}))?)$",
            re.IGNORECASE,
        )
    return _DATE_RE.match(text) or _FOREIGN_DATE_RE.match(text)


_REGION_RE = re.compile(r"^(?:[A-Z][\w.'’-]*\.?)(?:\s+[A-Z][\w.'’-]*\.?){0,2}$")


def split_dateline(paragraph: str) -> DatelineSplit | None:
    """Split a dateline off the start of a paragraph; ``None`` if it does not open with one."""
    if not isinstance(paragraph, str):
        return None
    text = paragraph.lstrip()
    head = text[:_MAX_PREFIX]
    for attempt in (_with_place, _agency_only, _bare_dash):
        found = attempt(head)
        if found is not None:
            place, agency, date, end = found
            rest = text[end:].strip()
            if rest and rest[0].islower():
                return None
            if not rest and place is not None and agency is None and date is None:
                return None  # a lone "BEIJING —" paragraph is more likely a heading
            return DatelineSplit(place, agency, date, text[:end].strip(), rest)
    return None


def _with_place(head: str) -> tuple[str | None, str | None, str | None, int] | None:
    match = _PLACE_RE.match(head)
    if match is None:
        return None
    place = match.group("place").strip()
    tail = match.group("tail")
    region, date, dated = _read_tail(tail)
    if region is None and tail.strip():
        return None
    agency_text = match.group("agency") or match.group("wire")
    agency = _agency(agency_text) if agency_text else None
    if match.group("sep") is None and not (agency and dated):
        return None  # dash-less "Mumbai, Mar 3 (PTI) Shares ...": only with a known agency and a date
    shouted = _is_shouted(place)
    if not shouted:
        if not (agency or dated) or not _is_capitalised(place):
            return None
    elif agency_text and agency is None and not _is_capitalised(agency_text):
        return None
    if match.group("sep") == ":" and not (shouted or agency):
        return None
    full_place = f"{place}, {region}" if region else place
    return full_place, agency, date, match.end()


def _agency_only(head: str) -> tuple[str | None, str | None, str | None, int] | None:
    match = _AGENCY_ONLY_RE.match(head)
    if match is None:
        return None
    agency = _agency(match.group("agency"))
    if agency is None:
        return None
    return None, agency, None, match.end()


def _bare_dash(head: str) -> tuple[str | None, str | None, str | None, int] | None:
    match = _BARE_DASH_RE.match(head)
    if match is None:
        return None
    return None, None, None, match.end()


def _read_tail(tail: str) -> tuple[str | None, str | None, bool]:
    """The text after the place's comma -> (region, ISO date, carries a date at all).

    Region is "" when absent and ``None`` when the tail is neither a region nor a date.
    """
    pieces = [p.strip() for p in tail.split(",") if p.strip()]
    if not pieces:
        return "", None, False
    for split in range(len(pieces) + 1):
        region_pieces, date_pieces = pieces[:split], pieces[split:]
        date_text = ", ".join(date_pieces)
        if date_pieces and not _date_match(date_text):
            continue
        if len(region_pieces) > 1 or any(not _REGION_RE.match(p) for p in region_pieces):
            continue
        date = None
        match = _date_match(date_text) if date_pieces else None
        if match and (match.group("y1") or match.group("y2")):
            date = parse_date(date_text)
        return (region_pieces[0] if region_pieces else ""), date, bool(date_pieces)
    return None, None, False


def _agency(text: str) -> str | None:
    text = text.strip()
    known = canonical_agency(text)
    if known:
        return known
    kind, value = classify_part(text)
    return value if kind == "agency" else None


def _is_shouted(place: str) -> bool:
    letters = [c for c in place.split("[")[0] if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return False
    return fold(place) not in word_set("roles", "labels", "not_places")


def _is_capitalised(text: str) -> bool:
    particles = word_set("roles", "roles", "particles")
    words = text.replace("[", " ").replace("]", " ").split()
    return bool(words) and all(w[0].isupper() or w.casefold() in particles for w in words)
