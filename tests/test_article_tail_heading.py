"""The lines that head the box after an article (the author's name over a bio) go with the box
(``heading_words`` of generic/article-tail): left kept, they were the text's last line, and
cleaning the text again removed them (issue 12 item 8)."""

from __future__ import annotations

import cleaner

_ARTICLE = [
    "The council said on Tuesday that the new bridge would open in the spring, after a year of work that had "
    "cost more than the city had expected and had closed the road to all traffic for months.",
    "Engineers said the steel had come from three countries and that the deck had been lifted into place in a "
    "single night in October, watched by hundreds of people from both banks of the river.",
    "Residents said they were glad that the work was over and that the buses would return to the street, "
    "although some shops had lost customers during the works and two had closed.",
    "The mayor said the city would now turn to the second bridge, which is older and in worse repair, and that "
    "work on it would start next year if the regional government agreed to pay for half of it.",
    "Opposition members said that they would vote against any new loan for the second bridge until the council "
    "had published a full account of what the first one had cost, line by line, and why it had run over.",
]
_BIO = ("Jane Doe is a city hall reporter for the Example Times, covering transport and housing. She joined "
        "the paper in 2015 after ten years at the Example Herald.")


def test_the_name_over_an_author_bio_goes_with_the_bio():
    capture = "\n\n".join([*_ARTICLE, "Jane Doe", _BIO])
    record = cleaner.clean(capture, source="x.txt")
    assert record.text == "\n\n".join(_ARTICLE)
    assert cleaner.clean(record.text, source="x.txt").text == record.text


def test_a_closing_sentence_before_the_bio_stays():
    closing = "Read the council's report."
    capture = "\n\n".join([*_ARTICLE, closing, _BIO])
    assert cleaner.clean(capture, source="x.txt").text == "\n\n".join([*_ARTICLE, closing])
