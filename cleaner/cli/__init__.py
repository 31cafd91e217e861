"""The ``clean-corpus`` command line: a thin dispatcher over the sub-command modules beside it.

Each sub-command lives in its own module with a ``register(subparsers)`` function, so adding a
command never means editing a growing if-chain here.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Sub-command modules under cleaner/cli/, in the order ``--help`` lists them.
COMMANDS = ("run", "explain", "report", "rules", "dedup", "check")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clean-corpus",
        description=(
            "Turn raw web captures (text-browser dumps, copy-pastes, HTML) into clean article "
            "records, one JSON object per capture. Every line that does not reach the text is "
            "recorded with the id of the rule that removed it. No network access, ever."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"cleaner.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("clean-corpus: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

