"""The ``clean-corpus`` command line: a thin dispatcher over the sub-command modules beside it.

Each sub-command lives in its own module with a ``register(subparsers)`` function, so adding a
command never means editing a growing if-chain here.
"""

from __future__ import annotations

import argparse
import importlib
import os
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


# What a shell reports for a process killed by SIGPIPE (128 + 13); Python ignores the signal and
# raises BrokenPipeError instead, which must not turn into a success under ``set -o pipefail``.
EXIT_BROKEN_PIPE = 141


def silence_stdout() -> None:
    """Point stdout at /dev/null after the reader went away, so the interpreter's last flush
    does not print a second error; the exit status already says what happened."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (an embedding caller): nothing to silence
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = int(args.handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handler's reach
        return status
    except KeyboardInterrupt:
        print("clean-corpus: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE

