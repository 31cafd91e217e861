"""Stage 4: the kept blocks of a page -> body paragraphs, with dateline and credit taken off.

The rules decided which blocks are chrome; what is left is the article. Two things still sit
*inside* its paragraphs that are not article text: a dateline opening the first paragraph
(``SINGAPORE (Bloomberg) –``) and an agency credit closing the last (``... 2024. BLOOMBERG``).
They are split off here and handed on as metadata; each cut is returned as a ledger entry of
the ``normalize`` set (``Body.trims``), which the pipeline appends to the page's ledger, so the
record's ``removed`` and ``explain`` read it like any rule's trim. The page is not changed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.decide.ledger import TRIM, Entry
from cleaner.decide.page import Page
from cleaner.extract.normalize.datelines import DatelineSplit, split_dateline
from cleaner.extract.normalize.text import repair
from cleaner.lexicon.bylines import Credit
from cleaner.lexicon.credits import split_trailing_credit

DATELINE_RULE = "normalize/dateline"
CREDIT_RULE = "normalize/trailing-credit"


@dataclass(slots=True)
class Paragraph:
    """A body paragraph and the capture lines it came from."""

    block: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Body:
    paragraphs: list[Paragraph]
    dateline: DatelineSplit | None = None
    credit: Credit = field(default_factory=Credit)
    # The dateline and credits cut off, as ledger entries (offsets in the repaired paragraph).
    trims: list[Entry] = field(default_factory=list)


def build_body(page: Page) -> Body:
    """Turn kept blocks into repaired paragraphs; split off the dateline and trailing credits.

    Paragraphs that repair to nothing (a stray bullet, an invisible character) are dropped
    silently: they held no text to lose.
    """
    paragraphs = []
    for i in page.kept():
        block = page.blocks[i]
        raw = page.text[i]
        text = repair(raw)
        if text == raw:
            text = raw  # most paragraphs need no repair: the page's string, not a copy of it
        if text:
            paragraphs.append(Paragraph(i, block.start, block.end, text))
    body = Body(paragraphs)
    if not paragraphs:
        return body

    first = paragraphs[0]
    split = split_dateline(first.text)
    if split is not None:
        body.dateline = split
        # ``split.removed`` is the paragraph's prefix: a repaired paragraph has no leading space.
        body.trims.append(Entry(first.block, TRIM, DATELINE_RULE, "opens the body as a dateline",
                                0, len(split.removed), split.removed, repaired=True))
        first.text = split.rest
        if not first.text:
            paragraphs.pop(0)

    # Credits can stack at the end ("... BLOOMBERG" after "(Reporting by X)"): peel them off.
    while paragraphs:
        last = paragraphs[-1]
        credit = split_trailing_credit(last.text)
        if credit is None:
            break
        body.credit = body.credit.merge(credit.credit)
        # ``credit.rest`` is the paragraph up to the credits (no trailing space), the rest is cut.
        body.trims.append(Entry(last.block, TRIM, CREDIT_RULE, "closes the body as a credit",
                                len(credit.rest), len(last.text), credit.removed, repaired=True))
        last.text = credit.rest
        if last.text:
            break
        paragraphs.pop()
    return body
