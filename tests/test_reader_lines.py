"""Lines addressed to the reader (``cleaner.decide.detectors.reader``): the table of forms in six
languages (tests/data/reader_lines.tsv), and the detector on whole pages: only after the
article's last paragraph (interstitials: only between two), quoted speech and ordinary "you"
kept, the outlet's own name as a feature, a bio crediting its person when nothing else did.
All text here is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean
from cleaner.decide.detectors.reader import ReaderLineParams, lexicon, score_line

DATA = Path(__file__).parent / "data"
THRESHOLD = ReaderLineParams().threshold


def _rows() -> list:
    rows = []
    for number, line in enumerate((DATA / "reader_lines.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            text, kind = line.split("\t")
            rows.append(pytest.param(text, kind, id=f"reader_lines.tsv:{number}"))
    return rows


@pytest.mark.parametrize(("text", "kind"), _rows())
def test_reader_line_forms(text, kind):
    found = score_line(text, lexicon())
    got = found.kind if found.kind is not None and found.score >= THRESHOLD else "none"
    assert got == kind, found


HEADLINE = "Council closes the old harbour bridge to all cars"
BODY = [
    "The decision was taken on Monday evening after a long debate in the council chamber, where members heard the engineers.",
    "Shop owners on both banks said they feared losing customers during the works and asked the council for help.",
    "The state has promised to pay half of the cost, which the council puts at forty million dollars, the mayor said.",
]


def _page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def _rules(record) -> dict[str, str]:
    return {r.text: r.rule for r in record.removed}


def test_reader_lines_after_the_article_go_each_under_its_own_rule():
    record = clean(_page(HEADLINE, "By Jane Doe", *BODY,
                         "Got a story idea or a news tip? Send it to our newsroom.",
                         "Jane Doe is a correspondent based in Nairobi."), source="page.txt")
    assert record.text.endswith(BODY[-1])
    rules = _rules(record)
    assert rules["Got a story idea or a news tip? Send it to our newsroom."] == "generic/reader-address"
    assert rules["Jane Doe is a correspondent based in Nairobi."] == "generic/reader-bio"


def test_a_reader_line_inside_the_article_stays():
    # Followed by more of the article, the same words are the story's (a how-to, a Q&A).
    line = "Tell us what you think in the comments below."
    record = clean(_page(HEADLINE, BODY[0], line, *BODY[1:]), source="page.txt")
    assert line in record.text


def test_quoted_speech_and_ordinary_you_stay_after_the_article():
    quoted = "\"Follow us on this one, we know what we are doing,\" the engineer told our newsroom."
    prose = "If you live near the bridge, you will hear the work at night until the end of the month."
    record = clean(_page(HEADLINE, *BODY, quoted, prose), source="page.txt")
    assert quoted in record.text and prose in record.text


def test_an_interstitial_between_two_paragraphs_goes():
    record = clean(_page(HEADLINE, BODY[0], "Story continues after the advertisement", *BODY[1:]), source="page.txt")
    assert "Story continues" not in record.text
    assert _rules(record)["Story continues after the advertisement"] == "generic/reader-interstitial"
    german = clean(_page(HEADLINE, BODY[0], "Weiter nach der Anzeige unten", *BODY[1:]), source="page.txt")
    assert "Anzeige" not in german.text


def test_the_outlets_own_name_is_a_feature():
    # No channel word and no "this article": only the site's name (its host) makes the line the site's.
    line = "Share the Harbourpost with a friend who would like it."
    page = _page(HEADLINE, *BODY, line)
    assert line in clean(page, source="page.txt").text
    assert line not in clean(page, source="page.txt", url="https://www.harbourpost.example/news/bridge").text


def test_a_bio_credits_its_person_when_the_byline_named_no_one():
    bio = "Jane Doe is a senior reporter at Example News, covering transport."
    record = clean(_page(HEADLINE, *BODY, bio), source="page.txt")
    assert record.authors == ("Jane Doe",)
    assert bio not in record.text
    bylined = clean(_page(HEADLINE, "By John Roe", *BODY, bio), source="page.txt")
    assert bylined.authors == ("John Roe",)
    german = clean(_page(HEADLINE, *BODY, "Anna Schmidt ist Redakteurin im Ressort Politik."), source="page.txt")
    assert german.authors == ("Anna Schmidt",)


def test_a_syndication_note_stays():
    note = "This article was originally published by Example News. Read the original article."
    assert note in clean(_page(HEADLINE, *BODY, note), source="page.txt").text


def test_an_unknown_kind_is_refused_when_the_rule_is_loaded():
    from cleaner.decide.params import ParamError, parse

    with pytest.raises(ParamError, match="must be one of address, bio, print, interstitial"):
        parse(ReaderLineParams, {"kind": "adress"})
    assert parse(ReaderLineParams, {"kind": "bio"}).kind == "bio"


def test_a_bio_of_the_storys_subject_stays_and_credits_no_one():
    story = [*BODY, "The inquiry heard on Monday that Roe had kept the letters in a drawer for twenty years "
                    "before he gave them to the police."]
    line = "John Roe is a former reporter for the Example Globe."
    record = clean(_page(HEADLINE, *story, line), source="page.txt")
    assert line in record.text
    assert record.authors == ()
