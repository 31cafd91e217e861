"""Take-backs inside the article: a catalogue's fields and the DOM container's list items that
one-line rules removed (declared in the rule file: ``overrule``, ``dom_overrule``).
"""

from __future__ import annotations

from cleaner.decide.detectors.dom import in_main_container
from cleaner.decide.detectors.records import catalogue_blocks
from cleaner.decide.page import Page
from cleaner.decide.rulebook import Rule


def reclaim_catalogue(page: Page, first: int, last: int, rule: Rule) -> None:
    """Take back the removals of one-line rules named in ``overrule`` inside the main region's
    catalogue: in its rhythm, the feature bullets that looked like a menu and the "Buy Now" that
    looked like a repeat are the records' fields."""
    overrule = {f"{rule.ruleset}/{name}" for name in rule.params.overrule}
    if not any(page.removed_by[i] in overrule for i in range(first, last + 1)):
        return  # nothing to take back: no need to look for a catalogue
    for i in sorted(catalogue_blocks(page, rule)):
        if first <= i <= last and page.removed_by[i] in overrule:
            page.restore(i, rule, "a field of a catalogue inside the main text")


def _label_only(text: str) -> bool:
    """Every word capitalised and no figure ("Jane Doe", "World News"): a list of names or
    sections (a staff box, a tag list), not a list of points, which has running words."""
    words = [w for w in text.split() if w[0].isalnum()]
    return bool(words) and all(w[0].isupper() for w in words)


def reclaim_list_items(page: Page, rule: Rule) -> None:
    """Inside the article container the DOM chose, take back list items that a text-dump rule
    named in ``dom_overrule`` took for a menu but that are not links: on HTML a menu's items are
    links, and the DOM says so; an article's list of points is text (also when it closes the
    article). Items that are only capitalised words (a staff box's names) stay out."""
    overrule = {f"{rule.ruleset}/{name}" for name in rule.params.dom_overrule}
    if not overrule:
        return
    most = rule.params.max_link_density
    for i in range(len(page.blocks)):
        block = page.blocks[i]
        if (page.removed_by[i] in overrule and block.link_density <= most and in_main_container(page, i)
                and not _label_only(block.content)):
            page.restore(i, rule, f"a list item inside the article container, not a link ({block.link_density:.2f})")
