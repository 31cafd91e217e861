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


def test_a_char_class_answers_like_its_regex_before_and_after_it_is_compiled():
    import re

    texts = ["", "plain ASCII", "café – “quoted”", "Ж ᄀ below Han", "mixed 中文 text", "かな", "ａｂ！", "a中"]
    for ranges in ((HAN,), (KANA,), (HANGUL,), (HAN, KANA, HANGUL)):
        regex = re.compile(f"[{''.join(ranges)}]")
        lazy = char_class(*ranges)
        for text in texts:  # the first text that can match compiles it; every answer is the regex's
            assert bool(lazy.match(text)) == bool(regex.match(text)), (ranges, text)
            assert bool(lazy.search(text)) == bool(regex.search(text)), (ranges, text)
            assert lazy.findall(text) == regex.findall(text), (ranges, text)
            assert lazy.sub("_", text) == regex.sub("_", text), (ranges, text)


def test_a_char_class_is_not_compiled_for_text_that_cannot_hold_one():
    lazy = char_class(HAN)
    assert lazy.lowest == "\u3400"
    for text in ("", "ASCII only", "Ж ᄀ “quotes” – ㇰ"):
        lazy.search(text), lazy.findall(text), lazy.sub(" ", text), lazy.match(text)
    assert "search" not in vars(lazy)  # still the guard, no regex compiled
    assert lazy.findall("漢字 and 中") == ["漢", "字", "中"]
    assert "search" in vars(lazy)  # compiled now: the pattern's own methods answer
