"""Detectors for the article header: the headline, the byline and the date above the body.

They only look at the *header zone*: the blocks still kept before the first paragraph of
running text. That is what keeps a teaser card's "By Jane Doe · 2 hours ago" further down the
page from ever becoming the article's byline or date.
"""

from __future__ import annotations

import re

from cleaner.normalize.bylines import looks_like_byline, parse_byline
from cleaner.normalize.dates import MONTH, WEEKDAY, looks_like_date_line
from cleaner.page import Page, is_prose
from cleaner.rules import Rule

_BARE_BY = re.compile(r"(?i)^(?:written |words |story )?by:?$")
_TITLE_END = re.compile(r"[.:;,]$")
# A line opening with a full date ("November 12, 2018 Beachbody", "12 March 2019 | News") is the
# date-and-credit line of the header, not a headline.
_DATED = re.compile(rf"^\W*(?:{WEEKDAY},?\s+)?(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}})\b", re.IGNORECASE)


def header_zone(page: Page) -> list[int]:
    """Kept blocks before the first kept block of running text (all kept blocks if none)."""
    zone: list[int] = []
    for i in page.kept():
        if is_prose(page.text[i]):
            break
        zone.append(i)
    return zone


def byline(page: Page, rule: Rule) -> None:
    """Take bylines out of the header into ``fields.bylines``; drop the widget's repeats of them.

    A byline split over two lines (``By`` then ``Bloomberg``) is read as one. A block that is
    just a name already credited (widgets print the author twice) goes with the same rule.
    """
    zone = header_zone(page)
    credited: set[str] = set()
    pos = 0
    while pos < len(zone):
        i = zone[pos]
        text = page.text[i]
        if _BARE_BY.match(text) and pos + 1 < len(zone):
            j = zone[pos + 1]
            combined = f"{text} {page.text[j]}"
            if looks_like_byline(combined) and not looks_like_date_line(page.text[j]):
                page.remove(i, rule, "a bare 'By' whose name is on the next line")
                page.remove(j, rule, "the name after a bare 'By'")
                page.fields.bylines.append(combined)
                credit = parse_byline(combined)
                credited.update(n.casefold() for n in credit.authors + credit.agencies)
                credited.add(page.text[j].casefold())
                pos += 2
                continue
        if looks_like_byline(text):
            page.remove(i, rule, "reads as a byline")
            page.fields.bylines.append(text)
            credit = parse_byline(text)
            credited.update(n.casefold() for n in credit.authors + credit.agencies)
        elif text.casefold() in credited:
            page.remove(i, rule, "repeats a name already credited")
        pos += 1


def date(page: Page, rule: Rule) -> None:
    """Take date lines of the header into ``fields.dates`` (the normalizer picks which one)."""
    for i in header_zone(page):
        if looks_like_date_line(page.text[i]):
            page.remove(i, rule, "a date line above the article body")
            page.fields.dates.append(page.text[i])


def _title_like(page: Page, i: int, min_words: int, max_words: int) -> bool:
    text = page.text[i]
    words = len(text.split())
    return (
        min_words <= words <= max_words
        and page.blocks[i].bullet is None
        and not _TITLE_END.search(text)
        and any(c.isalpha() for c in text)
        and not _DATED.match(text)
    )


def headline(page: Page, rule: Rule) -> None:
    """The headline: the last title-like block of the header before the byline/date.

    Without a byline or date to anchor on, a headline is taken only when it is the block
    right before the body; otherwise the title stays null (never guessed from the body).
    """
    min_words = int(rule.params.get("min_words", 3))
    max_words = int(rule.params.get("max_words", 30))
    anchor_rules = {f"{rule.ruleset}/{name}" for name in rule.params.get("anchors", ["byline", "date"])}
    anchors = [i for i, r in enumerate(page.removed_by) if r in anchor_rules]
    zone = header_zone(page)
    if anchors:
        candidates = [i for i in zone if i < anchors[0]]
    else:
        candidates = zone[-1:]
    for i in reversed(candidates):
        if _title_like(page, i, min_words, max_words):
            page.fields.title = page.text[i]
            page.remove(i, rule, "the headline (moved to the record's title)")
            return
        if not anchors:
            return


def before_headline(page: Page, rule: Rule) -> None:
    """Everything still kept above the headline is masthead, menus and crumbs."""
    rule_id = f"{rule.ruleset}/{rule.params.get('headline_rule', 'headline')}"
    titles = [i for i, r in enumerate(page.removed_by) if r == rule_id]
    if not titles:
        return
    for i in page.kept():
        if i >= titles[0]:
            break
        page.remove(i, rule, "above the headline")
