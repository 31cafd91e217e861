"""``clean-corpus rules``: list rule sets, and run their self-checking examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaner.decide.examples import check_ruleset
from cleaner.decide.rulebook import RuleError, builtin_rules_dir, load_rulesets, rule_files


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "rules",
        help="list rule sets or test their examples",
        description="Work with rule sets (TOML files: generic.toml and sites/*.toml in a rules folder).",
    )
    actions = parser.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    test = actions.add_parser(
        "test",
        help="run every rule's own drops/keeps examples",
        description=(
            "Load the rule files in each DIR (default: the built-in rules) and check that every "
            "rule removes something from each of its 'drops' examples and nothing from its "
            "'keeps' examples. Exit 1 when an example fails, 2 when a file cannot be loaded."
        ),
    )
    test.add_argument("dirs", nargs="*", type=Path, metavar="DIR")
    test.set_defaults(handler=handle_test)
    listing = actions.add_parser("list", help="list rule sets and their rules with reasons")
    listing.add_argument("dirs", nargs="*", type=Path, metavar="DIR")
    listing.set_defaults(handler=handle_list)
    schema = actions.add_parser(
        "schema",
        help="print the rule-file schema (rules/SCHEMA.md): keys, detectors and their parameters",
        description="Print the rule-file schema as Markdown, generated from the detectors' declarations.",
    )
    schema.set_defaults(handler=handle_schema)


def _load(dirs: list[Path], action: str) -> list | None:
    """The rule sets of ``dirs`` (default: the built-in ones), or None after saying on stderr
    what is wrong with them (``file:line: ...``)."""
    sets = []
    try:
        for directory in dirs or [builtin_rules_dir()]:
            if directory.is_dir() and not rule_files(directory):
                # an empty or wrong folder must not pass "0 failed"
                raise RuleError(f"{directory}: no rule files (*.toml) in this folder")
            sets.extend(load_rulesets(directory))
    except RuleError as exc:
        print(f"clean-corpus rules {action}: {exc}", file=sys.stderr)
        return None
    return sets


def handle_test(args: argparse.Namespace) -> int:
    sets = _load(args.dirs, "test")
    if sets is None:
        return 2
    failed = 0
    examples = 0
    for ruleset in sets:
        failures = check_ruleset(ruleset)
        examples += sum(len(r.drops) + len(r.keeps) for r in ruleset.rules)
        for failure in failures:
            print(f"FAIL {ruleset.path}: {failure}")
        failed += len(failures)
    rules = sum(len(s.rules) for s in sets)
    print(f"{len(sets)} rule set(s), {rules} rule(s), {examples} example(s): {failed} failed")
    return 1 if failed else 0


def handle_list(args: argparse.Namespace) -> int:
    sets = _load(args.dirs, "list")
    if sets is None:
        return 2
    for ruleset in sets:
        how = ", ".join(ruleset.domains) or "every capture"
        print(f"{ruleset.id}  ({ruleset.path}; for {how})")
        for rule in ruleset.rules:
            print(f"  {rule.qualified_id:<34} {rule.action:<16} {rule.reason}")
    return 0


def handle_schema(args: argparse.Namespace) -> int:
    from cleaner.decide.schema import schema_markdown

    sys.stdout.write(schema_markdown())
    return 0
