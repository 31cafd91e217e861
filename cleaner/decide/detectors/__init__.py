"""Structural rules: code that a rule file names with ``detector = "..."``.

A pattern sees one block; a detector sees the page (repeats, position, the header around the
headline). Each detector is a function ``(page, rule) -> None`` that records its decisions
through ``Page.remove``/``Page.strip``, so the rule file still owns the id, the reason and the
examples, and this table is the only place that maps names to code.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.decide.detectors import classifier, credits, dom, header, repeats
from cleaner.decide.page import Page
from cleaner.decide.rulebook import Rule

Detector = Callable[[Page, Rule], None]

DETECTORS: dict[str, Detector] = {
    "repeated-block": repeats.repeated_block,
    "repeated-text": repeats.repeated_text,
    "byline": header.byline,
    "date": header.date,
    "headline": header.headline,
    "before-headline": header.before_headline,
    # the generic boilerplate classifier (cleaner.decide.detectors.classifier)
    "outside-main-block": classifier.outside_main_block,
    "boilerplate-block": classifier.boilerplate_block,
    "article-tail": classifier.article_tail,
    "credit-line": credits.credit_lines,
    # HTML structure (cleaner.decide.detectors.dom): no-ops on text dumps
    "html-hidden": dom.hidden,
    "html-landmark": dom.landmark,
    "class-token": dom.class_token,
    "html-main": dom.main_content,
}
