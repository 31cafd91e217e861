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
``flags``, ``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``, ``sub``,
``split``); the first call of one of the methods compiles it, and the compiled pattern's own
methods then take their place on the instance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# A look-behind's width is checked by the compiler, not the parser (``(?<=`` and ``(?<!``).
_LOOKBEHIND = re.compile(r"\(\?<[=!]")
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class RulePattern:
    """A regex parsed now (``re.error`` if it is not valid) and compiled on first use."""

    def __init__(self, source: str) -> None:
        from re import _parser  # type: ignore[attr-defined]

        self.pattern = source
        self.tree = _parser.parse(source, 0)
        # What the compiled pattern's ``flags`` will be: the inline flags, and UNICODE for str.
        self.flags: int = self.tree.state.flags
        self._compiled: re.Pattern[str] | None = None
        if _LOOKBEHIND.search(source):
            self.compiled()

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled by the first call)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
            for name in _METHODS:
                setattr(self, name, getattr(self._compiled, name))
        return self._compiled

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled().findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RulePattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"RulePattern({self.pattern!r})"

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return RulePattern, (self.pattern,)  # a worker process parses it again, compiles on use
