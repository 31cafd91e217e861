"""Properties of the normalizers that must hold for any input, not just the table's forms."""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.extract.normalize.datelines import split_dateline
from cleaner.lexicon.bylines import Credit, canonical_agency, looks_like_byline, parse_byline
from cleaner.lexicon.credits import split_trailing_credit
from cleaner.lexicon.dates import is_updated, looks_like_date_line, parse_date

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_NAME_WORDS = [
    "Jane",
    "Doe",
    "Zoë",
    "Schiffer",
    "von",
    "der",
    "Leyen",
    "J.R.R.",
    "O'Brien",
    "Chloé",
    "Ha-Joon",
    "MILLER",
]
_GLUE = [" ", ", ", " and ", ", and ", " & ", " | ", "\n", " for ", " (", ") ", " - ", " · "]
_EXTRAS = [
    "By",
    "by",
    "BY",
    "Written by",
    "Reuters",
    "AP",
    "The Associated Press",
    "Bloomberg",
    "BLOOMBERG",
    "AFP",
    "Staff Writer",
    "Senior Correspondent",
    "Updated",
    "Fortune Editors",
    "Staff",
    "Editorial Board",
    "and contributors",
    "jane@example.com",
    "@handle",
    "February 10, 2026",
    "2 hours ago",
    "7:40 AM ET",
    "Meridian Staff",
    "PhD",
    "Jr.",
    "",
]
byline_like = st.lists(
    st.one_of(st.sampled_from(_NAME_WORDS), st.sampled_from(_EXTRAS), st.sampled_from(_GLUE)), max_size=14
).map("".join)
any_text = st.one_of(
    st.text(max_size=300),
    byline_like,
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(1000, 20000)),
)
_DIGIT_OR_BY = re.compile(r"\d|^by$", re.IGNORECASE)


def _check_credit(credit: Credit) -> None:
    for group in (credit.authors, credit.agencies):
        assert all(name and name == name.strip() for name in group)
        folded = [name.casefold() for name in group]
        assert len(folded) == len(set(folded))
    for author in credit.authors:
        assert not _DIGIT_OR_BY.search(author), author
        assert parse_date(author) is None
        assert not author.casefold().startswith("by ")


@SETTINGS
@given(any_text)
def test_bylines_never_yield_empty_duplicate_by_or_date_names(text):
    _check_credit(parse_byline(text))
    assert isinstance(looks_like_byline(text), bool)
    assert canonical_agency(text) is None or isinstance(canonical_agency(text), str)


@SETTINGS
@given(st.lists(byline_like, max_size=4))
def test_merge_is_an_order_preserving_union(texts):
    credits = [parse_byline(t) for t in texts]
    merged = Credit()
    for credit in credits:
        merged = merged.merge(credit)
    _check_credit(merged)
    seen = {n.casefold() for c in credits for n in c.authors}
    assert {n.casefold() for n in merged.authors} == seen
    if credits:
        assert merged.authors[: len(credits[0].authors)] == credits[0].authors


_date_parts = st.sampled_from(
    [
        "March",
        "Mar.",
        "13",
        "2025",
        "7:40",
        "AM",
        "pm",
        "ET",
        "GMT",
        "IST",
        "Updated",
        "Published",
        ",",
        "Thu",
        "2025-03-13T07:40:00",
        "Z",
        "+05:30",
        "GMT+8",
        "03/04/2025",
        "13.03.2025",
        "ago",
        "2",
        "days",
        "at",
        "|",
        "—",
        "25",
        "99",
        "0214",
        "February 30",
        "1799",
        "9999",
        "Sept.",
        "13th",
    ]
)
date_like = st.lists(_date_parts, max_size=10).map(" ".join)


@SETTINGS
@given(st.one_of(any_text, date_like))
def test_parse_date_output_is_valid_iso_with_offset_when_timed(text):
    value = parse_date(text)
    assert isinstance(looks_like_date_line(text), bool)
    assert isinstance(is_updated(text), bool)
    if value is None:
        return
    parsed = datetime.fromisoformat(value)
    if "T" in value:
        assert parsed.utcoffset() is not None
    else:
        assert len(value) == 10
    assert looks_like_date_line(text)


@SETTINGS
@given(st.one_of(any_text, date_like))
def test_parse_date_does_not_depend_on_the_clock(text):
    assert parse_date(text) == parse_date(text)  # no relative "today" leaks in between calls


@SETTINGS
@given(st.one_of(any_text, st.builds(lambda a, b: a + b, byline_like, any_text)))
def test_dateline_split_is_a_prefix_split(text):
    split = split_dateline(text)
    if split is None:
        return
    stripped = text.lstrip()
    assert split.removed and stripped.startswith(split.removed)
    assert split.rest == stripped[len(split.removed) :].strip()
    assert split.place is None or split.place.strip() == split.place != ""
    if split.date is not None:
        datetime.fromisoformat(split.date)


@SETTINGS
@given(st.one_of(any_text, st.builds(lambda a, b: a + b, any_text, byline_like)))
def test_trailing_credit_split_is_a_suffix_split(text):
    split = split_trailing_credit(text)
    if split is None:
        return
    stripped = text.strip()
    assert split.removed and stripped.endswith(split.removed)
    assert split.rest == stripped[: len(stripped) - len(split.removed)].strip()
    _check_credit(split.credit)
