"""clean-corpus: raw web captures in, clean article records out, every removal explained.

Library use::

    import cleaner
    record = cleaner.clean(text, source="page.txt")        # a str capture
    record = cleaner.clean_bytes(data, source="page.html")  # raw bytes: encoding detected
    print(record.to_json())

The names below are imported on first use (PEP 562), so that ``import cleaner.cli`` for
``clean-corpus --help``, or any one sub-module, does not load the whole pipeline.
"""

from __future__ import annotations

import importlib

# Not ``typing.TYPE_CHECKING``: importing ``typing`` is most of ``--help``'s own start-up time.
# Type checkers treat any constant named TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from cleaner.decide.rulebook import (
        RuleBook,
        RuleError,
        load_rulebook,
        load_rulebook_from_texts,
        read_rule_texts,
    )
    from cleaner.pipeline import Explanation, clean, clean_bytes, clean_file, explain
    from cleaner.read.capture import CaptureError
    from cleaner.record import Dateline, Record, Removal

# Public name -> the module that defines it.
_HOMES = {
    "CaptureError": "cleaner.read.capture",
    "Dateline": "cleaner.record",
    "Explanation": "cleaner.pipeline",
    "Record": "cleaner.record",
    "Removal": "cleaner.record",
    "RuleBook": "cleaner.decide.rulebook",
    "RuleError": "cleaner.decide.rulebook",
    "clean": "cleaner.pipeline",
    "clean_bytes": "cleaner.pipeline",
    "clean_file": "cleaner.pipeline",
    "explain": "cleaner.pipeline",
    "load_rulebook": "cleaner.decide.rulebook",
    "load_rulebook_from_texts": "cleaner.decide.rulebook",
    "read_rule_texts": "cleaner.decide.rulebook",
}

__all__ = [
    "CaptureError",
    "Dateline",
    "Explanation",
    "Record",
    "Removal",
    "RuleBook",
    "RuleError",
    "clean",
    "clean_bytes",
    "clean_file",
    "explain",
    "load_rulebook",
    "load_rulebook_from_texts",
    "read_rule_texts",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
