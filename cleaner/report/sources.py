"""Where each of the record's fields came from: the block that shows it, for the explain page.

The pipeline keeps the raw strings its header detectors picked (``Page.fields``) but not the
block each came from, so this looks them up: the first block whose text holds the raw string
(or, failing that, the final value), case and spacing ignored. A field the page only declares
in its markup (an HTML ``<meta>`` or JSON-LD value shown nowhere) has no block: it is listed
without a link rather than linked to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.extract.body import DATELINE_RULE
from cleaner.lexicon.dates import parse_date
from cleaner.pipeline import Explanation
from cleaner.report.ledger import Decision

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One value of a record field and the index of the block it came from (None: not shown)."""

    field: str
    value: str
    block: int | None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _find(blocks: list[str], candidates: Iterable[str | None]) -> int | None:
    for candidate in candidates:
        needle = _norm(candidate or "")
        if not needle:
            continue
        for i, text in enumerate(blocks):
            if needle in text:
                return i
    return None


def field_sources(exp: Explanation, ledger: list[Decision]) -> list[FieldValue]:
    """Every field value of the record, in field order, each with its source block if found."""
    rec, raw = exp.record, exp.page.fields
    blocks = [_norm(d.text) for d in ledger]
    out = []
    if rec.title:
        out.append(FieldValue("title", rec.title, _find(blocks, (raw.title, rec.title))))
    for name in rec.authors:
        bylines = [b for b in raw.bylines + raw.credits if _norm(name) in _norm(b)]
        out.append(FieldValue("authors", name, _find(blocks, (*bylines, name))))
    for name in rec.agencies:
        bylines = [b for b in raw.bylines + raw.credits if _norm(name) in _norm(b)]
        out.append(FieldValue("agencies", name, _find(blocks, (*bylines, name))))
    dateline = next((d.index for d in ledger if any(c.rule == DATELINE_RULE for c in d.cuts)), None)
    if rec.published:
        shown = [d for d in raw.dates if parse_date(d) == rec.published]
        block = _find(blocks, shown)
        out.append(FieldValue("published", rec.published, dateline if block is None and not shown else block))
    if rec.dateline:
        place = ", ".join(p for p in (rec.dateline.place, rec.dateline.agency) if p)
        out.append(FieldValue("dateline", place, dateline))
    return out
