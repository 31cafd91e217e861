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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cleaner.decide.params import ParamError, parse, references
from cleaner.decide.rule_regex import RulePattern
from cleaner.decide.selectors import FIELDS, SelectorSyntaxError, to_xpath
from cleaner.resources import builtin_rules_dir

# What a rule may do to the blocks it matches; detectors are named by ``detector``.
PATTERN_ACTIONS = frozenset({"drop", "strip", "section"})
SECTION_EXTENTS = frozenset({"to-end", "paragraph", "post"})
GENERIC_ID = "generic"


__all__ = ["Rule", "RuleBook", "RuleError", "RuleSet", "builtin_rules_dir", "load_rulebook", "load_ruleset",
           "load_rulesets", "rule_files"]


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. Exactly one of ``pattern`` or ``detector`` says what it matches."""

    ruleset: str
    id: str
    reason: str
    action: str
    pattern: RulePattern | None = None  # compiled when first used (cleaner.decide.rule_regex)
    detector: str | None = None
    # The detector's declared parameters (a frozen dataclass, ``cleaner.decide.params``); None
    # for a pattern rule.
    params: Any = None
    max_words: int | None = None
    min_words: int | None = None
    bullet: bool | None = None
    after_prose: bool = False
    spares: tuple[str, ...] = ()  # readers whose lines the rule leaves (cleaner.decide.spares)
    extent: str = "to-end"
    until: RulePattern | None = None
    drops: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    applies_to: str = "both"  # "text", "html" or "both": the captures the rule runs on
    line: int = field(default=0, compare=False)  # where the rule's id stands in its file

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
    # Generic rules (``generic/<id>``) that do not run on this site's captures.
    disable: tuple[str, ...] = ()
    disable_where: str = field(default="", compare=False)  # file:line of ``disable``, for errors
    # HTML: CSS selector of the article container, and its XPath (``cleaner.decide.selectors``).
    container: str = ""
    container_xpath: str = field(default="", compare=False)
    # HTML: ``(field, css, xpath)`` per field selector (``selectors.FIELDS``), in file order.
    fields: tuple[tuple[str, str, str], ...] = ()

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


# Where a value stands, for an error message: a callable, so that a file without errors does not
# pay for finding the line of every key of every rule (a tenth of loading the built-in rules).
Where = Callable[[], str]


def _compile(pattern: Any, where: Where) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise RuleError(f"{where()}: pattern must be a string")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"{where()}: bad regular expression {pattern!r}: {exc}") from None


def _rule_regex(pattern: Any, where: Where) -> RulePattern:
    """A rule's ``pattern`` or ``until``: checked now, compiled when a block first needs it."""
    if not isinstance(pattern, str):
        raise RuleError(f"{where()}: pattern must be a string")
    try:
        return RulePattern(pattern)
    except re.error as exc:
        raise RuleError(f"{where()}: bad regular expression {pattern!r}: {exc}") from None


def _strings(value: Any, where: Where) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where()}: must be a list of strings")
    return tuple(value)


class _Source:
    """Line numbers for a rule file's errors: tomllib gives none, so they are found in the text.

    A rule is the span from its ``[[rules]]`` header to the next one; a key is the first line in
    that span that assigns it (``key =`` at a line's start or inside an inline table).
    """

    _RULE_HEADER = re.compile(r"^\s*\[\[\s*rules\s*\]\]")
    _TABLE_HEADER = re.compile(r"^\s*\[\s*([\w.\x22-]+)\s*\]\s*(?:#.*)?$")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.rules = [n for n, line in enumerate(self.lines) if self._RULE_HEADER.match(line)]

    def span(self, index: int | None) -> tuple[int, int]:
        """Line indexes (0-based, end exclusive) of rule ``index``, or of the ``[ruleset]`` table."""
        if index is None:
            start = next((n for n, line in enumerate(self.lines) if re.match(r"^\s*\[\s*ruleset\s*\]", line)), 0)
            return start, self.rules[0] if self.rules and self.rules[0] > start else len(self.lines)
        if index < len(self.rules):
            start = self.rules[index]
            return start, self.rules[index + 1] if index + 1 < len(self.rules) else len(self.lines)
        return 0, len(self.lines)

    def where(self, index: int | None = None, key: str | None = None) -> str:
        """``file:line`` of ``key`` in rule ``index`` (or of the rule itself, or of the file)."""
        start, end = self.span(index)
        line = start
        if key is not None:
            found = re.compile(rf"(?:^|[{{,]|\s)[\x22\x27]?{re.escape(key)}[\x22\x27]?\s*=")
            sub = re.compile(rf"^\s*\[\s*rules(?:\.params)?\.{re.escape(key)}\s*\]")
            line = next((n for n in range(start, end) if sub.match(self.lines[n]) or found.search(self.lines[n])),
                        start)
        elif index is not None:
            line = next((n for n in range(start, end) if re.match(r"^\s*id\s*=", self.lines[n])), start)
        return f"{self.path}:{line + 1}"


