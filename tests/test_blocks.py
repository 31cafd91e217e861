"""Splitting captures into blocks: line spans, bullets, re-joining hard-wrapped paragraphs."""

from __future__ import annotations

from cleaner.segment.blocks import split_blocks, wrap_width


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
