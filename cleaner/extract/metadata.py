"""Stage 5: raw header strings (title, bylines, dates) + body credits -> record metadata.

The evidence is weighed in a fixed order, like htmldate's chain of sources: header bylines
first, then the dateline's agency, then trailing credits; for the date, the first published
date of the header, then an "updated" one, then a date carried by the dateline.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.decide.page import Fields
from cleaner.extract.body import Body
from cleaner.extract.normalize.text import repair
from cleaner.lexicon.bylines import Credit, canonical_agency, parse_byline
from cleaner.lexicon.credits import split_trailing_credit
from cleaner.lexicon.dates import is_updated, parse_date
from cleaner.record import Dateline


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    authors: tuple[str, ...]
    agencies: tuple[str, ...]
    published: str | None
    dateline: Dateline | None


def _published(dates: list[str], fallback: str | None) -> str | None:
    parsed = [(is_updated(raw), parse_date(raw)) for raw in dates]
    for wanted_updated in (False, True):
        for updated, value in parsed:
            if value is not None and updated == wanted_updated:
                return value
    return fallback


def build_metadata(fields: Fields, body: Body) -> Metadata:
    """Normalise what the header detectors and the body stage picked out."""
    credit = Credit()
    for raw in fields.bylines:
        credit = credit.merge(parse_byline(raw))
    dateline = None
    # A dateline stripped to a bare dash says nothing about place or agency: no object.
    if body.dateline is not None and (body.dateline.place or body.dateline.agency):
        agency = canonical_agency(body.dateline.agency) if body.dateline.agency else None
        agency = agency or body.dateline.agency
        dateline = Dateline(body.dateline.place, agency)
        if agency:
            credit = credit.merge(Credit(agencies=(agency,)))
    credit = credit.merge(body.credit)
    for raw in fields.credits:  # credit lines a rule removed below the article
        split = split_trailing_credit(raw)
        if split is not None:
            credit = credit.merge(split.credit)
    if not credit.authors:  # a one-line bio under the article names the writer no byline named
        credit = credit.merge(Credit(authors=tuple(fields.bios[:1])))
    title = repair(fields.title) if fields.title else None
    return Metadata(
        title=title or None,
        authors=credit.authors,
        agencies=credit.agencies,
        published=_published(fields.dates, body.dateline.date if body.dateline else None),
        dateline=dateline,
    )
