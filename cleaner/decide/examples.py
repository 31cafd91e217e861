"""Self-checks of rule files: every rule's own ``drops`` and ``keeps`` examples.

A rule is checked in the context it runs in: the rules before it in its set run first (a
headline needs the byline found before it), then the rule, and only removals made by the rule
itself are looked at. A ``drops`` example passes when the rule removes something from it; a
``keeps`` example passes when the rule removes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.decide.engine import apply_rule
from cleaner.decide.page import Page
from cleaner.decide.rulebook import Rule, RuleSet
from cleaner.read.capture import sniff_kind
from cleaner.segment.blocks import split_blocks
from cleaner.segment.html_blocks import parse_html


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    kind: str  # "drops" or "keeps"
    example: str
    removed: tuple[str, ...]

    def __str__(self) -> str:
        if self.kind == "drops":
            return f"{self.rule}: should remove something from {self.example!r}, removed nothing"
        return f"{self.rule}: should keep {self.example!r} whole, removed {list(self.removed)!r}"


def removed_by_rule(ruleset: RuleSet, rule: Rule, example: str) -> tuple[str, ...]:
    """What ``rule`` (after the rules before it in its set) removes from ``example``."""
    if sniff_kind(example[:4096].encode("utf-8", "replace")) == "html":
        # HTML-structure rules carry HTML examples: checked on the DOM blocks, as pages are.
        parsed = parse_html(example)
        page = Page(parsed.blocks, kind="html", structure=parsed.skeleton)
    else:
        page = Page(split_blocks(example))
    for earlier in ruleset.rules:
        apply_rule(page, earlier)
        if earlier is rule:
            break
    rule_id = rule.qualified_id
    whole = [page.blocks[i].text for i, r in enumerate(page.removed_by) if r == rule_id]
    parts = [t.text for trims in page.trims for t in trims if t.rule == rule_id]
    return tuple(whole + parts)


def check_ruleset(ruleset: RuleSet) -> list[ExampleFailure]:
    """Run every example of every rule in the set; return the failures (empty: all good)."""
    failures = []
    for rule in ruleset.rules:
        for example in rule.drops:
            if not removed_by_rule(ruleset, rule, example):
                failures.append(ExampleFailure(rule.qualified_id, "drops", example, ()))
        for example in rule.keeps:
            removed = removed_by_rule(ruleset, rule, example)
            if removed:
                failures.append(ExampleFailure(rule.qualified_id, "keeps", example, removed))
    return failures
