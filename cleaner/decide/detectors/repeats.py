"""Detectors that judge a block by the page around it rather than by its own words."""

from __future__ import annotations

import re
from array import array
from collections import Counter
from dataclasses import dataclass

from cleaner.decide.detectors.judge import deferred
from cleaner.decide.detectors.records import found_catalogue
from cleaner.decide.features import SENTENCE_END
from cleaner.decide.page import Page, is_prose
from cleaner.decide.params import Strings, param
from cleaner.decide.rulebook import Rule


def _doubled(text: str, min_words: int) -> bool:
    """True when ``text`` is one phrase printed twice ("Title of a story Title of a story").

    Only a phrase glued to itself: when the first copy ends like a sentence, the block is two
    sentences that happen to be the same, which is left to the rest of the rules.
    """
    words = text.split()
    half = len(words) // 2
    return (len(words) % 2 == 0 and half >= min_words and words[:half] == words[half:]
            and not SENTENCE_END.search(words[half - 1]))


def _glued(text: str, min_chars: int) -> bool:
    """True when ``text`` is one string glued to itself with no space between ("Jane DoeJane Doe",
    "photo.jpgphoto.jpg"): an image's alt text beside its link text, a name a card prints twice.
    Prose never does that, at any length."""
    middle = len(text) // 2
    return len(text) % 2 == 0 and middle >= min_chars and text[:middle] == text[middle:] and not text[middle].isspace()


@dataclass(frozen=True, slots=True)
class RepeatedBlockParams:
    min_words: int = param(4, "a block shorter than this many words is never judged a repeat")
    max_extension_words: int = param(8, "a block the next one repeats and extends by at most this many words goes")
    min_glued_chars: int = param(0, "a text glued to itself (no space between) from this many characters per copy goes (0: off)")


def repeated_block(page: Page, rule: Rule) -> None:
    """Drop text the page shows more than once: captions (alt text + caption), widgets, teasers.

    Article paragraphs are written once. A short block seen twice is chrome, so every copy
    goes; a prose block seen twice is usually a pull quote or a summary, so the first copy
    stays. A block that the next block repeats and extends by a few words (a caption, then the
    same caption with its photo credit glued on) goes too, unless it is itself running text. So
    does a block that is one phrase printed twice (a teaser card whose image title and link both
    print the headline): prose never repeats itself word for word back to back.
    """
    params: RepeatedBlockParams = rule.params
    min_words = params.min_words
    max_extension = params.max_extension_words
    # Repeats are a fact of the page, so they are counted on the blocks as captured, whatever
    # other rules already removed.
    texts = [block.text.casefold() for block in page.blocks]
    counts = Counter(texts)
    seen: set[str] = set()
    min_glued = params.min_glued_chars
    for i, key in enumerate(texts):
        if min_glued and page.is_kept(i) and _glued(page.blocks[i].content.strip(), min_glued):
            page.remove(i, rule, "the same text twice with no space between (an image's alt text and its link)")
            continue
        if len(key.split()) < min_words:
            continue
        if page.is_kept(i) and _doubled(page.blocks[i].text, min_words):
            page.remove(i, rule, "the same words twice in a row (a teaser card's image title and link)")
            continue
        if counts[key] > 1:
            if page.is_kept(i) and (not is_prose(key) or key in seen):
                page.remove(i, rule, f"shown {counts[key]} times on the page")
            seen.add(key)
            continue
        if i + 1 < len(texts) and page.is_kept(i) and not is_prose(key):
            nxt = texts[i + 1]
            extra = nxt[len(key):]
            if nxt.startswith(key) and extra and len(extra.split()) <= max_extension:
                page.remove(i, rule, "repeated by the next block with a few words added")


_WORD = re.compile(r"\w+")


def _hashes(text: str, n: int, vocab: dict[str, int]) -> array[int]:
    """The text's word ``n``-grams as 64-bit hashes of their words' page-wide ids.

    A tuple of ints hashes the same in every process (str hashes do not), so the output stays
    deterministic. Two different shingles share a hash with odds of about 2**-64 a pair, under
    one in 10**7 over a page of a million shingles: a collision would change no decision in
    practice, and the hashes cost 8 bytes a shingle instead of a tuple's ~300."""
    ids = [vocab.setdefault(word, len(vocab)) for word in _WORD.findall(text.casefold())]
    return array("q", map(hash, zip(*(ids[m:] for m in range(n)), strict=False)))