_RULE_KEYS = frozenset(
    {"id", "reason", "action", "pattern", "detector", "params", "max_words", "min_words", "bullet",
     "after_prose", "spares", "extent", "until", "drops", "keeps", "applies_to"}
)
APPLIES_TO = ("both", "text", "html")
_RULESET_KEYS = frozenset({"id", "reason", "domains", "fingerprints", "disable", "container", "fields"})
_FILE_KEYS = frozenset({"ruleset", "rules"})
# Keys of a pattern rule that a detector rule cannot use: the detector sees the whole page.
_PATTERN_ONLY = ("action", "max_words", "min_words", "bullet", "after_prose", "spares", "extent", "until")
# The type of each guard a pattern rule may carry (bool is not an int here).
_GUARD_TYPES: dict[str, tuple[type, str]] = {
    "max_words": (int, "an integer"), "min_words": (int, "an integer"), "bullet": (bool, "true or false"),
    "after_prose": (bool, "true or false"), "reason": (str, "a string"), "action": (str, "a string"),
    "detector": (str, "a string"), "extent": (str, "a string"), "applies_to": (str, "a string"),
}


def _suggest(name: str, known: Any) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _parse_rule(raw: Any, ruleset: str, src: _Source, index: int) -> Rule:
    at = src.where(index)
    if not isinstance(raw, dict):
        raise RuleError(f"{at}: each [[rules]] entry must be a table")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rule_id):
        raise RuleError(f"{at}: every rule needs an id of lower-case letters, digits and '-'")

    def fail(message: str, key: str | None = None) -> RuleError:
        return RuleError(f"{src.where(index, key)}: rule {rule_id!r}: {message}")

    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}{_suggest(unknown[0], _RULE_KEYS)}", unknown[0])
    for key, (kind, name) in _GUARD_TYPES.items():
        value = raw.get(key)
        if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            raise fail(f"{key!r} must be {name}, not {value!r}", key)
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise fail("needs a 'reason'")
    detector = raw.get("detector")
    pattern = raw.get("pattern")
    if (detector is None) == (pattern is None):
        raise fail("give exactly one of 'pattern' or 'detector'")
    params: Any = None
    applies_to = raw.get("applies_to", "both")
    if applies_to not in APPLIES_TO:
        raise fail(f"applies_to must be one of {', '.join(repr(a) for a in APPLIES_TO)}, not {applies_to!r}",
                   "applies_to")
    if detector is not None:
        from cleaner.decide.detectors import DETECTORS  # the detectors import this module

        if detector not in DETECTORS:
            raise fail(f"unknown detector {detector!r}{_suggest(detector, DETECTORS)}", "detector")
        for key in _PATTERN_ONLY:
            if key in raw:
                raise fail(f"{key!r} does not apply to a detector rule (it applies to pattern rules)", key)
        try:
            params = parse(DETECTORS[detector].params, raw.get("params", {}))
        except ParamError as exc:
            raise fail(f"detector {detector!r}: {exc}", exc.key) from None
        action = detector
        inputs = DETECTORS[detector].inputs
        if inputs != "both":
            if "applies_to" in raw and applies_to != inputs:
                raise fail(f"detector {detector!r} reads the {inputs.upper()} structure: "
                           f"applies_to must be {inputs!r}", "applies_to")
            applies_to = inputs
    else:
        if "params" in raw:
            raise fail("'params' applies to detector rules only", "params")
        action = raw.get("action", "drop")
        if action not in PATTERN_ACTIONS:
            raise fail(f"action must be one of {sorted(PATTERN_ACTIONS)}, not {action!r}", "action")
        for key in ("extent", "until"):
            if key in raw and action != "section":
                raise fail(f"{key!r} applies to action = \"section\" only", key)
        if "spares" in raw and action != "drop":
            raise fail("'spares' applies to action = \"drop\" only", "spares")
    spares = _spares(raw.get("spares"), fail)
    extent = raw.get("extent", "to-end")
    if extent not in SECTION_EXTENTS:
        raise fail(f"extent must be one of {sorted(SECTION_EXTENTS)}", "extent")
    drops = _strings(raw.get("drops"), lambda: f"{src.where(index, 'drops')}: rule {rule_id!r} drops")
    keeps = _strings(raw.get("keeps"), lambda: f"{src.where(index, 'keeps')}: rule {rule_id!r} keeps")
    if not drops:
        raise fail("needs at least one example in 'drops'")
    return Rule(
        ruleset=ruleset,
        id=rule_id,
        reason=reason.strip(),
        action=action,
        pattern=(_rule_regex(pattern, lambda: f"{src.where(index, 'pattern')}: rule {rule_id!r}")
                 if pattern is not None else None),
        detector=detector,
        params=params,
        max_words=raw.get("max_words"),
        min_words=raw.get("min_words"),
        bullet=raw.get("bullet"),
        after_prose=bool(raw.get("after_prose", False)),
        spares=spares,
        extent=extent,
        until=_rule_regex(raw["until"], lambda: f"{src.where(index, 'until')}: rule {rule_id!r}") if "until" in raw else None,
        drops=drops,
        keeps=keeps,
        applies_to=applies_to,
        line=int(at.rsplit(":", 1)[1]),
    )


