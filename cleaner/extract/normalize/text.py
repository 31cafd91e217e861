"""Unicode repair and whitespace normalisation of the text that reaches the record.

ftfy repairs what went wrong on the way (mojibake, HTML entities, C1 controls); it is told not
to "improve" correct text: curly quotes and full-width CJK forms are the author's, not errors.

Most paragraphs have nothing for ftfy to repair, and calling it costs more than everything
else done to a paragraph. So ``repair`` first asks, with two regex scans, whether ftfy *could*
change the text, and skips it when it cannot (see ``_ftfy_is_identity``). The answer is built
from ftfy's own tables and its own mojibake test, so the output is the same as calling ftfy
every time; ``tests/test_normalize_text.py`` checks that on adversarial strings.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy import chardata
from ftfy.badness import BADNESS_RE, is_bad

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
# Invisible characters that only ever get in a corpus's way: soft hyphen, zero-width space,
# word joiner, BOM (zero-width no-break space).
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def _char_class(codepoints: set[int]) -> str:
    return "".join(re.escape(chr(c)) for c in sorted(codepoints))


# Every character one of ftfy's enabled fixes (other than the mojibake repair, see below) acts
# on, taken from ftfy's tables where it has them:
# - "&": ``unescape_html`` only touches ``&...;`` entities;
# - "\n": ``fix_text`` cuts the text into lines and fixes each alone (kept on the slow path);
# - C1 controls U+0080-U+009F (``fix_c1_controls``; U+0085 is also a line break);
# - ``fix_line_breaks``: CR, U+2028, U+2029; ``fix_surrogates``: U+D800-U+DFFF;
# - ``fix_latin_ligatures`` and ``remove_control_chars``: the keys of their translate tables;
# - ``remove_terminal_escapes``: ESC (also in the control table).
_FTFY_TARGETS = re.compile(
    "[&\n\r\x1b\u2028\u2029\x80-\x9f\ud800-\udfff"
    + _char_class(set(chardata.LIGATURES) | set(chardata.CONTROL_CHARS))
    + "]"
)


def _anchor_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` holds at least one, or None if unsure.

    ftfy's mojibake test ``is_bad`` is one big regex alternation, and scanning a paragraph with
    it costs more than all the rest of ``repair``. Each alternative needs at least one
    non-ASCII character of a fixed set at a fixed place (``[{bad}]``, ``Ã``, ``вЂ``...);
    collecting one such set per alternative (the one least shared with correct typography)
    gives characters without which ``is_bad`` cannot match. Read from the parsed pattern, so
    it follows ftfy's regex; anything not understood (case-insensitive flag, an alternative
    without such a set, another parser) gives None and ``is_bad`` is always run.
    """
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        if pattern.flags & re.IGNORECASE:
            return None
        tree = list(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - any doubt means no shortcut
        return None

    def single_chars(item: tuple) -> set[str] | None:
        """The characters one item matches, when it is one character of a fixed set."""
        op, arg = item
        if op is _constants.LITERAL:
            return {chr(arg)}
        if op is not _constants.IN:
            return None
        chars: set[str] = set()
        for sub_op, sub_arg in arg:
            if sub_op is _constants.LITERAL:
                chars.add(chr(sub_arg))
            elif sub_op is _constants.RANGE:
                chars.update(map(chr, range(sub_arg[0], sub_arg[1] + 1)))
            else:  # a negation or a category (\w, \s): not a fixed set
                return None
        return chars

    if len(tree) == 1 and tree[0][0] is _constants.BRANCH:
        alternatives = [list(alt) for alt in tree[0][1][1]]
    else:
        alternatives = [tree]
    typographic = set("“”‘’–—…«»•·©®™°€£")
    anchors: set[str] = set()
    for items in alternatives:
        # Top-level items of a sequence must all match; repeats and groups are skipped.
        sets = [s for s in map(single_chars, items) if s and all(ord(c) > 0x7F for c in s)]
        if not sets:
            return None
        anchors |= min(sets, key=lambda s: (len(s & typographic), len(s)))
    return frozenset(anchors)


_ANCHORS = _anchor_chars(BADNESS_RE)
_MAYBE_MOJIBAKE = re.compile("[" + _char_class({ord(c) for c in _ANCHORS}) + "]") if _ANCHORS else None
# The shortcut is proven against the structure of ftfy 6's ``fix_and_explain``; any other
# major version takes the slow path until checked again.
_FAST_PATH = ftfy.__version__.split(".")[0] == "6"


def _untouched(text: str) -> bool:
    """True when no enabled ftfy fix can change ``text``, NFC normalisation aside.

    ``fix_encoding`` returns its input unless ``is_bad`` finds mojibake (ftfy's own first
    test, ASCII text always passing it, text without any of ``_ANCHORS`` too); every other fix only acts on the characters of
    ``_FTFY_TARGETS``. The text is also short of ftfy's segment length, so it is one segment.
    """
    if len(text) >= _FTFY.max_decode_length or _FTFY_TARGETS.search(text):
        return False
    if text.isascii() or (_MAYBE_MOJIBAKE is not None and not _MAYBE_MOJIBAKE.search(text)):
        return True
    return not is_bad(text)


def _fix_text(text: str) -> str:
    """``ftfy.fix_text(text, _FTFY)``, without calling ftfy when it would only NFC-normalise.

    ftfy fixes, NFC-normalises and repeats until the text is stable. When no fix applies to
    the text, one round ends with ``NFC(text)``; if that differs (composition can make new
    characters), a second round must find nothing to do on it either, so it is checked too.
    """
    if _FAST_PATH and _untouched(text):
        normal = unicodedata.normalize("NFC", text)
        if normal == text or _untouched(normal):
            return normal
    return ftfy.fix_text(text, _FTFY)


def repair(text: str) -> str:
    """ftfy-repair, NFC-normalise and collapse whitespace of one paragraph (no newlines out)."""
    fixed = _fix_text(text)
    fixed = unicodedata.normalize("NFC", fixed)
    visible = _INVISIBLE.sub("", fixed)
    if visible != fixed:
        # Taking out an invisible character can join two characters that ftfy reads as
        # mojibake only side by side ("\xadÀ\x86" -> "À†"): fix once more, or cleaning the
        # record's own text would change it (idempotence). The second round removes nothing.
        visible = _INVISIBLE.sub("", unicodedata.normalize("NFC", _fix_text(visible)))
    fixed = visible
    # Runs of whitespace (newlines included) to one space, ends trimmed: ``str.split`` and
    # ``str.strip`` use the same whitespace test as the regex ``\s``, so this is
    # ``re.sub(r"[^\S\n]+", " ", fixed.replace("\n", " ")).strip()`` in one C call.
    return " ".join(fixed.split())


def join_paragraphs(paragraphs: list[str]) -> str:
    """The record's text: non-empty paragraphs separated by exactly one blank line."""
    return "\n\n".join(p for p in paragraphs if p)
