"""The classifier's block judge: each block's class from its own features (jusText's step).

The page's language (for the stop-word signal) and each block's features are computed once per
page and kept on it; ``deferred`` tells the classifier rules that the DOM already chose the
article's container. See ``cleaner.decide.detectors.classifier`` for the whole method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.decide.features import Features, block_features
from cleaner.decide.language import Language, choose_language
from cleaner.decide.page import Page
from cleaner.decide.params import Strings, param
from cleaner.decide.rulebook import Rule

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


@dataclass(frozen=True, slots=True)
class JudgeParams:
    """What both classifier rules share: the block judge and the DOM deferral."""

    top_n: int = param(100, "language choice: top entries of each stop-word list compared")
    head_k: int = param(30, "language choice: how many of the most frequent must occur on the page")
    max_link_density: float = param(0.5, "a block with more link text than this share is bad (HTML)")
    short_words: float = param(5.0, "below this many word units a block is too short to judge alone")
    long_words: float = param(15.0, "from this many word units a stop-word-rich sentence block is a paragraph")
    unended_words: float = param(60.0, "from this many word units, text without a sentence end still counts")
    stop_low: float = param(0.25, "stop-word density below which a sentence has few stop words")
    stop_high: float = param(0.32, "stop-word density of running text")
    lead_in_words: float = param(0.0, "from this many word units, running text that ends in a colon or in a footnote "
                                      "mark after its full stop is a paragraph (0: off)")
    defer_to: Strings = param((), "rules that, once they removed a block, mean the DOM chose the article "
                                  "(then only the DOM-safe part of this rule runs)", refs=True)


@dataclass(frozen=True, slots=True)
class Judgement:
    cls: str
    features: Features
    reason: str


def _page_state(page: Page, rule: Rule) -> tuple[Language, dict[tuple[int, str], Features]]:
    """The page's language and its block features so far (keyed by block and current text).

    Both classifier rules need them, and a block's features depend only on its text and the
    page's language, so they are kept on the page (``Page.memo``), never across pages.
    """
    key = ("classifier", rule.params.top_n, rule.params.head_k)
    state = page.memo.get(key)
    if state is None:
        language = choose_language((block.text for block in page.blocks), top_n=key[1], head_k=key[2])
        state = page.memo[key] = (language, {})
    return state


def page_language(page: Page, rule: Rule) -> Language:
    """The page's language, from every block's text (chrome included: it is the same language)."""
    return _page_state(page, rule)[0]


# The end of a paragraph that is still running text without ending like a sentence: a colon
# that introduces a quote or a list ("... endorsed by partners such as:"), or a sentence end
# followed by a footnote mark ("... of the report.[3]", "...said.”[12]") or by a bracketed
# source key of two to eight codes in capitals and digits ("... ended the war. [B2 / AK SP]").
# A link label in brackets ("[Read more]") is no key, nor are one code's initials ("... here.
# [DC]"): a blogger signing a reply in the comments.
_LEAD_IN_END = re.compile(r"(?::|[.!?][\"'”’)]*\s?\[(?:\d{1,3}|[A-Z0-9]{1,6}(?:(?:\s?[/,;]\s?|\s)[A-Z0-9]{1,6}){1,7})\])\s*$")


def judge(features: Features, rule: Rule, text: str = "") -> Judgement:
    """Class of one block from its own features (jusText's context-free step).

    A sentence end matters as much as the stop words: on news pages most blocks of any length
    that do not end like a sentence are titles, menus, teaser links or credits.
    """
    f = features
    if f.link_density > rule.params.max_link_density:
        return Judgement(BAD, f, "mostly link text")
    if f.units < rule.params.short_words:
        return Judgement(SHORT, f, "too short to judge alone")
    stop_low, stop_high = rule.params.stop_low, rule.params.stop_high
    lead_in = rule.params.lead_in_words
    if (not f.sentence_end and lead_in and f.units >= lead_in and f.stop_density >= stop_high
            and _LEAD_IN_END.search(text)):
        return Judgement(GOOD, f, "running text that leads in to what follows (a colon or a footnote mark)")
    if not f.sentence_end:
        if f.stop_density >= stop_high and f.units >= rule.params.unended_words:
            return Judgement(NEAR, f, "long text without a sentence end")
        return Judgement(BAD, f, "does not end like a sentence")
    if f.stop_density >= stop_high and f.units >= rule.params.long_words:
        return Judgement(GOOD, f, "running text")
    if f.stop_density >= stop_low:
        return Judgement(NEAR, f, "a sentence, short or few stop words")
    return Judgement(NEAR, f, f"a sentence with few stop words (< {stop_low:.2f})")


def classify(page: Page, rule: Rule) -> dict[int, Judgement]:
    """Judge every kept block of the page."""
    language, cache = _page_state(page, rule)
    judged = {}
    for i in page.kept():
        key = (i, page.text[i])
        features = cache.get(key)
        if features is None:
            features = cache[key] = block_features(page.blocks[i], page.text[i], language)
        judged[i] = judge(features, rule, page.text[i])
    return judged


# ``Page.memo`` key ``html-main`` sets when the container it chose is the whole page
# (``cleaner.decide.detectors.dom.WHOLE_PAGE``; not imported, so that the text path does not load
# the DOM detectors).
DOM_WHOLE_PAGE = "html-main-whole-page"


def deferred(page: Page, rule: Rule) -> bool:
    """True when a rule named in ``params.defer_to`` already chose the page's main content.

    On HTML the DOM detectors (``html-main``) see the article's container; a region chosen again
    from the text alone can only undo part of that choice (on the devset it cost HTML 0.02 F1).
    On text dumps those rules never fire, and the classifier decides. A container that is the
    whole page is a choice too (``html-main`` removes nothing then): the page is the article.
    """
    names = {f"{rule.ruleset}/{name}" for name in rule.params.defer_to}
    if not names:
        return False
    # A container that is the whole page removes nothing, but it is a choice: the DOM found no
    # smaller box of the article, so the page is the article.
    return any(r in names for r in page.removed_by) or ("html-main" in rule.params.defer_to
                                                          and bool(page.memo.get(DOM_WHOLE_PAGE)))
