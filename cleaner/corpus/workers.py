"""The corpus stage: many captures in sorted order -> a stream of records, near-duplicates marked.

Everything per capture happens in ``cleaner.pipeline``; what needs the whole corpus (the order of
records, marking a record as a copy of an *earlier* one) happens here, once, so ``run``,
``check`` and the golden tests all see the same records.

``clean_stream`` is ``run``'s path: any stream of captures (``cleaner.read.inputs``), a bounded
window of batches in worker processes, a time limit per capture, unique ids, outcomes (records
and skips) in input order. ``clean_files`` is the older, simpler path over capture files that
``check`` and the golden tests use; both clean a file capture into the same record.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cleaner.corpus.dedup import DEFAULT_THRESHOLD, mark_near_duplicates
from cleaner.decide.rulebook import RuleBook, load_rulebook
from cleaner.pipeline import clean, clean_file
from cleaner.read.capture import CaptureError
from cleaner.read.inputs import Item, Skip, item_text
from cleaner.record import Record

if TYPE_CHECKING:  # the pool (and multiprocessing) is imported by the first run with jobs > 1
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK = 8
T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """Worker processes worth starting: the cores this process may use, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _clean_one(job: tuple[Path, str, tuple[Path, ...]]) -> Record | str:
    """Clean one capture; a failure comes back as its message so the corpus can go on."""
    path, source, rule_dirs = job
    try:
        return clean_file(path, source=source, rules=load_rulebook(rule_dirs))
    except CaptureError as exc:
        return str(exc)
    except Exception as exc:  # a bug must not cost the rest of the corpus
        return f"{source}: internal error: {type(exc).__name__}: {exc}"


def _clean_files_batch(batch: list[tuple[Path, str, tuple[Path, ...]]]) -> list[Record | str]:
    return [_clean_one(job) for job in batch]


def clean_files(
    pairs: list[tuple[Path, str]],
    *,
    rule_dirs: tuple[Path, ...] = (),
    jobs: int = 1,
    near_duplicate_threshold: float | None = DEFAULT_THRESHOLD,
    on_failure: Callable[[str], None] | None = None,
    progress: bool = False,
) -> Iterator[Record]:
    """Clean ``(path, source)`` pairs into records, in the given order, streaming.

    Failures are passed to ``on_failure`` (path and reason) and skipped. With ``jobs > 1`` the
    captures are cleaned in worker processes (``in_order``, the pool ``run`` uses), in order,
    so the records are the same bytes whatever ``jobs`` is. ``near_duplicate_threshold=None``
    turns marking off.
    """
    from tqdm import tqdm

    work = [(path, source, rule_dirs) for path, source in pairs]

    def died(job: tuple[Path, str, tuple[Path, ...]]) -> str:
        return f"{job[1]}: internal error: the worker process died"

    results = in_order(_clean_files_batch, chunks(work, CHUNK), jobs, died)

    def records() -> Iterator[Record]:
        for result in tqdm(results, total=len(work), unit="capture", disable=not progress, file=sys.stderr):
            if isinstance(result, str):
                if on_failure is not None:
                    on_failure(result)
            else:
                yield result

    if near_duplicate_threshold is None:
        return records()
    return mark_near_duplicates(records(), threshold=near_duplicate_threshold)


# --- streaming corpus: any input, bounded memory, a time limit per capture --------------------

# Captures per task sent to a worker, and tasks in flight per worker: enough to keep every
# worker busy, few enough that memory does not grow with the corpus.
BATCH = 8
IN_FLIGHT_PER_JOB = 4
DEFAULT_TIMEOUT = 10.0


@dataclass(slots=True)
class Outcome:
    """What became of one capture: a record, or the skip that says why there is none."""

    source: str
    record: Record | None = None
    skip: Skip | None = None
    metadata: dict[str, Any] | None = None
    bytes_in: int = 0
    seconds: float = 0.0


class _Timeout(BaseException):
    """Raised by SIGALRM; a BaseException so that no ``except Exception`` in a library eats it."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _init_worker() -> None:
    """Workers leave interrupts to the parent, which stops them; SIGALRM enforces ``--timeout``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _clean_item(item: Item, rules: RuleBook) -> Record:
    text, kind = item_text(item)
    return clean(text, source=item.source, kind=kind, id=item.id, url=item.url, rules=rules)


def clean_batch(batch: list[Item | Skip], rule_dirs: tuple[Path, ...], timeout: float | None) -> list[Outcome]:
    """Clean a few captures (in a worker process, or in this one with ``--jobs 1``).

    Each capture gets ``timeout`` seconds of wall time (SIGALRM, so only in a main thread);
    one that runs past it, or fails, becomes a ``Skip`` and the batch goes on.
    """
    rules = load_rulebook(rule_dirs)
    out: list[Outcome] = []
    timed = timeout is not None and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _alarm) if timed else None
    try:
        for item in batch:
            if isinstance(item, Skip):
                out.append(Outcome(item.source, skip=item))
                continue
            started = time.perf_counter()
            outcome = Outcome(item.source, metadata=item.metadata, bytes_in=item.size)
            try:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                try:
                    record = _clean_item(item, rules)
                finally:
                    if timed:
                        signal.setitimer(signal.ITIMER_REAL, 0)
                outcome.record = record  # only once the alarm can no longer go off
            except _Timeout:
                outcome.skip = Skip(item.source, "timeout", f"took longer than --timeout {timeout:g} s")
            except CaptureError as exc:
                outcome.skip = Skip(item.source, "capture-error", exc.reason)
            except RecursionError:
                outcome.skip = Skip(item.source, "internal-error", "internal error: nesting too deep")
            except Exception as exc:  # a bug must not cost the rest of the corpus
                outcome.skip = Skip(item.source, "internal-error", f"internal error: {type(exc).__name__}: {exc}")
            outcome.seconds = time.perf_counter() - started
            out.append(outcome)
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)
    return out


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), lazily: the pool's batches."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stop(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    """Shut the pool down; on an interruption, terminate workers still busy with a capture."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=not kill, cancel_futures=True)
    if kill:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


