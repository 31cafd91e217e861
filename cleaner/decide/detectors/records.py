"""Rows that weigh as text although no row is a sentence: tables, numbered runs, line groups,
and catalogues (product cards, a meal plan) that follow the article's intro.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.decide.detectors.catalogues import Template, find_templates
from cleaner.decide.detectors.judge import JudgeParams
from cleaner.decide.features import ends_like_sentence
from cleaner.decide.page import Page, is_prose
from cleaner.decide.params import param
from cleaner.decide.rulebook import Rule


@dataclass(frozen=True, slots=True)
class RecordParams(JudgeParams):
    """Tables, numbered runs and line groups that weigh as text although no row is a sentence."""

    table_min_rows: int = param(4, "fewest rows of a table")
    table_min_columns: int = param(3, "fewest aligned columns of a table row")
    numbered_min_items: int = param(6, "fewest items of a numbered run")
    group_min_lines: int = param(0, "fewest lines of a paragraph broken line by line with one separator (0: off)")


# Two or more spaces between non-space characters: a column gap as text browsers lay out tables.
_COLUMN_GAP = re.compile(r"\S\s{2,}(?=\S)")
# An item number at the start of a block: "1.", "2)", "3a etapa", "4  Kyle Busch" (after a bullet).
_ITEM_NUMBER = re.compile(r"^\s*(?:[•*+#o-]\s+)?(\d{1,3})(?:[.)]|[a-zªº°]?\b)")


def _columns(page: Page, i: int) -> int:
    """Aligned columns of a one-line block (1 for a wrapped block: prose, not a table row)."""
    lines = page.blocks[i].lines
    return len(_COLUMN_GAP.findall(lines[0].strip())) + 1 if len(lines) == 1 else 1


def record_rows(page: Page, kept: list[int], rule: Rule) -> set[int]:
    """Kept blocks that are rows of a table or items of a numbered run (see the module doc).

    A table: at least ``table_min_rows`` one-line blocks in a row (blank lines and a removed
    block between them allowed) with the same number (>= ``table_min_columns``) of aligned
    columns. A numbered run: blocks numbered 1, 2, 3, ... (other blocks may sit between two
    items, such as an item's link) with at least ``numbered_min_items`` items; a "most read"
    rail numbers its five teasers too, so a short run proves nothing.
    """
    min_rows = rule.params.table_min_rows
    min_cols = rule.params.table_min_columns
    min_items = rule.params.numbered_min_items
    rows: set[int] = set()
    run: list[int] = []
    cols = 0
    for i in [*kept, -1]:
        c = _columns(page, i) if i >= 0 else 0
        if c >= min_cols and c == cols and i - run[-1] <= 2:
            run.append(i)
            continue
        if len(run) >= min_rows:
            rows.update(run)
        run, cols = ([i], c) if c >= min_cols else ([], 0)
    items: list[int] = []
    expect = 0
    for i in [*kept, -1]:
        m = _ITEM_NUMBER.match(page.text[i]) if i >= 0 else None
        if m and items and int(m.group(1)) == expect and i - items[-1] <= 3:
            items.append(i)
            expect += 1
            continue
        if i >= 0 and m is None and items and i - items[-1] <= 2:
            continue  # a block between two items (the item's link, its second line)
        if len(items) >= min_items:
            rows.update(items)
        items, expect = ([i], int(m.group(1)) + 1) if m and int(m.group(1)) <= 1 else ([], 0)
    rows.update(_line_group_rows(page, kept, rule.params.group_min_lines))
    return rows


# What separates a record's fields: a run of punctuation other than a sentence's end or brackets.
_SEPARATOR = re.compile(r"[^\w\s.!?'’\"“”()\[\]]+")


def _signature(text: str) -> str:
    """The line's first field separator ("--" in "June 9 -- Arena, Tampa, FL"), or ""."""
    m = _SEPARATOR.search(text)
    return m.group() if m else ""


def spaced(page: Page) -> bool:
    """True when every block of the page stands after a blank line, so that a blank line says
    nothing about where a paragraph ends.

    A record's own text is such a page: it sets each line of a kept schedule or poem as its own
    paragraph, so the lines that stood together in the dump (one paragraph broken line by line)
    stand apart in the text, and cleaning the text again no longer saw them as one group (the
    schedule under the article was cut away). A dump that spaces every line is read the same way.
    """
    found = page.memo.get(SPACED)
    if found is None:
        found = page.memo[SPACED] = len(page.blocks) > 1 and all(b.blank_before for b in page.blocks)
    return found


# ``Page.memo`` key of ``spaced``.
SPACED = "spaced"


def together(page: Page, i: int, previous: int) -> bool:
    """Block ``i`` follows block ``previous`` in one paragraph broken line by line (or on a
    ``spaced`` page, where blank lines say nothing, in the same run of blocks)."""
    return i == previous + 1 and (not page.blocks[i].blank_before or spaced(page))


def _line_group_rows(page: Page, kept: list[int], min_lines: int) -> set[int]:
    """Lines of one paragraph broken line by line (no blank line between them) that share their
    punctuation ("June 9 – Tampa, FL @ Arena"): a schedule, a line-up or a results list set with
    line breaks instead of a table. Each line alone is a "bad" block; ``min_lines`` or more of
    them in a row, none a bullet or a sentence, with the same first separator (lines may differ
    in their later fields: "... Arena – Chicago, Tinley Park, IL"), are records."""
    if not min_lines:
        return set()
    rows: set[int] = set()
    run: list[int] = []
    sig = ""
    for i in [*kept, -1]:
        block = page.blocks[i] if i >= 0 else None
        fits = (block is not None and block.bullet is None and len(block.lines) == 1
                and not ends_like_sentence(page.text[i]))
        s = _signature(page.text[i]) if fits else ""
        if fits and s and s == sig and run and together(page, i, run[-1]):
            run.append(i)
            continue
        if len(run) >= min_lines:
            rows.update(run)
        run, sig = ([i], s) if fits and s else ([], "")
    return rows


def page_templates(page: Page, rule: Rule) -> list[Template]:
    """The page's catalogues (``cleaner.decide.detectors.catalogues``), found once per page."""
    key = ("templates", rule.params.template_min_records,
           rule.params.template_min_gap, rule.params.template_max_gap)
    found = page.memo.get(key)
    if found is None:
        found = page.memo[key] = find_templates(page.blocks, min_records=key[1], min_gap=key[2], max_gap=key[3])
    return found


# ``Page.memo`` key of the page's catalogue blocks: one set per page, found by the rule that
# carries the ``template_*`` parameters (``outside-main-block``) and read by the later rules.
CATALOGUE = "catalogue"


def catalogue_blocks(page: Page, rule: Rule) -> set[int]:
    """Blocks (kept or not) of the page's catalogues that follow running text.

    A catalogue counts when its anchor comes back at least ``template_min_records`` times, a
    kept running-text block (its intro) sits at most ``template_reach`` blocks before its first
    record or inside the stretch before its first anchor, and at most ``template_max_prose`` of
    its words are running text (comments and teaser summaries are prose; a catalogue's fields
    are names, bullets and prices) and at most ``template_max_bullets`` of its blocks are list
    items (a menu printed several times has the rhythm too, but is all bullets). A teaser rail
    or a comment thread follows the article's end after other chrome, not its last paragraph.
    Other anchors of the same catalogue (each record has several fixed lines) whose run overlaps
    a counted one count too, from its intro on.
    """
    if not rule.params.template_min_records:
        return set()
    # Cached per rule and parameters (another rule with other thresholds finds its own); the
    # plain ``CATALOGUE`` key holds the last one found, for the later rules' ``found_catalogue``.
    key = (CATALOGUE, rule.qualified_id, rule.params)
    cached = page.memo.get(key)
    if cached is not None:
        return cached
    reach = rule.params.template_reach
    min_records = rule.params.template_min_records
    max_prose = rule.params.template_max_prose
    max_bullets = rule.params.template_max_bullets
    blocks = page.blocks

    def record_like(first: int, last: int) -> bool:
        """Few words of running text, and not a list that is all bullets (a menu)."""
        span = range(first, last + 1)
        words = sum(blocks[i].words for i in span)
        prose = sum(blocks[i].words for i in span if is_prose(blocks[i].text))
        bullets = sum(1 for i in span if blocks[i].bullet is not None)
        return prose <= max_prose * words and bullets <= max_bullets * len(span)

    spans: list[tuple[int, int]] = []
    rest = []
    for t in page_templates(page, rule):
        if t.records < min_records:
            continue
        intro = max((i for i in range(max(t.first - reach, 0), t.first_anchor)
                     if page.is_kept(i) and is_prose(page.text[i])), default=-1)
        if intro >= 0 and record_like(intro + 1, t.last):
            spans.append((intro + 1, t.last))
        else:
            rest.append(t)
    grew = bool(spans)
    while grew:
        grew = False
        for t in list(rest):
            for first, last in spans:
                if t.first <= last and t.last >= first and record_like(max(t.first, first), t.last):
                    spans.append((max(t.first, first), t.last))
                    rest.remove(t)
                    grew = True
                    break
    out = {i for first, last in spans for i in range(first, last + 1)}
    page.memo[key] = page.memo[CATALOGUE] = out
    return out


def found_catalogue(page: Page) -> set[int]:
    """The catalogue blocks the main-region rule found (empty before it ran, or when it had no
    need to look): later rules leave a catalogue's fields alone, as they leave a table's rows."""
    return page.memo.get(CATALOGUE, set())