def _spares(value: Any, fail: Callable[[str, str | None], RuleError]) -> tuple[str, ...]:
    """The ``spares`` list: names of readers in ``cleaner.decide.spares.READERS``."""
    from cleaner.decide.spares import READERS  # reads the normalizers' tables

    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"'spares' must be a list of strings, not {value!r}", "spares")
    for name in value:
        if name not in READERS:
            raise fail(f"'spares' names unknown reader {name!r}{_suggest(name, READERS)}; "
                       f"known: {', '.join(READERS)}", "spares")
    return tuple(value)


def _check_references(rules: tuple[Rule, ...], src: _Source, earlier: tuple[str, ...]) -> None:
    """Every rule a detector's parameters name must be an earlier rule of the same set: a
    detector reads decisions already made, so a later or missing rule is a mistake."""
    before = list(earlier)
    for index, rule in enumerate(rules):
        if rule.params is not None:
            for key, name in references(rule.params):
                if name not in before:
                    what = "a later rule" if any(r.id == name for r in rules) else "no rule"
                    hint = _suggest(name, before)
                    raise RuleError(f"{src.where(index, key)}: rule {rule.id!r}: params.{key} names {name!r}, "
                                    f"which is {what} of set {rule.ruleset!r} (it must name an earlier rule){hint}")
        before.append(rule.id)


def load_ruleset(path: Path, earlier: tuple[str, ...] = ()) -> RuleSet:
    """Parse one rule file; raise ``RuleError`` (``file:line: what is wrong``) for anything
    malformed. ``earlier``: ids of the rules that run before this file's in the same set (the
    built-in generic rules, for a user's ``generic`` file), which its references may name."""
    return parse_ruleset(_read(path), str(path), earlier)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None


