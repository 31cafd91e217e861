"""Unicode ranges of the East Asian scripts, in one place for every stage.

Segmenting (a line break inside CJK text joins without a space), word counting (a CJK
character is a word unit) and language detection (Han, kana and Hangul shares) each need "is
this character CJK", and each had typed its own ranges, slightly apart. They are named here
once; each stage builds the character class it needs from them (``char_class``), so a range is
corrected in one place. Display width is another matter (``unicodedata.east_asian_width`` in
``cleaner.segment.layout``).
"""

from __future__ import annotations

import re

# Han ideographs: Extension A, the Unified block, the Compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HIRAGANA_KATAKANA = "\u3040-\u30ff"  # the Hiragana and Katakana blocks, side by side
KATAKANA_EXTENSIONS = "\u31f0-\u31ff"
HALFWIDTH_KATAKANA = "\uff66-\uff9f"
KANA = HIRAGANA_KATAKANA + KATAKANA_EXTENSIONS + HALFWIDTH_KATAKANA
HANGUL_SYLLABLES = "\uac00-\ud7af"
HANGUL = "\u1100-\u11ff\u3130-\u318f" + HANGUL_SYLLABLES  # Jamo, compatibility Jamo, syllables
# Full-width ASCII and punctuation (！ ， （ ...): CJK text's own punctuation.
FULLWIDTH_FORMS = "\uff01-\uff60"


def char_class(*ranges: str) -> CharClass:
    """One character of any of ``ranges`` (strings of ``a-b`` pairs as above)."""
    return CharClass("".join(ranges))


class CharClass:
    """A regex of one character class, compiled by the first text that could hold one.

    Compiling a class of large ranges walks every code point in Python (the Han block alone
    is 21,000), 3-5 ms a class, and most runs never see a character of these classes: a text
    that is ASCII, or whose highest character is below the class's lowest, cannot match, so
    until then ``match``/``search``/``findall``/``sub`` answer without the regex (None, None,
    [], the text unchanged: what the regex gives). Once compiled, the pattern's own methods
    replace these on the instance, so later calls cost what the bare pattern costs.
    """

    def __init__(self, ranges: str) -> None:
        self.source = f"[{ranges}]"
        starts, i = [], 0
        while i < len(ranges):
            starts.append(ranges[i])
            i += 3 if ranges[i + 1:i + 2] == "-" else 1
        self.lowest = min(starts)

    def _pattern(self, text: str) -> re.Pattern[str] | None:
        """The compiled class, or None while ``text`` (and every text before it) cannot match."""
        if text.isascii() or max(text) < self.lowest:
            return None
        pattern = re.compile(self.source)
        self.match, self.search, self.findall, self.sub = pattern.match, pattern.search, pattern.findall, pattern.sub
        return pattern

    def match(self, text: str) -> re.Match[str] | None:
        pattern = self._pattern(text)
        return pattern.match(text) if pattern else None

    def search(self, text: str) -> re.Match[str] | None:
        pattern = self._pattern(text)
        return pattern.search(text) if pattern else None

    def findall(self, text: str) -> list[str]:
        pattern = self._pattern(text)
        return pattern.findall(text) if pattern else []

    def sub(self, repl: str, text: str) -> str:
        pattern = self._pattern(text)
        return pattern.sub(repl, text) if pattern else text
