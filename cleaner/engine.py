"""Stage 3: apply rule sets to a page, in order, recording every removal.

Site rules run before generic ones (the specific knows better than the general), and within a
set rules run in file order. A block belongs to the first rule that removes it. Pattern rules
are interpreted here; structural rules name a detector from ``cleaner.detectors``.
"""

from __future__ import annotations

from cleaner.detectors import DETECTORS
from cleaner.page import Page
from cleaner.rules import Rule, RuleSet


def _guards_pass(page: Page, i: int, rule: Rule) -> bool:
    """Word-count, bullet and position guards a rule file may put on a pattern."""
    words = page.words(i)
    if rule.max_words is not None and words > rule.max_words:
        return False
    if rule.min_words is not None and words < rule.min_words:
        return False
    if rule.bullet is not None and (page.blocks[i].bullet is not None) != rule.bullet:
        return False
    return not (rule.after_prose and not page.prose_before(i))


def _apply_drop(page: Page, rule: Rule) -> None:
    assert rule.pattern is not None
    for i in page.kept():
        if rule.pattern.search(page.text[i]) and _guards_pass(page, i, rule):
            page.remove(i, rule, f"matched {rule.pattern.pattern!r}")


def _apply_strip(page: Page, rule: Rule) -> None:
    assert rule.pattern is not None
    for i in page.kept():
        if not _guards_pass(page, i, rule):
            continue
        # Strip right to left so earlier offsets stay valid.
        for match in reversed(list(rule.pattern.finditer(page.text[i]))):
            if match.end() > match.start() and page.is_kept(i):
                page.strip(i, rule, match.start(), match.end(), f"matched {rule.pattern.pattern!r}")


def _apply_section(page: Page, rule: Rule) -> None:
    """A heading that opens a block of chrome (``Most Popular``): drop it and what follows."""
    assert rule.pattern is not None
    kept = page.kept()
    for pos, i in enumerate(kept):
        if not (rule.pattern.search(page.text[i]) and _guards_pass(page, i, rule)):
            continue
        heading = page.text[i]
        page.remove(i, rule, f"section heading {heading!r}")
        for j in kept[pos + 1 :]:
            block = page.blocks[j]
            if rule.extent == "paragraph" and block.blank_before:
                break
            if rule.until is not None and rule.until.search(page.text[j]):
                break
            page.remove(j, rule, f"inside the section under {heading!r}")
        return


_PATTERN_APPLIERS = {"drop": _apply_drop, "strip": _apply_strip, "section": _apply_section}


def apply_rule(page: Page, rule: Rule) -> None:
    """Apply one rule to the page."""
    if rule.detector is not None:
        try:
            detector = DETECTORS[rule.detector]
        except KeyError:
            raise ValueError(f"rule {rule.qualified_id} names unknown detector {rule.detector!r}") from None
        detector(page, rule)
    else:
        _PATTERN_APPLIERS[rule.action](page, rule)


def apply_rulesets(page: Page, rulesets: list[RuleSet]) -> Page:
    """Apply every rule of every set, in order, and return the same page."""
    for ruleset in rulesets:
        for rule in ruleset.rules:
            apply_rule(page, rule)
    return page
