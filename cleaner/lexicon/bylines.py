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

from cleaner.lexicon.dates import MONTH, WEEKDAY, date_start_re, looks_like_date_line, parse_date
from cleaner.lexicon.tables import agency_index, fold, load_table, phrase_list, word_set

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
# "Posted on March 3, 2025 by Jane Doe": a dated label, then the byline.
_DATE_THEN_BY_RE = re.compile(r"^(?P<date>.{4,80}?\d.{0,40}?)\s+by:?\s+(?P<names>\S.*)$", re.IGNORECASE | re.DOTALL)
_PAREN_RE = re.compile(r"\(([^()]*)\)")
# "By Jane Doe, a reporter covering energy": the appositive after the name is no part of it.
_APPOSITIVE_RE = re.compile(r",\s+(?:a|an|the|who|is|was|our)\s+[a-z].*$", re.DOTALL)
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
    cased = sorted(load_table("roles")["byline"]["cased_prefixes"], key=lambda p: (-len(p), p))
    others = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in cased)
    return re.compile(rf"^\W*(?:(?i:{prefixes})|(?P<cased>{others}))(?![\w'’-])\s*[:\-–—|]?\s*")


@lru_cache(maxsize=1)
def _split_re() -> re.Pattern[str]:
    joins = "|".join(re.escape(w) for w in load_table("roles")["byline"]["connectors"])
    return re.compile(
        rf"\s*(?:\n|[|;/•·]|,\s*(?:{joins}|&)\s+|\s+(?:{joins})\s+|\s*&\s*|,|\s+[-–—]+\s+)\s*"
        r"|\s+(?P<for>for|at)\s+",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _date_lead_re() -> re.Pattern[str]:
    leads = "|".join(re.escape(w) for w in load_table("roles")["byline"]["date_leads"] if w.isalpha())
    return re.compile(rf"(?:[\s,|•·-]+(?:{leads}|{WEEKDAY}\.?)\b)*[\s,|•·-]*$", re.IGNORECASE)


def _needs_full_name(match: re.Match[str], rest: str) -> bool:
    """ "Von" (a capitalised name particle) leads a byline only into a full name ("Von Jane Doe"),
    so a name that begins with it ("Von Miller", "Di Maria Scores") is not read as a byline."""
    cased = match.group("cased")
    if not cased or not cased[0].isupper() or fold(cased) not in word_set("roles", "roles", "particles"):
        return False
    if _is_house(rest.strip(" ,.|")) or canonical_agency(rest) is not None:
        return False
    if _initials_only(rest):
        return False  # "Von AB": a sign-off in initials, read (and credited to no one) as "By AB" is
    words = re.split(r"\s+", rest.strip())
    return len(words) < 2 or not all(w[:1].isupper() for w in words[:2])


def byline_date(text: str) -> str | None:
    """The date part of a byline line ("By Jane DoeMarch 3, 2025" -> "March 3, 2025"), if any."""
    if not isinstance(text, str):
        return None
    dated = date_then_by(text[:_MAX_LEN])
    if dated is not None:
        return dated[0]
    glued = _GLUED_LABEL_RE.sub(" ", _GLUED_DATE_RE.sub(" ", text[:_MAX_LEN]))
    found = date_start_re().search(glued)
    return glued[found.start():].strip() if found else None


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
        return _unprefixed_byline(line)
    rest = _APPOSITIVE_RE.sub("", _cut_at_date(line[match.end() :]))
    if not rest.strip(" ,|"):
        return not match.group("cased")  # "By" alone is a byline; "von" alone is a word
    if canonical_agency(rest) is not None or _is_house(rest.strip(" ,.|")):
        return True
    if _needs_full_name(match, rest):
        return False
    if not rest[0].isupper():
        return False
    if not _name_words_only(rest):
        return False
    credit = parse_byline(line)
    return bool(credit.authors or credit.agencies) or _is_house(rest.strip(" ,.|")) or _initials_only(rest)


def date_then_by(text: str) -> tuple[str, str] | None:
    """ "Posted on March 3, 2025 by Jane Doe" -> ("Posted on March 3, 2025", "Jane Doe"), else None."""
    match = _DATE_THEN_BY_RE.match(text.strip())
    if match is None or not looks_like_date_line(match.group("date")):
        return None
    return match.group("date"), match.group("names")


@lru_cache(maxsize=1)
def _foreign_label_cut_re() -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in load_table("roles")["byline"]["date_labels"])
    return re.compile(rf"(?<!\w)(?:{labels})(?!\w)")


def _unprefixed_byline(line: str) -> bool:
    """A byline without "By": "Jane Smith | Reuters", an agency's name alone under the headline
    ("Reuters", "PTI | Updated: Mar 3, 2025 10:30 IST"), or a name leading into its date
    ("Jane Doe am 3. März 2025", "Jane Doe | March 3, 2025")."""
    dated = date_then_by(line)
    if dated is not None:
        names = dated[1].strip(" .")
        return _is_house(names) or _is_initials(names) or (names[:1].isupper() and _name_words_only(names) and bool(parse_byline(line).authors))
    tail = _TRAILING_AGENCY_RE.search(line)
    head = line[: tail.start()] if tail else ""
    if head and canonical_agency(tail.group(1) or tail.group(2)) is not None and _name_words_only(head):
        return True
    cut = _cut_at_date(line)
    if canonical_agency(cut.strip(" |·•,:-–—")) is not None and len(cut.split()) <= 4:
        return True
    joined = _name_date_re().match(line)
    if joined is None or not _name_words_only(joined.group("name")):
        return False
    if parse_date(joined.group("date")) is None:
        return False
    return all(kind == "person" for kind, _ in (classify_part(p) for p, _ in _parts(joined.group("name"))))


