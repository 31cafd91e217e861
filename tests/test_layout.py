"""Rebuilding a dump's layout: side-by-side columns, wrap widths per column, wide characters."""

from __future__ import annotations

from cleaner.segment.blocks import split_blocks, wrap_width
from cleaner.segment.layout import display_width, split_streams

ARTICLE = ("The river rose by two metres overnight and the town council closed the old bridge before dawn, "
           "while volunteers carried sandbags to the houses nearest the water and the fire brigade "
           "pumped out the cellars of the market hall, which had flooded for the third time this year.")
SECOND = ("Residents said they had been warned too late and that the new flood wall, promised since the "
          "last flood, was still only a line on a map in the town hall.")
RAIL = ["Most read", "* Weather for the weekend", "* Match report: a late goal", "* School opens in the spring",
        "* Letters to the editor", "* The week in pictures", "* Market prices"]


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def _side_by_side(left: list[str], right: list[str], width: int, gutter: int = 4) -> str:
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    return "\n".join(f"{a:<{width + gutter}}{b}".rstrip() for a, b in zip(left, right, strict=True))


def test_side_by_side_columns_become_separate_streams_and_paragraphs():
    left = _wrap(ARTICLE, 56) + [""] + _wrap(SECOND, 56)
    page = "Town news    Sport    Weather\n\n" + _side_by_side(left, RAIL, 56) + "\n\nContact us\n"
    texts = [b.text for b in split_blocks(page)]
    assert ARTICLE in texts and SECOND in texts  # each paragraph whole, without sidebar words in it
    assert "* Weather for the weekend" in texts and "Most read" in texts
    assert texts.index(SECOND) < texts.index("Most read")  # the rail comes after the article column
    assert texts[0] == "Town news Sport Weather" and "Contact us" in texts


def test_blocks_of_a_split_column_keep_their_source_lines():
    left = _wrap(ARTICLE, 56)
    page = _side_by_side(left, RAIL, 56)
    blocks = split_blocks(page)
    article = next(b for b in blocks if b.text == ARTICLE)
    assert (article.start, article.end) == (1, len(left))
    assert [line.strip() for line in article.lines] == left
    rail = next(b for b in blocks if b.text == "* Weather for the weekend")
    assert rail.start == rail.end == 2


def test_a_data_table_is_not_split_into_columns():
    rows = [f"{n:<4}{name:<22}{points:>6}    {note}" for n, (name, points, note) in enumerate([
        ("Harbour Rovers", 41, "Won the cup in May."), ("Castle United", 38, "Two games in hand."),
        ("Mill Lane", 35, "New coach since March."), ("Old Town", 30, "Lost the derby twice."),
        ("Riverside", 28, "Promoted last season."), ("North End", 22, "Relegated on the last day.")], 1)]
    lines = [(i, row) for i, row in enumerate(rows)]
    assert len(split_streams(lines)) == 1
    assert [b.text for b in split_blocks("\n".join(rows))][0].startswith("1 Harbour Rovers 41")


def test_a_paragraph_in_a_narrow_cell_is_rejoined_by_its_own_width():
    # The page's longest lines are 100 columns (a heading bar), the cell wraps at 50.
    bar = "=" * 40 + " Town news " + "=" * 49
    cell = ["      " + line for line in _wrap(ARTICLE, 44)]
    page = "\n".join([bar, bar, "", *cell, "", "Contact us"])
    assert ARTICLE in [b.text for b in split_blocks(page)]


def test_a_list_of_headlines_sharing_an_indent_is_not_joined():
    # Narrower than a page width (60 columns), so only a run's own width could join them.
    items = [f"  Readers liked the school in village {n}" for n in range(6)]
    blocks = split_blocks("\n".join(items))
    assert [b.text for b in blocks] == [item.strip() for item in items]


def test_one_long_line_does_not_switch_rejoining_off():
    url = "https://example.org/" + "a/" * 200
    lines = _wrap(ARTICLE, 80) + ["", url, ""] + _wrap(SECOND, 80)
    assert wrap_width(lines) is not None
    texts = [b.text for b in split_blocks("\n".join(lines))]
    assert ARTICLE in texts and SECOND in texts


def test_wide_characters_count_two_columns_as_renderers_lay_them_out():
    assert display_width("abc") == 3
    assert display_width("漢字かな") == 8
    assert display_width("ｶﾀｶﾅ") == 4  # half-width katakana: one column each
    assert display_width("Ｆｕｌｌ") == 8  # full-width Latin: two
    assert display_width("é") == 1


def test_chinese_wrapped_at_twice_the_nominal_width_is_rejoined():
    # lynx wraps CJK text at about twice its nominal width: no fixed maximum may switch it off.
    clause = "我们在河边看见了很多人他们说新的桥明年春天就会开通" * 3
    para = clause * 8
    lines = [para[i:i + 190] for i in range(0, len(para), 190)]
    assert display_width(lines[0]) == 380
    blocks = split_blocks("\n".join(lines) + "\n\n新闻")
    assert blocks[0].text == para


def test_a_first_line_one_column_in_still_starts_the_paragraph():
    # w3m keeps a leading space of the markup: the first line stands one column further in.
    lines = _wrap(ARTICLE, 80)
    page = "\n".join([" " + lines[0], *lines[1:], "", *_wrap(SECOND, 80)])
    assert ARTICLE in [b.text for b in split_blocks(page)]
    # Two lines further in is another block (a quotation, a nested list), never joined.
    page = "\n".join(["  " + lines[0], *lines[1:], "", *_wrap(SECOND, 80)])
    assert ARTICLE not in [b.text for b in split_blocks(page)]


def _framed(lines: list[str], width: int, margin: int = 8) -> list[str]:
    """Lines as w3m draws a bordered table's cell: walls of box-drawing characters around them."""
    rule = "─" * (width + 2)
    return [" " * margin + row for row in
            [f"┌{rule}┐", *(f"│ {line:<{width}} │" for line in lines), f"└{rule}┘"]]


def test_a_framed_cell_s_walls_are_no_text():
    # Read as text, the walls glued a "│" to every line of the cell, a wall-only line between
    # two paragraphs was no blank line, and the whole frame became one block.
    cell = _wrap(ARTICLE, 60) + [""] + _wrap(SECOND, 60)
    texts = [b.text for b in split_blocks("Town news\n\n" + "\n".join(_framed(cell, 60)) + "\n")]
    assert ARTICLE in texts and SECOND in texts
    assert not any("│" in text for text in texts)


def test_a_framed_article_beside_a_rail_is_split_from_it():
    left = _framed(_wrap(ARTICLE, 50) + [""] + _wrap(SECOND, 50), 50, margin=0)
    texts = [b.text for b in split_blocks(_side_by_side(left, ["", *RAIL], 54) + "\n")]
    assert ARTICLE in texts and SECOND in texts and "* Weather for the weekend" in texts
