"""Stage 2: capture text -> ``Block`` list, the unit every rule and decision works on.

A block is one logical line of the capture: a physical line plus the continuation lines a
text browser produced when it hard-wrapped a long paragraph (w3m and lynx wrap at their
column limit). Re-joining has to happen before anything is judged, or a paragraph's second
half looks like a short fragment. Blocks keep their 1-based line span so every decision can
be reported against the capture a person has open.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from cleaner.scripts import FULLWIDTH_FORMS, HAN, HANGUL_SYLLABLES, HIRAGANA_KATAKANA, char_class
from cleaner.segment.layout import Line, display_width, split_streams

# List-item markers of text browsers and copy-pastes: w3m "•", "□", "○" (nesting levels), lynx "*", "+", "o", "#".
_BULLET = re.compile(r"^(?P<mark>[•◦▪‣∙·*+o#□■○●-])\s+(?=\S)")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# A dump is treated as hard-wrapped when lines end within WRAP_SLACK columns of the longest
# line and stop in mid-sentence (no final punctuation: a line cut by a wrap rarely ends a
# sentence, while unwrapped paragraphs of similar length all do): WRAP_MIN_UNENDED such lines,
# or WRAP_MIN_LINES near the width of which at least one is unended. One long line alone does
# not make a wrap width; a short page may have only one paragraph long enough to wrap, and
# such a paragraph wrapped once gives just two lines near the width (its first line unended,
# its last one often as long), so two are enough when one of them stops in mid-sentence.
WRAP_MIN_LINES = 2
WRAP_MIN_UNENDED = 2
_ENDS_SENTENCE = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
WRAP_SLACK = 12
CJK_SLACK = 4
# Text browsers and mail tools wrap at 72 columns or more; a narrower "width" is just a page of
# short lines, and joining those would glue menu items together.
WRAP_MIN_WIDTH = 60
WRAP_MAX_OUTLIERS = 2
# A run of equally indented lines (a table cell, a layout column) wrapped narrower than the page:
# at least this wide and this many lines, nearly all of them but the last near its width.
LOCAL_MIN_WIDTH = 30
LOCAL_MIN_LINES = 3


class LineSpan:
    """A block's physical lines read back from the capture on demand, a sequence like their tuple.

    A text block used to hold its lines as a tuple of their own strings beside its joined
    ``text``: the capture a second time, 2x its size in memory with the strings' headers. The
    lines are only read for provenance (a removed run's text, ``explain``, a table row's
    columns), so a block whose lines are whole consecutive lines of the capture keeps where
    they are in the (shared) capture string instead; the strings are made when asked for.
    """

    __slots__ = ("hi", "lo", "source")

    def __init__(self, source: str, lo: int, hi: int) -> None:
        self.source, self.lo, self.hi = source, lo, hi  # the lines are source[lo:hi], "\n"-separated

    def _tuple(self) -> tuple[str, ...]:
        return tuple(self.source[self.lo : self.hi].split("\n"))

    def __len__(self) -> int:
        return self.source.count("\n", self.lo, self.hi) + 1

    def __iter__(self) -> Iterator[str]:
        return iter(self._tuple())

    def __getitem__(self, k: int) -> str:
        return self._tuple()[k]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LineSpan):
            return self._tuple() == other._tuple()
        return isinstance(other, tuple) and self._tuple() == other

    def __hash__(self) -> int:
        return hash(self._tuple())  # equal to its tuple, so hashed like it

    def __repr__(self) -> str:
        return repr(self._tuple())


@dataclass(frozen=True, slots=True)
class Block:
    """One logical line of a capture.

    ``text`` is the content with whitespace collapsed (the bullet mark kept, so rules can see
    it); ``lines`` are the original physical lines, for provenance: a tuple, or for a text
    dump's block of whole lines a ``LineSpan`` that reads them back from the capture (equal
    to the tuple, compared and hashed like it). The optional structure fields come from HTML
    and stay empty for text dumps.
    """

    index: int
    start: int
    end: int
    text: str
    lines: tuple[str, ...] | LineSpan
    indent: int = 0
    blank_before: bool = True
    bullet: str | None = None
    tag: str | None = None
    link_density: float = 0.0
    heading: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def content(self) -> str:
        """The text without its list-item marker."""
        if self.bullet:
            return _BULLET.sub("", self.text, count=1)
        return self.text


def collapse_ws(text: str) -> str:
    """Collapse runs of horizontal whitespace (NBSP and friends included) to one space."""
    return _WS.sub(" ", text).strip()


# A CJK character at a line break: w3m breaks CJK text anywhere, even inside a word, and the
# halves join without a space (``cleaner.scripts``: kana, Han, Hangul syllables, full-width forms).
_CJK_CHAR = char_class(HIRAGANA_KATAKANA, HAN, HANGUL_SYLLABLES, FULLWIDTH_FORMS)


def columns(text: str) -> int:
    """Display width of ``text`` in terminal columns, as text browsers count it (wide and
    full-width East Asian characters take two)."""
    return display_width(text)


def _wrapped_at(lengths: list[int], texts: list[str], min_width: int) -> int | None:
    """The width lines of one column were wrapped at, or None (see WRAP_* above)."""
    if not lengths:
        return None
    longest = max(lengths)
    if longest < min_width:
        return None
    near = [line.rstrip() for line, n in zip(texts, lengths, strict=True) if n >= longest - WRAP_SLACK]
    unended = sum(1 for line in near if not _ENDS_SENTENCE.search(line))
    if unended >= WRAP_MIN_UNENDED or (len(near) >= WRAP_MIN_LINES and unended >= 1):
        return longest
    return None


def wrap_width(lines: list[str]) -> int | None:
    """Guess the column width a text browser wrapped the page at, or None when it is not wrapped.

    A long line does not switch this off: lynx wraps CJK text at about twice its nominal width
    (so no fixed maximum), and when the longest lines show no wrap (a long URL, a preformatted
    line), the width is looked for again without them, up to WRAP_MAX_OUTLIERS lines.
    """
    texts = [line for line in lines if line.strip()]
    lengths = [columns(line.rstrip()) for line in texts]
    for _ in range(WRAP_MAX_OUTLIERS + 1):
        width = _wrapped_at(lengths, texts, WRAP_MIN_WIDTH)
        if width or not lengths:
            return width
        longest = lengths.index(max(lengths))
        del lengths[longest], texts[longest]
    return None


_LEAD = re.compile(r"^[\W_]+")


def _goes_on(line: str) -> bool:
    """The line starts as the rest of a sentence would: a lower-case letter, or a letter of a
    script without case (CJK), after any table border or opening mark. Not a capital or a digit."""
    first = _LEAD.sub("", line)[:1]
    return first.isalpha() and not first.isupper()


def _local_widths(stream: list[Line]) -> array[int]:
    """Width of each run of equally indented lines that is wrapped on its own (a table cell or a
    layout column narrower than the page), at the position of each of its lines (0: none; an
    array, not a dictionary: 4 bytes a line instead of ~70 on a long wrapped page).

    A run is wrapped when its own longest lines show the page-level evidence, at least
    LOCAL_MIN_LINES of its lines stand near that width (a cell holding a wrapped paragraph has
    many, a menu of short labels that happen to share an indent has one or two), and the line
    after a near-width one at least sometimes goes on in lower case.
    """
    out = array("i", bytes(4 * len(stream)))
    k = 0
    while k < len(stream):
        text = stream[k][1]
        if not text.strip():
            k += 1
            continue
        run_end = k + 1
        while run_end < len(stream) and stream[run_end][1].strip() and _indent(stream[run_end][1]) == _indent(text):
            run_end += 1
        texts = [t for _, t in stream[k:run_end]]
        if len(texts) >= LOCAL_MIN_LINES:
            lengths = [columns(t.rstrip()) for t in texts]
            width = _wrapped_at(lengths, texts, _indent(text) + LOCAL_MIN_WIDTH)
            near = [i for i, n in enumerate(lengths[:-1]) if width and n >= width - WRAP_SLACK]
            # A wrapped sentence goes on in lower case (or in a script without case) on the next
            # line; a list of headlines or labels starts every line with a capital.
            going_on = sum(1 for i in near if _goes_on(texts[i + 1]))
            if width and len(near) >= LOCAL_MIN_LINES - 1 and 3 * going_on >= len(near):
                out[k:run_end] = array("i", [width]) * (run_end - k)
        k = run_end
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _continues(line: str, nxt: str, width: int, first: bool = False) -> bool:
    """True when ``nxt`` is the wrapped tail of ``line``: its first word did not fit."""
    if not nxt.strip() or _BULLET.match(nxt.strip()):
        return False
    shift = _indent(nxt) - _indent(line)
    # A paragraph's first line may stand one column in (w3m keeps a leading space of the markup).
    if shift and not (_BULLET.match(line.strip()) and shift > 0) and not (first and shift == -1):
        return False
    line = line.rstrip()
    if _CJK_CHAR.match(line[-1:]) and _CJK_CHAR.match(nxt.lstrip()[:1]):
        # Broken inside CJK text: the next character (two columns) did not fit; w3m also pulls
        # a character down to keep punctuation off the next line's start, hence the slack.
        return columns(line) + 2 + CJK_SLACK > width
    first_word = nxt.split(None, 1)[0]
    return columns(line) + 1 + columns(first_word) > width


def _join(group: list[str]) -> str:
    """Re-join a wrapped paragraph's lines: a space between them, none inside CJK text."""
    out = group[0].strip()
    for part in group[1:]:
        part = part.strip()
        glue = "" if _CJK_CHAR.match(out[-1:]) and _CJK_CHAR.match(part[:1]) else " "
        out = out + glue + part
    return out


