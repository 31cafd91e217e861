"""Unicode repair and whitespace normalisation of the text that reaches the record.

ftfy repairs what went wrong on the way (mojibake, HTML entities, C1 controls); it is told not
to "improve" correct text: curly quotes and full-width CJK forms are the author's, not errors.

Most paragraphs have nothing for ftfy to repair, and calling it costs more than everything
else done to a paragraph. So ``repair`` first asks, with two regex scans, whether ftfy *could*
change the text, and skips it when it cannot (see ``_untouched``). The answer is built from
ftfy's own tables and its own mojibake test, so the output is the same as calling ftfy every
time; ``tests/test_fast_paths.py`` checks that on adversarial strings.

Importing ftfy (and wcwidth with it) costs about as much as the rest of a one-file run's
cleaning, and most captures never need it. So the tables come from ``ftfy_data``, made from
the installed ftfy's version, and ftfy is imported by the first paragraph it may change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# Invisible characters that only ever get in a corpus's way: soft hyphen, zero-width space,
# word joiner, BOM (zero-width no-break space).
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def _char_class(codepoints: set[int]) -> str:
    return "".join(re.escape(chr(c)) for c in sorted(codepoints))


def _targets(chardata: Any) -> str:
    """The class body of every character one of ftfy's enabled fixes (other than the mojibake
    repair, see ``_anchor_chars``) acts on, taken from ftfy's tables where it has them:

    - "&": ``unescape_html`` only touches ``&...;`` entities;
    - "\\n": ``fix_text`` cuts the text into lines and fixes each alone (kept on the slow path);
    - C1 controls U+0080-U+009F (``fix_c1_controls``; U+0085 is also a line break);
    - ``fix_line_breaks``: CR, U+2028, U+2029; ``fix_surrogates``: U+D800-U+DFFF;
    - ``fix_latin_ligatures`` and ``remove_control_chars``: the keys of their translate tables;
    - ``remove_terminal_escapes``: ESC (also in the control table).
    """
    fixes = set(chardata.LIGATURES) | set(chardata.CONTROL_CHARS)
    return "&\n\r\x1b\u2028\u2029\x80-\x9f\ud800-\udfff" + _char_class(fixes)

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


@dataclass(frozen=True)
class _Tables:
    """What the shortcut needs of ftfy: which characters its fixes act on, the characters
    without which its mojibake test cannot match (None: always run it), its segment length,
    and whether the shortcut is proven for this ftfy (its major version, 6)."""

    targets: re.Pattern[str]
    maybe_mojibake: re.Pattern[str] | None
    max_decode_length: int
    fast_path: bool


def ftfy_facts() -> dict[str, Any]:
    """``_Tables``' ingredients read from the installed ftfy (imports it)."""
    import ftfy
    from ftfy import chardata
    from ftfy.badness import BADNESS_RE

    anchors = _anchor_chars(BADNESS_RE)
    return {
        "version": ftfy.__version__,
        "targets": _targets(chardata),
        "anchors": "".join(sorted(anchors)) if anchors is not None else None,
        "max_decode_length": _config().max_decode_length,
    }


def render_ftfy_data() -> str:
    """The text of ``ftfy_data.py`` for the installed ftfy (``python -m
    cleaner.extract.normalize.text > cleaner/extract/normalize/ftfy_data.py``)."""
    facts = ftfy_facts()
    lines = [
        '"""ftfy\'s tables as ``text.repair``\'s shortcut needs them, for the ftfy named below (generated).',
        "",
        "Read instead of importing ftfy (about 15% of a one-file run) while the installed ftfy is",
        "this version. Made by ``python -m cleaner.extract.normalize.text > <this file>``;",
        "``tests/test_fast_paths.py`` checks it is what that prints. Do not edit by hand.",
        '"""',
        "",
    ]
    for key, value in facts.items():
        if isinstance(value, str) and len(value) > 12:  # a long string: 12 characters a line
            parts = "".join(f"\n    {ascii(value[n:n + 12])}" for n in range(0, len(value), 12))
            lines.append(f"{key.upper()} = ({parts}\n)")
        else:
            lines.append(f"{key.upper()} = {ascii(value)}")
    return "\n".join(lines) + "\n"


def installed_ftfy_version() -> str | None:
    """The version of the ftfy ``import ftfy`` would load, without loading it: the name of the
    ``ftfy-<version>.dist-info`` folder beside the package (``importlib.metadata`` costs half of
    ftfy's own import). None when that is not how it was installed, or ambiguous."""
    import sys
    from importlib.util import find_spec

    if "ftfy" in sys.modules:
        return str(sys.modules["ftfy"].__version__)
    spec = find_spec("ftfy")
    if spec is None or not spec.origin:
        return None
    found = [p.name for p in Path(spec.origin).parent.parent.glob("ftfy-*.dist-info")]
    return found[0].removeprefix("ftfy-").removesuffix(".dist-info") if len(found) == 1 else None


@cache
def _tables() -> _Tables:
    """ftfy's tables, from ``ftfy_data`` when it was made from the installed ftfy's version (so a
    run whose text ftfy would leave alone never imports ftfy), else from ftfy itself."""
    from cleaner.extract.normalize import ftfy_data

    if installed_ftfy_version() == ftfy_data.VERSION:
        facts = {"version": ftfy_data.VERSION, "targets": ftfy_data.TARGETS, "anchors": ftfy_data.ANCHORS,
                 "max_decode_length": ftfy_data.MAX_DECODE_LENGTH}
    else:
        facts = ftfy_facts()
    anchors = facts["anchors"]
    return _Tables(
        targets=re.compile(f"[{facts['targets']}]"),
        maybe_mojibake=re.compile("[" + _char_class({ord(c) for c in anchors}) + "]") if anchors else None,
        max_decode_length=facts["max_decode_length"],
        # The shortcut is proven against the structure of ftfy 6's ``fix_and_explain``; any
        # other major version takes the slow path until checked again.
        fast_path=facts["version"].split(".")[0] == "6",
    )


@cache
def _config() -> Any:
    """The ftfy configuration ``repair`` uses (imports ftfy)."""
    import ftfy

    return ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)


def _untouched(text: str) -> bool:
    """True when no enabled ftfy fix can change ``text``, NFC normalisation aside.

    ``fix_encoding`` returns its input unless ``is_bad`` finds mojibake (ftfy's own first
    test, ASCII text always passing it, text without any of the anchors too); every other fix
    only acts on the characters of ``_targets``. The text is also short of ftfy's segment
    length, so it is one segment.
    """
    tables = _tables()
    if len(text) >= tables.max_decode_length or tables.targets.search(text):
        return False
    if text.isascii() or (tables.maybe_mojibake is not None and not tables.maybe_mojibake.search(text)):
        return True
    from ftfy.badness import is_bad

    return not is_bad(text)


def _fix_text(text: str) -> str:
    """``ftfy.fix_text(text, _config())``, without calling ftfy when it would only NFC-normalise.

    ftfy fixes, NFC-normalises and repeats until the text is stable. When no fix applies to
    the text, one round ends with ``NFC(text)``; if that differs (composition can make new
    characters), a second round must find nothing to do on it either, so it is checked too.
    """
    if _tables().fast_path and _untouched(text):
        normal = unicodedata.normalize("NFC", text)
        if normal == text or _untouched(normal):
            return normal
    import ftfy

    return ftfy.fix_text(text, _config())


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


if __name__ == "__main__":
    print(render_ftfy_data(), end="")
