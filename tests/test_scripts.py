"""One set of East Asian script ranges (``cleaner.scripts``) for every stage: the character
classes built from it agree with each other where they must."""

from __future__ import annotations

from cleaner.decide import features, language
from cleaner.scripts import HAN, HANGUL, KANA, char_class
from cleaner.segment import blocks

BMP = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]


def _set(pattern) -> set[str]:
    return {c for c in BMP if pattern.match(c)}


def test_each_stage_builds_its_class_from_the_shared_ranges():
    word_unit, any_cjk, joins = _set(features._CJK), _set(language._ANY_CJK), _set(blocks._CJK_CHAR)
    assert word_unit <= any_cjk  # a CJK word unit is a character language detection counts
    assert {c for c in word_unit if c != "\u3040"} <= joins  # and one a wrapped line joins without a space
    assert any_cjk == _set(char_class(HAN, KANA, HANGUL))
    assert {"中", "の", "カ", "한", "ｶ", "ㄱ"} <= any_cjk and not {"a", "é", "Ж", " "} & any_cjk
    assert "！" in joins and "！" not in word_unit  # full-width punctuation joins, but is no word
