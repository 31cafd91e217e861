"""Detectors that judge a block by the page around it rather than by its own words."""

from __future__ import annotations

from collections import Counter

from cleaner.features import SENTENCE_END
from cleaner.page import Page, is_prose
from cleaner.rules import Rule


def _doubled(text: str, min_words: int) -> bool:
    """True when ``text`` is one phrase printed twice ("Title of a story Title of a story").

    Only a phrase glued to itself: when the first copy ends like a sentence, the block is two
    sentences that happen to be the same, which is left to the rest of the rules.
    """
    words = text.split()
    half = len(words) // 2
    return (len(words) % 2 == 0 and half >= min_words and words[:half] == words[half:]
            and not SENTENCE_END.search(words[half - 1]))


def repeated_block(page: Page, rule: Rule) -> None:
    """Drop text the page shows more than once: captions (alt text + caption), widgets, teasers.

    Article paragraphs are written once. A short block seen twice is chrome, so every copy
    goes; a prose block seen twice is usually a pull quote or a summary, so the first copy
    stays. A block that the next block repeats and extends by a few words (a caption, then the
    same caption with its photo credit glued on) goes too, unless it is itself running text. So
    does a block that is one phrase printed twice (a teaser card whose image title and link both
    print the headline): prose never repeats itself word for word back to back.
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
        if page.is_kept(i) and _doubled(page.blocks[i].text, min_words):
            page.remove(i, rule, "the same words twice in a row (a teaser card's image title and link)")
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
