"""Structural rules: code that a rule file names with ``detector = "..."``.

A pattern sees one block; a detector sees the page (repeats, position, the header around the
headline). Each detector is a function ``(page, rule) -> None`` that records its decisions
through ``Page.remove``/``Page.strip``, so the rule file still owns the id, the reason and the
examples, and this table is the only place that maps names to code and to the parameters each
detector declares (``cleaner.decide.params``; the loader checks a rule's ``params`` against them,
and ``rules/SCHEMA.md`` is generated from them).

The table names code by its place (``"module:function"``), and a detector's module is imported
when a rule that uses it first runs, or when its parameters are first needed (a rule naming it is
loaded): ``import cleaner.decide.detectors`` loads no detector, and no detector module imports
lxml at its top, so a run over text dumps never loads the HTML stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from cleaner.decide.params import NoParams

if TYPE_CHECKING:
    from cleaner.decide.page import Page
    from cleaner.decide.rulebook import Rule


@cache
def _resolve(where: str) -> Any:
    """The object ``"module:name"`` names, ``module`` relative to this package (imported once)."""
    module, _, name = where.partition(":")
    return getattr(import_module(f"{__name__}.{module}"), name)


@dataclass(frozen=True, slots=True)
class Detector:
    """Where a detector's code and the parameters it declares are (``"module:name"``)."""

    code: str
    params_at: str | None = None
    # Which captures the detector can judge: "html" for those that read the DOM skeleton (a
    # rule naming one applies to HTML only), "both" for those that read blocks.
    inputs: str = "both"

    @property
    def run(self) -> Callable[[Page, Rule], None]:
        return _resolve(self.code)

    @property
    def params(self) -> type:
        return _resolve(self.params_at) if self.params_at else NoParams

    @property
    def doc(self) -> str:
        """The first paragraph of the code's docstring, on one line (for SCHEMA.md)."""
        text = (self.run.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(text.split())

    def __call__(self, page: Page, rule: Rule) -> None:
        _resolve(self.code)(page, rule)


DETECTORS: dict[str, Detector] = {
    "repeated-block": Detector("repeats:repeated_block", "repeats:RepeatedBlockParams"),
    "repeated-text": Detector("repeats:repeated_text", "repeats:RepeatedTextParams"),
    "byline": Detector("header:byline", "header:BylineParams"),
    "date": Detector("header:date"),
    "headline": Detector("header:headline", "header:HeadlineParams"),
    "before-headline": Detector("header:before_headline", "header:BeforeHeadlineParams"),
    # the generic boilerplate classifier (overview: cleaner.decide.detectors.classifier)
    "outside-main-block": Detector("region:outside_main_block", "region:MainBlockParams"),
    "boilerplate-block": Detector("boilerplate:boilerplate_block", "boilerplate:BoilerplateParams"),
    "article-tail": Detector("tail:article_tail", "tail:ArticleTailParams"),
    "credit-line": Detector("credits:credit_lines", "credits:CreditLineParams"),
    "reader-lines": Detector("reader:reader_lines", "reader:ReaderLineParams"),
    # HTML structure (cleaner.decide.detectors.dom): no-ops on text dumps
    "html-hidden": Detector("dom:hidden", inputs="html"),
    "html-landmark": Detector("dom:landmark", "dom:LandmarkParams", inputs="html"),
    "class-token": Detector("dom:class_token", "dom:ClassTokenParams", inputs="html"),
    "html-main": Detector("dom:main_content", "dom:MainParams", inputs="html"),
}
