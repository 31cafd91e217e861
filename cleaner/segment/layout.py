"""Side-by-side layout columns of a text dump, split into separate streams of lines.

w3m renders an HTML layout table as the terminal would show it: the article's column and a
sidebar's column side by side, so one physical line holds half a sentence of the article, a
gutter of spaces, and a sidebar link. Judged line by line, neither half is anything. This module
finds such gutters (a column position where every line of a vertical band has a space, and most
lines that have text on both sides have at least two) and cuts the band into a left and a right
stream, recursively (a left nav, the article, a right rail). The blocks stage then reads each
stream on its own, so a wrapped paragraph of the article is re-joined from its own lines.

Positions are display columns, as the renderer laid them out: a wide (East Asian) character
takes two (``unicodedata.east_asian_width`` W or F). Each line is laid out on a grid where a
wide character is followed by a filler cell, so a cut never falls inside one.

A data table (scores, dates) has gutters too, and its rows are worth more as rows than as
columns: a band is split only when one side of it holds prose (a stretch ``PROSE_COLUMNS``
wide without a two-space gap, on at least ``PROSE_LINES`` lines), which table cells rarely are.

w3m draws the frame of a bordered table with box-drawing characters; its vertical walls are
read as spaces (the horizontal rules stay: a line of its own, chrome like any other).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# A line of a stream: (0-based line index in the capture, its text within the stream).
Line = tuple[int, str]

_FILL = "\x00"
_GAP = re.compile(r"  +")
_ENDED = re.compile(r"[.!?…:;。！？][\"'”’»«“)\]」』）]*$")
# Below U+1100 no character is wide: most lines need no per-character look-up. Written as the
# complement of U+0000-U+10FF (the same characters): the regex compiler walks every character
# of a range in the Basic Multilingual Plane, 61,000 for ``[\u1100-\U0010ffff]`` (5 ms of start-up).
_MAYBE_WIDE = re.compile(r"[^\x00-\u10ff]")
# The vertical lines of a framed table (w3m draws a bordered table's frame with box-drawing
# characters): a cell's wall is no text, and read as text it glued a "│" to every line of the
# cell and kept a gutter from ever being all spaces.
_FRAME = str.maketrans(dict.fromkeys("│┃║", " "))
MIN_SPLIT_LINES = 4  # lines with text on both sides of a gutter
MIN_WIDE_GAP_SHARE = 0.75  # of those, the share whose gap is at least two columns wide
PROSE_COLUMNS = 30  # a side's text this wide is prose, not a table cell...
PROSE_LINES = 3  # ... when that many lines of the band have it
MAX_DEPTH = 3


def char_columns(ch: str) -> int:
    """Columns a character takes in a terminal: two for East Asian wide and full-width ones."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Display width of ``text`` in terminal columns, as text browsers lay it out."""
    if text.isascii():
        return len(text)
    return len(text) + sum(char_columns(ch) - 1 for ch in _MAYBE_WIDE.findall(text))


def _grid(text: str) -> str:
    """The line as columns: a filler after each wide character, so a column is an index.

    Only characters from U+1100 on can be wide, and a Latin line holds few of them (curly
    quotes, dashes): they are found by the regex and looked up, not every character.
    """
    if text.isascii():
        return text.rstrip()
    parts = []
    last = 0
    for match in _MAYBE_WIDE.finditer(text):
        if char_columns(match.group()) == 2:
            end = match.end()
            parts.append(text[last:end])
            last = end
    if not parts:
        return text.rstrip()
    parts.append(text[last:])
    return _FILL.join(parts).rstrip()


def _cut(grid: str, lo: int, hi: int | None) -> str:
    return grid[lo:hi].replace(_FILL, "")


def _candidates(grids: list[str]) -> Counter[int]:
    """Columns where a segment starts after a gap of at least two spaces, following text."""
    found: Counter[int] = Counter()
    for grid in grids:
        start = len(grid) - len(grid.lstrip(" "))
        x = grid.find("  ", start)
        while x != -1:
            y = x
            while y < len(grid) and grid[y] == " ":
                y += 1
            if y < len(grid):
                found[y] += 1
            x = grid.find("  ", y)
    return found


