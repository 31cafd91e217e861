"""``clean-corpus run``: clean captures (files or folders) into a JSONL file of records."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from cleaner.capture import CaptureError, discover
from cleaner.output import atomic_writer, write_jsonl
from cleaner.pipeline import clean_file
from cleaner.record import Record
from cleaner.rules import RuleBook, RuleError, load_rulebook

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
    parser.set_defaults(handler=handle)


def _clean_all(
    pairs: list[tuple[Path, str]], rules: RuleBook, failures: list[str], progress: bool
) -> Iterator[Record]:
    from tqdm import tqdm

    for path, source in tqdm(pairs, unit="capture", disable=not progress, file=sys.stderr):
        try:
            yield clean_file(path, source=source, rules=rules)
        except CaptureError as exc:
            failures.append(str(exc))
            print(f"clean-corpus: skipped {exc}", file=sys.stderr)
        except Exception as exc:  # a bug must not cost the rest of the corpus
            failures.append(f"{path}: {type(exc).__name__}: {exc}")
            print(f"clean-corpus: skipped {path}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)


def handle(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        print(f"clean-corpus run: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_CAPTURE_FAILED
    try:
        rules = load_rulebook(tuple(args.rules))
    except RuleError as exc:
        print(f"clean-corpus run: bad rules: {exc}", file=sys.stderr)
        return EXIT_CAPTURE_FAILED
    pairs = discover(list(args.inputs))
    if not pairs:
        print("clean-corpus run: no captures found (looked for .txt, .text, .md, .html, .htm)", file=sys.stderr)
        return EXIT_CAPTURE_FAILED
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    failures: list[str] = []
    with atomic_writer(args.output) as handle_out:
        written = write_jsonl(_clean_all(pairs, rules, failures, progress), handle_out)
    summary = f"clean-corpus run: {written} record(s) written to {args.output}"
    if failures:
        summary += f"; {len(failures)} capture(s) skipped"
    print(summary, file=sys.stderr)
    return EXIT_CAPTURE_FAILED if failures else 0