def in_order(work: Callable[[list[T]], list[R]], batches: Iterable[list[T]], jobs: int,
             died: Callable[[T], R]) -> Iterator[R]:
    """``work`` over every batch, results in input order: the project's one process pool
    (``run``, ``check`` and ``clean_files`` all clean through it).

    With ``jobs > 1``, at most ``jobs * IN_FLIGHT_PER_JOB`` batches are in flight: the reader
    never runs ahead of the workers by more than that. ``work`` must be picklable (a module
    function or a ``functools.partial`` of one); ``died(item)`` is the result of an item whose
    batch killed its worker process on its own. An interruption stops the workers.
    """
    if jobs <= 1:
        for batch in batches:
            yield from work(batch)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    window: deque[tuple[list[T], Future[list[R]]]] = deque()
    finished = False
    try:
        for batch in batches:
            window.append((batch, pool.submit(work, batch)))
            if len(window) >= jobs * IN_FLIGHT_PER_JOB:
                pending, pool = _result(window, pool, work, jobs, died)
                yield from pending
        while window:
            pending, pool = _result(window, pool, work, jobs, died)
            yield from pending
        finished = True
    finally:
        _stop(pool, kill=not finished)


def _result(window: deque[tuple[list[T], Future[list[R]]]], pool: ProcessPoolExecutor,
            work: Callable[[list[T]], list[R]], jobs: int, died: Callable[[T], R]) -> tuple[list[R], ProcessPoolExecutor]:
    """The oldest batch's results, or, when a worker died (killed, out of memory, a crash in C),
    the results of every batch in flight: they are run again one at a time in a new pool, so a
    batch that kills its worker on its own is the one reported, and no other item is lost."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    batch, future = window.popleft()
    try:
        return future.result(), pool
    except BrokenProcessPool:
        pending = [batch] + [queued for queued, _ in window]
        window.clear()
    results: list[R] = []
    _stop(pool, kill=True)
    pool = ProcessPoolExecutor(max_workers=1, initializer=_init_worker)
    for queued in pending:
        try:
            results += pool.submit(work, queued).result()
        except BrokenProcessPool:
            results += [died(item) for item in queued]
            _stop(pool, kill=True)
            pool = ProcessPoolExecutor(max_workers=1, initializer=_init_worker)
    _stop(pool, kill=False)
    return results, ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)


def _died(item: Item | Skip) -> Outcome:
    """What a capture whose batch killed its worker process becomes."""
    if isinstance(item, Skip):
        return Outcome(item.source, skip=item)
    return Outcome(item.source, skip=Skip(item.source, "internal-error", "internal error: the worker process died"))


def unique_ids(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """Give every record of a run its own id: a later record whose id is taken gets ``-2``,
    ``-3``, ... appended (the first free one), so ``near_duplicate_of`` never names two records."""
    seen: set[str] = set()
    for outcome in outcomes:
        record = outcome.record
        if record is not None:
            new_id, n = record.id, 1
            while new_id in seen:
                n += 1
                new_id = f"{record.id}-{n}"
            seen.add(new_id)
            if new_id != record.id:
                outcome.record = replace(record, id=new_id)
        yield outcome


def clean_stream(
    items: Iterable[Item | Skip],
    *,
    rule_dirs: tuple[Path, ...] = (),
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    near_duplicate_threshold: float | None = DEFAULT_THRESHOLD,
) -> Iterator[Outcome]:
    """Clean a stream of captures into outcomes in input order, streaming, whatever ``jobs`` is.

    Records get unique ids and are marked as near-duplicates of earlier records (the index of
    fingerprints is the only thing that grows with the corpus).
    """
    work = partial(clean_batch, rule_dirs=rule_dirs, timeout=timeout)
    outcomes = unique_ids(in_order(work, chunks(items, BATCH), jobs, _died))
    if near_duplicate_threshold is None:
        return outcomes
    return _mark(outcomes, near_duplicate_threshold)


def _mark(outcomes: Iterator[Outcome], threshold: float) -> Iterator[Outcome]:
    """Near-duplicate marking over the records among the outcomes, skips passed through.

    The first record has nothing before it to duplicate, so it is only indexed when a second
    one arrives (the same marks as indexing it at once): a run of one capture never loads the
    index and numpy.
    """
    index = None
    first: tuple[str, str] | None = None
    for outcome in outcomes:
        record = outcome.record
        if record is not None:
            if index is None and first is None:
                first = (record.id, record.text)
                outcome.record = record.with_near_duplicate(None)
            else:
                if index is None:
                    from cleaner.corpus.minhash import NearDuplicateIndex

                    index = NearDuplicateIndex(threshold=threshold)
                    index.add(*first)
                outcome.record = record.with_near_duplicate(index.add(record.id, record.text))
        yield outcome
