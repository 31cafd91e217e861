"""``clean-corpus run``: clean captures (files or folders) into a JSONL file of records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaner.cli.options import jobs_or_auto
from cleaner.corpus.dedup import DEFAULT_THRESHOLD, parse_threshold
from cleaner.corpus.workers import clean_files, default_jobs
from cleaner.decide.rulebook import RuleError, load_rulebook
from cleaner.read.capture import discover
from cleaner.write.jsonl import atomic_writer, write_jsonl

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
    parser.add_argument("-j", "--jobs", type=jobs_or_auto, default=0, metavar="N",
                        help="worker processes (default 0: one per CPU core, at most 8, from 64 captures on; 1 below); "
                             "the output is the same bytes whatever N is")
    parser.add_argument("--near-duplicate-threshold", type=parse_threshold, default=DEFAULT_THRESHOLD, metavar="X",
                        help="mark a record as a near-duplicate of the earliest earlier record holding at least "
                             f"this share of its word 5-grams (default {DEFAULT_THRESHOLD})")
    parser.add_argument("--no-near-duplicates", action="store_true",
                        help="do not mark near-duplicates (near_duplicate_of stays null)")
    parser.set_defaults(handler=handle)


# Below this many captures, starting worker processes costs more than it saves.
PARALLEL_MIN_CAPTURES = 64


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
    jobs = args.jobs or (default_jobs() if len(pairs) >= PARALLEL_MIN_CAPTURES else 1)
    failures: list[str] = []

    def report(message: str) -> None:
        failures.append(message)
        print(f"clean-corpus: skipped {message}", file=sys.stderr)

    threshold = None if args.no_near_duplicates else args.near_duplicate_threshold
    with atomic_writer(args.output) as handle_out:
        records = clean_files(pairs, rule_dirs=rule_dirs, jobs=jobs, near_duplicate_threshold=threshold,
                              on_failure=report, progress=progress)
        written = write_jsonl(records, handle_out)
    summary = f"clean-corpus run: {written} record(s) written to {args.output}"
    if failures:
        summary += f"; {len(failures)} capture(s) skipped"
    print(summary, file=sys.stderr)
    return EXIT_CAPTURE_FAILED if failures else 0