class _Shingles:
    """Every kept block's repeated word ``n``-grams (as hashes), with one page-wide count of each.

    Most shingles of a page occur once, and one that occurs once can neither be "elsewhere" nor
    in another block, so only the repeated ones are kept: ``size`` holds each block's number of
    shingles, ``own`` the hashes of its repeated ones (blocks with none are left out), ``total``
    their page-wide counts. A bitset of 32 bits a shingle finds them without a set of every
    hash: a hash whose bit is already set is a candidate, counted exactly in a second pass (a
    bit shared by chance costs a dictionary entry for a moment, never a wrong count)."""

    def __init__(self, texts: dict[int, str], n: int) -> None:
        # Every block's hashes in one array (an array a block cost 64 bytes of header, and most
        # blocks are a few shingles long), each block's run of it found by ``size``.
        vocab: dict[str, int] = {}
        flat: array[int] = array("q")
        self.size: dict[int, int] = {}
        for i, text in texts.items():
            numbers = _hashes(text, n, vocab)
            self.size[i] = len(numbers)
            flat.extend(numbers)
        del vocab
        bits = max(1 << 13, 32 * len(flat))
        seen = bytearray(bits >> 3)
        twice: set[int] = set()
        for h in flat:
            pos = h % bits
            bit = 1 << (pos & 7)
            if seen[pos >> 3] & bit:
                twice.add(h)
            else:
                seen[pos >> 3] |= bit
        del seen
        # Only the blocks that hold a repeated shingle are kept (``own``): most hold none.
        self.total: Counter[int] = Counter()
        repeated: dict[int, array[int]] = {}
        at = 0
        for i, size in self.size.items():
            mine = array("q", (h for h in flat[at : at + size] if h in twice)) if twice else None
            at += size
            if mine:
                repeated[i] = mine
                self.total.update(mine)
        del twice, flat
        self.total = Counter({h: c for h, c in self.total.items() if c > 1})
        total = self.total
        self.own: dict[int, array[int]] = {}
        for i, numbers in repeated.items():
            mine = array("q", (h for h in numbers if h in total))
            if mine:
                self.own[i] = mine
        self._holders: dict[int, list[int]] | None = None

    def counts(self, i: int) -> Counter[int]:
        """Block ``i``'s shingles that occur more than once on the page, with their counts here."""
        return Counter(self.own.get(i, ()))

    def holders(self) -> dict[int, list[int]]:
        """shingle -> the blocks that hold it, in page order (built at the first use only)."""
        if self._holders is None:
            self._holders = {}
            for j, numbers in self.own.items():
                for s in dict.fromkeys(numbers):
                    self._holders.setdefault(s, []).append(j)
        return self._holders


def _excerpt(page: Page, i: int, mine: Counter[int], shingles: _Shingles, need: float) -> bool:
    """True when one longer kept block alone holds ``need`` of ``mine``: a pull quote or a summary
    of that paragraph, which the article prints on purpose (the devset's truth keeps both).

    Each other block's share is summed over the blocks that hold each of ``mine``'s shingles,
    not by scanning every block for every candidate, which was quadratic."""
    size = shingles.size[i]
    holders = shingles.holders()
    held: Counter[int] = Counter()
    for shingle, count in mine.items():
        for j in holders[shingle]:
            held[j] += count
    return any(j != i and page.is_kept(j) and shingles.size[j] > size and count >= need
               for j, count in held.items())


@dataclass(frozen=True, slots=True)
class RepeatedTextParams:
    contained_share: float = param(0.8, "a kept block goes when this share of its word shingles is in the other kept text")
    shingle: int = param(4, "words per shingle")
    min_shingles: int = param(8, "blocks with fewer shingles than this are left alone")
    defer_to: Strings = param((), "rules that, once they removed a block, mean the DOM chose the article: do nothing",
                              refs=True)


def repeated_text(page: Page, rule: Rule) -> None:
    """Drop a kept block whose words the kept text already says elsewhere on the page.

    Some pages print their article twice: once as paragraphs and list items, once more flattened
    into one block (a teaser's full text, a print or AMP copy, a summary field), so no block is
    an exact repeat of another. A block most of whose word ``shingle``-grams (share
    ``contained_share`` or more) occur in the other kept blocks says nothing new. Blocks are
    taken from the last to the first and a dropped block no longer counts as "elsewhere", so one
    copy always stays: the first printing, as ``repeated-block`` keeps the first copy of prose.
    Short blocks (fewer than ``min_shingles`` shingles) are left alone: labels and names repeat
    by nature, and a pull quote of a few words is the article's own choice. On HTML whose
    article container the DOM detectors found (``defer_to``), the page's other copies are
    already outside it; there the detector does nothing (on the devset it cost HTML 0.0006).
    """
    if deferred(page, rule):
        return
    params: RepeatedTextParams = rule.params
    n = params.shingle
    share = params.contained_share
    min_shingles = params.min_shingles
    catalogue = found_catalogue(page)  # a catalogue's records repeat one another's fields
    kept = [i for i in page.kept() if i not in catalogue]
    shingles = _Shingles({i: page.text[i] for i in kept}, n)
    total = shingles.total
    for i in reversed(kept):
        size = shingles.size[i]
        if size < min_shingles:
            continue
        mine = shingles.counts(i)
        inside = sum(c for s, c in mine.items() if total[s] - c > 0)
        if inside < share * size or _excerpt(page, i, mine, shingles, share * size):
            continue
        for s, c in mine.items():
            total[s] -= c
        page.remove(i, rule, f"{inside} of its {size} word {n}-grams are in the page's other kept text")