@lru_cache(maxsize=1)
def _name_date_re() -> re.Pattern[str]:
    joiners = "|".join(re.escape(w) for w in load_table("roles")["byline"]["name_date_joiners"])
    return re.compile(rf"^(?P<name>\S+(?:\s+\S+){{1,3}}?)\s+(?:{joiners})\s+(?P<date>\d.*)$")


@lru_cache(maxsize=1)
def _byline_function_words() -> frozenset[str]:
    return (
        frozenset({"and", "for", "with", "of", "the", "in", "at", "et", "al", "al.", "&", "|", "by", "from"})
        | frozenset(fold(w) for w in load_table("roles")["byline"]["connectors"])
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
            and canonical_agency(word) is None
        ):
            return False
    return True


def parse_byline(text: str) -> Credit:
    """People and agencies named by a byline; house credits, titles and trailers are dropped."""
    if not isinstance(text, str):
        return Credit()
    text = unicodedata.normalize("NFC", text[:_MAX_LEN])
    text = _CONTACT_TOKEN_RE.sub(" | ", text.replace("\r", "\n"))
    dated = date_then_by(text)
    if dated is not None:
        text = dated[1]
    text = _strip_prefix(text)
    text = _APPOSITIVE_RE.sub("", _cut_at_date(text))
    text = _glued_title_re().sub(" ", text)
    authors: list[str] = []
    raw: list[str] = []  # each author's part as written (its case tells a SHOUTED place)
    agencies: list[str] = []
    parts = _parts(text)
    for number, (part, after_for) in enumerate(parts):
        # A widget may repeat the prefix inside the list ("Jane Doe, By John Roe").
        part = _strip_prefix(part)
        kind, value = classify_part(part)
        if kind == "agency":
            agencies.append(value)
        elif kind == "suffix" and authors:
            authors[-1] = f"{authors[-1]} {value}"
        elif kind == "person" and not after_for and not (
            authors and _is_place_after_name(part, raw[-1], last=number == len(parts) - 1)
        ):
            authors.append(value)
            raw.append(part)
    return Credit(tuple(authors), tuple(agencies))


def _strip_prefix(text: str) -> str:
    match = _prefix_re().match(text)
    if match is None or _needs_full_name(match, text[match.end() :]):
        return text
    return text[match.end() :]


def _is_place_after_name(value: str, previous: str, last: bool) -> bool:
    """ "By Jane Doe, Berlin" / "Written by Jane Doe | NEW DELHI": after a person, a one-word part
    or a SHOUTED last part (a dateline's place) after a name in ordinary case is a place, not a
    person ("Hemmy So, BEN ROE and LARRY McSHANE" keeps its shouted middle name)."""
    if len(value.split()) == 1:
        return True
    return last and value.isupper() and not previous.isupper()


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
    cuts = (date_start_re().search(text), _LABEL_CUT_RE.search(text), _foreign_label_cut_re().search(text))
    ends = [m.start() for m in cuts if m]
    if not ends:
        return text
    # What leads into the date belongs to it: "By A and B on Monday, November 18th, 2019".
    return _date_lead_re().sub("", text[: min(ends)])


def _parts(text: str) -> list[tuple[str, bool]]:
    """Split a byline into (part, came-after-"for") pairs; parenthesised text is its own part."""
    text = _PAREN_RE.sub(lambda m: f" | {m.group(1)} | ", text)
    parts: list[tuple[str, bool]] = []
    after_for = False
    pos = 0
    for match in _split_re().finditer(text):
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
    words = part.split()
    if len(words) > 2 and fold(words[-1]) in word_set("roles", "roles", "trailers"):
        part = " ".join(words[:-1])  # "Jane Doe Discuss (0)": a widget's word after the name
    part = _OUTLET_POSSESSIVE_RE.sub("", part)
    if _is_initials(part):
        return "drop", ""  # "by SB": the line is a byline, but it names no one we could credit
    name = _strip_title(part)
    if name is None or name == part and _is_house(part) or not _is_name(name):
        return "drop", ""
    return "person", _recase(_undoubled(name))


_DOTTED_INITIALS_RE = re.compile(r"(?:[A-Z]\.\s?){2,3}")


def _initials_only(text: str) -> bool:
    """ "AB", "A.B.", "AB und CD", "AB, dpa": only initials (connectors, agencies) after a byline's prefix."""
    joins = {fold(w) for w in load_table("roles")["byline"]["connectors"]} | {"and", "&", "/"}
    words = [w.strip(" ,|()") for w in re.split(r"[\s/,]+", text.strip()) if w.strip(" ,.|()")]
    return any(_is_initials(w) for w in words) and all(
        _is_initials(w) or fold(w) in joins or canonical_agency(w) is not None for w in words)


def _is_initials(part: str) -> bool:
    """ "SB", "JD", "A.B.": a post signed with its writer's initials (agencies were read before)."""
    if _DOTTED_INITIALS_RE.fullmatch(part):
        return True
    return 2 <= len(part) <= 3 and part.isalpha() and part.isupper()


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
