"""Detector parameters as declarations: one typed, frozen dataclass per detector.

A rule file's ``params`` used to be a free-form table that each detector read with
``params.get(name, default)``: a misspelled name fell back to the default without a word, and
defaults lived in the code, sometimes different from the rule file. Now each detector declares
its parameters (name, type, default, a one-line meaning) with ``param``; ``parse`` turns a rule's
table into that dataclass or says exactly what is wrong, and ``rules/SCHEMA.md`` is generated
from the same declarations (``cleaner.decide.schema``), so the documentation cannot drift.

A parameter declared with ``refs=True`` names other rules of the same set (a rule it defers to,
takes removals back from, or reads the decisions of): the loader checks that each one is an
earlier rule, so renaming or reordering a rule is an error at load, not a silent change.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, Field, dataclass, field, fields
from functools import cache, lru_cache
from typing import Any, get_type_hints

Strings = tuple[str, ...]
# A table of named lists of strings (``[rules.params.openers]``), kept in file order.
Table = tuple[tuple[str, Strings], ...]


def param(default: Any, doc: str, *, refs: bool = False, regex: bool = False, takes_back: bool = False) -> Any:
    """Declare one parameter: its default, a one-line meaning for rule authors, and whether its
    values name earlier rules (``refs``), rules whose removals this rule may take back or give
    to itself (``takes_back``, implies ``refs``), or are regular expressions (``regex``)."""
    return field(default=default, metadata={"doc": doc, "refs": refs or takes_back, "regex": regex,
                                            "takes_back": takes_back})


@dataclass(frozen=True, slots=True)
class NoParams:
    """A detector that takes no parameters."""


class ParamError(ValueError):
    """A parameter that cannot be used; ``key`` is the parameter it is about."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError
    return float(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _optional_string(value: Any) -> str | None:
    return _string(value)


def _strings(value: Any) -> Strings:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError
    return tuple(value)


def _table(value: Any) -> Table:
    if not isinstance(value, dict):
        raise TypeError
    return tuple((name, _strings(items)) for name, items in value.items())


# Each parameter type a detector may declare: how a TOML value becomes it, and its name in
# errors and in SCHEMA.md.
KINDS: dict[Any, tuple[Any, str]] = {
    int: (_integer, "integer"),
    float: (_number, "number"),
    bool: (_boolean, "true or false"),
    str: (_string, "string"),
    str | None: (_optional_string, "string"),
    Strings: (_strings, "list of strings"),
    Table: (_table, "table of lists of strings"),
}


@dataclass(frozen=True, slots=True)
class Declared:
    """One declared parameter, as the loader and the schema document read it."""

    name: str
    kind: str
    default: Any
    doc: str
    refs: bool
    regex: bool
    convert: Any
    takes_back: bool = False


@cache
def declared(cls: type) -> tuple[Declared, ...]:
    """The parameters ``cls`` declares, in declaration order (read once a class: resolving the
    annotations compiles each of them, and every rule naming the detector asks twice)."""
    hints = get_type_hints(cls)
    out = []
    for f in fields(cls):
        convert, kind = KINDS[hints[f.name]]
        out.append(Declared(f.name, kind, _default(f), f.metadata.get("doc", ""), f.metadata.get("refs", False),
                            f.metadata.get("regex", False), convert, f.metadata.get("takes_back", False)))
    return tuple(out)


def _default(f: Field) -> Any:  # type: ignore[type-arg]
    return f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]


def _suggest(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse(cls: type, raw: Any) -> Any:
    """The ``cls`` instance for a rule's ``params`` table; ``ParamError`` names what is wrong."""
    if not isinstance(raw, dict):
        raise ParamError("params", "'params' must be a table")
    decl = {d.name: d for d in declared(cls)}
    values = {}
    for name, value in raw.items():
        d = decl.get(name)
        if d is None:
            known = sorted(decl)
            listing = f"; it takes {', '.join(known)}" if known else "; it takes none"
            raise ParamError(name, f"unknown parameter {name!r}{_suggest(name, known)}{listing}")
        try:
            values[name] = d.convert(value)
        except TypeError:
            raise ParamError(name, f"parameter {name!r} must be a {d.kind}, not {value!r}") from None
        if d.regex:
            patterns = [values[name]] if isinstance(values[name], str) else (
                [p for _, ps in values[name] for p in ps] if d.kind.startswith("table") else values[name])
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ParamError(name, f"parameter {name!r}: bad regular expression {pattern!r}: {exc}") from None
    return cls(**values)


def references(params: Any) -> list[tuple[str, str]]:
    """``(parameter, rule id)`` for every other rule the parameters name."""
    out = []
    for d in declared(type(params)):
        if d.refs:
            value = getattr(params, d.name)
            out.extend((d.name, v) for v in ((value,) if isinstance(value, str) else value or ()))
    return out


@lru_cache(maxsize=64)
def taken_back(params: Any) -> frozenset[str]:
    """Ids of the rules whose removals a rule with these parameters may take back or reassign
    (``Page.restore``/``Page.reassign`` check it)."""
    out: set[str] = set()
    for d in declared(type(params)) if params is not None else ():
        if d.takes_back:
            value = getattr(params, d.name)
            out.update((value,) if isinstance(value, str) else value)
    return frozenset(out)


def describe_default(value: Any) -> str:
    """A default as TOML would write it (for SCHEMA.md)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else "(a pattern, see the code)"
    if isinstance(value, tuple):
        if value and isinstance(value[0], tuple):
            return "{" + ", ".join(k for k, _ in value) + "}"
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return repr(value)


__all__ = ["KINDS", "NoParams", "ParamError", "Strings", "Table", "declared", "param", "parse", "references", "taken_back"]
