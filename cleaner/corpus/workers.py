"""The corpus stage: many captures in sorted order -> a stream of records, near-duplicates marked.

Everything per capture happens in ``cleaner.pipeline``; what needs the whole corpus (the order of
records, marking a record as a copy of an *earlier* one) happens here, once, so ``run``,
``check`` and the golden tests all see the same records.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cleaner.corpus.dedup import DEFAULT_THRESHOLD, mark_near_duplicates
from cleaner.decide.rulebook import load_rulebook
from cleaner.pipeline import clean_file
from cleaner.read.capture import CaptureError
from cleaner.record import Record

CHUNK = 8


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
    captures are cleaned in worker processes; ``map`` keeps the order, so the records are the
    same bytes whatever ``jobs`` is. ``near_duplicate_threshold=None`` turns marking off.
    """
    from tqdm import tqdm

    work = [(path, source, rule_dirs) for path, source in pairs]
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    results = pool.map(_clean_one, work, chunksize=CHUNK) if pool else map(_clean_one, work)

    def records() -> Iterator[Record]:
        try:
            for result in tqdm(results, total=len(work), unit="capture", disable=not progress, file=sys.stderr):
                if isinstance(result, str):
                    if on_failure is not None:
                        on_failure(result)
                else:
                    yield result
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    if near_duplicate_threshold is None:
        return records()
    return mark_near_duplicates(records(), threshold=near_duplicate_threshold)
