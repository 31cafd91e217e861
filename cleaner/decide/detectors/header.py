"""Detectors for the article header: the headline, the byline and the date above the body.

They only look at the *header zone*: the blocks still kept before the first paragraph of
running text. That is what keeps a teaser card's "By Jane Doe · 2 hours ago" further down the
page from ever becoming the article's byline or date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cleaner.decide.detectors.judge import deferred
from cleaner.decide.features import word_units
from cleaner.decide.page import Page, is_prose
from cleaner.decide.params import Strings, param
from cleaner.decide.rulebook import Rule
from cleaner.lexicon.bylines import (
    byline_date,
    canonical_agency,
    date_then_by,
    looks_like_byline,
    parse_byline,
)
from cleaner.lexicon.credits import read_source_line, split_trailing_credit
from cleaner.lexicon.dates import MONTH, WEEKDAY, looks_like_date_line
from cleaner.lexicon.tables import agency_exact_forms, fold, load_table

_BARE_BY = re.compile(r"(?i)^(?:written |words |story )?by:?$")
_TITLE_END = re.compile(r"[.:;,]$")
_NON_WORD = re.compile(r"[\W_]+")
# A line opening with a full date ("November 12, 2018 Beachbody", "12 March 2019 | News") is the
# date-and-credit line of the header, not a headline.
_DATED = re.compile(rf"(?:^|\s)\W*(?:{WEEKDAY},?\s+)?(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}})\b", re.IGNORECASE)


_SEPARATORS = re.compile(r"::|[|»>·]")
_INITIAL = re.compile(r"[A-Z]\.")
# Paragraphs of the story's opening searched for a bare name: a byline is not repeated there.
_OPENING = 3


def header_zone(page: Page) -> list[int]:
    """Kept blocks before the first kept block of running text (all kept blocks if none)."""
    zone: list[int] = []
    for i in page.kept():
        if is_prose(page.text[i]):
            break
        zone.append(i)
    return zone


@dataclass(frozen=True, slots=True)
class BylineParams:
    stray_bylines: bool = param(False, "also remove bylines below the header zone (a teaser card's)")
    late_blocks: int = param(0, "a byline among this many kept blocks after the header is the article's own")


@dataclass(frozen=True, slots=True)
class HeadlineParams:
    min_words: int = param(4, "fewest word units of a headline (CJK characters count two to a word)")
    max_words: int = param(25, "most word units of a headline")
    anchors: Strings = param(("byline", "date"), "rules whose removals mark the header's end (the headline is above)",
                             refs=True)
    reclaim: Strings = param((), "rules whose removals may still be the headline (a repeat of it): taken over",
                             takes_back=True)
    reject: Strings = param((), "shapes a headline never has: a line matching one is skipped", regex=True)
    reject_printed: Strings = param((), "shapes of the line as printed (spaces kept) a headline never has", regex=True)
    reach: int = param(0, "most header blocks the search looks at above the byline/date (0: all of them)")


@dataclass(frozen=True, slots=True)
class BeforeHeadlineParams:
    headline_rule: str = param("headline", "the rule that finds the headline", refs=True)
    anchors: Strings = param((), "rules whose removals mark the header's end when no headline was found", refs=True)
    reach: int = param(0, "without a headline, kept header blocks more than this many above the first anchor "
                          "are removed (0: off)")
    defer_to: Strings = param((), "rules that, once they removed a block, mean the DOM chose the article: "
                                  "no removal without a headline", refs=True)


def byline(page: Page, rule: Rule) -> None:
    """Take bylines out of the header into ``fields.bylines``; drop the widget's repeats of them.

    A byline split over two lines (``By`` then ``Bloomberg``) is read as one. A block that is
    just a name already credited (widgets print the author twice) goes with the same rule.
    """
    _source_lines(page, rule)
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
        if looks_like_byline(text) and not _masthead_agency(page, zone, pos):
            page.remove(i, rule, "reads as a byline")
            page.fields.bylines.append(text)
            dated = byline_date(text)
            if dated:  # "By Jane Doe on Monday, November 18, 2019": the date is the article's too
                page.fields.dates.append(dated)
            credit = parse_byline(text)
            credited.update(n.casefold() for n in credit.authors + credit.agencies)
        elif text.casefold() in credited:
            page.remove(i, rule, "repeats a name already credited")
        elif _bare_name(page, zone, pos):
            page.remove(i, rule, "a name alone between the headline and the date line")
            page.fields.bylines.append(text)
            credited.add(text.casefold())
        pos += 1
    _late_bylines(page, rule, zone)


def _source_lines(page: Page, rule: Rule) -> None:
    """ "Source: Xinhua | 2025-03-03 | Editor: Jane Doe": the story's agency and date, read
    wherever the wire site prints it (under the headline or after the text); the first one
    credits, a second one (a teaser's) is removed only."""
    read = False
    for i in page.kept():
        source = read_source_line(page.text[i])
        if source is None:
            continue
        if read:
            page.remove(i, rule, "a source line of another story (credited to no one)")
            continue
        page.remove(i, rule, "a source line: the agency and the date of the story")
        page.fields.bylines.append(source.agency)
        page.fields.dates.append(source.date)
        read = True


def _bare_name(page: Page, zone: list[int], pos: int) -> bool:
    """A byline without "By": a person's name alone on its line, right under a headline-like
    line and right above a date line. Only there: elsewhere a capitalised pair of words is as
    often a menu entry, and "Sign In" or "For Immediate Release" above a date is no name."""
    if pos == 0 or pos + 1 >= len(zone):
        return False
    text = page.text[zone[pos]].strip()
    words = text.split()
    if len(words) not in (2, 3) or any(fold(w.strip(".,")) in _not_names() for w in words):
        return False
    if len(words) == 3 and not (_INITIAL.fullmatch(words[1]) or _given_name(words[1])):
        return False  # "Mary Ann Smith", "Maria T. Lopez"; not "Ben Harbour Trinity"
    if not looks_like_date_line(page.text[zone[pos + 1]]):
        return False
    if not _title_like(page.text[zone[pos - 1]], HeadlineParams(), ()):
        return False
    if not all(w[:1].isupper() and (not w.isupper() or _INITIAL.fullmatch(w)) for w in words) \
            or not _given_name(words[0]):
        return False  # "Classificação NASCAR", "Shuttle Launch Scrubbed": no person's name
    if _SEPARATORS.search(page.text[zone[pos - 1]]):
        return False  # a site name with its slogan ("Sports :: news :: opinion"), no headline
    credit = parse_byline(f"By {text}")
    if credit.authors != (text,) or credit.agencies:
        return False
    return not _named_in_the_story(page, zone, text)


def _named_in_the_story(page: Page, zone: list[int], name: str) -> bool:
    """Does the story's opening (its first ``_OPENING`` paragraphs) name ``name``? A match
    report's team ("Adelaide United" under the headline, "Adelaide United still has ...") or a
    profile's subject is what the story is about; the writer's byline is not repeated there."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    after = [i for i in page.kept() if i > zone[-1] and is_prose(page.text[i])][:_OPENING]
    return any(pattern.search(page.text[i]) for i in after)


@lru_cache(maxsize=1)
def _given_names() -> Any:
    import gender_guesser.detector  # ~40,000 given names of many countries, loaded on first use

    return gender_guesser.detector.Detector(case_sensitive=False)


def _given_name(word: str) -> bool:
    """Is ``word`` a known given name (of any gender, in any of the countries the list covers)?"""
    return _given_names().get_gender(word) != "unknown"


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(fold(w) for w in load_table("roles")["byline"]["not_names"])


def _masthead_agency(page: Page, zone: list[int], pos: int) -> bool:
    """An agency's name alone on a line is its byline only below a headline-like line; first on
    the page ("The Press Association") it is the site's masthead, and lower-case a menu entry."""
    text = page.text[zone[pos]].strip()
    if canonical_agency(text) is None:
        return False
    if text not in agency_exact_forms() and not text.isupper():
        return True
    return pos == 0 or not any(_title_like(page.text[i], HeadlineParams(), ()) for i in zone[:pos])


def _late_bylines(page: Page, rule: Rule, zone: list[int]) -> None:
    """Bylines below the header zone: removed wherever they stand, never text of the article.

    One of the first ``late_blocks`` kept blocks after the zone, when the header had none, is
    the article's own (a standfirst paragraph came before it, and the zone ends at prose);
    further down a byline is a teaser card's, removed but credited to no one.
    """
    params: BylineParams = rule.params
    if not params.stray_bylines:
        return
    late = params.late_blocks
    after = [i for i in page.kept() if not zone or i > zone[-1]]
    for k, i in enumerate(after):
        text = page.text[i]
        if len(text.split()) > 12 or _BARE_BY.match(text) or not looks_like_byline(text):
            continue
        if split_trailing_credit(text) is not None:
            continue  # "(Reporting by X; Editing by Y)": the credits normalizer reads it
        if date_then_by(text) is not None:
            continue  # "posted on DATE by NAME" below the article heads a comment: no byline
        if k < late and not page.fields.bylines:
            page.remove(i, rule, "reads as a byline, under the standfirst")
            page.fields.bylines.append(text)
        else:
            page.remove(i, rule, "reads as a byline, of another story (credited to no one)")


def date(page: Page, rule: Rule) -> None:
    """Take date lines of the header into ``fields.dates`` (the normalizer picks which one)."""
    for i in header_zone(page):
        if looks_like_date_line(page.text[i]):
            page.remove(i, rule, "a date line above the article body")
            page.fields.dates.append(page.text[i])


def _printed_apart(page: Page, i: int, params: HeadlineParams) -> bool:
    """Does block ``i`` as printed (indent and inner spaces kept) match a ``reject_printed`` shape?"""
    printed = _compile_all(params.reject_printed)
    return any(r.search(line.strip()) for line in page.blocks[i].lines for r in printed)


def _title_like(text: str, params: HeadlineParams, rejects: tuple[re.Pattern[str], ...]) -> bool:
    """Could this line be a headline? Length in word units, no sentence end, no chrome shape."""
    units = word_units(text)
    return (
        params.min_words <= units <= params.max_words
        and not _TITLE_END.search(text)
        and any(c.isalpha() for c in text)
        and not _DATED.search(text)
        and not looks_like_byline(text)
        and not looks_like_date_line(text)
        and not any(r.search(text) for r in rejects)
    )


def _fold(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


@lru_cache(maxsize=32)
def _compile_all(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def headline(page: Page, rule: Rule) -> None:
    """The headline: the last title-like block of the header before the byline/date.

    The header here is every block before the first kept paragraph of running text, kept or
    removed by a rule named in ``reclaim`` (a headline printed twice was dropped as a repeat,
    but it is still the headline). Without a byline or date to anchor on, only the block right
    before the body may be the headline; otherwise the title stays null (never guessed).
    """
    params: HeadlineParams = rule.params
    rejects = _compile_all(params.reject)
    anchor_rules = {f"{rule.ruleset}/{name}" for name in params.anchors}
    reclaim = {f"{rule.ruleset}/{name}" for name in params.reclaim}
    body_start = next((i for i in page.kept() if is_prose(page.text[i])), len(page.blocks))
    anchors = [i for i, r in enumerate(page.removed_by) if r in anchor_rules and i < body_start]
    span = [i for i in range(anchors[0] if anchors else body_start)
            if page.removed_by[i] is None or page.removed_by[i] in reclaim]
    # Without a byline or date, the headline is the line right before the body; a page with no
    # body at all has no such line (taking its last line would also make cleaning the cleaned
    # text take one more line away each time).
    has_body = body_start < len(page.blocks)
    candidates = span if anchors else span[-1:] if has_body else []
    if anchors and params.reach:
        # The headline stands right above its byline or date; a search that went on up the page
        # past them would take a menu line ("Issue Archive", "Start a New Forum Discussion")
        # whenever the real headline has a shape the rule rejects.
        candidates = candidates[-params.reach:]
    # The page may have declared its headline already (HTML metadata): then only a block that
    # shows that headline is taken out, and the declared title stands.
    declared = _fold(page.fields.title) if page.fields.title else None
    if declared:
        candidates = [i for i in span if _fold(page.text[i]) and _fold(page.text[i]) in declared]
    else:
        # A page that marks its headline (an <h1> of the header) has no other: a sub-heading
        # further down, nearer the date, is a section of the article, not its headline.
        marked = [i for i in span if page.blocks[i].tag == "h1" and _title_like(page.text[i], params, rejects)]
        if marked and (anchors or has_body):
            candidates = marked
    for i in reversed(candidates):
        if (not _listed(page, i) and _title_like(page.text[i], params, rejects)
                and not _printed_apart(page, i, params)):
            page.fields.title = page.fields.title or page.text[i]
            why = "the headline (moved to the record's title)"
            if page.is_kept(i):
                page.remove(i, rule, why)
            else:
                page.reassign(i, rule, why + "; the page also repeats it")
            return
    if declared:
        # The page's own <h1> above the body is its headline even when the metadata words the
        # title differently ("Epstein guards charged" vs the h1's longer sentence): the declared
        # title stands, the h1 leaves the text.
        for i in page.kept():
            if i >= body_start:
                break
            if page.blocks[i].tag == "h1" and _title_like(page.text[i], params, rejects):
                page.remove(i, rule, "the page's <h1> headline (the record keeps the declared title)")
                return


def _listed(page: Page, i: int) -> bool:
    """Is block ``i`` an item of a list (a dump's bullet, an HTML ``<li>``)? A sidebar's list of
    recent posts holds the article's headline too, and a headline taken there made
    ``before-headline`` remove the whole article above it; the article's own headline is never
    one item of a list."""
    block = page.blocks[i]
    return block.bullet is not None or block.tag == "li"


def before_headline(page: Page, rule: Rule) -> None:
    """Everything still kept above the headline is masthead, menus and crumbs."""
    rule_id = f"{rule.ruleset}/{rule.params.headline_rule}"
    titles = [i for i, r in enumerate(page.removed_by) if r == rule_id]
    if not titles:
        _far_above_anchor(page, rule)
        return
    for i in page.kept():
        if i >= titles[0]:
            break
        page.remove(i, rule, "above the headline")


def _far_above_anchor(page: Page, rule: Rule) -> None:
    """No headline, but a byline or date above the body: the header blocks right above it may
    be the headline the rule could not read, a kicker or a standfirst; those further up than
    ``reach`` header blocks are the masthead and menus, as above a headline. A page whose
    headline was not found kept its whole menu column otherwise."""
    params: BeforeHeadlineParams = rule.params
    if not params.reach or deferred(page, rule):
        return
    kept = page.kept()
    body_start = next((i for i in kept if is_prose(page.text[i])), None)
    if body_start is None:
        return  # no article: nothing to anchor a header on
    anchor_rules = {f"{rule.ruleset}/{name}" for name in params.anchors}
    anchor = next((i for i, r in enumerate(page.removed_by) if r in anchor_rules), None)
    if anchor is None or anchor > body_start:
        return
    above = [i for i in kept if i < anchor]
    for i in above[: max(0, len(above) - params.reach)]:
        page.remove(i, rule, f"no headline found: more than {params.reach} header blocks above the byline or date")
