"""What one page holds while it is cleaned: the engine's facts (the page lowered once, each block's
lowered text read from it), the page's own lists, the body's paragraphs."""

from __future__ import annotations

import random
import re

from cleaner.decide.engine import _prefilter, _Words
from cleaner.decide.page import Page
from cleaner.extract.body import build_body
from cleaner.segment.blocks import split_blocks


def test_a_blocks_lowered_text_is_its_part_of_the_lowered_page() -> None:
    # U+0130 lowers to two characters: the blocks after it are found all the same.
    page = Page(split_blocks("First ONE\n\nİstanbul Second\n\nThird ÉTÉ Σ\n\nFourth\n"))
    words = _Words(page)
    whole = words.whole()
    assert whole.low == "\n".join(text.lower() for text in page.text)
    for i, text in enumerate(page.text):
        low, lo, hi = words.of(i).lowered()
        assert low is whole.low and low[lo:hi] == text.lower()
    page.strip(3, "generic/x", 0, 3)  # a changed text is lowered on its own, until the page is remade
    low, lo, hi = words.of(3).lowered()
    assert low[lo:hi] == "rth" and low is not whole.low
    assert words.whole() is not whole and words.whole().low.endswith("\nrth")


def test_prefilters_read_the_blocks_in_the_lowered_page() -> None:
    page = Page(split_blocks("Accept all COOKIES\n\nThe cookie jar was empty.\n\nNothing here\n"))
    words = _Words(page)
    cookie, plain = _prefilter(re.compile(r"(?i)\bcookies?\b")), _prefilter(re.compile(r"Accept all"))
    assert cookie is not None and plain is not None
    assert cookie.block(words.whole()) and plain.block(words.whole())
    assert [cookie.block(words.of(i)) for i in range(3)] == [True, True, False]
    assert [plain.block(words.of(i)) for i in range(3)] == [True, False, False]
    # "accept all" is in the lowered page but "Accept all" is not in the page: only the blocks tell.
    other = Page(split_blocks("ACCEPT ALL of it\n"))
    assert plain.block(_Words(other).whole()) and not plain.block(_Words(other).of(0))
    assert not _prefilter(re.compile(r"(?i)newsletter")).block(words.whole())  # type: ignore[union-attr]


def test_a_runs_facts_hold_the_lowered_page_once() -> None:
    # Each block kept its own lowered copy, and the page its joined text and a lowered copy of
    # that: 3.3x the page's text; now the lowered page, once, and a small object a block.
    import tracemalloc

    rng = random.Random(3)
    vocab = ["".join(rng.choices("bcdfghklmnprstvz", k=3)) + rng.choice("aeiou") for _ in range(2000)]
    text = "\n\n".join(" ".join(rng.choices(vocab, k=rng.randint(30, 90))).capitalize() + "." for _ in range(800))
    page = Page(split_blocks(text))
    size = sum(map(len, page.text))
    _Words(page).whole()  # free lists filled, nothing kept
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        words = _Words(page)
        words.whole()
        for i in range(len(page.blocks)):
            words.of(i).lowered()
        held = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert held < 1.6 * size


def test_a_paragraph_that_needs_no_repair_is_the_pages_own_string() -> None:
    page = Page(split_blocks("The bridge opened on Tuesday.\n\nIt  cost\u00a0more than planned.\n"))
    page.text[1] = "It  cost more\u200b than planned."  # two spaces and an invisible character to repair
    body = build_body(page)
    assert [p.text for p in body.paragraphs] == ["The bridge opened on Tuesday.", "It cost more than planned."]
    assert body.paragraphs[0].text is page.text[0]  # not a copy of it


def test_untrimmed_blocks_share_one_empty_trim_list_and_kept_lists_share_the_blocks_ints() -> None:
    page = Page(split_blocks("\n\n".join(f"Block number {n} of the page." for n in range(600))))
    assert all(trims is page.trims[0] == () for trims in page.trims)
    page.strip(3, "generic/x", 0, 6)
    assert [t.text for t in page.trims[3]] == ["Block"] and page.trims[4] == ()
    page.remove(2, "generic/x")
    kept = page.kept()
    assert kept == [i for i in range(600) if i != 2]
    assert all(i is page.blocks[i].index for i in kept)
