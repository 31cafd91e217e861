"""Keep a folder of captures and its folder of golden records honest (``clean-corpus check``).

Layout: every capture ``<captures>/<dir>/<id>.<ext>`` has one reviewed golden record
``<golden>/<dir>/<id>.json`` (flat folders are the usual case: ``seeds/<id>.txt`` and
``golden/<id>.json``). The golden is exactly what ``clean-corpus run`` writes for the capture
over the captures folder, pretty-printed (``golden_json``), ``source`` relative to that folder;
``near_duplicate_of`` is worked out over the folder in source order, as ``run`` does. ``check``
cleans the captures it is asked about, compares the bytes with their goldens, and explains every
difference field by field.

This module runs the steps; each job lives beside it: ``inventory`` (what is in the folders),
``selection`` (what PATHS mean), ``cleaning`` (vetting and cleaning captures, a process pool),
``duplicates`` (byte-identical captures), ``near_duplicates`` (the folder-wide mark), ``diff``
(field-by-field differences) and ``problems`` (kinds and the ``Report``). Nothing here prints;
``cleaner.cli.check`` renders the ``Report``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from cleaner.corpus.workers import default_jobs
from cleaner.decide.rulebook import load_rulebook
from cleaner.goldens.cleaning import Outcome, clean_many, compare_golden
from cleaner.goldens.diff import compare
from cleaner.goldens.duplicates import duplicate_groups
from cleaner.goldens.inventory import GOLDEN_SUFFIX, ID_PATTERN, CaptureFile, Inventory, scan, valid_name
from cleaner.goldens.near_duplicates import mark_near_duplicates_in_folder
from cleaner.goldens.problems import (
    BAD_GOLDEN,
    BAD_NAME,
    DUPLICATE,
    ERROR,
    MISSING,
    NAME_CLASH,
    NOT_CAPTURE,
    ORPHAN,
    STRAY,
    Problem,
    Report,
)
from cleaner.goldens.selection import Selection, select, trigger_dirs
from cleaner.read.capture import WALKED_SUFFIXES, printable_name
from cleaner.write.jsonl import atomic_writer


def _show(folder: Path, rel: str) -> str:
    """A path as the report prints it; a name that is not UTF-8 is escaped, never a crash."""
    return printable_name((folder / rel).as_posix())


def _name_problems(inv: Inventory, wanted: list[CaptureFile], captures_dir: Path, golden_dir: Path,
                   skip: set[str]) -> list[Problem]:
    """Bad ids, and captures sharing one golden (also case-insensitively, for macOS/Windows)."""
    problems: list[Problem] = []
    by_key: dict[str, list[CaptureFile]] = defaultdict(list)
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
    return problems


def _duplicate_problems(inv: Inventory, wanted: list[CaptureFile], captures_dir: Path,
                        skip: set[str]) -> list[Problem]:
    """Every member of a byte-identical group after the first is a problem (the first too when
    it alone was asked about, so a staged copy of an old capture is caught either way)."""
    problems: list[Problem] = []
    wanted_sources = {c.source for c in wanted}
    for group in duplicate_groups(inv.captures, wanted_sources):
        flagged = [c for c in group[1:] if c.source in wanted_sources] or [group[0]]
        for cap in flagged:
            twins = ", ".join(_show(captures_dir, c.source) for c in group if c is not cap)
            problems.append(Problem(DUPLICATE, _show(captures_dir, cap.source), f"same bytes as {twins}"))
            skip.add(cap.source)
    return problems


def _orphans(inv: Inventory, keys: set[str], captures_dir: Path, golden_dir: Path, report: Report,
             *, update: bool, prune: bool) -> None:
    """Goldens named or in scope with no capture: reported, or deleted with ``update`` + ``prune``."""
    capture_keys = {c.key for c in inv.captures}
    # No capture at all is a wrong --captures far more often than a set that was emptied on
    # purpose: then --prune deletes nothing (the goldens are still reported).
    prune = prune and bool(inv.captures)
    for key in sorted(k for k in keys if k in inv.goldens and k not in capture_keys):
        shown = _show(golden_dir, key + GOLDEN_SUFFIX)
        if update and prune:
            try:
                inv.goldens[key].unlink()
                report.deleted.append(shown)
            except OSError as exc:
                report.problems.append(Problem(ORPHAN, shown, f"no capture, and cannot delete it: {exc.strerror or exc}"))
            continue
        hint = ("--prune deletes it" if inv.captures else f"--prune deletes nothing while {captures_dir} holds no capture") \
            if update else "delete it, or add its capture"
        expected = _show(captures_dir, key) + ".<txt|html|...>"
        report.problems.append(Problem(ORPHAN, shown, f"no capture ({expected} not found); {hint}"))


def _record_outcome(cap: CaptureFile, golden: Path, outcome: Outcome, captures_dir: Path, golden_dir: Path,
                    report: Report, *, update: bool, max_diff_lines: int | None) -> None:
    """Put one compared capture into the report; with ``update``, rewrite its golden."""
    shown_cap, shown_gold = _show(captures_dir, cap.source), _show(golden_dir, cap.key + GOLDEN_SUFFIX)
    status = outcome[0]
    if status == "bad":
        report.problems.append(Problem(outcome[1], shown_cap, outcome[2]))
        return
    if status == "error":
        report.problems.append(Problem(ERROR, shown_cap, outcome[1]))
        return
    report.checked += 1
    if status == "ok":
        report.matched += 1
        return
    new = outcome[1]
    fields: tuple[str, ...] = ()
    if status == "missing":
        problem = Problem(MISSING, shown_cap, f"no golden record ({shown_gold}); --update creates it")
    elif outcome[2] is None:
        problem = Problem(BAD_GOLDEN, shown_gold, f"{outcome[3]}; --update rewrites it")
    else:
        kind, message, detail, fields = compare(new, outcome[2], max_diff_lines)
        problem = Problem(kind, shown_gold, message, detail)
    if not update:
        report.problems.append(problem)
        return
    try:
        with atomic_writer(golden) as handle:
            handle.write(new)
    except OSError as exc:
        report.problems.append(Problem(problem.kind, problem.path, f"{problem.message}; cannot write: {exc}"))
        return
    report.fixed.append(problem)
    if status == "missing":
        report.created.append(shown_gold)
    else:
        report.updated.append((shown_gold, fields))


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
    sel = Selection(everything=True) if paths is None else select(paths, captures_dir, golden_dir,
                                                                   trigger_dirs(rule_dirs))
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

    suffixes = ", ".join(sorted(WALKED_SUFFIXES))
    for rel in others:
        report.problems.append(Problem(NOT_CAPTURE, _show(captures_dir, rel),
                                       f"not a capture (suffix not one of {suffixes}); move it out"))
    for rel in strays:
        report.problems.append(Problem(STRAY, _show(golden_dir, rel),
                                       f"not a golden record (expected <id>{GOLDEN_SUFFIX})"))
    skip: set[str] = set()
    report.problems.extend(_name_problems(inv, wanted, captures_dir, golden_dir, skip))
    report.problems.extend(_duplicate_problems(inv, wanted, captures_dir, skip))
    _orphans(inv, keys, captures_dir, golden_dir, report, update=update, prune=prune)

    todo = [c for c in wanted if c.source not in skip]
    cleaned = clean_many([(c.path, c.source) for c in todo], rule_dirs, rules,
                         default_jobs() if jobs is None else jobs)
    fresh = {c.source: o[1] for c, o in zip(todo, cleaned, strict=True) if o[0] == "record"}
    fresh = mark_near_duplicates_in_folder(fresh, inv)
    for cap, outcome in zip(todo, cleaned, strict=True):
        golden = golden_dir / (cap.key + GOLDEN_SUFFIX)
        if outcome[0] == "record":
            outcome = compare_golden(fresh[cap.source], golden)
        _record_outcome(cap, golden, outcome, captures_dir, golden_dir, report,
                        update=update, max_diff_lines=max_diff_lines)
    return report
