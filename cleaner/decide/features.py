"""Per-block features for the boilerplate classifier (``cleaner.decide.detectors.classifier``).

One ``Features`` value per block, computed from the block's current text and, when the block
came from HTML, the structure fields ``html_blocks`` fills (link density, heading). Text dumps
have no links, so ``link_density`` is simply 0 there and the other signals carry the decision.

Length is measured in *word units* so that one threshold works for every script: a
whitespace-separated word counts 1; a run of CJK characters counts one unit per
``CJK_CHARS_PER_WORD`` characters (Japanese and Chinese words are about two characters long).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.decide.language import Language, block_language, tokens
from cleaner.scripts import HAN, HANGUL_SYLLABLES, HIRAGANA_KATAKANA, char_class
from cleaner.segment.blocks import Block

# A word unit of its own: Han, the main kana blocks, Hangul syllables (``cleaner.scripts``).
_CJK = char_class(HIRAGANA_KATAKANA, HAN, HANGUL_SYLLABLES)
# Emoji and emoticons (":)", ";-)") close sentences in blog and social writing as a full stop
# does ("... the beauty of Korea 🙂"), with or without a full stop before them.
_EMOJI = r"[\U0001F300-\U0001FAFF\u263A\u263B\u2764]\uFE0F?|[:;]-?[)D(]"
# Sentence marks of every script: Latin/Cyrillic, CJK (ideographic and full-width forms).
_STOPS = ".!?…。！？．｡"
# What may close a sentence after its mark: brackets and the closing quotes of English (” ’),
# German („…“ ‚…‘ »…«), French and others (« … » ‹ … ›) and East Asian text (「…」『…』（…）【…】).
_CLOSERS = "\"'”’“‘»«›‹)\\]」』）】〉》〕"
# French sets a (narrow) no-break space before its closing guillemet: « C'est fini. »
SENTENCE_END = re.compile(rf"(?:[{_STOPS}](?:[ \u00a0\u202f]?[{_CLOSERS}])*|(?:{_EMOJI}))(?:\s*(?:{_EMOJI}))*$")
_SENTENCE_END = SENTENCE_END
# A character no match of SENTENCE_END can contain: with one in the last TAIL characters, a
# match can only start inside them (see ``ends_like_sentence``).
_OUTSIDE_END = re.compile(rf"[^{_STOPS}{_CLOSERS}\s\U0001F300-\U0001FAFF\u263A\u263B\u2764\uFE0F:;\-D(]")
_TAIL = 24
# A last sentence followed only by an agency credit in capitals ("... in August 2024. BLOOMBERG").
_CREDIT_TAIL = re.compile(rf"[.!?…][{_CLOSERS}]*\s+(?:[-–—]\s*)?\(?[A-Z][A-Z&./ -]{{1,30}}\)?$")
_SENTENCE_MARK = re.compile(rf"[{_STOPS}](?=[\s{_CLOSERS}]|$)")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_WORD = re.compile(r"\S*[^\W\d_]\S*")
CJK_CHARS_PER_WORD = 2


def ends_like_sentence(text: str) -> bool:
    """``bool(SENTENCE_END.search(text))``, looking at the text's tail only when that is enough.

    The pattern has no literal to start from, so ``search`` tries it at every position of a
    paragraph, and it runs for every block several times per page. A match ends at the end of
    the text (the pattern has no look-behind), so a match inside the last ``_TAIL`` characters
    is a match of the whole; and a match that starts earlier spans the whole tail, which it
    cannot when the tail holds a character no match contains. Only then is the tail enough to
    say no; otherwise the whole text is searched (tests/test_fast_paths.py checks both ways).
    """
    tail = text[-_TAIL:]
    if _SENTENCE_END.search(tail):
        return True
    if len(text) <= _TAIL or _OUTSIDE_END.search(tail):
        return False
    return _SENTENCE_END.search(text) is not None


def word_units(text: str) -> float:
    """Length in words, CJK characters counted ``CJK_CHARS_PER_WORD`` to a word."""
    if text.isascii():
        return float(len(text.split()))  # no CJK character: what the count below gives
    cjk = len(_CJK.findall(text))
    if not cjk:
        return float(len(text.split()))
    rest = _CJK.sub(" ", text)
    return len(rest.split()) + cjk / CJK_CHARS_PER_WORD


@dataclass(frozen=True, slots=True)
class Features:
    """What the classifier knows about one block."""

    units: float  # length in word units
    chars: int
    stop_density: float  # share of the language's stop words (CJK: function characters, on the same scale)
    link_density: float  # share of the text inside links (HTML only; 0 for text dumps)
    sentence_end: bool  # ends like a sentence
    sentences: int  # sentence marks inside the text
    capitalized: float  # share of words starting with a capital (title case, names, menus)
    digits: float  # share of tokens that are numbers (tables, scores, dates)
    bullet: bool
    heading: bool
    measured_in: str = ""  # how the stop-word density was measured, when not in the page's words

    def describe(self) -> str:
        """The features a person needs to see why the block was judged as it was."""
        parts = [f"{self.units:.0f} words", f"stop words {self.stop_density:.2f}"]
        if self.measured_in:
            parts.append(f"measured in {self.measured_in}")
        if self.link_density:
            parts.append(f"links {self.link_density:.2f}")
        if self.digits >= 0.3:
            parts.append(f"numbers {self.digits:.2f}")
        if self.capitalized >= 0.6 and self.units >= 3:
            parts.append(f"capitalised {self.capitalized:.2f}")
        if self.bullet:
            parts.append("list item")
        if self.heading:
            parts.append("heading")
        if not self.sentence_end:
            parts.append("no sentence end")
        return ", ".join(parts)


def _capitalized(text: str) -> float:
    """Share of the words with a letter that start with a capital (or, after a leading mark
    such as a quote, whose second character is one)."""
    if text.isascii():
        # ASCII: a word has a letter exactly when its cases differ, a capital is a letter, and
        # a letter is ``isalpha``; the same decisions as the general branch, without a regex call
        # per word (this runs for every block of every page the classifier sees).
        words = [w for w in text.split() if w.lower() != w.upper()]
        capitals = sum(1 for w in words if w[0].isupper() or (not w[0].isalpha() and w[1:2].isupper()))
    else:
        # The whitespace-separated words that hold a letter, in one regex pass (``\\s`` and
        # ``str.split`` agree on whitespace); a character is a letter (``_LETTER``) exactly when
        # it is alphanumeric but not a decimal digit (both checked over every code point in
        # tests/test_fast_paths.py).
        words = _LETTER_WORD.findall(text)
        capitals = sum(1 for w in words if (w[0].isupper() if w[0].isalnum() and not w[0].isdecimal()
                                            else w[1:2].isupper()))
    return capitals / len(words) if words else 0.0


def block_features(block: Block, text: str, language: Language) -> Features:
    """Features of ``block`` with its current ``text`` (rules may have trimmed it)."""
    words = tokens(text)  # once, for the stop-word density and the share of numbers
    own = block_language(language, text, words)
    # Positional, in field order (a keyword call costs a third more, once per block and page).
    return Features(
        word_units(text),  # units
        len(text),  # chars
        own.scaled_density(text, words),  # stop_density
        block.link_density,
        ends_like_sentence(text) or bool(_CREDIT_TAIL.search(text)),  # sentence_end
        len(_SENTENCE_MARK.findall(text)),  # sentences
        _capitalized(text),  # capitalized
        sum(map(str.isdigit, words)) / len(words) if words else 0.0,  # digits
        block.bullet is not None,  # bullet
        block.heading,
        _measured_in(own, language),  # measured_in
    )


def _measured_in(own: Language, page: Language) -> str:
    """What ``explain`` says about the measure: the block's own language, a CJK scale factor."""
    parts = [own.name] if own is not page else []
    if own.by_chars and own.scale != 1.0:
        parts.append(f"function characters x{own.scale:.1f}")
    return ", ".join(parts)