def parse_ruleset(text: str, where: str, earlier: tuple[str, ...] = ()) -> RuleSet:
    """Parse one rule file's text; ``where`` names it in errors and becomes the set's ``path``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{where}: not valid TOML: {exc}") from None
    src = _Source(where, text)
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise RuleError(f"{src.where(None, unknown[0])}: unknown top-level key {unknown[0]!r}"
                        f"{_suggest(unknown[0], _FILE_KEYS)}")
    head = data.get("ruleset")
    if not isinstance(head, dict) or not isinstance(head.get("id"), str):
        raise RuleError(f"{where}:1: needs a [ruleset] table with an 'id'")
    unknown = sorted(set(head) - _RULESET_KEYS)
    if unknown:
        raise RuleError(f"{src.where(None, unknown[0])}: unknown [ruleset] key {unknown[0]!r}"
                        f"{_suggest(unknown[0], _RULESET_KEYS)}; it takes {', '.join(sorted(_RULESET_KEYS))}")
    set_id = head["id"]
    rules_raw = data.get("rules", [])
    if not isinstance(rules_raw, list):
        raise RuleError(f"{src.where(None, 'rules')}: 'rules' must be an array of tables ([[rules]])")
    rules = tuple(_parse_rule(raw, set_id, src, n) for n, raw in enumerate(rules_raw))
    seen: set[str] = set(earlier)
    for index, rule in enumerate(rules):
        if rule.id in seen:
            raise RuleError(f"{src.where(index)}: rule id {rule.id!r} appears twice in set {set_id!r}")
        seen.add(rule.id)
    _check_references(rules, src, earlier)
    domains = _strings(head.get("domains"), lambda: f"{src.where(None, 'domains')}: domains")
    fingerprints = tuple(_compile(p, lambda: f"{src.where(None, 'fingerprints')}: fingerprint")
                         for p in _strings(head.get("fingerprints"), lambda: f"{src.where(None, 'fingerprints')}: fingerprints"))
    if set_id != GENERIC_ID and not (domains or fingerprints):
        raise RuleError(f"{src.where(None)}: a site rule set needs 'domains' or 'fingerprints' to be recognised")
    disable = _strings(head.get("disable"), lambda: f"{src.where(None, 'disable')}: disable")
    if disable and set_id == GENERIC_ID:
        raise RuleError(f"{src.where(None, 'disable')}: 'disable' is for site sets (it switches generic rules off)")
    container, container_xpath, fields = _selectors(head, set_id, src)
    return RuleSet(
        id=set_id,
        reason=str(head.get("reason", "")).strip(),
        path=where,
        rules=rules,
        domains=tuple(d.lower().removeprefix("www.") for d in domains),
        fingerprints=fingerprints,
        disable=disable,
        disable_where=src.where(None, "disable"),
        container=container,
        container_xpath=container_xpath,
        fields=fields,
    )


def _selectors(head: dict[str, Any], set_id: str, src: _Source) -> tuple[str, str, tuple[tuple[str, str, str], ...]]:
    """A site set's ``container`` and ``fields`` selectors, checked and translated to XPath."""
    if set_id == GENERIC_ID and ("container" in head or "fields" in head):
        key = "container" if "container" in head else "fields"
        raise RuleError(f"{src.where(None, key)}: {key!r} is for site sets (it names where a site's article sits)")
    container, container_xpath = head.get("container", ""), ""
    if "container" in head:
        if not isinstance(container, str):
            raise RuleError(f"{src.where(None, 'container')}: container must be a string (a CSS selector)")
        container_xpath = _xpath(container, f"{src.where(None, 'container')}: container")
    raw = head.get("fields", {})
    if not isinstance(raw, dict):
        raise RuleError(f"{src.where(None, 'fields')}: fields must be a table of CSS selectors "
                        f"(fields = {{ title = \"h1\" }})")
    fields = []
    for name, css in raw.items():
        where = src.where(None, name)
        if name not in FIELDS:
            raise RuleError(f"{where}: unknown field {name!r}{_suggest(name, FIELDS)}; fields takes "
                            f"{', '.join(FIELDS)}")
        if not isinstance(css, str):
            raise RuleError(f"{where}: field {name!r} must be a string (a CSS selector)")
        fields.append((name, css, _xpath(css, f"{where}: field {name!r}")))
    return container, container_xpath, tuple(fields)


def _xpath(css: str, what: str) -> str:
    try:
        return to_xpath(css)
    except SelectorSyntaxError as exc:
        raise RuleError(f"{what}: {css!r}: {exc}") from None


