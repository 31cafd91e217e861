"""Lines a one-line chrome rule must leave to the readers that come after it.

Pattern rules run before the header detectors and the credits normalizer in file order, so a
caption rule that matches "... | Reuters" would take a byline, and one that matches "... said.
— Reuters" the article's closing credit, before either was read. A rule names here what it
``spares`` (a rule-file key, checked at load); the engine asks these readers before removing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cleaner.lexicon.bylines import canonical_agency, looks_like_byline
from cleaner.lexicon.credits import read_source_line, split_trailing_credit
from cleaner.lexicon.dates import looks_like_date_line

_DASHES = "—–-"
_INITIALS_SIGN_OFF = re.compile(r"^\w{2,4}(?:/\w{2,4})+\s*\(")


def closes_with_credit(text: str) -> bool:
    """The article's own closing credit: an initials sign-off ("ab/cd (dpa, AFP)") or a credit
    set off by a dash ("... on Friday. — Reuters"). A caption's credit glued to its sentence
    ("... in Shanghai. Associated Press") or in brackets ("(AP Photo/Jane Doe)") is not one."""
    split = split_trailing_credit(text)
    if split is None:
        return False
    if not split.rest:
        return _INITIALS_SIGN_OFF.match(split.removed) is not None
    return split.removed[:1] in _DASHES


def names_someone(text: str) -> bool:
    """A byline that names a person ("By Jane Doe", "Jane Doe | Reuters"). An agency's name
    alone is as often a picture's credit: the byline detector reads it under a headline only."""
    return looks_like_byline(text) and canonical_agency(text.strip()) is None


# What each name in a rule's ``spares`` leaves alone.
READERS: dict[str, Callable[[str], bool]] = {
    "byline": names_someone,
    "date": looks_like_date_line,
    "credit": closes_with_credit,
    "source": lambda text: read_source_line(text) is not None,  # "Source: AGENCY | DATE | Editor: NAME"
}


def spared(names: tuple[str, ...], text: str) -> bool:
    """Does one of the readers ``names`` read this line (so the rule must leave it)?"""
    return any(READERS[name](text) for name in names)
