"""Detectors that judge a block by the page around it rather than by its own words."""

from __future__ import annotations

from collections import Counter

from cleaner.page import Page, is_prose
from cleaner.rules import Rule


def repeated_block(page: Page, rule: Rule) -> None:
    """Drop text the page shows more than once: captions (alt text + caption), widgets, teasers.

    Article paragraphs are written once. A short block seen twice is chrome, so every copy
    goes; a prose block seen twice is usually a pull quote or a summary, so the first copy
    stays. A block that the next block repeats and extends by a few words (a caption, then the
    same caption with its photo credit glued on) goes too, unless it is itself running text.
    """
    min_words = int(rule.params.get("min_words", 4))
    max_extension = int(rule.params.get("max_extension_words", 8))
    # Repeats are a fact of the page, so they are counted on the blocks as captured, whatever
    # other rules already removed.
    texts = [block.text.casefold() for block in page.blocks]
    counts = Counter(texts)
    seen: set[str] = set()
    for i, key in enumerate(texts):
        if len(key.split()) < min_words:
            continue
        if counts[key] > 1:
            if page.is_kept(i) and (not is_prose(key) or key in seen):
                page.remove(i, rule, f"shown {counts[key]} times on the page")
            seen.add(key)
            continue
        if i + 1 < len(texts) and page.is_kept(i) and not is_prose(key):
            nxt = texts[i + 1]
            extra = nxt[len(key):]
            if nxt.startswith(key) and extra and len(extra.split()) <= max_extension:
                page.remove(i, rule, "repeated by the next block with a few words added")
