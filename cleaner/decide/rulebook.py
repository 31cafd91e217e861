"""Rule sets as data: load the TOML files under ``rules/`` into immutable ``RuleSet`` values.

A rule file is the unit a reviewer reads and trusts on its own (the fivefilters model): it
says which site it is for, what each rule removes and why, and carries its own examples of
lines that must go and lines that must stay. This module only parses and validates; applying
rules is ``cleaner.decide.engine``'s job.

File format (one set per file)::

    [ruleset]
    id = "example.com"               # "generic" for the set applied to every capture
    reason = "..."
    domains = ["example.com"]        # recognise by URL host (site sets)
    fingerprints = ['(?m)^© \\d{4} Example Media']   # ...or by text only the site carries

    [[rules]]
    id = "skip-link"
    reason = "why this is never article text"
    action = "drop"                  # drop | strip | section | <detector actions>
    pattern = '(?i)^skip to (?:main )?content$'    # searched in each block's text
    max_words = 12                   # optional guards
    drops = ["Skip to main content"] # examples the rule must remove something from
    keeps = ["We skip to the point."]# examples the rule must leave whole
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

# What a rule may do to the blocks it matches; detectors are named by ``detector``.
PATTERN_ACTIONS = frozenset({"drop", "strip", "section"})
SECTION_EXTENTS = frozenset({"to-end", "paragraph"})
GENERIC_ID = "generic"


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. Exactly one of ``pattern`` or ``detector`` says what it matches."""

    ruleset: str
    id: str
    reason: str
    action: str
    pattern: re.Pattern[str] | None = None
    detector: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    max_words: int | None = None
    min_words: int | None = None
    bullet: bool | None = None
    after_prose: bool = False
    extent: str = "to-end"
    until: re.Pattern[str] | None = None
    drops: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()

    @property
    def qualified_id(self) -> str:
        """The id recorded in ``removed``: ``<rule-set>/<rule-id>``."""
        return f"{self.ruleset}/{self.id}"


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A file's rules plus how to recognise the site they are for."""

    id: str
    reason: str
    path: str
    rules: tuple[Rule, ...]
    domains: tuple[str, ...] = ()
    fingerprints: tuple[re.Pattern[str], ...] = ()

    @property
    def is_generic(self) -> bool:
        return self.id == GENERIC_ID

    def recognises(self, text: str, host: str | None = None) -> bool:
        """True when the capture comes from this set's site (by host, else by fingerprint)."""
        if host:
            host = host.lower().removeprefix("www.")
            if any(host == d or host.endswith("." + d) for d in self.domains):
                return True
        return any(fp.search(text) for fp in self.fingerprints)


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every rule set in force: the generic set plus the per-site sets, in load order."""

    generic: RuleSet
    sites: tuple[RuleSet, ...] = ()

    def site_for(self, text: str, host: str | None = None) -> RuleSet | None:
        """The first site set that recognises the capture, or None."""
        for ruleset in self.sites:
            if ruleset.recognises(text, host):
                return ruleset
        return None

    def all_sets(self) -> tuple[RuleSet, ...]:
        return (self.generic, *self.sites)


def _compile(pattern: Any, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise RuleError(f"{where}: pattern must be a string")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: must be a list of strings")
    return tuple(value)


_RULE_KEYS = frozenset(
    {"id", "reason", "action", "pattern", "detector", "params", "max_words", "min_words", "bullet",
     "after_prose", "extent", "until", "drops", "keeps"}
)


def _parse_rule(raw: dict[str, Any], ruleset: str, where: str) -> Rule:
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rule_id):
        raise RuleError(f"{where}: every rule needs an id of lower-case letters, digits and '-'")
    where = f"{where} rule {rule_id!r}"
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise RuleError(f"{where}: needs a 'reason'")
    detector = raw.get("detector")
    pattern = raw.get("pattern")
    if (detector is None) == (pattern is None):
        raise RuleError(f"{where}: give exactly one of 'pattern' or 'detector'")
    action = raw.get("action", "drop" if pattern is not None else detector)
    if pattern is not None and action not in PATTERN_ACTIONS:
        raise RuleError(f"{where}: action must be one of {sorted(PATTERN_ACTIONS)}")
    extent = raw.get("extent", "to-end")
    if extent not in SECTION_EXTENTS:
        raise RuleError(f"{where}: extent must be one of {sorted(SECTION_EXTENTS)}")
    drops = _strings(raw.get("drops"), f"{where} drops")
    keeps = _strings(raw.get("keeps"), f"{where} keeps")
    if not drops:
        raise RuleError(f"{where}: needs at least one example in 'drops'")
    return Rule(
        ruleset=ruleset,
        id=rule_id,
        reason=reason.strip(),
        action=action,
        pattern=_compile(pattern, where) if pattern is not None else None,
        detector=detector,
        params=dict(raw.get("params", {})),
        max_words=raw.get("max_words"),
        min_words=raw.get("min_words"),
        bullet=raw.get("bullet"),
        after_prose=bool(raw.get("after_prose", False)),
        extent=extent,
        until=_compile(raw["until"], where) if "until" in raw else None,
        drops=drops,
        keeps=keeps,
    )


def load_ruleset(path: Path) -> RuleSet:
    """Parse one rule file; raise ``RuleError`` naming the file for anything malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    return parse_ruleset(text, str(path))


