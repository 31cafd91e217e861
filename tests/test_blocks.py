"""Splitting captures into blocks: line spans, bullets, re-joining hard-wrapped paragraphs."""

from __future__ import annotations

from cleaner.segment.blocks import LineSpan, split_blocks, wrap_width


def test_line_numbers_are_one_based_and_skip_blanks():
    blocks = split_blocks("\nfirst\n\n  • Home\nthird")
    assert [(b.start, b.end, b.text) for b in blocks] == [(2, 2, "first"), (4, 4, "• Home"), (5, 5, "third")]
    assert blocks[1].bullet == "•" and blocks[1].content == "Home"
    assert blocks[0].blank_before and blocks[1].blank_before and not blocks[2].blank_before


def _wrap(words: list[str], width: int) -> list[str]:
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


def test_hard_wrapped_paragraphs_are_rejoined():
    para = [f"word{i}" for i in range(120)]
    wrapped = _wrap(para, 80)
    text = "\n".join(wrapped) + "\n\n" + "\n".join(_wrap(para[:50], 80)) + "\n\nshort line\nanother short line\n"
    assert wrap_width(text.split("\n")) is not None
    blocks = split_blocks(text)
    assert blocks[0].text == " ".join(para) and blocks[0].start == 1 and blocks[0].end == len(wrapped)
    assert blocks[1].text == " ".join(para[:50])
    assert [b.text for b in blocks[2:]] == ["short line", "another short line"]


def test_unwrapped_text_is_never_joined():
    text = "A line that ends here.\nThe next line is a new paragraph.\n" + "x " * 300
    assert [b.text for b in split_blocks(text)][:2] == ["A line that ends here.", "The next line is a new paragraph."]


def test_a_wrapped_block_reads_its_physical_lines_back_from_the_capture():
    para = [f"word{i}" for i in range(120)]
    wrapped = _wrap(para, 80)
    text = "Intro line\r\n\r\n" + "\r\n".join(wrapped) + "\r\n\r\n   * A listed item here"
    blocks = split_blocks(text)
    block = blocks[1]
    assert isinstance(block.lines, LineSpan)  # no copy of the lines of its own
    assert block.lines == tuple(wrapped) and tuple(wrapped) == block.lines
    assert len(block.lines) == len(wrapped) and list(block.lines) == wrapped
    assert block.lines[0] == wrapped[0] and block.lines[-1] == wrapped[-1]
    assert hash(block.lines) == hash(tuple(wrapped)) and repr(block.lines) == repr(tuple(wrapped))
    assert block.lines != tuple(wrapped[:-1]) and block.lines != list(wrapped)
    assert blocks[2].lines == ("   * A listed item here",)  # the last line, no line break after it
    assert blocks[0].lines == ("Intro line",) and blocks[0] == split_blocks(text)[0]


def test_a_line_changed_by_the_layout_split_is_kept_as_it_was_read():
    # A framed table's walls are blanked before blocks are made: the block's lines are the
    # blanked ones, as before, not the capture's.
    blocks = split_blocks("│ Cell text here │\n")
    assert blocks[0].lines == ("  Cell text here  ",) and not isinstance(blocks[0].lines, LineSpan)


def test_blocks_of_a_long_page_hold_little_more_than_their_text():
    # Each block held its joined text and a tuple of its physical lines: 3.6x the capture's size
    # here (4x on bench/speed.py's 20,000-line page), now 2.3x: the joined text, the blocks.
    import random
    import tracemalloc

    rng = random.Random(5)
    vocab = ["".join(rng.choices("bcdfghklmnprstvz", k=3)) + rng.choice("aeiou") for _ in range(2000)]
    paragraphs = ["\n".join(_wrap(rng.choices(vocab, k=rng.randint(30, 90)), 76)) for _ in range(400)]
    text = "\n\n".join(paragraphs) + "\n"
    split_blocks(text)  # regexes compiled, free lists filled: not the blocks' memory
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        blocks = split_blocks(text)
        held, peak = (n - base for n in tracemalloc.get_traced_memory())
    finally:
        tracemalloc.stop()
    assert len(blocks) == 400 and all(len(b.lines) > 1 for b in blocks)
    assert held < 3 * len(text)
    # On the way: the lines, the layout's streams of them, and each wrapped run's width at each
    # of its lines (a dictionary of them cost ~70 bytes a line: 7x in all, now 6x).
    assert peak < 6.5 * len(text)