def split_blocks(text: str) -> list[Block]:
    """Split capture text into blocks: layout columns into streams, wrapped paragraphs re-joined.

    Blocks come stream by stream (``cleaner.segment.layout``): a side-by-side column's blocks
    follow the column to its left, so their line spans may interleave; each block's ``lines``
    are its own part of the physical lines.
    """
    if _CONTROL.search(text):
        # Control characters are invisible and the text normalizer drops them from the record;
        # drop them here too, or a rule anchored at the line start ("^©") misses a line that
        # carries one and a second cleaning of the output gives another result.
        text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    width = wrap_width(lines)
    blocks: list[Block] = []
    streams = split_streams(list(enumerate(lines)))
    # Where each line starts in ``text``: blocks of whole lines keep a ``LineSpan`` of it.
    starts = array("q", accumulate(map((1).__add__, map(len, lines)), initial=0))
    for stream in streams:
        # A layout column is wrapped at its own right edge, not at the page's.
        own = _column_width(stream) if len(streams) > 1 else None
        # Not when a column's cut or a table's blanked walls (``split_streams``) changed a line.
        whole = all(part == lines[n] for n, part in stream)
        _stream_blocks(stream, own or width, blocks, (text, starts) if whole else None)
    return blocks


def _column_width(stream: list[Line]) -> int | None:
    """The width a layout column's lines were wrapped at (the page-level evidence, and lines
    after a near-width one that at least sometimes go on in lower case), or None."""
    texts = [t for _, t in stream if t.strip()]
    lengths = [columns(t.rstrip()) for t in texts]
    width = _wrapped_at(lengths, texts, LOCAL_MIN_WIDTH + min(map(_indent, texts), default=0))
    if not width:
        return None
    near = [i for i, n in enumerate(lengths[:-1]) if n >= width - WRAP_SLACK]
    going_on = sum(1 for i in near if _goes_on(texts[i + 1]))
    return width if near and 3 * going_on >= len(near) else None


