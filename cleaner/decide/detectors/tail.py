"""The article's tail: a block in the main text's last part that opens an author bio, an 'About'
box, an appeal or a comment form ends the article there (``article-tail``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.decide.detectors.judge import deferred
from cleaner.decide.features import ends_like_sentence, word_units
from cleaner.decide.page import Page
from cleaner.decide.params import Strings, Table, param
from cleaner.decide.rulebook import Rule


@dataclass(frozen=True, slots=True)
class ArticleTailParams:
    openers: Table = param((), "named lists of patterns of a block that opens the box after an article",
                           regex=True)
    about_heading: str | None = param(None, "an 'About <subject>' heading (group 'subject') that opens a box",
                                      regex=True)
    about_generic: str = param("(?!)", "subjects of an 'About' heading that need no box after them", regex=True)
    about_look: int = param(3, "kept blocks after an 'About' heading searched for its subject")
    opener_max_words: float = param(120.0, "a block longer than this many word units opens nothing")
    opener_rules: Strings = param((), "rules whose removals open the box after an article", refs=True)
    min_article_words: float = param(150.0, "word units of kept text needed before the opener")
    max_tail_share: float = param(0.3, "kept text after the opener, at most this share of the text before")
    defer_to: Strings = param((), "rules that, once they removed a block, mean the DOM chose the article: "
                                  "do nothing", refs=True)
    heading_words: float = param(0.0, "kept lines of at most this many word units and no sentence end right "
                                      "before the opener are the box's heading (0: off)")


# --- the article's tail -------------------------------------------------------------------------

_TAIL_PATTERNS: dict[str, re.Pattern[str]] = {}  # the rule's patterns, compiled once


def _tail_pattern(pattern: str) -> re.Pattern[str]:
    compiled = _TAIL_PATTERNS.get(pattern)
    if compiled is None:
        compiled = _TAIL_PATTERNS[pattern] = re.compile(pattern)
    return compiled


_NAME_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def _about_box(page: Page, i: int, after: list[int], about: re.Pattern[str], generic: re.Pattern[str],
               look: int) -> bool:
    """True when block ``i`` is an "About <name>" heading whose box follows: one of the next
    ``look`` kept blocks names the same subject ("About Acme" / "Acme is a ..."), or the heading
    names the author in general ("About the author")."""
    m = about.match(page.text[i].strip())
    if m is None:
        return False
    subject = m.group("subject").strip()
    if generic.fullmatch(subject):
        return True
    names = [w.casefold() for w in _NAME_WORD.findall(subject)]
    if not names:
        return False
    for j in after[:look]:
        text = page.text[j].casefold()
        if all(name in text for name in names):
            return True
    return False


def _box_heading(page: Page, rule: Rule, before: list[int], units: dict[int, float], kind: str) -> None:
    """Remove the lines right before the box's opener that head the box, not the article.

    The author's name over a bio, a photo credit, a "Call to action" button: short lines
    without a sentence end between the last paragraph and the box. Left kept, they became the
    edge of the text, and cleaning the text again removed them as outside the main text.
    """
    most = rule.params.heading_words
    if not most:
        return
    for j in reversed(before):
        text = page.text[j].strip()
        if units[j] > most or ends_like_sentence(text) or page.blocks[j].bullet is not None:
            return
        page.remove(j, rule, f"heads the box after the article ({kind}): {units[j]:.0f} words, no sentence end")


def article_tail(page: Page, rule: Rule) -> None:
    """End the main text where a block in its last part opens the box that follows an article.

    The main region (``outside-main-block``) ends at the last run of prose, and the prose that
    pages print under an article is often long enough to belong to it: an author's bio ("Jane
    Doe is a reporter covering ..."), a press release's "About Acme" boilerplate, a donation
    appeal, the fine print of a comment form. A block that opens such a box (a pattern of
    ``params.openers``, or a block an earlier rule of ``params.opener_rules`` removed as one)
    ends the article when it sits in the article's tail: at least ``min_article_words`` of kept
    text before it, and what is kept after it no more than ``max_tail_share`` of that (an
    author note or a sign-up box in the middle of an article is followed by more article).
    """
    if deferred(page, rule):
        return
    kept = page.kept()
    if not kept:
        return
    params: ArticleTailParams = rule.params
    openers = [(kind, _tail_pattern(p)) for kind, patterns in params.openers for p in patterns]
    about = _tail_pattern(params.about_heading) if params.about_heading is not None else None
    generic_subject = _tail_pattern(params.about_generic)
    look = params.about_look
    max_words = params.opener_max_words
    opener_rules = {f"{rule.ruleset}/{name}" for name in params.opener_rules}
    min_before = params.min_article_words
    max_share = params.max_tail_share
    units = {i: word_units(page.text[i]) for i in kept}
    total = sum(units.values())
    kept_set = set(kept)
    before = 0.0
    pos = 0
    for i in range(kept[0], kept[-1] + 1):
        if i in kept_set:
            after = kept[pos + 1:pos + 1 + look]  # only the next ``look`` are read: a bounded copy
            kind = None
            if units[i] <= max_words:
                text = page.text[i].strip()
                kind = next((k for k, p in openers if p.search(text)), None)
                if kind is None and about is not None and _about_box(page, i, after, about, generic_subject, look):
                    kind = "an 'About' box"
            rest = total - before - units[i]
            if kind and before >= min_before and rest <= max_share * before:
                why = (f"{kind} opens here ({page.text[i].strip()[:60]!r}): the end of the article "
                       f"({before:.0f} words before, {units[i]:.0f} in this block, {rest:.0f} after)")
                _box_heading(page, rule, kept[:pos], units, kind)
                for j in kept[pos:]:
                    page.remove(j, rule, why)
                return
            before += units[i]
            pos += 1
        elif page.removed_by[i] in opener_rules:
            rest = total - before
            if before >= min_before and rest <= max_share * before:
                _box_heading(page, rule, kept[:pos], units, page.removed_by[i])
                why = (f"after {page.removed_by[i]} ({page.blocks[i].text.strip()[:60]!r}): the end "
                       f"of the article ({before:.0f} words before, {rest:.0f} after)")
                for j in kept[pos:]:
                    page.remove(j, rule, why)
                return
