"""``clean-corpus report``: draw a run's ``--report`` JSON as one self-contained HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="draw a run report (run --report) as an HTML page",
        description=(
            "Render the JSON that 'run --report' writes as one self-contained HTML page: lines "
            "removed per rule, share of text removed per capture, captures per site rule set, "
            "skipped captures, failures with their reasons and the slowest captures. The page "
            "opens from disk and fetches nothing."
        ),
    )
    parser.add_argument("report", type=Path, metavar="REPORT.json", help="a report written by 'run --report'")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.html",
                        help="the page to write ('-' for stdout)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from cleaner.report import corpus_page
    from cleaner.report.output import write_page

    try:
        data = corpus_page.load(args.report)
    except corpus_page.ReportError as exc:
        print(f"clean-corpus report: {exc}", file=sys.stderr)
        return 2
    try:
        size = write_page(corpus_page.render(data, name=args.report.name), args.output)
    except OSError as exc:
        print(f"clean-corpus report: {args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if str(args.output) != "-":
        print(f"clean-corpus report: wrote {args.output} ({size:,} bytes)", file=sys.stderr)
    return 0
