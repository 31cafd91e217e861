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


def char_class(*ranges: str) -> re.Pattern[str]:
    """One character of any of ``ranges`` (strings of ``a-b`` pairs as above)."""
    return re.compile(f"[{''.join(ranges)}]")