def parse_ruleset(text: str, where: str) -> RuleSet:
    """Parse one rule file's text; ``where`` names it in errors and becomes the set's ``path``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{where}: not valid TOML: {exc}") from None
    head = data.get("ruleset")
    if not isinstance(head, dict) or not isinstance(head.get("id"), str):
        raise RuleError(f"{where}: needs a [ruleset] table with an 'id'")
    set_id = head["id"]
    rules_raw = data.get("rules", [])
    if not isinstance(rules_raw, list):
        raise RuleError(f"{where}: 'rules' must be an array of tables ([[rules]])")
    rules = tuple(_parse_rule(raw, set_id, where) for raw in rules_raw)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"{where}: rule id {rule.id!r} appears twice")
        seen.add(rule.id)
    domains = _strings(head.get("domains"), f"{where} domains")
    fingerprints = tuple(_compile(p, f"{where} fingerprint") for p in _strings(head.get("fingerprints"), where))
    if set_id != GENERIC_ID and not (domains or fingerprints):
        raise RuleError(f"{where}: a site rule set needs 'domains' or 'fingerprints' to be recognised")
    return RuleSet(
        id=set_id,
        reason=str(head.get("reason", "")).strip(),
        path=where,
        rules=rules,
        domains=tuple(d.lower().removeprefix("www.") for d in domains),
        fingerprints=fingerprints,
    )


def builtin_rules_dir() -> Path:
    """Where the shipped rules are: inside the installed wheel, or beside a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the cleaner package
    for candidate in (here / "_rules", here.parent / "rules"):
        if (candidate / "generic.toml").is_file():
            return candidate
    raise RuleError(f"built-in rules not found next to {here}")


def rule_files(directory: Path) -> list[Path]:
    """Rule files of a folder: ``generic.toml`` (if any) and everything under ``sites/``,
    plus any other ``*.toml`` directly in the folder except the normalizer ``tables/``."""
    files = sorted(p for p in directory.glob("*.toml"))
    files += sorted((directory / "sites").glob("*.toml")) if (directory / "sites").is_dir() else []
    return files


def load_rulebook(extra_dirs: tuple[Path, ...] = ()) -> RuleBook:
    """The built-in rules plus the rule sets found in ``extra_dirs`` (``--rules DIR``).

    A user's site set is tried before the built-in ones, so it can take over a site; a user's
    ``generic`` set adds its rules after the built-in generic rules.
    """
    dirs = tuple(Path(d).resolve() for d in extra_dirs)
    return _load_rulebook(dirs, _stamp((*dirs, builtin_rules_dir())))


def _stamp(dirs: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the rule files: an edited file is re-read."""
    stamp = []
    for directory in dirs:
        if directory.is_dir():
            for path in rule_files(directory):
                info = path.stat()
                stamp.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(stamp)


@lru_cache(maxsize=8)
def _load_rulebook(extra_dirs: tuple[Path, ...], stamp: tuple[tuple[str, int, int], ...]) -> RuleBook:
    del stamp  # part of the cache key only
    user_sets: list[RuleSet] = []
    for directory in extra_dirs:
        if not directory.is_dir():
            raise RuleError(f"{directory}: rules folder not found")
        user_sets.extend(load_ruleset(path) for path in rule_files(directory))
    return _with_builtin(user_sets)


def read_rule_texts(extra_dirs: tuple[Path, ...] = ()) -> dict[str, str]:
    """The text of every rule file in ``extra_dirs``, keyed by path, in the order they load.

    What a job ships to machines where the folders may not exist (a cluster's workers); the
    mapping goes back into a rule book with ``load_rulebook_from_texts``.
    """
    texts: dict[str, str] = {}
    for directory in (Path(d).resolve() for d in extra_dirs):
        if not directory.is_dir():
            raise RuleError(f"{directory}: rules folder not found")
        for path in rule_files(directory):
            try:
                texts[str(path)] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleError(f"{path}: cannot read: {exc}") from None
    return texts


def load_rulebook_from_texts(texts: Mapping[str, str]) -> RuleBook:
    """The built-in rules plus rule sets given as text: ``{"generic.toml": "...", "sites/x.toml": "..."}``.

    The same book ``load_rulebook`` builds from folders holding those files, with the sets taken
    in the mapping's order (``read_rule_texts`` keeps the folders' order). Keys only name the
    files in error messages. Built for the same texts once per process.
    """
    return _load_rulebook_from_texts(tuple(texts.items()))


@lru_cache(maxsize=8)
def _load_rulebook_from_texts(items: tuple[tuple[str, str], ...]) -> RuleBook:
    return _with_builtin([parse_ruleset(text, where) for where, text in items])


def _with_builtin(user_sets: list[RuleSet]) -> RuleBook:
    """The built-in sets combined with a user's: see ``load_rulebook`` for the precedence."""
    generic: RuleSet | None = None
    user_generic: list[Rule] = []
    sites: list[RuleSet] = []
    for ruleset in user_sets:
        if ruleset.is_generic:
            user_generic.extend(ruleset.rules)
        else:
            sites.append(ruleset)
    for path in rule_files(builtin_rules_dir()):
        ruleset = load_ruleset(path)
        if ruleset.is_generic:
            generic = ruleset
        else:
            sites.append(ruleset)
    if generic is None:
        raise RuleError("built-in rules have no generic.toml")
    if user_generic:
        generic = RuleSet(generic.id, generic.reason, generic.path, generic.rules + tuple(user_generic))
    ids = [s.id for s in sites]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        # A user's set with a built-in id replaces the built-in one (it was loaded first).
        seen: set[str] = set()
        sites = [s for s in sites if not (s.id in seen or seen.add(s.id))]
    return RuleBook(generic=generic, sites=tuple(sites))
