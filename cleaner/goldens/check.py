"""Keep a folder of captures and its folder of golden records honest (``clean-corpus check``).

Layout: every capture ``<captures>/<dir>/<id>.<ext>`` has one reviewed golden record
``<golden>/<dir>/<id>.json`` (flat folders are the usual case: ``seeds/<id>.txt`` and
``golden/<id>.json``). The golden is exactly what ``clean-corpus run`` writes for the capture
over the captures folder, pretty-printed (``golden_json``), ``source`` relative to that folder;
``near_duplicate_of`` is worked out over the folder in source order, as ``run`` does. ``check``
cleans the captures it is asked about, compares the bytes with their goldens, and explains every
difference field by field.

A name is valid when the id (file name without extension) and every folder between the captures
folder and the file match ``ID_PATTERN``: an ASCII letter or digit, then letters, digits, ``.``,
``_`` or ``-``. That keeps golden names portable (no spaces, no leading dot or dash, nothing a
shell or another file system reads differently).

The functions here print nothing; ``cleaner.cli.check`` renders a ``Report``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.corpus.dedup import DEFAULT_THRESHOLD, NearDuplicateIndex
from cleaner.corpus.workers import default_jobs
from cleaner.decide.rulebook import RuleBook, builtin_rules_dir, load_rulebook
from cleaner.pipeline import clean_file
from cleaner.read.capture import CAPTURE_SUFFIXES, CaptureError, capture_id, decode
from cleaner.record import FIELDS, Record
from cleaner.write.jsonl import atomic_writer, golden_json

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
GOLDEN_SUFFIX = ".json"
UTF8_BOM = b"\xef\xbb\xbf"

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

# Below this many captures to clean, a process pool costs more than it saves.
PARALLEL_MIN = 32
_HASH_CHUNK = 1 << 20


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


@dataclass(frozen=True, slots=True)
class Capture:
    path: Path
    source: str  # relative to the captures folder, '/'-separated: the record's ``source``
    key: str  # the golden's path relative to the golden folder, without ``.json``


@dataclass(slots=True)
class Inventory:
    """Everything in the two folders, by name only (nothing read yet)."""

    captures: list[Capture] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # sources of non-capture files
    goldens: dict[str, Path] = field(default_factory=dict)  # key -> golden path
    strays: list[str] = field(default_factory=list)  # golden-folder files that are not .json


# --- names ------------------------------------------------------------------------------------


def valid_name(source: str) -> bool:
    """True when the id and every folder of ``source`` (relative, '/'-separated) match ``ID_PATTERN``."""
    parts = source.split("/")
    *folders, name = parts
    return all(ID_PATTERN.fullmatch(p) for p in folders) and bool(ID_PATTERN.fullmatch(capture_id(Path(name))))


def golden_key(source: str) -> str:
    """``sub/page.txt`` -> ``sub/page``: where the capture's golden lives, minus ``.json``."""
    folder, _, name = source.rpartition("/")
    stem = capture_id(Path(name))
    return f"{folder}/{stem}" if folder else stem


def _walk(root: Path, skip: Path | None = None) -> Iterable[tuple[Path, str]]:
    """Files under ``root`` (hidden ones and hidden folders skipped; ``skip`` too) as
    ``(path, relative posix)``."""
    if not root.is_dir():
        return
    skip_real = _real(skip) if skip is not None else None
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and (skip_real is None or _real(Path(dirpath) / d) != skip_real)
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                full = Path(dirpath) / name
                yield full, full.relative_to(root).as_posix()


def scan(captures_dir: Path, golden_dir: Path) -> Inventory:
    """List both folders. Capture discovery follows ``clean-corpus run`` (same suffixes, same
    ``source``), so a golden says exactly what ``run`` writes for that capture."""
    inv = Inventory()
    for path, rel in _walk(captures_dir, skip=golden_dir):  # the goldens may live inside it
        if path.suffix.lower() in CAPTURE_SUFFIXES:
            inv.captures.append(Capture(path, rel, golden_key(rel)))
        else:
            inv.others.append(rel)
    inv.captures.sort(key=lambda c: c.source)
    for path, rel in _walk(golden_dir):
        if rel.endswith(GOLDEN_SUFFIX):
            inv.goldens[rel[: -len(GOLDEN_SUFFIX)]] = path
        else:
            inv.strays.append(rel)
    return inv


