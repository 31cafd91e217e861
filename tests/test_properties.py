"""Invariants that must hold for any input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.read.capture import CaptureError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Ordinary prose: sentences of lower-case words with a capitalised start and a full stop.
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüß", min_size=2, max_size=9)
_sentence = st.lists(_word, min_size=8, max_size=22).map(lambda ws: " ".join(ws).capitalize() + ".")
_paragraph = st.lists(_sentence, min_size=2, max_size=4).map(" ".join)
# Distinct paragraphs: a paragraph printed twice word for word is treated as page chrome
# (pull quotes, widgets), by design of generic/repeated-block.
_prose = st.lists(_paragraph, min_size=1, max_size=6, unique=True)

_junk_line = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["  • Home", "By Jane Doe", "March 3, 2024", "Skip to main content", "Most Popular",
                     "© 2024 Example", "2 hours ago", "[logo]", "(BUTTON) Menu", "– ", "BLOOMBERG"]),
)
_capture = st.lists(_junk_line, max_size=40).map("\n".join)


@SETTINGS
@given(st.one_of(_capture, st.text(max_size=2000)))
def test_cleaning_never_raises_on_any_text(text):
    record = cleaner.clean(text, source="x.txt")
    assert isinstance(record.text, str)
    assert record.text == record.text.strip()


@SETTINGS
@given(st.binary(max_size=3000))
def test_cleaning_bytes_raises_only_capture_errors(data):
    try:
        cleaner.clean_bytes(data, source="x.txt")
    except CaptureError:
        pass


def test_huge_line_and_empty_input():
    assert cleaner.clean("", source="e.txt").text == ""
    big = ("word " * 200_000).strip() + "."
    assert cleaner.clean(big, source="big.txt").text == big


@SETTINGS
@given(st.one_of(_capture, _prose.map("\n\n".join)))
@example("BY\n0 0 ; a")  # found by hypothesis: a bare "By" hid the headline only the first time
@example("AA AA AA AA AA AA AA AA AA AA AA AA 0 0 .\nMAR\nAA:AA:AA:AA")  # a bare month was a "date"
def test_cleaning_is_idempotent(text):
    once = cleaner.clean(text, source="x.txt").text
    assert cleaner.clean(once, source="x.txt").text == once


@SETTINGS
@given(_prose, st.sampled_from(["\n\n", "\n"]))
def test_prose_without_chrome_loses_nothing(paragraphs, separator):
    text = separator.join(paragraphs)
    record = cleaner.clean(text, source="x.txt")
    assert record.text == "\n\n".join(paragraphs)
    assert record.removed == ()


@SETTINGS
@given(_capture)
def test_output_is_deterministic(text):
    assert cleaner.clean(text, source="x.txt").to_json() == cleaner.clean(text, source="x.txt").to_json()


_tag = st.sampled_from(["p", "div", "nav", "footer", "aside", "h1", "h2", "li", "ul", "a", "span", "figure",
                        "script", "table", "td", "br", "article", "main", "header", "form"])
_html_piece = st.one_of(
    _tag.map(lambda t: f"<{t}>"),
    _tag.map(lambda t: f"</{t}>"),
    _tag.map(lambda t: f'<{t} class="related share comment x">'),
    _sentence,
    st.text(max_size=40),
)


@SETTINGS
@given(st.lists(_html_piece, max_size=60).map("".join))
def test_cleaning_html_never_raises_and_is_deterministic(markup):
    page = "<html><body>" + markup + "</body></html>"
    first = cleaner.clean(page, source="x.html", kind="html")
    assert first.text == first.text.strip()
    assert first.to_json() == cleaner.clean(page, source="x.html", kind="html").to_json()