def _check_disable(sets: list[RuleSet], generic_ids: set[str]) -> None:
    """A site set may switch off generic rules only by ids that exist (``generic/<id>``)."""
    for ruleset in sets:
        for name in ruleset.disable:
            if not name.startswith(f"{GENERIC_ID}/") or name.removeprefix(f"{GENERIC_ID}/") not in generic_ids:
                raise RuleError(f"{ruleset.disable_where}: disable names {name!r}, which is no generic rule"
                                f"{_suggest(name, {f'{GENERIC_ID}/{i}' for i in generic_ids})}")


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


def load_rulesets(directory: Path) -> list[RuleSet]:
    """Every rule set of one folder, checked as ``load_rulebook`` checks it: a ``generic`` file
    outside the built-in folder adds to the built-in generic set, so it may name its rules."""
    if not directory.is_dir():
        raise RuleError(f"{directory}: rules folder not found")
    builtin = builtin_rules_dir()
    earlier: tuple[str, ...] = ()
    if directory.resolve() != builtin.resolve():
        earlier = tuple(r.id for r in load_ruleset(builtin / "generic.toml").rules)
    sets = [load_ruleset(path, earlier if _is_generic(path) else ()) for path in rule_files(directory)]
    generic_ids = set(earlier) | {r.id for s in sets if s.is_generic for r in s.rules}
    _check_disable(sets, generic_ids)
    return sets


def _is_generic(path: Path) -> bool:
    """True when the file declares the generic set (whatever its name): cheap, before parsing."""
    try:
        return _declares_generic(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False  # load_ruleset reports it


def _declares_generic(text: str) -> bool:
    try:
        head = tomllib.loads(text).get("ruleset", {})
    except tomllib.TOMLDecodeError:
        return False  # parse_ruleset reports it
    return isinstance(head, dict) and head.get("id") == GENERIC_ID


@lru_cache(maxsize=8)
def _load_rulebook(extra_dirs: tuple[Path, ...], stamp: tuple[tuple[str, int, int], ...]) -> RuleBook:
    del stamp  # part of the cache key only
    return _with_builtin(tuple(read_rule_texts(extra_dirs).items()))


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
            texts[str(path)] = _read(path)
    return texts


def load_rulebook_from_texts(texts: Mapping[str, str]) -> RuleBook:
    """The built-in rules plus rule sets given as text: ``{"generic.toml": "...", "sites/x.toml": "..."}``.

    The same book ``load_rulebook`` builds from folders holding those files, with the sets taken
    in the mapping's order (``read_rule_texts`` keeps the folders' order). Keys only name the
    files in error messages. Built for the same texts once per process.
    """
    return _with_builtin(tuple(texts.items()))


@lru_cache(maxsize=8)
def _with_builtin(user_texts: tuple[tuple[str, str], ...]) -> RuleBook:
    """The built-in sets combined with a user's (path or name, text): see ``load_rulebook`` for
    the precedence. A user's generic file may name the rules that run before its own."""
    generic: RuleSet | None = None
    builtin_sites: list[RuleSet] = []
    for path in rule_files(builtin_rules_dir()):
        ruleset = load_ruleset(path)
        if ruleset.is_generic:
            generic = ruleset
        else:
            builtin_sites.append(ruleset)
    if generic is None:
        raise RuleError("built-in rules have no generic.toml")
    user_generic: list[Rule] = []
    sites: list[RuleSet] = []
    for where, text in user_texts:
        earlier = tuple(r.id for r in (*generic.rules, *user_generic)) if _declares_generic(text) else ()
        ruleset = parse_ruleset(text, where, earlier)
        if ruleset.is_generic:
            user_generic.extend(ruleset.rules)
        else:
            sites.append(ruleset)
    sites.extend(builtin_sites)
    if user_generic:
        generic = RuleSet(generic.id, generic.reason, generic.path, generic.rules + tuple(user_generic))
    _check_disable(sites, {r.id for r in generic.rules})
    ids = [s.id for s in sites]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        # A user's set with a built-in id replaces the built-in one (it was loaded first).
        seen: set[str] = set()
        sites = [s for s in sites if not (s.id in seen or seen.add(s.id))]
    return RuleBook(generic=generic, sites=tuple(sites))
