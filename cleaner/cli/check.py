"""``clean-corpus check``: captures vs. their reviewed golden records (also a pre-commit hook)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaner.cli import silence_stdout
from cleaner.cli.options import jobs
from cleaner.decide.rulebook import RuleError
from cleaner.goldens.check import run_check
from cleaner.goldens.cleaning import PARALLEL_MIN
from cleaner.goldens.inventory import ID_PATTERN
from cleaner.goldens.problems import FIXABLE, Report

EXIT_PROBLEMS = 1
EXIT_CANNOT_CHECK = 2
DIFF_LINES = 80


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="check that captures still clean to their golden records (pre-commit hook)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Clean captures and compare each with its reviewed golden record, byte for byte:\n"
            "<captures>/<dir>/<id>.<ext> must clean to <golden>/<dir>/<id>.json, written as\n"
            "pretty JSON (2-space indent, final newline), with 'source' the capture's path\n"
            "relative to the captures folder. A difference is shown field by field (a paragraph\n"
            "diff for 'text', an entry diff for 'removed'; '-' golden, '+' cleaned now).\n\n"
            "Also reported: a capture without a golden, a golden without a capture (orphan),\n"
            "an empty or binary capture, invalid UTF-8 or a byte-order mark, two captures with\n"
            "the same bytes, a file in the captures folder that is not a capture, and a name\n"
            f"that is not a valid id (id and folders must match {ID_PATTERN.pattern}).\n\n"
            "PATHS (as pre-commit passes them) select what to check: a capture, a golden (its\n"
            "capture is checked), or a rule file (built-in rules, a --rules DIR): a rule change\n"
            "can change any golden, so then everything is checked. Other paths are ignored.\n"
            "Without PATHS, everything is checked.\n\n"
            "Exit status: 0 all match, 1 problems found (or left after --update), 2 cannot check\n"
            "(bad rules, a captures folder or a PATH that does not exist). --prune deletes nothing\n"
            "while the captures folder holds no capture at all."
        ),
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="captures, goldens or rule files to check (default: everything)")
    parser.add_argument("--captures", type=Path, default=Path("seeds"), metavar="DIR",
                        help="the captures folder (default: seeds)")
    parser.add_argument("--golden", type=Path, default=Path("golden"), metavar="DIR",
                        help="the golden records folder (default: golden)")
    parser.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR",
                        help="a folder of extra rule sets used alongside the built-in ones, as in 'run'; repeatable")
    parser.add_argument("--update", action="store_true",
                        help="rewrite goldens that differ and create missing ones (atomically); "
                             "read 'git diff' before committing")
    parser.add_argument("--prune", action="store_true",
                        help="with --update: also delete orphan goldens (never done otherwise)")
    parser.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                        help=f"worker processes (default: one per CPU, at most 8, from {PARALLEL_MIN} captures on)")
    parser.set_defaults(handler=handle, parser=parser)


def print_report(report: Report, update: bool, out=None) -> None:  # noqa: ANN001 - a text stream
    out = out or sys.stdout
    for problem in report.problems:
        print(problem.headline(), file=out)
        for line in problem.detail:
            print(line, file=out)
    for path in report.created:
        print(f"created {path}", file=out)
    for path, fields in report.updated:
        print(f"updated {path}" + (f" ({', '.join(fields)})" if fields else " (format only)"), file=out)
    for path in report.deleted:
        print(f"deleted {path} (orphan)", file=out)
    scope = "" if report.everything else " (selected)"
    summary = f"clean-corpus check: {report.checked} capture(s){scope} cleaned, {report.matched} match their golden"
    if report.problems:
        summary += f"; {len(report.problems)} problem(s)"
        fixable = sum(p.kind in FIXABLE for p in report.problems)
        if fixable and not update:
            summary += f" ({fixable} fixed by --update)"
    if update:
        changes = len(report.created) + len(report.updated) + len(report.deleted)
        summary += f"; {len(report.created)} golden(s) created, {len(report.updated)} updated, {len(report.deleted)} deleted"
        if changes:
            summary += " — review them with 'git diff' before committing"
    print(summary, file=out)


def handle(args: argparse.Namespace) -> int:
    if args.prune and not args.update:
        args.parser.error("--prune only works with --update")
    # A captures folder that is not there would make every golden an orphan (and --prune would
    # delete them all): a typo must stop the check, not pass it. A golden folder that is not
    # there yet is how a new set starts (every golden missing; --update creates them).
    if not args.captures.is_dir():
        what = "does not exist" if not args.captures.exists() else "is not a folder"
        print(f"clean-corpus check: captures folder {args.captures} {what} (use --captures DIR)", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    if args.golden.exists() and not args.golden.is_dir():
        print(f"clean-corpus check: golden folder {args.golden} is not a folder (use --golden DIR)", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"clean-corpus check: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    try:
        report = run_check(
            args.captures,
            args.golden,
            args.paths or None,
            rule_dirs=tuple(args.rules),
            update=args.update,
            prune=args.prune,
            jobs=args.jobs,
            max_diff_lines=DIFF_LINES,
        )
    except RuleError as exc:
        print(f"clean-corpus check: bad rules: {exc}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    status = EXIT_PROBLEMS if report.problems else 0
    try:
        print_report(report, args.update)
        sys.stdout.flush()
    except BrokenPipeError:
        # ``check | head`` read what it wanted: the check's own verdict is still the exit status.
        silence_stdout()
    return status
