"""Record templates: a page section made of records that share one skeleton (a catalogue).

A product round-up prints, for every product, its name, a few feature bullets, a price, "Available
from Amazon" and "Buy Now"; a meal plan prints "Meal 1 / Eat every 2-3 hours / <food> /
Portion: ..." again and again. To the block rules each record's fixed lines are repeats and
its bullets are menus, and no line is a sentence, so the classifier sees chrome. What gives the
catalogue away is its rhythm: the same short line (an *anchor*) comes back at least
``template_min_records`` times, each time several blocks after the last, with other text between.

This module only finds such runs; what they mean is decided where the page's main region is
chosen (``cleaner.decide.detectors.classifier``): a catalogue that continues the article belongs to it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from cleaner.segment.blocks import Block


@dataclass(frozen=True, slots=True)
class Template:
    """One run of an anchor: the blocks (first..last, as captured) it spans, how many records it
    counts and where the anchor first occurs (``first`` is that minus one record's length)."""

    anchor: str
    first: int
    last: int
    records: int
    first_anchor: int


# An anchor is a record's fixed line ("Available from Amazon", "Portion Fix Containers: 1 tsp."),
# never a paragraph: longer blocks are not compared at all (the key is what costs).
_MAX_ANCHOR_CHARS = 120


def _key(block: Block) -> str:
    """The line as an anchor: its text without the list mark, case-folded ("" when too long)."""
    if len(block.text) > _MAX_ANCHOR_CHARS:
        return ""
    return (block.content if block.bullet else block.text).casefold()


_WORDS = re.compile(r"[^\W\d_]+")


def _phrase(text: str) -> bool:
    """True for an anchor that can mark a catalogue's records: a phrase of two or more words with
    at least one in lower case ("Available from Amazon", "Eat every 2-3 hours"). One word
    ("Video", "Reply", "Email") is a widget's label, and words all capitalised are a name or a
    date ("Jane Smith", "Tuesday, November 19, 2019"): a teaser rail's or a comment thread's."""
    words = _WORDS.findall(text)
    return len(words) >= 2 and any(w[0].islower() for w in words)


def find_templates(blocks: list[Block], *, min_records: int, min_gap: int, max_gap: int) -> list[Template]:
    """Runs of blocks in which one line recurs every ``min_gap``..``max_gap`` blocks.

    Each run starts a record's length before its anchor's first occurrence (the anchor may sit
    near a record's end, as "Available from ..." does) and ends at the anchor's last occurrence
    plus the fixed lines that followed it in the record before.
    """
    keys = [_key(b) for b in blocks]
    counts = Counter(keys)
    where: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key and counts[key] >= min_records and _phrase(blocks[i].content):
            where[key].append(i)
    found: list[Template] = []
    for positions in where.values():
        chain = [positions[0]]
        for a, b in pairwise(positions):
            if min_gap <= b - a <= max_gap:
                chain.append(b)
                continue
            _close(found, keys, chain, min_records)
            chain = [b]
        _close(found, keys, chain, min_records)
    found.sort(key=lambda t: (t.first, t.last, t.anchor))
    return found


def _close(found: list[Template], keys: list[str], chain: list[int], min_records: int) -> None:
    """Record one run of an anchor, with the fixed lines that followed the anchor in the
    previous record kept for the last one too ("Buy Now" after "Available from ...")."""
    if len(chain) < min_records:
        return
    gaps = sorted(b - a for a, b in pairwise(chain))
    record = gaps[len(gaps) // 2]
    last, previous = chain[-1], chain[-2]
    tail = 1
    while tail < record and last + tail < len(keys) and keys[last + tail] and keys[last + tail] == keys[previous + tail]:
        tail += 1
    found.append(Template(keys[last], max(chain[0] - record + 1, 0), last + tail - 1, len(chain), chain[0]))
