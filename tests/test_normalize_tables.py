"""Table-driven tests: one function per table in tests/data/, one case per real-world form.

The expected values were written from how outlets print these forms, not from the output of
the normalizers; a failing row is a bug in the code or a deliberate policy change (then the
row changes with a note in the CHANGELOG).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from cleaner.extract.normalize.datelines import split_dateline
from cleaner.lexicon.bylines import byline_date, looks_like_byline, parse_byline
from cleaner.lexicon.credits import split_trailing_credit
from cleaner.lexicon.dates import is_updated, looks_like_date_line, parse_date

DATA = Path(__file__).parent / "data"


def _rows(name: str, width: int) -> list:
    """Rows of a TSV table, padded to ``width`` columns; ``\\n`` in a cell is a line break."""
    rows = []
    for number, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cells = [c.replace("\\n", "\n") for c in line.split("\t")]
        cells += [""] * (width - len(cells))
        rows.append(pytest.param(*cells[:width], id=f"{name}:{number}"))
    return rows


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n for n in cell.split("|") if n)


def _none(cell: str) -> str | None:
    return None if cell in ("", "null") else cell


@pytest.mark.parametrize(("text", "authors", "agencies", "looks", "date"), _rows("bylines.tsv", 5))
def test_bylines(text, authors, agencies, looks, date):
    credit = parse_byline(text)
    assert credit.authors == _names(authors)
    assert credit.agencies == _names(agencies)
    assert looks_like_byline(text) is (looks == "yes")
    if date:  # the date a byline line carries, as the header detector hands it to `published`
        dated = byline_date(text)
        assert dated is not None and parse_date(dated) == date


@pytest.mark.parametrize(("text", "expected", "looks", "updated"), _rows("dates.tsv", 4))
def test_dates(text, expected, looks, updated):
    assert parse_date(text) == _none(expected)
    assert looks_like_date_line(text) is (looks == "yes")
    assert is_updated(text) is (updated == "yes")


@pytest.mark.parametrize(("text", "removed", "place", "agency", "date"), _rows("datelines.tsv", 5))
def test_datelines(text, removed, place, agency, date):
    split = split_dateline(text)
    if removed == "null":
        assert split is None
        return
    assert split is not None
    assert split.removed == removed
    assert (split.place, split.agency, split.date) == (_none(place), _none(agency), _none(date))
    assert split.rest == text.lstrip()[len(removed) :].strip()


@pytest.mark.parametrize(("text", "removed", "authors", "agencies"), _rows("credits.tsv", 4))
def test_credits(text, removed, authors, agencies):
    split = split_trailing_credit(text)
    if removed == "null":
        assert split is None
        return
    assert split is not None
    assert split.removed == removed
    assert split.rest == text.strip()[: len(text.strip()) - len(removed)].strip()
    assert split.credit.authors == _names(authors)
    assert split.credit.agencies == _names(agencies)


_TABLES = ("bylines.tsv", "dates.tsv", "datelines.tsv", "credits.tsv", "reader_lines.tsv")
_LANGUAGE_HEADER = re.compile(r"^# --- .*\((de|fr|es|pt|it|ru)\)")


def _rows_per_language() -> Counter:
    """Rows per language: a "# --- ... (de)" header opens a language's section of a table."""
    counts: Counter = Counter()
    for name in _TABLES:
        language = "en"
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# ---"):
                header = _LANGUAGE_HEADER.match(line)
                language = header.group(1) if header else "en"
            elif line and not line.startswith("#"):
                counts[language] += 1
    return counts


def test_tables_hold_enough_real_world_forms():
    counts = _rows_per_language()
    total = sum(counts.values())
    assert total == sum(len(_rows(name, 1)) for name in _TABLES)
    assert total >= 450
    assert total - counts["en"] >= total / 4  # a quarter in other languages
    assert all(counts[lang] >= 15 for lang in ("de", "fr", "es", "pt", "it", "ru"))
