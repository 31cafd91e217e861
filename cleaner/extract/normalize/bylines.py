"""Bylines -> who wrote the story (people) and which agencies it is credited to.

A byline is split into *parts* (on commas, "and", "&", "|", "for", parentheses, line breaks)
and each part is classified with the tables in ``rules/tables``: an agency alias, a house credit
("Fortune Editors", "Staff": credited to no one), a job title or page trailer (dropped), or a
person. The tables hold what varies between outlets; this module only holds the grammar.

Text browsers glue a byline to the date that follows it ("By Eleanor PringleFebruary 10, 2026"),
so everything from the first date or time on is cut before splitting.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cleaner.extract.normalize.dates import DATE_START_RE, MONTH, WEEKDAY
from cleaner.extract.normalize.tables import agency_index, fold, phrase_list, word_set

_MAX_LEN = 600  # a byline with ten names and titles fits; anything longer is not a byline


@dataclass(frozen=True, slots=True)
class Credit:
    """Who a story is credited to. Construction drops empties and case-insensitive repeats."""

    authors: tuple[str, ...] = ()  # people, in order, each once (case-insensitive), no "By"
    agencies: tuple[str, ...] = ()  # canonical agency names, each once

    def __post_init__(self) -> None:
        object.__setattr__(self, "authors", _unique(self.authors))
        object.__setattr__(self, "agencies", _unique(self.agencies))

    def merge(self, other: Credit) -> Credit:
        """Order-preserving union: this credit's names first, then the other's new ones."""
        return Credit(self.authors + other.authors, self.agencies + other.agencies)


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        name = " ".join(str(name).split())
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)


def canonical_agency(name: str) -> str | None:
    """The canonical name of a news agency ("AP" -> "Associated Press"), ``None`` if unknown."""
    if not isinstance(name, str) or len(name) > 80:
        return None
    key = fold(name.strip(" \t\n.,;:|()[]–—-"))
    index = agency_index()
    return index.get(key) or index.get(key + ".") or index.get(fold(name.strip()))


# --- grammar -------------------------------------------------------------------------------

_GLUED_DATE_RE = re.compile(rf"(?<=[a-zà-ÿ.])(?={MONTH}\.?\s*\d)")
_GLUED_LABEL_RE = re.compile(r"(?<=[a-zà-ÿ])(?=(?:Updated|Published|Posted|Modified)\b)")
_LABEL_CUT_RE = re.compile(
    r"\b(?:Updated|Published|Posted|Modified|Last updated)\b(?!\s+by\b)", re.IGNORECASE
)
_DATE_LEAD_RE = re.compile(rf"(?:[\s,|•·-]+(?:on|at|the|{WEEKDAY}\.?)\b)*[\s,|•·-]*$", re.IGNORECASE)
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_SPLIT_RE = re.compile(
    r"\s*(?:\n|[|;/•·]|,\s*(?:and|&)\s+|\s+(?:and|with)\s+|\s*&\s*|,|\s+[-–—]+\s+)\s*"
    r"|\s+(?P<for>for|at)\s+",
    re.IGNORECASE,
)
_CONTACT_RE = re.compile(r"@|https?:|www\.|\.com\b|\.org\b|\.net\b", re.IGNORECASE)
_TRAILING_AGENCY_RE = re.compile(r"\s*(?:\|\s*([^|()]{2,40})|\(([^()]{2,40})\))\s*$")
_CONTACT_TOKEN_RE = re.compile(r"\S*@\S*|https?://\S+|www\.\S+")
_IN_PLACE_RE = re.compile(r"\s+in\s+[A-Z][\w .'’-]*$")
# An outlet's possessive before a name ("Fox News' Jessica Napoli", "CNN's Jane Doe"): the outlet
# is not part of the name. The apostrophe ends a word (so "O'Brien" is never cut).
_OUTLET_POSSESSIVE_RE = re.compile(r"^(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s?\s+(?=[A-Z])")
_NAME_CHARS_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[\s.'’‘`\-‐])*$")
_CALENDAR_WORD_RE = re.compile(rf"^(?:{MONTH}|{WEEKDAY})\.?$", re.IGNORECASE)
_ELIDED_RE = re.compile(r"^[a-z]['’][A-Z]")  # d'Ancona, l'Homme
_NOT_NAME_FIRST_WORDS = frozenset({"the", "a", "an", "this", "our", "my", "your", "more", "all", "see"})


@lru_cache(maxsize=1)
def _prefix_re() -> re.Pattern[str]:
    prefixes = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in phrase_list("roles", "byline", "prefixes")
    )
    return re.compile(rf"^\W*(?:{prefixes})(?![\w'’-])\s*[:\-–—|]?\s*", re.IGNORECASE)


def looks_like_byline(text: str) -> bool:
    """Cheap test run on every short line of a page: "By X", "By" alone, "Written by X", "X | Reuters".

    Prose that happens to open with "By" ("By the time...", "By Monday, officials said") is
    rejected because a byline's remaining words are names, connectors, titles or a date,
    never lower-case running text.
    """
    if not isinstance(text, str):
        return False
    line = " ".join(text.split())
    if not line or len(line) > 200:
        return False
    match = _prefix_re().match(line)
    if match is None:
        tail = _TRAILING_AGENCY_RE.search(line)
        head = line[: tail.start()] if tail else ""
        return (
            bool(head)
            and canonical_agency(tail.group(1) or tail.group(2)) is not None
            and _name_words_only(head)
        )
    rest = _cut_at_date(line[match.end() :])
    if not rest.strip(" ,|"):
        return True
    if canonical_agency(rest) is not None:
        return True
    if not rest[0].isupper():
        return False
    if not _name_words_only(rest):
        return False
    credit = parse_byline(line)
    return bool(credit.authors or credit.agencies) or _is_house(rest.strip(" ,.|"))


@lru_cache(maxsize=1)
def _byline_function_words() -> frozenset[str]:
    return (
        frozenset({"and", "for", "with", "of", "the", "in", "at", "et", "al", "al.", "&", "|", "by", "from"})
        | word_set("roles", "roles", "particles")
        | word_set("roles", "roles", "heads")
        | word_set("roles", "roles", "modifiers")
        | word_set("roles", "roles", "trailers")
        | _house_suffix_words()
        | frozenset(w for phrase in phrase_list("house_credits", "house", "exact") for w in phrase.split())
    )


def _name_words_only(text: str) -> bool:
    allowed = _byline_function_words()
    for word in re.split(r"[\s,;()]+", text):
        word = word.strip(".:'’\"")
        if (
            word
            and word[0].isalpha()
            and not word[0].isupper()
            and word.casefold() not in allowed
            and not _CONTACT_RE.search(word)
        ):
            return False
    return True


def parse_byline(text: str) -> Credit:
    """People and agencies named by a byline; house credits, titles and trailers are dropped."""
    if not isinstance(text, str):
        return Credit()
    text = unicodedata.normalize("NFC", text[:_MAX_LEN])
    text = _CONTACT_TOKEN_RE.sub(" | ", text.replace("\r", "\n"))
    match = _prefix_re().match(text)
    if match is not None:
        text = text[match.end() :]
    text = _cut_at_date(text)
    text = _glued_title_re().sub(" ", text)
    authors: list[str] = []
    agencies: list[str] = []
    for part, after_for in _parts(text):
        # A widget may repeat the prefix inside the list ("Jane Doe, By John Roe").
        kind, value = classify_part(_prefix_re().sub("", part, count=1))
        if kind == "agency":
            agencies.append(value)
        elif kind == "suffix" and authors:
            authors[-1] = f"{authors[-1]} {value}"
        elif kind == "person" and not after_for:
            authors.append(value)
    return Credit(tuple(authors), tuple(agencies))


@lru_cache(maxsize=1)
def _glued_title_re() -> re.Pattern[str]:
    """A job title glued to the name before it ("By Meg JamesStaff Writer"): where to split.

    Only a capitalised title word from the tables, right after a lower-case letter, followed by
    the rest of a title, counts, so "McDonald" or "DeShawn" are never split.
    """
    words = sorted(word_set("roles", "roles", "modifiers") | word_set("roles", "roles", "heads"), key=len, reverse=True)
    alternatives = "|".join(re.escape(w.capitalize()) for w in words if w.isalpha())
    heads = "|".join(re.escape(w.capitalize()) for w in word_set("roles", "roles", "heads") if w.isalpha())
    return re.compile(rf"(?<=[a-zà-ÿ])(?=(?:{alternatives})(?:\s+[A-Z]\w*)*?\s*(?:{heads})?$)")


def _cut_at_date(text: str) -> str:
    """Everything before the first date, time or "Updated" label (glued or not)."""
    text = _GLUED_DATE_RE.sub(" ", text)
    text = _GLUED_LABEL_RE.sub(" ", text)
    ends = [m.start() for m in (DATE_START_RE.search(text), _LABEL_CUT_RE.search(text)) if m]
    if not ends:
        return text
    # What leads into the date belongs to it: "By A and B on Monday, November 18th, 2019".
    return _DATE_LEAD_RE.sub("", text[: min(ends)])


def _parts(text: str) -> list[tuple[str, bool]]:
    """Split a byline into (part, came-after-"for") pairs; parenthesised text is its own part."""
    text = _PAREN_RE.sub(lambda m: f" | {m.group(1)} | ", text)
    parts: list[tuple[str, bool]] = []
    after_for = False
    pos = 0
    for match in _SPLIT_RE.finditer(text):
        parts.append((text[pos : match.start()], after_for))
        after_for = match.group("for") is not None
        pos = match.end()
    parts.append((text[pos:], after_for))
    cleaned = [
        (p.strip(" \t\n\"“”'‘’:.,-–—"), f) if not _keeps_dot(p) else (p.strip(' \t\n"“”:,-–—'), f)
        for p, f in parts
    ]
    return [piece for part, f in cleaned for piece in _split_glued_agency(part, f)]


def _split_glued_agency(part: str, after_for: bool) -> list[tuple[str, bool]]:
    """ "ZEKE MILLER Associated Press" (AP prints the agency under the names) -> two parts.

    Only agency names of two words or more are split off, so a person whose surname is an
    agency's one-word name ("Michael Bloomberg") stays whole.
    """
    words = part.split()
    for size in (4, 3, 2):
        if len(words) > size and canonical_agency(" ".join(words[-size:])):
            return [(" ".join(words[:-size]), after_for), (" ".join(words[-size:]), after_for)]
    return [(part, after_for)]


def _keeps_dot(part: str) -> bool:
    last = part.strip(' \t\n"“”:,').rsplit(" ", 1)[-1]
    return last.casefold() in word_set("roles", "roles", "suffixes") or bool(re.fullmatch(r"(?:\w\.)+", last))


def classify_part(part: str) -> tuple[str, str]:
    """One byline part -> (kind, value); kind is person, agency, suffix or drop."""
    if not part or _CONTACT_RE.search(part):
        return "drop", ""
    agency = canonical_agency(part) or _agency_with_title(part)
    if agency:
        return "agency", agency
    key = fold(part)
    if key in word_set("roles", "roles", "suffixes"):
        return "suffix", part
    if key in word_set("roles", "roles", "credentials") or _is_trailer(key):
        return "drop", ""
    part = _IN_PLACE_RE.sub("", part)
    part = _OUTLET_POSSESSIVE_RE.sub("", part)
    name = _strip_title(part)
    if name is None or name == part and _is_house(part) or not _is_name(name):
        return "drop", ""
    return "person", _recase(_undoubled(name))


def _agency_with_title(part: str) -> str | None:
    """ "Associated Press Writer", "Reuters Staff", "Bloomberg Opinion" -> the agency."""
    words = part.split()
    titles = word_set("roles", "roles", "heads") | word_set("roles", "roles", "modifiers")
    while len(words) > 1 and fold(words[-1]) in titles | _house_suffix_words():
        words.pop()
        agency = canonical_agency(" ".join(words))
        if agency:
            return agency
    return None


@lru_cache(maxsize=1)
def _house_suffix_words() -> frozenset[str]:
    return frozenset(
        w for phrase in phrase_list("house_credits", "house", "suffixes") for w in phrase.split()
    )


def _is_house(part: str) -> bool:
    key = fold(part)
    if key in word_set("house_credits", "house", "exact"):
        return True
    if any(key.endswith(" " + s) for s in phrase_list("house_credits", "house", "suffixes")):
        return True
    return any(key.startswith(p + " ") for p in phrase_list("house_credits", "house", "prefixes"))


def _is_trailer(key: str) -> bool:
    trailers = word_set("roles", "roles", "trailers")
    return key in trailers or key.split(" ", 1)[0] in {"follow", "email", "contact", "more", "view", "read"}


def _strip_title(part: str) -> str | None:
    """Drop a job title from the end of a part; ``None`` if the part is only a title.

    "Jane Doe Staff Writer" (no comma, as text browsers print it) -> "Jane Doe". What is left is
    only accepted if it has two words or more and none of them is a title word, so "Senior
    White House Correspondent" and "Fortune Staff Writer" are dropped whole.
    """
    words = part.split()
    heads = word_set("roles", "roles", "heads")
    if not words or fold(words[-1]) not in heads:
        return part
    titles = heads | word_set("roles", "roles", "modifiers")
    while words and fold(words[-1]) in titles:
        words.pop()
    if len(words) < 2 or any(fold(w) in titles for w in words):
        return None  # "Fortune Staff Writer": a publication's title, not a person's
    return " ".join(words)


def _undoubled(name: str) -> str:
    """A name a widget printed twice in one line ("Sean Martin Sean Martin") -> once."""
    words = name.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _is_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 6 or len(part) > 70:
        return False
    if not _NAME_CHARS_RE.match(part) or not any(c.isupper() for c in part):
        return False
    if fold(words[0]) in _NOT_NAME_FIRST_WORDS and len(words) > 1 or fold(part) in _NOT_NAME_FIRST_WORDS:
        return False
    if len(words) == 1 and (_CALENDAR_WORD_RE.match(part) or fold(part) in _byline_function_words()):
        return False
    particles = word_set("roles", "roles", "particles")
    return all(w[0].isupper() or fold(w) in particles or _ELIDED_RE.match(w) for w in words)


def _recase(name: str) -> str:
    """Re-case a SHOUTED name ("URSULA VON DER LEYEN" -> "Ursula von der Leyen"); leave others.

    Initials ("J.R.R.") stay capitals; "Mc"/"Mac"-style inner capitals cannot be recovered
    except for "Mc", which is unambiguous.
    """
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return name
    particles = word_set("roles", "roles", "particles")
    suffixes = word_set("roles", "roles", "suffixes")
    out = []
    for i, word in enumerate(name.split()):
        if (
            re.fullmatch(r"(?:\w\.)+\w?\.?", word)
            or fold(word) in suffixes
            and fold(word) not in {"jr", "jr.", "sr", "sr."}
        ):
            out.append(word)
        elif i > 0 and fold(word) in particles:
            out.append(word.lower())
        else:
            out.append(re.sub(r"[^\W\d_]+", _cap, word))
    return " ".join(out)


def _cap(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(word) > 2 and word[:2].casefold() == "mc":
        return "Mc" + word[2:].capitalize()
    return word.capitalize()
