"""``clean-corpus run``: clean captures (files, folders, WARC/WET, JSONL; compressed or not) into records."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.cli.options import jobs_or_auto
from cleaner.corpus.dedup import DEFAULT_THRESHOLD, parse_threshold
from cleaner.corpus.workers import DEFAULT_TIMEOUT, Outcome, clean_stream, default_jobs
from cleaner.decide.rulebook import RuleError, load_rulebook
from cleaner.read.inputs import CAPTURE_SUFFIXES, DEFAULT_MAX_BYTES, Fields, Inputs, entries, read_inputs
from cleaner.write.formats import FORMATS, REMOVED, line
from cleaner.write.output import OutputError, atomic_output, check_output
from cleaner.write.report import RunReport

EXIT_CAPTURE_FAILED = 2
EXIT_TERMINATED = 128 + signal.SIGTERM


def _positive(kind: type) -> object:
    def parse(value: str) -> object:
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if number <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, got {value}")
        return number
    return parse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run",
        help="clean captures into JSONL records",
        description=(
            "Clean every capture under the given inputs and write one JSON record per capture, one "
            "per line. Inputs, mixed freely, recognised by content: capture files and folders (walked "
            "recursively for .txt/.text/.md/.html/.htm and the kinds below, sorted by path), WARC "
            "files (HTML responses) and WET files (text conversions), JSONL documents "
            "({\"id\", \"text\", \"metadata\"} as datatrove and dolma write them), any of them gzip- or "
            "zstd-compressed; '-' reads standard input. A capture that cannot be cleaned is reported "
            "on stderr and skipped; the others are still written, and the exit status is 2. The "
            "output (compressed when it ends in .gz or .zst) is replaced atomically."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="PATH",
                        help="capture files, folders, WARC/WET or JSONL files; '-' for standard input")
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="where to write the records (JSONL; .gz or .zst compresses); '-' for stdout")
    parser.add_argument("--format", choices=FORMATS, default="records",
                        help="records (default): the record; documents: {id, text, metadata} for datatrove/dolma")
    parser.add_argument("--removed", choices=REMOVED, default="full",
                        help="full (default): every removal with its text; spans: rule and lines only; none: left out")
    parser.add_argument("--report", metavar="FILE",
                        help="also write the run report (JSON: counts, skips, rules, sites, timings) to FILE")
    parser.add_argument("--timeout", type=_positive(float), default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"skip (and report) a capture that takes longer than this (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--max-bytes", type=_positive(int), default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"skip (and report) a capture larger than this (default {DEFAULT_MAX_BYTES:,})")
    parser.add_argument("--id-field", default="id", metavar="NAME", help="JSONL: the field holding the id (default id)")
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="JSONL: the field holding the text (default text)")
    parser.add_argument("--html-field", default="html", metavar="NAME",
                        help="JSONL: the field holding HTML, used when there is no text (default html)")
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


class Terminated(BaseException):
    """SIGTERM (what timeout, systemd and Kubernetes send), handled like an interrupt."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def _known_total(found: list[tuple[str, str]]) -> int | None:
    """How many captures there are, when every entry is one capture file (else unknown)."""
    for path, _ in found:
        if path == "-" or Path(path).suffix.lower() not in CAPTURE_SUFFIXES:
            return None
    return len(found)


def _progress(outcomes: Iterable[Outcome], total: int | None, enabled: bool) -> Iterator[Outcome]:
    """The progress bar: captures/s from tqdm, MB/s of input beside it."""
    if not enabled:
        yield from outcomes
        return
    from tqdm import tqdm

    started = last = time.perf_counter()
    read = 0
    with tqdm(total=total, unit="capture", file=sys.stderr) as bar:
        for outcome in outcomes:
            read += outcome.bytes_in
            now = time.perf_counter()
            if now - last > 0.5:
                bar.set_postfix_str(f"{read / 1e6 / (now - started):.2f} MB/s", refresh=False)
                last = now
            bar.update(1)
            yield outcome


def _error(message: str) -> int:
    print(f"clean-corpus run: {message}", file=sys.stderr)
    return EXIT_CAPTURE_FAILED


def handle(args: argparse.Namespace) -> int:
    missing = [p for p in args.inputs if p != "-" and not Path(p).exists()]
    if missing:
        return _error(f"no such file or folder: {', '.join(missing)}")
    rule_dirs = tuple(p.resolve() for p in args.rules)
    try:
        load_rulebook(rule_dirs)
    except RuleError as exc:
        return _error(f"bad rules: {exc}")
    try:
        check_output(args.output)
        if args.report:
            check_output(args.report)
    except OutputError as exc:
        return _error(str(exc))
    found = entries(args.inputs)
    if not found:
        return _error("no captures found (looked for .txt, .text, .md, .html, .htm, .warc, .wet, .jsonl, "
                      ".ndjson, each also .gz or .zst)")
    total = _known_total(found)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    jobs = args.jobs or (1 if total is not None and total < PARALLEL_MIN_CAPTURES else default_jobs())
    spec = Inputs(list(args.inputs), max_bytes=args.max_bytes,
                  fields=Fields(id=args.id_field, text=args.text_field, html=args.html_field))
    report = RunReport(inputs=list(args.inputs))
    threshold = None if args.no_near_duplicates else args.near_duplicate_threshold
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    started = time.perf_counter()
    unchanged = "" if args.output == "-" else f"; {args.output} left unchanged"
    try:
        with atomic_output(args.output) as out:
            outcomes = clean_stream(read_inputs(spec, found), rule_dirs=rule_dirs, jobs=jobs, timeout=args.timeout,
                                    near_duplicate_threshold=threshold)
            with contextlib.closing(outcomes):
                for outcome in _progress(outcomes, total, progress):
                    report.add(outcome)
                    if outcome.record is not None:
                        out.write(line(outcome.record, outcome.metadata, form=args.format, removed=args.removed))
                        out.write("\n")
                    elif outcome.skip is not None and outcome.skip.failure:
                        print(f"clean-corpus: skipped {outcome.skip.message()}", file=sys.stderr)
        report.seconds = time.perf_counter() - started
        if args.report:
            with atomic_output(args.report) as out:
                out.write(report.to_json())
    except OutputError as exc:
        return _error(f"{exc}{unchanged}")
    except Terminated:
        print(f"clean-corpus run: terminated{unchanged}", file=sys.stderr)
        return EXIT_TERMINATED
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(report.summary(), file=sys.stderr)
    summary = f"clean-corpus run: {report.records_out} record(s) written to {args.output}"
    if report.failed:
        summary += f"; {report.failures_total} capture(s) skipped"
    print(summary, file=sys.stderr)
    return EXIT_CAPTURE_FAILED if report.failed else 0
