"""The text path's and the classifier's speed shortcuts give exactly what the plain code gives.

Each shortcut below replaced a simpler expression that is kept here as the reference; the
devset, the seeds and the explain output were compared byte for byte when they came in (see
CHANGELOG), and these tests keep them honest on adversarial input.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.decide import features, language
from cleaner.decide.engine import _OTHER, _first_chars, _last_chars, _prefilter, _Words
from cleaner.decide.page import Page, is_prose
from cleaner.decide.rulebook import load_rulebook
from cleaner.segment.blocks import columns, split_blocks

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that end sentences, close quotes, make emoji and emoticons, and plain text.
_END_ALPHABET = ".!?…。！？．｡\"'”’“‘»«›‹)]」』） \u202f\t\n\u00a0🙂☺❤\ufe0f:;-D(xa,日"
_MIXED = "aAbBsSkKiIσςΣßẞıİſ\u212aéÉñÑдДяЯ日本のはを한국 ,.!?'’“”-_0123²½\t\n\u00a0"


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_END_ALPHABET), max_size=80))
def test_ends_like_sentence_is_the_search(text: str) -> None:
    assert features.ends_like_sentence(text) == bool(features.SENTENCE_END.search(text))


def test_ends_like_sentence_long_tails() -> None:
    for tail in ("." + "”" * 40, "." + ")" * 30 + " 🙂" * 10, "x" + " " * 50, ":-)" * 20, "word." + "\n"):
        for head in ("", "Some words here", "x" * 100):
            text = head + tail
            assert features.ends_like_sentence(text) == bool(features.SENTENCE_END.search(text)), text


def _capitalized_reference(text: str) -> float:
    letter = re.compile(r"[^\W\d_]")
    words = [t for t in text.split() if letter.search(t)]
    capitals = sum(1 for w in words if letter.search(w[0]) and w[0].isupper() or
                   (not letter.match(w[0]) and w[1:2].isupper()))
    return capitals / len(words) if words else 0.0


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_MIXED), max_size=60))
def test_capitalized_is_the_reference(text: str) -> None:
    assert features._capitalized(text) == _capitalized_reference(text)
    ascii_only = text.encode("ascii", "ignore").decode()
    assert features._capitalized(ascii_only) == _capitalized_reference(ascii_only)


def test_letter_is_alphanumeric_but_not_decimal() -> None:
    letter = re.compile(r"[^\W\d_]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(letter.match(char)) == (char.isalnum() and not char.isdecimal()), hex(code)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_MIXED), max_size=60))
def test_word_units_and_columns_ascii_paths(text: str) -> None:
    cjk = len(features._CJK.findall(text))
    expected = float(len(text.split())) if not cjk else len(features._CJK.sub(" ", text).split()) + cjk / 2
    assert features.word_units(text) == expected
    assert columns(text) == sum(2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1 for c in text)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_MIXED), max_size=60))
def test_stop_density_is_the_reference(text: str) -> None:
    lang = language.Language("x", frozenset({"a", "ss", "σας", "i", "ı", "i̇", "der", "の", "ß"}), 1.0)
    words = re.findall(r"\w+", text)
    expected = sum(w.casefold() in lang.stopwords for w in words) / len(words) if words else 0.0
    assert lang.stop_density(text) == expected
    assert lang.stop_density(text, language.tokens(text)) == expected


def _cjk_share_reference(text: str) -> tuple[float, str | None]:
    han, kana = len(language._HAN.findall(text)), len(language._KANA.findall(text))
    hangul, letters = len(language._HANGUL.findall(text)), len(language._LETTER.findall(text))
    if not letters:
        return 0.0, None
    if hangul >= han + kana:
        return hangul / letters, "Korean"
    return (han + kana) / letters, ("Japanese" if kana >= 0.1 * (han + kana) else "Chinese")


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_MIXED + "\u1100\u3130\u31f0\uff66\uf900\u3400ｱ"), max_size=60))
def test_cjk_share_is_the_reference(text: str) -> None:
    assert language.cjk_share(text) == _cjk_share_reference(text)


def _choose_reference(texts: list[str], top_n: int = 100, head_k: int = 30, min_score: float = 0.03) -> language.Language:
    """``choose_language`` as it was before the counting was sped up."""
    joined = "\n".join(texts)
    share, cjk = _cjk_share_reference(joined)
    if cjk in language._FUNCTION_CHARS and share >= language.CJK_MIN_SHARE:
        chars = language._FUNCTION_CHARS[cjk]
        total = len(language._HAN.findall(joined)) + len(language._KANA.findall(joined))
        hits = sum(1 for c in joined if c in chars)
        return language.Language(cjk, chars, hits / total if total else 0.0, by_chars=True)
    counts = Counter(w.casefold() for w in re.findall(r"\w+", joined) if not w.isdigit())
    total = sum(counts.values())
    if not total:
        return language.UNKNOWN
    names = language._stoplist_names()
    best_name, best_score = "", -1.0
    for name in names:
        ranked = language._ranked(name)
        top, head = set(ranked[:top_n]), set(ranked[:head_k])
        coverage = sum(n for w, n in counts.items() if w in top)
        presence = sum(1 for w in counts if w in head)
        score = coverage / total * presence / (min(head_k, len(ranked)) or 1)
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and name in language._ALIASES.values()):
            best_name, best_score = name, score
    if best_score < min_score:
        return language.UNKNOWN
    name = language._ALIASES.get(best_name, best_name)
    return language.Language(name, language.stopwords(name), best_score)


_PAGES = [
    ["The council said on Monday that the new bridge would open in the spring.", "Home | News | 2024"],
    ["Der Rat sagte am Montag, dass die neue Brücke im Frühjahr eröffnet wird.", "Startseite"],
    ["Совет заявил в понедельник, что новый мост откроется весной.", "Главная"],
    ["市議会は月曜日に、新しい橋が春に開通すると発表した。", "ホーム"],
    ["İSTANBUL'DA KÖPRÜ İLKBAHARDA AÇILACAK, dedi belediye.", "ΟΔΟΣ ΚΑΙ ΓΕΦΥΡΑ ΣΤΗΝ ΠΟΛΗ"],
    ["12 34 56", "—"],
    ["THE COUNCIL SAID THAT THE BRIDGE WOULD OPEN. The the THE the."],
]


def test_choose_language_is_the_reference() -> None:
    for texts in _PAGES:
        assert language.choose_language(texts) == _choose_reference(texts), texts
        assert language.choose_language(texts, top_n=20, head_k=5) == _choose_reference(texts, 20, 5), texts
        # lists scoring 0 are skipped: with no threshold, one of them may still be the answer
        for min_score in (0.0, 1e-12):
            assert language.choose_language(texts, min_score=min_score) == _choose_reference(
                texts, min_score=min_score), texts
    assert language.choose_language(["xqzv wkpj"], min_score=0.0) == _choose_reference(["xqzv wkpj"], min_score=0.0)


@SETTINGS
@given(st.lists(st.text(alphabet=st.sampled_from(_MIXED + "theandofder"), max_size=30), max_size=6))
def test_choose_language_is_the_reference_on_noise(texts: list[str]) -> None:
    assert language.choose_language(texts) == _choose_reference(texts)


def _block_texts() -> list[str]:
    book = load_rulebook()
    rules = [rule for ruleset in (book.generic, *book.sites) for rule in ruleset.rules]
    return [text for rule in rules for example in (*rule.drops, *rule.keeps) for text in example.split("\n")]


@SETTINGS
@given(st.lists(st.sampled_from(_block_texts()), min_size=1, max_size=5),
       st.text(alphabet=st.sampled_from("sSkKiIſ\u212aıİ ’éσΣ"), max_size=3))
def test_a_page_that_a_prefilter_rejects_has_no_block_it_accepts(texts: list[str], noise: str) -> None:
    texts = [*texts[:-1], texts[-1] + noise]
    page = Page(split_blocks("\n\n".join(texts)))
    words = _Words(page)
    book = load_rulebook()
    for ruleset in (book.generic, *book.sites):
        for rule in ruleset.rules:
            may_match = _prefilter(rule.pattern) if rule.pattern is not None else None
            if may_match is None:
                continue
            if any(may_match.block(words.of(i)) for i in range(len(page.blocks))):
                assert may_match.block(words.whole()), rule.qualified_id


def _first_char_patterns() -> list[re.Pattern[str]]:
    book = load_rulebook()
    rules = [rule for ruleset in (book.generic, *book.sites) for rule in ruleset.rules]
    return [rule.pattern for rule in rules if rule.pattern is not None and _first_chars(rule.pattern) is not None]


def _last_char_patterns() -> list[re.Pattern[str]]:
    book = load_rulebook()
    rules = [rule for ruleset in (book.generic, *book.sites) for rule in ruleset.rules]
    return [rule.pattern for rule in rules if rule.pattern is not None and _last_chars(rule.pattern) is not None]


def _start(text: str) -> str:
    return text[:1].lower() if text[:1].isascii() else _OTHER


def _end(text: str) -> str:
    return text[-1:].lower() if text[-1:].isascii() and text[-1:] != "\n" else _OTHER


_EDGE_NOISE = st.text(alphabet=st.sampled_from("sSkKiIſ\u212aıİ ’é[(#0©)].!\n"), max_size=2)


@SETTINGS
@given(st.sampled_from(_block_texts()), _EDGE_NOISE, _EDGE_NOISE, st.sampled_from([str, str.upper, str.lower, str.swapcase]))
def test_first_and_last_character_index_never_hides_a_match(example: str, noise: str, tail: str, case) -> None:  # noqa: ANN001
    for text in (case(example), noise + case(example), case(example) + tail, noise + case(example) + tail):
        for pattern in _first_char_patterns():
            if pattern.search(text):
                assert _start(text) in _first_chars(pattern), (pattern.pattern, text)
        for pattern in _last_char_patterns():
            if pattern.search(text):
                assert _end(text) in _last_chars(pattern), (pattern.pattern, text)


def test_last_characters_of_hand_made_patterns() -> None:
    def last(source: str) -> str | None:
        found = _last_chars(re.compile(source))
        return None if found is None else "".join(sorted(found - {_OTHER}))

    assert len(_last_char_patterns()) >= 5
    assert last(r"(?i)\(opens in a new (?:window|tab)\)$") == ")"
    assert last(r"(?:\.\.\.|…)[\x22”)]?$") == "\x22)."  # an optional closer and what comes before it
    assert last(r"(?i)\d+ (?:min|hour)s? ago\Z") == "o"
    assert last(r"\bIcon$|\bArrow$") == "nw"
    assert last(r"\d{1,3}$") == "0123456789"
    assert last(r"abc") is None and last(r"a$|b") is None and last(r"(?m)abc$") is None
    assert last(r"(?:x$)") == "x" and last(r"(?m:x$)") is None  # a group, unless it is MULTILINE
    assert last(r"a(?:bc)?$") == "ac"
    assert last(r"(?i)tak\u212a$") is None  # a case trap (Kelvin sign) equals an ASCII letter
    assert re.search("x$", "ax\n") and _end("ax\n") == _OTHER  # $ before a final line break


def test_first_characters_of_hand_made_patterns() -> None:
    def first(source: str) -> str | None:
        found = _first_chars(re.compile(source))
        return None if found is None else "".join(sorted(found - {_OTHER}))

    assert len(_first_char_patterns()) >= 10  # most label rules are anchored
    assert first(r"(?i)^(?:Skip|jump) to\b") == "js"
    assert first(r"^(?:please )?(?:Follow|like) us") == "flp"  # an optional part and what follows
    assert first(r"^\[?\d+ comments") == "0123456789["
    assert first(r"^(?:©|\(c\)) \d{4}") == "("  # © is not ASCII: such blocks are always looked at
    assert first(r"(?i)^\u017ftop") is None  # a case trap (long s) equals an ASCII letter
    assert first(r"(?i)^[a-z]+") == "abcdefghijklmnopqrstuvwxyz"
    assert first(r"^(?:a|b)|c$") is None  # one branch is not anchored
    assert first(r"(?m)^abc") is None  # any line
    assert first(r"^(?:abc)?$") is None  # matches the empty text
    assert first(r"^[^a]bc") is None and first(r"^.bc") is None
    assert _start("") not in _first_chars(re.compile("^a"))  # type: ignore[operator]


def test_first_character_index_follows_stripped_text() -> None:
    page = Page(split_blocks("Alpha one\n\nBeta two\n\nGamma three\n"))
    words = _Words(page)
    assert words.starts() == ["a", "b", "g"] and words.ends() == ["e", "o", "e"]
    page.text[1] = "été"
    assert words.starts() == ["a", _OTHER, "g"] and words.ends() == ["e", _OTHER, "e"]
    assert words.candidates(re.compile(r"(?i)^g.*e$"), [0, 1, 2]) == [1, 2]  # a non-ASCII edge: always looked at
    page.text[2] = "Gamma ax\n"  # ``$`` matches before a final line break
    assert re.search("x$", page.text[2]) and words.candidates(re.compile("x$"), [0, 1, 2]) == [1, 2]


def test_prefilter_of_strings_with_other_letters() -> None:
    # Strings with non-ASCII letters are found by their ASCII part or by a regex of their own.
    pattern = re.compile(r"(?i)(?:подпишитесь на|σας) (?:канал|ειδήσεις)")
    may_match = _prefilter(pattern)
    assert may_match is not None
    for text in ("ПОДПИШИТЕСЬ НА КАНАЛ", "ΣΑΣ ΕΙΔΉΣΕΙΣ", "σας ειδήσεις", "ΣΑς ΕΙΔΉΣΕΙΣ"):
        assert pattern.search(text) and may_match(text), text
    assert not may_match("nothing of the sort here")


def test_kept_and_prose_before_follow_removals() -> None:
    prose = "The council said on Monday that the new bridge would open in the spring, two years late."
    page = Page(split_blocks(f"Home\n\nNews\n\n{prose}\n\nShare\n\n{prose} Again.\n"))
    assert page.kept() == [0, 1, 2, 3, 4]
    listed = page.kept()
    listed.append(99)  # a caller's copy: the page's own list is not touched
    page.remove(1, "test/x")
    assert page.kept() == [0, 2, 3, 4]
    page.reassign(1, "test/y")
    page.remove(3, "test/x")
    assert page.kept() == [0, 2, 4]
    for i in range(len(page.blocks)):
        assert page.prose_before(i) == any(is_prose(page.blocks[j].text) for j in range(i))


def _grid_reference(text: str) -> str:
    from cleaner.segment import layout

    return "".join(ch + layout._FILL if layout.char_columns(ch) == 2 else ch for ch in text).rstrip()


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab .日本の한’—\u3000ｱＡ\t🙂"), max_size=30))
def test_grid_fills_after_wide_characters_only(text: str) -> None:
    from cleaner.segment import layout

    assert layout._grid(text) == _grid_reference(text)


def test_blocks_and_features_are_built_in_their_field_order() -> None:
    # split_blocks and block_features build these positionally (cheaper): a field added or moved
    # must be placed in those calls too.
    import dataclasses

    from cleaner.decide.features import Features
    from cleaner.segment.blocks import Block

    assert [f.name for f in dataclasses.fields(Block)][:8] == [
        "index", "start", "end", "text", "lines", "indent", "blank_before", "bullet"]
    assert [f.name for f in dataclasses.fields(Features)] == [
        "units", "chars", "stop_density", "link_density", "sentence_end", "sentences", "capitalized", "digits",
        "bullet", "heading", "measured_in"]
    block = split_blocks("Intro line\n   * A listed item here\n")[1]
    assert (block.index, block.start, block.end, block.text, block.lines, block.indent, block.blank_before,
            block.bullet) == (1, 2, 2, "* A listed item here", ("   * A listed item here",), 3, False, "*")
