"""The ``clean-corpus`` command line: a thin dispatcher over the sub-command modules beside it.

Each sub-command lives in its own module with a ``register(subparsers)`` function, so adding a
command never means editing a growing if-chain here. Only the module of the command being run
is imported: ``--help`` (and a mistyped command) needs none of them, and ``run`` does not pay
for what ``check`` or ``rules`` import. The one-line summaries ``--help`` lists are kept in
``COMMANDS`` for that; ``tests/test_cli.py`` checks they match what each module registers.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# Sub-command module under cleaner/cli/ -> its summary, in the order ``--help`` lists them.
COMMANDS = {
    "run": "clean captures into JSONL records",
    "explain": "show which rule dropped each line of a capture",
    "report": "draw a run report (run --report) as an HTML page",
    "rules": "list rule sets or test their examples",
    "dedup": "mark near-duplicates in an existing records file",
    "check": "check that captures still clean to their golden records (pre-commit hook)",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command's module registered, or only ``command``'s.

    The other commands get a placeholder with their summary, so ``--help`` and argparse's
    "invalid choice" message list them all the same.
    """
    parser = argparse.ArgumentParser(
        prog="clean-corpus",
        description=(
            "Turn raw web captures (text-browser dumps, copy-pastes, HTML) into clean article "
            "records, one JSON object per capture. Every line that does not reach the text is "
            "recorded with the id of the rule that removed it. No network access, ever."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(f"cleaner.cli.{name}").register(sub)
        else:
            sub.add_parser(name, help=summary)
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


def _command_name(argv: list[str]) -> str:
    """The sub-command ``argv`` names: its first argument that is not an option ('' if none).

    The top-level parser has no option taking a value, so this is the word argparse will read
    as the command.
    """
    return next((arg for arg in argv if not arg.startswith("-")), "")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    name = _command_name(argv)
    parser = build_parser(name if name in COMMANDS else "")
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