# --- which files PATHS mean --------------------------------------------------------------------


@dataclass(slots=True)
class Selection:
    everything: bool = False
    sources: set[str] = field(default_factory=set)  # captures named (existing or deleted)
    keys: set[str] = field(default_factory=set)  # goldens named (existing or deleted)
    others: set[str] = field(default_factory=set)  # non-capture files named in the captures folder
    strays: set[str] = field(default_factory=set)  # non-.json files named in the golden folder
    folders: set[str] = field(default_factory=set)  # sub-folders named: every capture/golden under them
    ignored: list[str] = field(default_factory=list)

    def wants(self, cap: Capture) -> bool:
        return (cap.source in self.sources or cap.key in self.keys
                or any(cap.key.startswith(folder) for folder in self.folders))


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> str | None:
    """``path`` relative to ``folder`` ('/'-separated) when it is inside it, else None."""
    try:
        rel = path.relative_to(folder)
    except ValueError:
        return None
    return rel.as_posix() if rel.parts else None


def trigger_dirs(rule_dirs: Sequence[Path] = ()) -> list[Path]:
    """Folders whose change can change any golden: the built-in rules, each ``--rules DIR`` and
    the cleaning code itself (relevant in a checkout of this project)."""
    dirs = [Path(d) for d in rule_dirs]
    try:
        dirs.append(builtin_rules_dir())
    except Exception:  # noqa: BLE001 - a broken install is reported when the rules load
        pass
    dirs.append(Path(__file__).resolve().parent.parent)  # the cleaner package
    return dirs


def select(
    paths: Sequence[Path], captures_dir: Path, golden_dir: Path, triggers: Sequence[Path] = ()
) -> Selection:
    """Sort the paths pre-commit passes: captures, goldens, rule files (-> check everything),
    and anything else (ignored)."""
    sel = Selection()
    caps, golds = _real(captures_dir), _real(golden_dir)
    trig = [_real(t) for t in triggers]
    for given in paths:
        real = _real(given)
        in_golden = _inside(real, golds)
        if any(real == t or _inside(real, t) for t in trig) or real in (caps, golds):
            sel.everything = True
        elif real.is_dir() and ((rel := _inside(real, caps)) is not None or (rel := in_golden) is not None):
            sel.folders.add(rel + "/")  # a human naming a sub-folder: everything under it
        elif (rel := _inside(real, caps)) is not None and (in_golden is None or _inside(caps, golds) is not None):
            if rel.rsplit("/", 1)[-1].startswith("."):
                sel.ignored.append(str(given))
            elif Path(rel).suffix.lower() in CAPTURE_SUFFIXES:
                sel.sources.add(rel)
                sel.keys.add(golden_key(rel))
            else:
                sel.others.add(rel)
        elif (rel := in_golden) is not None:
            if rel.endswith(GOLDEN_SUFFIX):
                sel.keys.add(rel[: -len(GOLDEN_SUFFIX)])
            elif not rel.rsplit("/", 1)[-1].startswith("."):
                sel.strays.add(rel)
        else:
            sel.ignored.append(str(given))
    return sel


# --- reading and comparing one capture (runs in worker processes) -------------------------------


def capture_problem(data: bytes, shown: str) -> tuple[str, str] | None:
    """``(kind, message)`` when the raw bytes cannot be a capture in a golden set, else None.

    Stricter than ``run`` on purpose: a reviewed capture is UTF-8 without BOM, so nothing about
    its golden depends on an encoding guess.
    """
    if not data:
        return EMPTY, "empty capture (0 bytes)"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return NOT_UTF8, "UTF-16 text (it starts with a UTF-16 byte-order mark); re-save it as UTF-8"
    if b"\x00" in data:
        return NOT_TEXT, "not a text file (contains NUL bytes)"
    if data.startswith(UTF8_BOM):
        return BOM, "starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8")) + 1  # characters, not bytes
        return NOT_UTF8, (
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, column {column} "
            f"(offset {exc.start}); re-save it as UTF-8"
        )
    try:
        decode(data, path=shown)
    except CaptureError as exc:
        return (EMPTY if exc.reason.startswith("empty") else NOT_TEXT), exc.reason
    return None


# Outcomes: ("ok",) | ("bad", kind, message) | ("error", message) | ("record", Record)
#         | ("missing", new_json) | ("differs", new_json, golden_bytes | None, read_error | None)
Outcome = tuple


def clean_one(path: Path, source: str, rules: RuleBook) -> Outcome:
    """Read and clean one capture: ``("record", record)``, or why it could not be."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ("error", f"cannot read: {exc.strerror or exc}")
    bad = capture_problem(data, source)
    if bad:
        return ("bad", *bad)
    try:
        return ("record", clean_file(path, source=source, rules=rules))
    except CaptureError as exc:
        return ("bad", NOT_TEXT, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a bug in cleaning must not hide the other captures
        return ("error", f"cleaning failed: {type(exc).__name__}: {exc}")


def compare_golden(record: Record, golden: Path) -> Outcome:
    """Compare a record with its golden file, bytes first (parsing only on mismatch)."""
    new = golden_json(record)
    try:
        old = golden.read_bytes()
    except FileNotFoundError:
        return ("missing", new)
    except OSError as exc:
        return ("differs", new, None, f"cannot read: {exc.strerror or exc}")
    if old == new.encode("utf-8"):
        return ("ok",)
    return ("differs", new, old, None)


def check_one(path: Path, source: str, golden: Path, rules: RuleBook) -> Outcome:
    """Clean one capture and compare it with its golden, as if it were the corpus's only one."""
    outcome = clean_one(path, source, rules)
    return compare_golden(outcome[1], golden) if outcome[0] == "record" else outcome


