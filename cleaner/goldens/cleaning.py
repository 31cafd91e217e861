"""Read, vet and clean captures for ``check``, in worker processes when there are many.

Each outcome is a small tuple, so it crosses a process boundary cheaply and the caller decides
what it means for the report.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from cleaner.decide.rulebook import RuleBook, load_rulebook
from cleaner.goldens.problems import BOM, EMPTY, NOT_TEXT, NOT_UTF8
from cleaner.pipeline import clean_file
from cleaner.read.capture import CaptureError, decode
from cleaner.record import Record
from cleaner.write.jsonl import golden_json

UTF8_BOM = b"\xef\xbb\xbf"
# Below this many captures to clean, a process pool costs more than it saves.
PARALLEL_MIN = 32

# Outcomes: ("ok",) | ("bad", kind, message) | ("error", message) | ("record", Record)
#         | ("missing", new_json) | ("differs", new_json, golden_bytes | None, read_error | None)
Outcome = tuple


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


def _clean_batch(batch: list[tuple[Path, str]], rule_dirs: tuple[Path, ...]) -> list[Outcome]:
    rules = load_rulebook(rule_dirs)  # cached per process: read once per worker
    return [clean_one(*item, rules=rules) for item in batch]


def _died(item: tuple[Path, str]) -> Outcome:
    return ("error", "cleaning failed: the worker process died")


def clean_many(
    items: list[tuple[Path, str]], rule_dirs: tuple[Path, ...], rules: RuleBook, jobs: int
) -> list[Outcome]:
    """``clean_one`` for every ``(path, source)``, in order; in ``jobs`` processes when worth it
    (the process pool ``run`` uses, ``cleaner.corpus.workers.in_order``)."""
    if jobs <= 1 or len(items) < PARALLEL_MIN:
        return [clean_one(*item, rules=rules) for item in items]
    from cleaner.corpus.workers import chunks, in_order

    jobs = min(jobs, len(items))
    size = max(1, len(items) // (jobs * 8))
    return list(in_order(partial(_clean_batch, rule_dirs=rule_dirs), chunks(items, size), jobs, _died))