def _stream_blocks(stream: list[Line], width: int | None, blocks: list[Block],
                   capture: tuple[str, array[int]] | None = None) -> None:
    """Append the blocks of one stream of lines, re-joining each wrapped paragraph by the width
    of its own column (the page's width where the column shows none of its own).

    ``capture``: the capture text and where each of its lines starts, when the stream's lines
    are the capture's whole lines; a block of consecutive ones then reads them back from it.
    """
    local = _local_widths(stream)
    k = 0
    blank_before = True
    while k < len(stream):
        line = stream[k][1]
        if not line.strip():
            blank_before = True
            k += 1
            continue
        group = [line]
        while k + len(group) < len(stream):
            at = k + len(group) - 1
            limit = local[at] or width
            if not limit or not _continues(group[-1], stream[at + 1][1], limit, len(group) == 1):
                break
            group.append(stream[at + 1][1])
        joined = collapse_ws(_join(group))
        match = _BULLET.match(joined)
        first, last = stream[k][0], stream[k + len(group) - 1][0]
        if capture is not None and last - first == len(group) - 1:
            source, starts = capture
            lines: tuple[str, ...] | LineSpan = LineSpan(source, starts[first], starts[last + 1] - 1)
        else:
            lines = tuple(group)
        # Positional, in field order (index, start, end, text, lines, indent, blank_before,
        # bullet): a frozen dataclass's keyword call costs a quarter more, once per block.
        blocks.append(Block(len(blocks), first + 1, last + 1, joined,
                            lines, _indent(line), blank_before, match.group("mark") if match else None))
        blank_before = False
        k += len(group)


def repeated_texts(blocks: list[Block]) -> Counter[str]:
    """How often each block text occurs on the page (repeats are a strong chrome signal)."""
    return Counter(block.text.casefold() for block in blocks)
