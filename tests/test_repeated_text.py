"""generic/repeated-text: a page that prints its article a second time, flattened into one block."""

from __future__ import annotations

from cleaner import clean

PARA = [
    "The council said on Monday that the new bridge would open in the spring, two years later than planned.",
    "Officials blamed the delay on a shortage of steel and on a dispute with the contractor over the design.",
    "Residents who have waited for the crossing since 2015 said they were disappointed but not surprised.",
    "The mayor said the city would ask the state for money to cover the extra costs, which run to millions.",
]


def _rules(record) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in record.removed:
        out.setdefault(r.rule, []).append(r.text)
    return out


def test_a_flattened_second_copy_of_the_article_goes_the_first_stays():
    text = "\n\n".join(PARA) + "\n\nShare this story\n\n" + " ".join(PARA) + "\n"
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join(PARA)
    removed = _rules(record)
    assert removed["generic/repeated-text"] == [" ".join(PARA)]


def test_a_pull_quote_of_one_paragraph_stays():
    quote = "a shortage of steel and on a dispute with the contractor over the design"
    text = "\n\n".join([PARA[0], PARA[1], f"“{quote}”", PARA[2], PARA[3]]) + "\n"
    record = clean(text, source="page.txt")
    assert "generic/repeated-text" not in _rules(record)
    assert quote in record.text.split("\n\n")[2]


def test_text_said_once_is_left_alone():
    text = "\n\n".join(PARA) + "\n"
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join(PARA)
    assert "generic/repeated-text" not in _rules(record)


def test_why_names_the_shared_share():
    from cleaner import explain

    text = "\n\n".join(PARA) + "\n\nShare this story\n\n" + " ".join(PARA) + "\n"
    page = explain(text, source="page.txt").page
    i = next(i for i, r in enumerate(page.removed_by) if r == "generic/repeated-text")
    assert "word 4-grams are in the page's other kept text" in page.why[i]
