"""Load the data tables (``rules/tables/*.toml``) the normalizers are driven by.

What varies between outlets (agency names, house credits, job titles, zone abbreviations) is
data, so it lives in TOML a reviewer can extend without reading code. Tables are read once per
process and cached; callers get read-only views (tuples, frozensets, MappingProxyType) so no
normalizer can mutate shared state.
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cleaner.resources import builtin_rules_dir


def tables_dir() -> Path:
    """Where the tables live: ``tables/`` of the built-in rules folder (wheel or checkout)."""
    return builtin_rules_dir() / "tables"


@cache
def load_table(name: str) -> MappingProxyType[str, Any]:
    """The parsed ``<name>.toml``, frozen so a caller cannot change what others see."""
    with (tables_dir() / f"{name}.toml").open("rb") as handle:
        return _freeze(tomllib.load(handle))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def fold(text: str) -> str:
    """The key every table is matched on: case-folded, single-spaced, no leading "The"."""
    key = " ".join(text.casefold().split())
    if key.startswith("the "):
        key = key[4:]
    return key


@lru_cache(maxsize=1)
def agency_index() -> MappingProxyType[str, str]:
    """Folded alias -> canonical agency name."""
    index: dict[str, str] = {}
    for agency in load_table("agencies")["agency"]:
        name = agency["name"]
        for alias in (name, *agency.get("aliases", ()), *agency.get("shouting", ())):
            index[fold(alias)] = name
    return MappingProxyType(index)


@lru_cache(maxsize=1)
def agency_exact_forms() -> frozenset[str]:
    """Agency names exactly as written in the table (incl. shouting forms).

    A bare word after the last sentence ("... in August 2024. BLOOMBERG") is only taken as a
    credit when it matches one of these forms verbatim or is all capitals, so an ordinary
    lower-case word is never mistaken for an agency.
    """
    forms: set[str] = set()
    for agency in load_table("agencies")["agency"]:
        forms.add(agency["name"])
        forms.update(agency.get("aliases", ()))
        forms.update(agency.get("shouting", ()))
    return frozenset(forms)


@lru_cache(maxsize=1)
def zone_index() -> MappingProxyType[str, str]:
    """Zone abbreviation or phrase (as written) -> IANA zone name."""
    return load_table("timezones")["zones"]


@cache
def word_set(table: str, section: str, key: str) -> frozenset[str]:
    """One list of a table, folded, as a set for membership tests."""
    return frozenset(fold(item) for item in load_table(table)[section][key])


@cache
def phrase_list(table: str, section: str, key: str) -> tuple[str, ...]:
    """One list of a table, folded, longest first (so "staff writer" wins over "writer")."""
    return tuple(sorted({fold(item) for item in load_table(table)[section][key]}, key=lambda s: (-len(s), s)))
