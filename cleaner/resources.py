"""Where the data files shipped with the package are: a neutral place that every stage may ask.

The rule folder holds the decision stage's rule sets and the normalizers' tables
(``rules/tables/``); the extract stage used to import this from the rule loader, reaching back
into the decision stage for a path.
"""

from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    """The shipped rules: inside the installed wheel, or beside a source checkout."""
    here = Path(__file__).resolve().parent  # the cleaner package
    for candidate in (here / "_rules", here.parent / "rules"):
        if (candidate / "generic.toml").is_file():
            return candidate
    raise FileNotFoundError(f"built-in rules not found next to {here} (a broken installation)")
