"""``clean-corpus run``: clean captures (files or folders) into a JSONL file of records."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cleaner.capture import CaptureError, discover
from cleaner.output import atomic_writer, write_jsonl
from cleaner.pipeline import clean_file
from cleaner.record import Record
from cleaner.rules import RuleError, load_rulebook

EXIT_CAPTURE_FAILED = 2


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run",
        help="clean captures into JSONL records",
        description=(
            "Clean every capture under the given files and folders (folders are walked "
            "recursively; .txt/.text/.md/.html/.htm files, sorted by path) and write one JSON "
            "record per capture, one per line, sorted by source path. A capture that cannot be "
            "read is reported on stderr and skipped; the others are still written, and the exit "
            "status is 2. The output file is replaced atomically, so an interrupted run never "
            "leaves half a file."
        ),
    )
    parser.add_argument("inputs", nargs="+", type=Path, metavar="PATH", help="capture files or folders")
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="where to write the records (JSONL); '-' for stdout")
    parser.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR",
                        help="a folder of extra rule sets (TOML) used alongside the built-in ones; repeatable")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar on stderr (default: only when stderr is a terminal)")
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                        help="worker processes (default 0: one per CPU core for large runs, 1 for small ones); "
                             "the output is the same bytes whatever N is")
    parser.set_defaults(handler=handle)


# Below this many captures, starting worker processes costs more than it saves.
PARALLEL_MIN_CAPTURES = 64
CHUNK = 8


def _clean_one(job: tuple[Path, str, tuple[Path, ...]]) -> Record | str:
    """Clean one capture; a failure comes back as its message so the run can go on."""
    path, source, rule_dirs = job
    try:
        return clean_file(path, source=source, rules=load_rulebook(rule_dirs))
    except CaptureError as exc:
        return str(exc)
    except Exception as exc:  # a bug must not cost the rest of the corpus
        return f"{source}: internal error: {type(exc).__name__}: {exc}"


def _clean_all(
    pairs: list[tuple[Path, str]], rule_dirs: tuple[Path, ...], failures: list[str], progress: bool, jobs: int
) -> Iterator[Record]:
    """Records in input order, whatever the number of workers (``map`` keeps order)."""
    from tqdm import tqdm

    work = [(path, source, rule_dirs) for path, source in pairs]
    if jobs > 1:
        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(_clean_one, work, chunksize=CHUNK)
    else:
        pool = None
        results = map(_clean_one, work)
    try:
        for result in tqdm(results, total=len(work), unit="capture", disable=not progress, file=sys.stderr):
            if isinstance(result, str):
                failures.append(result)
                print(f"clean-corpus: skipped {result}", file=sys.stderr)
            else:
                yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def handle(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        print(f"clean-corpus run: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_CAPTURE_FAILED
    rule_dirs = tuple(p.resolve() for p in args.rules)
    try:
        load_rulebook(rule_dirs)
    except RuleError as exc:
        print(f"clean-corpus run: bad rules: {exc}", file=sys.stderr)
        return EXIT_CAPTURE_FAILED
    pairs = discover(list(args.inputs))
    if not pairs:
        print("clean-corpus run: no captures found (looked for .txt, .text, .md, .html, .htm)", file=sys.stderr)
        return EXIT_CAPTURE_FAILED
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    jobs = args.jobs or ((os.cpu_count() or 1) if len(pairs) >= PARALLEL_MIN_CAPTURES else 1)
    failures: list[str] = []
    with atomic_writer(args.output) as handle_out:
        written = write_jsonl(_clean_all(pairs, rule_dirs, failures, progress, jobs), handle_out)
    summary = f"clean-corpus run: {written} record(s) written to {args.output}"
    if failures:
        summary += f"; {len(failures)} capture(s) skipped"
    print(summary, file=sys.stderr)
    return EXIT_CAPTURE_FAILED if failures else 0
