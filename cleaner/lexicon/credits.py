"""Credits that close a story: "... in August 2024. BLOOMBERG", "(Reporting by X; Editing by Y)".

Only the *end* of a paragraph is examined, and a credit is only taken where it starts a
sentence (after ". ", at the start of the paragraph, or after a dash), so a sentence such as
"... according to Reuters." is never cut. Several credits may be stacked at the end of one
paragraph ("(Reporting by X) BLOOMBERG"); they are all peeled off and returned as one split.

Who counts as an author (``rules/tables/roles.toml`` [credit_verbs]): people who reported or
wrote the story ("Reporting by", "Writing by", "Additional reporting by", "With assistance
from", "X contributed to this report") are credited as authors; editors, producers,
photographers and translators ("Editing by", "Graphics by") are removed but credited to no one,
because the record's ``authors`` are the story's reporters, not its production staff.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from cleaner.lexicon.bylines import Credit, canonical_agency, parse_byline
from cleaner.lexicon.dates import parse_date
from cleaner.lexicon.tables import agency_exact_forms, load_table, phrase_list

_TAIL = 800  # credits are short; only the end of a paragraph is searched


@dataclass(frozen=True, slots=True)
class CreditSplit:
    credit: Credit  # who is credited (agencies/people)
    removed: str  # exact trailing text removed
    rest: str  # paragraph without it, stripped ("" when the whole paragraph was a credit)


# Where a credit may begin: start of the paragraph, after a sentence end, or after a dash.
_LEAD = r"(?:^|(?<=[.!?”\"’)\]])\s+|\s*(?:--|[–—])\s*|\s+-\s+)"
_WITH_AGENCY_RE = re.compile(rf"{_LEAD}[\[(]?(?:[Ww]ith|WITH|[Aa]vec|AVEC|[Mm]it|[Cc]on|[Cc]om)\s+(?P<who>[^()\[\].!?]{{1,60}}?)[\])]?\.?\s*$")
_CONTRIBUTED_RE = re.compile(
    rf"{_LEAD}(?P<who>[A-Z][^.!?()]{{0,200}}?)\s+contributed"
    r"(?:\s+(?:to\s+this\s+(?:report|story|article)|(?:additional\s+)?reporting(?:\s+to\s+this\s+(?:report|story))?))?"
    r"\s*\.?\s*$"
)
_ROLE_LEAD_RE = re.compile(
    r"^(?P<agency>.+?)\s+(?:writers?|reporters?|correspondents?|journalists?|staff(?:\s+writers?)?)\s+(?P<names>.+)$"
)
_COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<who>[^.©]{1,60}?(?:L\.P\.)?)"
    r"\s*[.,]?\s*(?:All\s+rights\s+reserved\..{0,240})?$",
    re.IGNORECASE | re.DOTALL,
)
_CONTACT_RE = re.compile(
    r"^To contact the (?P<who>reporters?|editors?|authors?)\b[^:]{0,60}:\s*(?P<names>.{1,300})$",
    re.IGNORECASE,
)


def split_trailing_credit(paragraph: str) -> CreditSplit | None:
    """Peel credits off the end of a body paragraph; ``None`` when it does not end with one."""
    if not isinstance(paragraph, str):
        return None
    text = paragraph.strip()
    offset = max(0, len(text) - _TAIL)
    end = len(text)
    found: list[Credit] = []
    while end > offset:
        window = text[offset:end]
        hit = _match_one(window, whole=offset == 0)
        if hit is None:
            break
        start, credit = hit
        found.append(credit)
        end = offset + len(window[:start].rstrip())
    if not found:
        return None
    credit = Credit()
    for item in reversed(found):  # document order
        credit = credit.merge(item)
    return CreditSplit(credit, text[end:].strip(), text[:end].strip())


def _match_one(window: str, whole: bool) -> tuple[int, Credit] | None:
    """The start of the last credit in ``window`` and what it credits."""
    matchers: tuple[Callable[[str], tuple[int, Credit] | None], ...] = (
        _parenthesised_clauses,
        _clauses,
        _contributed,
        _with_agency,
        _initials_signoff,
        _bare_agency,
    )
    if whole:
        matchers = (_copyright, _contact, *matchers)
    for matcher in matchers:
        hit = matcher(window)
        if hit is not None:
            return hit
    return None


# --- "Reporting by X; Editing by Y" ----------------------------------------------------------


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern[str]:
    verbs = phrase_list("roles", "credit_verbs", "authors") + phrase_list("roles", "credit_verbs", "others")
    alternatives = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"^(?P<verb>{alternatives})\s+(?P<names>.+)$", re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=1)
def _clause_split_re() -> re.Pattern[str]:
    """Where one credit clause ends: "; ", ". Next", or ", " before another "<verb> by"
    (Reuters also writes "(Reporting by A, B, with reporting by C, editing by D.)")."""
    verbs = phrase_list("roles", "credit_verbs", "authors") + phrase_list("roles", "credit_verbs", "others")
    alternatives = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(verbs, key=len, reverse=True)
                            if v != "by")
    return re.compile(rf"\s*;\s*|\.\s+(?=[A-Z])|,\s*(?:and\s+)?(?=(?:{alternatives})\s)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _clause_start_re() -> re.Pattern[str]:
    verbs = phrase_list("roles", "credit_verbs", "authors") + phrase_list("roles", "credit_verbs", "others")
    starts = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in verbs if v != "by")
    return re.compile(rf"{_LEAD}(?P<body>(?:{starts})\s+[^()]{{1,400}})$", re.IGNORECASE)


def _read_clauses(body: str) -> Credit | None:
    """ "Reporting by A and B in London; Editing by C" -> Credit(authors=(A, B)), or None if any
    clause is not a credit clause (then the text is prose, not a credit)."""
    author_verbs = set(phrase_list("roles", "credit_verbs", "authors"))
    credit = Credit()
    clauses = [c.strip(" .") for c in _clause_split_re().split(body.strip()) if c.strip(" .")]
    if not clauses:
        return None
    for clause in clauses:
        match = _verb_re().match(clause)
        if match is None:
            return None
        names = parse_byline(match.group("names"))
        if not (names.authors or names.agencies) or not _only_names(match.group("names")):
            return None
        if " ".join(match.group("verb").casefold().split()) in author_verbs:
            credit = credit.merge(names)
    return credit


def _only_names(text: str) -> bool:
    """No lower-case running words: a credit clause names people, it does not narrate."""
    connectors = {
        "and",
        "in",
        "at",
        "for",
        "of",
        "with",
        "from",
        "by",
        "the",
        "de",
        "von",
        "van",
        "der",
        "da",
    }
    return all(
        w[0].isupper() or w.casefold() in connectors or "@" in w for w in text.replace(",", " ").split()
    )


def _parenthesised_clauses(window: str) -> tuple[int, Credit] | None:
    match = re.search(r"(?:^|\s)[(\[](?P<body>[^()\[\]]{3,400})[)\]]\s*\.?\s*$", window)
    if match is None:
        return None
    credit = _read_clauses(match.group("body"))
    if credit is None:
        return None
    return match.start(), credit


def _clauses(window: str) -> tuple[int, Credit] | None:
    match = _clause_start_re().search(window)
    if match is None:
        return None
    credit = _read_clauses(match.group("body"))
    if credit is None:
        return None
    return match.start(), credit


# --- "X contributed to this report." ----------------------------------------------------------


def _contributed(window: str) -> tuple[int, Credit] | None:
    match = _CONTRIBUTED_RE.search(window)
    if match is None:
        return None
    who = match.group("who").strip()
    credit = Credit()
    role = _ROLE_LEAD_RE.match(who)
    if role and canonical_agency(role.group("agency")):
        credit = Credit(agencies=(canonical_agency(role.group("agency")) or "",))
        who = role.group("names")
    if not _only_names(who):
        return None
    credit = credit.merge(parse_byline(who))
    if not (credit.authors or credit.agencies):
        return None
    return match.start(), credit


# --- bare agencies: "... 2024. BLOOMBERG", "— Reuters", "With AFP" ---------------------------


def _with_agency(window: str) -> tuple[int, Credit] | None:
    match = _WITH_AGENCY_RE.search(window)
    if match is None:
        return None
    agencies = tuple(
        a for a in (canonical_agency(p) for p in re.split(r"\s*(?:,|and|&|/)\s*", match.group("who"))) if a
    )
    if not agencies:
        return None
    return match.start(), Credit(agencies=agencies)


# Deutsche Welle's sign-off: the editors' initials, then the agencies ("ab/cd (dpa, AFP)").
_SIGNOFF_RE = re.compile(rf"{_LEAD}[a-z]{{2,4}}(?:/[a-z]{{2,4}})+\s*\((?P<who>[^()]{{2,60}})\)\.?\s*$")


def _initials_signoff(window: str) -> tuple[int, Credit] | None:
    match = _SIGNOFF_RE.search(window)
    if match is None:
        return None
    names = [n for n in re.split(r"\s*(?:,|/|&|\band\b)\s*", match.group("who")) if n]
    agencies = tuple(canonical_agency(n) for n in names)
    if not agencies or any(a is None for a in agencies):
        return None
    return match.start(), Credit(agencies=tuple(a for a in agencies if a))


_BARE_RE = re.compile(rf"{_LEAD}[(\[]?(?P<who>[^\W\d_][\w '’/&-]{{0,40}}?)[)\]]?\.?\s*$")


def _bare_agency(window: str) -> tuple[int, Credit] | None:
    match = _BARE_RE.search(window)
    if match is None:
        return None
    names = [n.strip() for n in re.split(r"\s*(?:/|&|\band\b)\s*", match.group("who")) if n.strip()]
    forms = agency_exact_forms()
    agencies = []
    for name in names:
        agency = canonical_agency(name)
        if agency is None or not (name.isupper() or name in forms):
            return None
        agencies.append(agency)
    if not agencies:
        return None
    return match.start(), Credit(agencies=tuple(agencies))


# --- whole-paragraph credits --------------------------------------------------------------------


def _copyright(window: str) -> tuple[int, Credit] | None:
    match = _COPYRIGHT_RE.match(window)
    if match is None:
        return None
    agency = canonical_agency(match.group("who"))
    if agency is None:
        return None
    return 0, Credit(agencies=(agency,))


def _contact(window: str) -> tuple[int, Credit] | None:
    match = _CONTACT_RE.match(window)
    if match is None:
        return None
    if not match.group("who").casefold().startswith(("reporter", "author")):
        return 0, Credit()
    names = re.sub(r"\s+at\s+\S+@\S+", "", match.group("names"))
    return 0, parse_byline(names)


@dataclass(frozen=True, slots=True)
class SourceLine:
    agency: str  # canonical name ("Xinhua")
    date: str  # the date as written, for the date normalizer


@lru_cache(maxsize=1)
def _source_line_re() -> re.Pattern[str]:
    table = load_table("roles")["source_line"]
    labels = "|".join(re.escape(w) for w in table["labels"])
    editors = "|".join(re.escape(w) for w in table["editor_labels"])
    return re.compile(
        rf"^(?i:{labels})\s*:\s*(?P<agency>[^|]{{2,40}}?)\s*\|\s*(?P<date>[^|]{{6,40}}?)"
        rf"(?:\s*\|\s*(?i:{editors})\s*:\s*[^|]{{1,60}})?\s*$"
    )


def read_source_line(text: str) -> SourceLine | None:
    """ "Source: Xinhua | 2025-03-03 14:05:12 | Editor: Jane Doe" -> its agency and date.

    None unless the source is a known agency and the date parses: "Source: The Treasury | 2024"
    under a chart is no story's credit.
    """
    match = _source_line_re().match(text.strip()) if isinstance(text, str) and len(text) < 200 else None
    if match is None:
        return None
    agency = canonical_agency(match.group("agency"))
    if agency is None or parse_date(match.group("date")) is None:
        return None
    return SourceLine(agency, match.group("date"))
