"""What ``check`` can find wrong, and the report it hands to the command line.

Kinds are plain strings (printed between brackets) so a user can grep for them and a test can
name them; the command line renders a ``Report``, nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Problem kinds, as printed between brackets.
STALE = "stale-golden"  # the golden differs from what cleaning the capture gives now
MISSING = "missing-golden"  # a capture without a golden
ORPHAN = "orphan-golden"  # a golden without a capture
BAD_GOLDEN = "bad-golden"  # a golden that is not a JSON record
EMPTY = "empty-capture"  # 0 bytes, or only white space
NOT_TEXT = "not-text"  # NUL bytes or many control characters
NOT_UTF8 = "invalid-utf8"
BOM = "bom"  # starts with a UTF-8 byte-order mark
DUPLICATE = "duplicate-capture"  # same bytes as another capture
BAD_NAME = "bad-name"  # id or folder name not matching ID_PATTERN
NAME_CLASH = "name-clash"  # two captures would share one golden (a.txt + a.html, A.txt + a.txt)
NOT_CAPTURE = "not-a-capture"  # a file in the captures folder with a suffix `run` does not read
STRAY = "stray-file"  # a file in the golden folder that is not <id>.json
ERROR = "internal-error"  # cleaning raised: a bug, reported rather than hidden

# What ``update=True`` repairs by rewriting the golden.
FIXABLE = frozenset({STALE, MISSING, BAD_GOLDEN})


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong. ``path`` is the file it is about, as the user named the folders."""

    kind: str
    path: str
    message: str
    detail: tuple[str, ...] = ()  # diff lines, for STALE

    def headline(self) -> str:
        return f"{self.path}: [{self.kind}] {self.message}"


@dataclass(slots=True)
class Report:
    """What a check found, and (with ``update``) what it wrote or deleted."""

    everything: bool = False  # the whole folders were checked (no PATHS, or a rule changed)
    checked: int = 0  # captures cleaned and compared
    matched: int = 0
    problems: list[Problem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # golden paths written for the first time
    updated: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (golden, fields changed)
    deleted: list[str] = field(default_factory=list)  # orphans removed by ``prune``
    fixed: list[Problem] = field(default_factory=list)  # problems ``update`` repaired
    ignored: list[str] = field(default_factory=list)  # PATHS outside both folders

    @property
    def ok(self) -> bool:
        return not self.problems
