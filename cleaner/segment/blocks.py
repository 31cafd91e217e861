"""Stage 2: capture text -> ``Block`` list, the unit every rule and decision works on.

A block is one logical line of the capture: a physical line plus the continuation lines a
text browser produced when it hard-wrapped a long paragraph (w3m and lynx wrap at their
column limit). Re-joining has to happen before anything is judged, or a paragraph's second
half looks like a short fragment. Blocks keep their 1-based line span so every decision can
be reported against the capture a person has open.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

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
WRAP_MAX_WIDTH = 260
CJK_SLACK = 4
# Text browsers and mail tools wrap at 72 columns or more; a narrower "width" is just a page of
# short lines, and joining those would glue menu items together.
WRAP_MIN_WIDTH = 60


@dataclass(frozen=True, slots=True)
class Block:
    """One logical line of a capture.

    ``text`` is the content with whitespace collapsed (the bullet mark kept, so rules can see
    it); ``lines`` are the original physical lines, for provenance. The optional structure
    fields come from HTML and stay empty for text dumps.
    """

    index: int
    start: int
    end: int
    text: str
    lines: tuple[str, ...]
    indent: int = 0
    blank_before: bool = True
    bullet: str | None = None
    tag: str | None = None
    classes: tuple[str, ...] = field(default_factory=tuple)
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


# Wide (CJK) characters take two columns in a terminal; text browsers wrap by columns.
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
# A CJK character at a line break: w3m breaks CJK text anywhere, even inside a word, and the
# halves join without a space.
_CJK_CHAR = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\uff01-\uff60]")


def columns(text: str) -> int:
    """Display width of ``text`` in terminal columns (wide CJK characters count two)."""
    if text.isascii():
        return len(text)  # no wide character; this runs for every line of every dump
    return len(text) + len(_WIDE.findall(text))


def wrap_width(lines: list[str]) -> int | None:
    """Guess the column width a text browser wrapped at, or None when the text is not wrapped."""
    texts = [line for line in lines if line.strip()]
    lengths = [columns(line.rstrip()) for line in texts]
    if not lengths:
        return None
    longest = max(lengths)
    if longest > WRAP_MAX_WIDTH or longest < WRAP_MIN_WIDTH:
        return None
    near = [line.rstrip() for line, n in zip(texts, lengths, strict=True) if n >= longest - WRAP_SLACK]
    unended = sum(1 for line in near if not _ENDS_SENTENCE.search(line))
    if unended >= WRAP_MIN_UNENDED or (len(near) >= WRAP_MIN_LINES and unended >= 1):
        return longest
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _continues(line: str, nxt: str, width: int) -> bool:
    """True when ``nxt`` is the wrapped tail of ``line``: its first word did not fit."""
    if not nxt.strip() or _BULLET.match(nxt.strip()):
        return False
    if _indent(nxt) != _indent(line) and not (_BULLET.match(line.strip()) and _indent(nxt) > _indent(line)):
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
    """Split capture text into blocks, re-joining hard-wrapped paragraphs."""
    if _CONTROL.search(text):
        # Control characters are invisible and the text normalizer drops them from the record;
        # drop them here too, or a rule anchored at the line start ("^©") misses a line that
        # carries one and a second cleaning of the output gives another result.
        text = _CONTROL.sub("", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = wrap_width(lines)
    blocks: list[Block] = []
    i = 0
    blank_before = True
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank_before = True
            i += 1
            continue
        group = [line]
        while width and i + len(group) < len(lines) and _continues(group[-1], lines[i + len(group)], width):
            group.append(lines[i + len(group)])
        joined = collapse_ws(_join(group))
        match = _BULLET.match(joined)
        blocks.append(
            Block(
                index=len(blocks),
                start=i + 1,
                end=i + len(group),
                text=joined,
                lines=tuple(group),
                indent=_indent(line),
                blank_before=blank_before,
                bullet=match.group("mark") if match else None,
            )
        )
        blank_before = False
        i += len(group)
    return blocks


def repeated_texts(blocks: list[Block]) -> Counter[str]:
    """How often each block text occurs on the page (repeats are a strong chrome signal)."""
    return Counter(block.text.casefold() for block in blocks)
