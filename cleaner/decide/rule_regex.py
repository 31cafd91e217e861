"""A rule file's regex: checked when its file loads, compiled when a block first needs it.

Compiling the built-in rules' patterns cost about a quarter of a one-file run, and most of them
never search a block of a given page: the engine first asks each rule's prefilter (the literals
a match needs, the characters it can start or end with, read from the parsed pattern) and most
rules stop there. Parsing is the larger part of compiling, and is all the check needs: Python's
parser raises every error ``re.compile`` raises except the look-behind width, which the compiler
checks; a pattern that has a look-behind is therefore compiled at load. The engine reads the
same parse for its prefilters (``tree``), so a rule pattern is parsed once, not twice as
before, and compiled only if a block gets past its prefilter.

The object answers what the engine and the rules' tools ask of a pattern (``pattern``,
``flags``, ``search``, ``match``, ``finditer``...); the first call of one of the methods
compiles it (``cleaner.lazy_regex``).
"""

from __future__ import annotations

import re

from cleaner.lazy_regex import LazyRegex

# A look-behind's width is checked by the compiler, not the parser (``(?<=`` and ``(?<!``).
_LOOKBEHIND = re.compile(r"\(\?<[=!]")


class RulePattern(LazyRegex):
    """A regex parsed now (``re.error`` if it is not valid) and compiled on first use."""

    def __init__(self, source: str) -> None:
        from re import _parser  # type: ignore[attr-defined]

        super().__init__(source)
        self.tree = _parser.parse(source, 0)
        # What the compiled pattern's ``flags`` will be: the inline flags, and UNICODE for str.
        self.flags: int = self.tree.state.flags
        if _LOOKBEHIND.search(source):
            self.compiled()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RulePattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __reduce__(self) -> tuple[type, tuple[str]]:  # type: ignore[override]
        return RulePattern, (self.pattern,)  # a worker process parses it again, compiles on use
