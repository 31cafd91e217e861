"""Unicode repair and whitespace normalisation of the text that reaches the record.

ftfy repairs what went wrong on the way (mojibake, HTML entities, C1 controls); it is told not
to "improve" correct text: curly quotes and full-width CJK forms are the author's, not errors.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
# Invisible characters that only ever get in a corpus's way: soft hyphen, zero-width space,
# word joiner, BOM (zero-width no-break space).
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_HSPACE = re.compile(r"[^\S\n]+")


def repair(text: str) -> str:
    """ftfy-repair, NFC-normalise and collapse whitespace of one paragraph (no newlines out)."""
    fixed = ftfy.fix_text(text, _FTFY)
    fixed = unicodedata.normalize("NFC", fixed)
    fixed = _INVISIBLE.sub("", fixed)
    return _HSPACE.sub(" ", fixed.replace("\n", " ")).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """The record's text: non-empty paragraphs separated by exactly one blank line."""
    return "\n\n".join(p for p in paragraphs if p)
