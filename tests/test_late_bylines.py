"""Bylines below the header zone (``cleaner.decide.detectors.header._late_bylines``): the article's own,
printed under a standfirst paragraph, is credited; a teaser card's further down is removed and
credited to no one; a trailing "(Reporting by ...)" line is credited by ``credit-line``."""

from __future__ import annotations

from cleaner import clean

HEADLINE = "Council closes the old bridge"
STANDFIRST = ("THE city council has closed the old bridge to cars after engineers found rust in its "
              "steel, and the mayor said it would stay closed for at least a year.")
BODY = [
    "The decision was taken on Monday evening after a long debate in the council chamber, where members heard the engineers.",
    "Shop owners on both banks said they feared losing customers during the works and asked the council for help.",
    "The state has promised to pay half of the cost, which the council puts at forty million dollars.",
]


def test_a_byline_under_the_standfirst_is_the_articles():
    text = "\n\n".join([HEADLINE, STANDFIRST, "By Jane Doe", *BODY]) + "\n"
    record = clean(text, source="page.txt")
    assert record.authors == ("Jane Doe",)
    assert "By Jane Doe" not in record.text


def test_a_teaser_byline_further_down_is_removed_and_not_credited():
    text = "\n\n".join([HEADLINE, "By Jane Doe", *BODY, "By John Roe", BODY[0].replace("Monday", "Tuesday")]) + "\n"
    record = clean(text, source="page.txt")
    assert record.authors == ("Jane Doe",)
    assert "John Roe" not in record.text and "John Roe" not in record.authors


def test_a_trailing_reporting_credit_is_still_credited():
    # The line is no sentence, so the classifier leaves it outside the text; credit-line reads it.
    text = "\n\n".join([HEADLINE, *BODY, "(Graphic: the bridge - here)", "(Reporting by Jane Doe; Editing by John Roe)"]) + "\n"
    record = clean(text, source="page.txt")
    assert "Jane Doe" in record.authors and "John Roe" not in record.authors
    assert "Reporting by" not in record.text
    assert any(r.rule == "generic/credit-line" for r in record.removed)
    assert not any(r.rule == "generic/byline" for r in record.removed)


def test_a_credit_note_is_credited_without_the_outlet():
    text = "\n\n".join([HEADLINE, *BODY, "Example News' Jane Doe contributed to this report."]) + "\n"
    record = clean(text, source="page.txt")
    assert "Jane Doe" in record.authors


def test_a_copyright_notice_is_no_credit():
    text = "\n\n".join([HEADLINE, *BODY, "© 2019 Reuters. All Rights Reserved."]) + "\n"
    record = clean(text, source="page.txt")
    assert "Reuters" not in record.agencies
    assert any(r.rule == "generic/copyright" for r in record.removed)


def test_a_last_paragraph_closed_by_a_credit_stays_and_credits_the_agency():
    # "... soon. — Reuters" has no sentence end: outside-main-block judged it outside the text.
    last = "Residents said they were glad that the work was over and that the buses would return to the street soon. — Reuters"
    record = clean("\n\n".join([HEADLINE, "By Jane Doe", *BODY, last, "Most Popular\nA teaser about something else"]) + "\n",
                   source="page.txt")
    assert record.text.endswith("return to the street soon.")
    assert record.agencies == ("Reuters",)
    assert "Most Popular" not in record.text


def test_a_short_line_closed_by_a_credit_is_no_paragraph_taken_back():
    record = clean("\n\n".join([HEADLINE, *BODY, "Photos of the bridge. — Reuters"]) + "\n", source="page.txt")
    assert "Photos of the bridge" not in record.text