def _fits(grid: str, x: int) -> bool:
    """The line can be cut at column ``x`` without cutting a word or a wide character."""
    return len(grid) < x or (grid[x - 1] == " " and (len(grid) == x or grid[x] != _FILL))


def _prose(part: str) -> bool:
    """A stretch of text at least PROSE_COLUMNS wide with no gap of two spaces in it: a line of a
    paragraph, where a table row is short cells with gutters between them."""
    return any(len(piece) >= PROSE_COLUMNS and piece.count(" ") >= 3 for piece in _GAP.split(part.strip()))


def _wrapped_prose(parts: list[str]) -> bool:
    """One side of a band holds a paragraph wrapped inside the column: a prose line stopping in
    mid-sentence with the text going on right below it, PROSE_LINES - 1 times at least. A table's
    cells, even long ones, are one line each."""
    going_on = 0
    for part, below in zip(parts, parts[1:], strict=False):
        text = part.strip()
        if _prose(text) and below.strip() and not _ENDED.search(text):
            going_on += 1
    return going_on >= PROSE_LINES - 1


def _band(grids: list[str], x: int) -> tuple[int, int] | None:
    """The first band of lines cut cleanly at ``x`` that is a real layout gutter, if any."""
    i, n = 0, len(grids)
    while i < n:
        if not _fits(grids[i], x):
            i += 1
            continue
        j = i
        while j < n and _fits(grids[j], x):
            j += 1
        split = [g for g in grids[i:j] if g[:x].strip() and g[x:].strip()]
        if len(split) >= MIN_SPLIT_LINES:
            wide = sum(1 for g in split if g[x - 2] == " ")
            sides = ([g[:x] for g in grids[i:j]], [g[x:] for g in grids[i:j]])
            if wide >= MIN_WIDE_GAP_SHARE * len(split) and any(_wrapped_prose(side) for side in sides):
                # Trim blank lines at the band's edges: they belong to no column.
                while i < j and not grids[i].strip():
                    i += 1
                while j > i and not grids[j - 1].strip():
                    j -= 1
                return i, j
        i = j
    return None


def split_streams(lines: list[Line], depth: int = 0) -> list[list[Line]]:
    """Cut ``lines`` into streams at layout gutters; a stream's lines read top to bottom.

    The walls of a framed table (``_FRAME``) are blanked first, split or not: a line of walls
    only is then a blank line between two paragraphs of the cell, and a cell beside a rail has
    its gutter.
    """
    if depth == 0:
        lines = [(n, text.translate(_FRAME)) if not text.isascii() else (n, text) for n, text in lines]
    if depth >= MAX_DEPTH or len(lines) < MIN_SPLIT_LINES:
        return [lines]
    grids = [_grid(text) for _, text in lines]
    best: tuple[int, int, int] | None = None  # (start, end, x) of the first band found, leftmost x on ties
    for x, count in sorted(_candidates(grids).items()):
        if count < MIN_SPLIT_LINES or x < 2:
            continue
        band = _band(grids, x)
        if band and (best is None or band[0] < best[0]):
            best = (band[0], band[1], x)
    if best is None:
        return [lines]
    start, end, x = best
    left = [(n, _cut(g, 0, x).rstrip()) for (n, _), g in zip(lines[start:end], grids[start:end], strict=True)]
    right = [(n, _cut(g, x, None)) for (n, _), g in zip(lines[start:end], grids[start:end], strict=True)]
    # The right stream keeps its place on the page: its indentation is counted from column x,
    # the same for every line of it, so equal indents still mean one column.
    right = [(n, " " * x + text if text.strip() else "") for n, text in right]
    out: list[list[Line]] = []
    if start:
        out.extend(split_streams(lines[:start], depth))
    out.extend(split_streams(left, depth + 1))
    out.extend(split_streams(right, depth + 1))
    if end < len(lines):
        out.extend(split_streams(lines[end:], depth))
    return [stream for stream in out if any(text.strip() for _, text in stream)]