def _golden_text(golden: Path | None) -> tuple[str, str] | None:
    """(id, text) of a golden record, or None when there is none or it does not parse."""
    if golden is None:
        return None
    try:
        data = json.loads(golden.read_bytes())
        return str(data["id"]), str(data["text"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def mark_near_duplicates_in_folder(
    fresh: dict[str, Record], inv: Inventory, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, Record]:
    """Set ``near_duplicate_of`` on the freshly cleaned records as ``run`` would over the folder.

    The mark depends on every earlier capture, not only the ones being checked: captures not
    cleaned in this check take part through their golden's text (reviewed output, and checked
    when it was committed), so checking one staged capture does not mean cleaning all of them.
    """
    index = NearDuplicateIndex(threshold=threshold)
    marked = dict(fresh)
    for cap in sorted(inv.captures, key=lambda c: (c.source, c.path.as_posix())):
        record = fresh.get(cap.source)
        if record is not None:
            marked[cap.source] = record.with_near_duplicate(index.add(record.id, record.text))
            continue
        known = _golden_text(inv.goldens.get(cap.key))
        if known is not None:
            index.add(*known)
    return marked


_WORKER_RULES: RuleBook | None = None


def _init_worker(rule_dirs: tuple[Path, ...]) -> None:
    global _WORKER_RULES
    _WORKER_RULES = load_rulebook(rule_dirs)


def _work(item: tuple[Path, str]) -> Outcome:
    assert _WORKER_RULES is not None
    return clean_one(*item, rules=_WORKER_RULES)


def _clean_many(
    items: list[tuple[Path, str]], rule_dirs: tuple[Path, ...], rules: RuleBook, jobs: int
) -> list[Outcome]:
    if jobs <= 1 or len(items) < PARALLEL_MIN:
        return [clean_one(*item, rules=rules) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    jobs = min(jobs, len(items))
    chunk = max(1, len(items) // (jobs * 8))
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(rule_dirs,)) as pool:
        return list(pool.map(_work, items, chunksize=chunk))


# --- duplicates ---------------------------------------------------------------------------------


def _digest(path: Path) -> str | None:
    h = hashlib.blake2b(digest_size=20)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def duplicate_groups(captures: Sequence[Capture], wanted: set[str]) -> list[list[Capture]]:
    """Groups (sorted by source) of byte-identical captures that include a ``wanted`` source.

    Only files whose size equals another file's size are hashed, so a folder of distinct
    captures costs one ``stat`` each. Empty files are left to the empty-capture check.
    """
    by_size: dict[int, list[Capture]] = defaultdict(list)
    for cap in captures:
        try:
            size = cap.path.stat().st_size
        except OSError:
            continue
        if size:
            by_size[size].append(cap)
    groups: list[list[Capture]] = []
    for same_size in by_size.values():
        if len(same_size) < 2 or not any(c.source in wanted for c in same_size):
            continue
        by_hash: dict[str, list[Capture]] = defaultdict(list)
        for cap in same_size:
            digest = _digest(cap.path)
            if digest is not None:
                by_hash[digest].append(cap)
        groups.extend(sorted(g, key=lambda c: c.source) for g in by_hash.values()
                      if len(g) > 1 and any(c.source in wanted for c in g))
    return sorted(groups, key=lambda g: g[0].source)


# --- diffs --------------------------------------------------------------------------------------


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _paragraphs(text: object) -> list[str]:
    if not isinstance(text, str):
        return [_compact(text)]
    # One paragraph a diff line; a line break inside a paragraph is shown, not followed.
    return [p.replace("\n", "⏎") for p in text.split("\n\n")] if text else []


def word_changes(old: str, new: str, context: int = 3, limit: int = 6) -> str:
    """The changed words of two versions of a paragraph, with a little context:
    ``...said that {teh -> the} country...``; empty when they share too little to say."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:
        return ""
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - context):i1])
        after = " ".join(a[i2:i2 + context])
        gone, came = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        change = f"{{{gone} -> {came}}}" if gone and came else (f"{{-{gone}}}" if gone else f"{{+{came}}}")
        pieces.append(" ".join(x for x in ("..." + before if before else "", change, after + "..." if after else "") if x))
    shown = pieces[:limit] + ([f"(+{len(pieces) - limit} more)"] if len(pieces) > limit else [])
    return " | ".join(shown)


def sequence_diff(old: list[str], new: list[str], unit: str = "paragraphs") -> list[str]:
    """A unified diff of items (paragraphs, removal entries), one a line, one item of context;
    an item that was edited rather than replaced gets a ``~`` line naming the words that changed."""
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        lines.append(f"@@ {unit} -{i1 + 1},{i2 - i1} +{j1 + 1},{j2 - j1} @@")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines.extend(f"  {p}" for p in old[a1:a2])
                continue
            lines.extend(f"- {p}" for p in old[a1:a2])
            lines.extend(f"+ {p}" for p in new[b1:b2])
            if tag == "replace" and a2 - a1 == b2 - b1:
                for p, q in zip(old[a1:a2], new[b1:b2], strict=True):
                    if words := word_changes(p, q):
                        lines.append(f"~ {words}")
    return lines


def diff_records(golden: dict, cleaned: dict) -> list[tuple[str, list[str]]]:
    """``[(field, diff lines)]`` for every field that differs, in ``FIELDS`` order, then any
    field the golden has that a record does not. ``-`` is the golden, ``+`` the cleaned record."""
    out: list[tuple[str, list[str]]] = []
    names = list(FIELDS) + [k for k in golden if k not in FIELDS]
    absent = object()
    for name in names:
        old, new = golden.get(name, absent), cleaned.get(name, absent)
        if old == new:
            continue
        if old is absent or new is absent:
            lines = [f"- {_compact(old)}"] if old is not absent else ["- (field missing)"]
            lines += [f"+ {_compact(new)}"] if new is not absent else ["+ (no such field in a record)"]
        elif name == "text":
            lines = sequence_diff(_paragraphs(old), _paragraphs(new), "paragraphs")
        elif name == "removed" and isinstance(old, list) and isinstance(new, list):
            lines = sequence_diff([_compact(r) for r in old], [_compact(r) for r in new], "entries")
        else:
            lines = [f"- {_compact(old)}", f"+ {_compact(new)}"]
        out.append((name, lines))
    return out


def render_diff(diffs: list[tuple[str, list[str]]], max_lines: int | None = None) -> tuple[str, ...]:
    """Indented, readable lines: a header per field, then its diff."""
    legend = {"text": "text (paragraph diff)", "removed": "removed (entry diff)"}
    lines: list[str] = []
    for name, body in diffs:
        lines.append(f"  {legend.get(name, name)}:")
        lines.extend(f"    {line}" for line in body)
    if max_lines is not None and len(lines) > max_lines:
        more = len(lines) - max_lines
        lines = lines[:max_lines] + [f"  ... {more} more line(s); see them all with --update and git diff"]
    return tuple(lines)


def compare(new_json: str, old: bytes, max_lines: int | None = None) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """Explain why golden bytes ``old`` differ from ``new_json``:
    ``(kind, message, diff lines, changed fields)``."""
    try:
        golden = json.loads(old.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return BAD_GOLDEN, f"not a JSON record ({exc}); --update rewrites it", (), ()
    if not isinstance(golden, dict):
        return BAD_GOLDEN, f"not a JSON record (a {type(golden).__name__}); --update rewrites it", (), ()
    diffs = diff_records(golden, json.loads(new_json))
    if not diffs:
        return STALE, "same record, but not in the golden format (2-space JSON, field order, " \
                      "unescaped UTF-8, final newline); --update rewrites it", (), ()
    fields = tuple(name for name, _ in diffs)
    return STALE, f"differs from the cleaned capture in {', '.join(fields)}", render_diff(diffs, max_lines), fields


# --- the whole check ----------------------------------------------------------------------------


def _show(folder: Path, rel: str) -> str:
    return (folder / rel).as_posix()


def run_check(
    captures_dir: Path,
    golden_dir: Path,
    paths: Sequence[Path] | None = None,
    *,
    rule_dirs: Sequence[Path] = (),
    update: bool = False,
    prune: bool = False,
    jobs: int | None = None,
    max_diff_lines: int | None = None,
) -> Report:
    """Check the captures ``paths`` mean (all of them when ``paths`` is None or names a rule file).

    With ``update``, goldens that are stale, missing or unreadable are (re)written atomically in
    the golden format; with ``prune`` too, orphan goldens are deleted. Anything else stays a
    problem in the report. Raises ``RuleError`` for rules that cannot be loaded.
    """
    rule_dirs = tuple(Path(d) for d in rule_dirs)
    rules = load_rulebook(rule_dirs)
    inv = scan(captures_dir, golden_dir)
    report = Report()
    if paths is None:
        sel = Selection(everything=True)
    else:
        sel = select(paths, captures_dir, golden_dir, trigger_dirs(rule_dirs))
    report.everything = sel.everything
    report.ignored = sel.ignored
    if sel.everything:
        wanted = inv.captures
        keys = set(inv.goldens)
        others, strays = inv.others, inv.strays
    else:
        wanted = [c for c in inv.captures if sel.wants(c)]
        keys = sel.keys | {c.key for c in wanted} | {k for k in inv.goldens if any(k.startswith(f) for f in sel.folders)}
        others = sorted(sel.others & set(inv.others))
        strays = sorted(sel.strays & set(inv.strays))
    problems: list[Problem] = report.problems

    for rel in others:
        problems.append(Problem(NOT_CAPTURE, _show(captures_dir, rel), "not a capture (suffix not one of "
                                + ", ".join(sorted(s for s in CAPTURE_SUFFIXES if s)) + "); move it out"))
    for rel in strays:
        problems.append(Problem(STRAY, _show(golden_dir, rel), f"not a golden record (expected <id>{GOLDEN_SUFFIX})"))

    # Names: bad ids, and captures sharing one golden (also case-insensitively, for macOS/Windows).
    skip: set[str] = set()
    by_key: dict[str, list[Capture]] = defaultdict(list)
    for cap in inv.captures:
        by_key[cap.key.casefold()].append(cap)
    for cap in wanted:
        if not valid_name(cap.source):
            problems.append(Problem(BAD_NAME, _show(captures_dir, cap.source),
                                    f"not a valid capture name: the id and folders must match {ID_PATTERN.pattern}"))
            skip.add(cap.source)
            continue
        clash = [c for c in by_key[cap.key.casefold()] if c is not cap]
        if clash:
            others_shown = ", ".join(_show(captures_dir, c.source) for c in clash)
            problems.append(Problem(NAME_CLASH, _show(captures_dir, cap.source),
                                    f"shares its golden {_show(golden_dir, cap.key + GOLDEN_SUFFIX)} with {others_shown}; "
                                    "rename one"))
            skip.add(cap.source)

    # Byte-identical captures: every member after the first is a problem (the first too when
    # it alone was asked about, so a staged copy of an old capture is caught either way).
    wanted_sources = {c.source for c in wanted}
    for group in duplicate_groups(inv.captures, wanted_sources):
        first = group[0]
        flagged = [c for c in group[1:] if c.source in wanted_sources]
        if not flagged:
            flagged = [first]
        for cap in flagged:
            twins = ", ".join(_show(captures_dir, c.source) for c in group if c is not cap)
            problems.append(Problem(DUPLICATE, _show(captures_dir, cap.source), f"same bytes as {twins}"))
            skip.add(cap.source)

    # Orphans: goldens named or in scope with no capture.
    capture_keys = {c.key for c in inv.captures}
    orphans = sorted(k for k in keys if k in inv.goldens and k not in capture_keys)
    for key in orphans:
        shown = _show(golden_dir, key + GOLDEN_SUFFIX)
        if update and prune:
            try:
                inv.goldens[key].unlink()
                report.deleted.append(shown)
                continue
            except OSError as exc:
                problems.append(Problem(ORPHAN, shown, f"no capture, and cannot delete it: {exc.strerror or exc}"))
                continue
        hint = "--prune deletes it" if update else "delete it, or add its capture"
        expected = _show(captures_dir, key) + ".<txt|html|...>"
        problems.append(Problem(ORPHAN, shown, f"no capture ({expected} not found); {hint}"))

    # Clean and compare.
    todo = [c for c in wanted if c.source not in skip]
    cleaned = _clean_many([(c.path, c.source) for c in todo], rule_dirs, rules,
                          default_jobs() if jobs is None else jobs)
    fresh = {c.source: o[1] for c, o in zip(todo, cleaned, strict=True) if o[0] == "record"}
    fresh = mark_near_duplicates_in_folder(fresh, inv)
    goldens = [golden_dir / (c.key + GOLDEN_SUFFIX) for c in todo]
    outcomes = [compare_golden(fresh[c.source], g) if o[0] == "record" else o
                for c, g, o in zip(todo, goldens, cleaned, strict=True)]
    for cap, golden, outcome in zip(todo, goldens, outcomes, strict=True):
        shown_cap, shown_gold = _show(captures_dir, cap.source), _show(golden_dir, cap.key + GOLDEN_SUFFIX)
        status = outcome[0]
        if status == "bad":
            problems.append(Problem(outcome[1], shown_cap, outcome[2]))
            continue
        if status == "error":
            problems.append(Problem(ERROR, shown_cap, outcome[1]))
            continue
        report.checked += 1
        if status == "ok":
            report.matched += 1
            continue
        new = outcome[1]
        if status == "missing":
            problem = Problem(MISSING, shown_cap, f"no golden record ({shown_gold}); --update creates it")
            fields: tuple[str, ...] = ()
        elif outcome[2] is None:
            problem = Problem(BAD_GOLDEN, shown_gold, f"{outcome[3]}; --update rewrites it")
            fields = ()
        else:
            kind, message, detail, fields = compare(new, outcome[2], max_diff_lines)
            problem = Problem(kind, shown_gold, message, detail)
        if not update:
            problems.append(problem)
            continue
        try:
            with atomic_writer(golden) as handle:
                handle.write(new)
        except OSError as exc:
            problems.append(Problem(problem.kind, problem.path, f"{problem.message}; cannot write: {exc}"))
            continue
        report.fixed.append(problem)
        if status == "missing":
            report.created.append(shown_gold)
        else:
            report.updated.append((shown_gold, fields))
    return report
