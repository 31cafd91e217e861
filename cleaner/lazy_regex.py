"""A regex compiled by its first use, for tables of patterns a run may never consult.

Python compiles a regex in Python code, and the word-list alternations of the reader and date
tables cost milliseconds each; a one-file run consults a few of them. ``LazyRegex`` holds the
source and compiles it on the first call of one of its methods; the compiled pattern's own
methods then take their place on the instance, so later calls cost what the bare pattern's
cost. ``pattern`` is there without compiling (patterns are built from other patterns' sources).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyRegex:
    """``re.compile(pattern, flags)``, done by the first call of a method."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled by the first call)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
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

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern!r})"

    def __reduce__(self) -> tuple[type, tuple[str, int]]:
        return type(self), (self.pattern, self._flags)
