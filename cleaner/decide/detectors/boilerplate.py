"""Inside the main region: blocks that are mostly links, or nearly free of stop words and not a
sentence (``boilerplate-block``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.decide.detectors.judge import BAD, classify, deferred
from cleaner.decide.detectors.records import RecordParams, found_catalogue, record_rows
from cleaner.decide.features import ends_like_sentence
from cleaner.decide.page import Page
from cleaner.decide.params import param
from cleaner.decide.rulebook import Rule


@dataclass(frozen=True, slots=True)
class BoilerplateParams(RecordParams):
    max_stop_density: float = param(0.1, "a bad block below this stop-word density that is no sentence goes")
    keep_records: bool = param(False, "leave table rows, numbered items and catalogue fields alone")


def boilerplate_block(page: Page, rule: Rule) -> None:
    """Drop blocks inside the main text that are mostly links, or nearly free of stop words and
    not a sentence (a row of menu words, a tag cloud, a code of a widget).

    Deliberately narrow: other ``bad`` blocks inside the article are as often its lists, tables
    and subheadings as chrome (on the devset, removing every ``bad`` block inside the region
    cost more recall than it bought precision). On HTML whose article container the DOM chose
    (``defer_to``) only the link test applies (``_link_blocks``).
    """
    if deferred(page, rule):
        _link_blocks(page, rule)
        return
    judged = classify(page, rule)
    max_stop = rule.params.max_stop_density
    # Table rows and numbered items have few stop words by nature: they are not a menu.
    rows = record_rows(page, sorted(judged), rule) | found_catalogue(page) if rule.params.keep_records else set()
    for i, j in judged.items():
        if j.cls != BAD:
            continue
        f = j.features
        if f.link_density > rule.params.max_link_density:
            page.remove(i, rule, f"{j.reason}: {f.describe()}")
        elif i in rows:
            continue
        elif f.stop_density < max_stop and not f.sentence_end and f.units >= rule.params.short_words:
            page.remove(i, rule, f"hardly any stop words (< {max_stop:.2f}), not a sentence: {f.describe()}")


# A link whose text is its own address ("http://example.com/x"): the author printed it, as
# part of the text; a teaser's link text is a headline.
_PRINTED_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*$")


def _link_blocks(page: Page, rule: Rule) -> None:
    """Inside an article container the DOM chose: drop only the blocks that are mostly link text
    and not a sentence (teaser headlines and link lists the container also holds). The link
    density is the DOM's own, so no language or stop words are needed: HTML pages skip them."""
    most = rule.params.max_link_density
    catalogue = found_catalogue(page)
    for i in page.kept():
        block = page.blocks[i]
        text = page.text[i]
        if (block.link_density > most and i not in catalogue and not ends_like_sentence(text)
                and not _PRINTED_URL.match(text)):
            page.remove(i, rule, f"mostly link text, not a sentence (links {block.link_density:.2f})")
