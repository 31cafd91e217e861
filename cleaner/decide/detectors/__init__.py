"""Structural rules: code that a rule file names with ``detector = "..."``.

A pattern sees one block; a detector sees the page (repeats, position, the header around the
headline). Each detector is a function ``(page, rule) -> None`` that records its decisions
through ``Page.remove``/``Page.strip``, so the rule file still owns the id, the reason and the
examples, and this table is the only place that maps names to code and to the parameters each
detector declares (``cleaner.decide.params``; the loader checks a rule's ``params`` against them,
and ``rules/SCHEMA.md`` is generated from them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.decide.detectors import boilerplate, credits, dom, header, reader, region, repeats, tail
from cleaner.decide.params import NoParams

if TYPE_CHECKING:
    from cleaner.decide.page import Page
    from cleaner.decide.rulebook import Rule


@dataclass(frozen=True, slots=True)
class Detector:
    """A detector's code and the parameters it declares."""

    run: Callable[[Page, Rule], None]
    params: type = NoParams
    # Which captures the detector can judge: "html" for those that read the DOM skeleton (a
    # rule naming one applies to HTML only), "both" for those that read blocks.
    inputs: str = "both"

    @property
    def doc(self) -> str:
        """The first paragraph of the code's docstring, on one line (for SCHEMA.md)."""
        text = (self.run.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(text.split())

    def __call__(self, page: Page, rule: Rule) -> None:
        self.run(page, rule)


DETECTORS: dict[str, Detector] = {
    "repeated-block": Detector(repeats.repeated_block, repeats.RepeatedBlockParams),
    "repeated-text": Detector(repeats.repeated_text, repeats.RepeatedTextParams),
    "byline": Detector(header.byline, header.BylineParams),
    "date": Detector(header.date),
    "headline": Detector(header.headline, header.HeadlineParams),
    "before-headline": Detector(header.before_headline, header.BeforeHeadlineParams),
    # the generic boilerplate classifier (overview: cleaner.decide.detectors.classifier)
    "outside-main-block": Detector(region.outside_main_block, region.MainBlockParams),
    "boilerplate-block": Detector(boilerplate.boilerplate_block, boilerplate.BoilerplateParams),
    "article-tail": Detector(tail.article_tail, tail.ArticleTailParams),
    "credit-line": Detector(credits.credit_lines, credits.CreditLineParams),
    "reader-lines": Detector(reader.reader_lines, reader.ReaderLineParams),
    # HTML structure (cleaner.decide.detectors.dom): no-ops on text dumps
    "html-hidden": Detector(dom.hidden, inputs="html"),
    "html-landmark": Detector(dom.landmark, dom.LandmarkParams, inputs="html"),
    "class-token": Detector(dom.class_token, dom.ClassTokenParams, inputs="html"),
    "html-main": Detector(dom.main_content, dom.MainParams, inputs="html"),
}
