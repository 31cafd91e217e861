"""The speed shortcuts give exactly what the plain code gives.

``repair`` skips ftfy when ftfy could not change a paragraph, the HTML walk folds whitespace
with ``str.split`` instead of ``collapse_ws``, and the engine skips a pattern's scan when a
literal it needs is absent; each is only allowed because the output is the same, which these tests check on adversarial input (the devset and the seeds are
checked byte for byte when the shortcuts change, see CHANGELOG).
"""

from __future__ import annotations

import re
import string
import subprocess
import sys
import unicodedata
from pathlib import Path

import ftfy
from ftfy.badness import BADNESS_RE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.decide.engine import CASE_TRAPS, _prefilter, _required
from cleaner.decide.rulebook import load_rulebook
from cleaner.extract.normalize import ftfy_data
from cleaner.extract.normalize import text as text_mod
from cleaner.segment.blocks import collapse_ws
from cleaner.segment.html_blocks import _fold

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ftfy(text: str) -> str:
    return ftfy.fix_text(text, text_mod._config())


TRICKY = [
    "",
    "plain ASCII text.",
    "sÃ³",
    "âœ” No problems",
    "voilÃ le travail",
    "Ã\xa0 la carte",
    "â€œquotedâ€\x9d",
    "вЂ” Windows-1251",
    "β€™ Windows-1253",
    "ā€ Windows-1257",
    "√± MacRoman",
    "ГўВЂВ”a",
    "ÂŁ100 and Â£100",
    "&amp; &eacute; &HilbertSpace; &#x2019;",
    "<b>&amp;</b>",
    "ﬁnancial ﬂows",
    "ĳssel",
    "null\x00byte",
    "\x1b[31mred\x1b[0m",
    "next\x85line",
    "en\x96dash c1",
    "crlf\r\nline",
    "cr\ronly",
    "para\u2029sep\u2028line",
    "lone \ud800 surrogate",
    "obj\ufffcrepl \ufeffbom",
    "A\u0303\u00a9 NFD that composes into mojibake",
    "e\u0301 combining acute",
    "“Curly” ‘quotes’ – dashes — and … ellipses",
    "Zoë Schiffer, Chloé, Ångström, Œuvre, œ1",
    "日本語のテキストです。中文文本。한국어 텍스트",
    "Ｆｕｌｌ ｗｉｄｔｈ",
    "Привет, мир. Γειά σου κόσμε.",
    "emoji 👍🏽 and flags 🏴󠁧󠁢󠁷󠁬󠁳󠁿",
    "© 2025 Example Media. All rights reserved.",
    "£5 €10 ¥20 ±3 ½ ¼ × ² ³ ° №",
    "two\nlines Ã³",
]

# Characters from every class ftfy looks at, mixed with ordinary text, so that random strings
# hit mojibake patterns, entities, controls and normalisation.
_POOL = (
    "aeiou AEIOU xyz 09.,;:!?&#;<>\n\r\t\x00\x1b\x7f\x85\x96\x9d\xa0\u00ad"
    "ÂÃÎÐØÙàâäåéèêëïîôöüçñßœŒ×²³°µ»«·–—’‘“”…€£¥¢©®™§¶¬¯¨´¸"
    "ВГРСвЂΒΓΞΟβā√±∂†≠≈‚Ä│┌═░ﬁﬂĳ\u0301\u0303\u0308\u2028\u2029\ufeff\ufffc\ufffd日本の한"
)
_TEXTS = st.text(alphabet=st.sampled_from(_POOL), max_size=40)


def test_mojibake_anchors_are_found() -> None:
    # Not needed for correctness (without them ``is_bad`` always runs), but a ftfy upgrade
    # that loses them would quietly make ``repair`` slower.
    anchors = text_mod._anchor_chars(BADNESS_RE)
    assert anchors is not None
    assert {"Ã", "Â", "€"} <= anchors


def test_ftfy_data_is_what_the_installed_ftfy_gives() -> None:
    # The tables ``repair`` reads instead of importing ftfy: regenerate with
    # ``python -m cleaner.extract.normalize.text > cleaner/extract/normalize/ftfy_data.py``.
    # A newer ftfy than the one the file was made from is not an error (``_tables`` then reads
    # ftfy itself, tested below either way): the file must match only its own version.
    path = Path(text_mod.__file__).with_name("ftfy_data.py")
    if ftfy_data.VERSION == ftfy.__version__:
        assert path.read_text(encoding="utf-8") == text_mod.render_ftfy_data()
    assert text_mod.installed_ftfy_version() == ftfy.__version__
    facts = text_mod.ftfy_facts()
    tables = text_mod._tables()
    assert tables.targets.pattern == f"[{facts['targets']}]"
    assert tables.max_decode_length == facts["max_decode_length"] == text_mod._config().max_decode_length
    assert tables.fast_path == (ftfy.__version__.split(".")[0] == "6")


def test_ftfy_version_is_read_without_importing_ftfy() -> None:
    probe = ("import sys; from cleaner.extract.normalize import text; v = text.installed_ftfy_version(); "
             "print(v, 'ftfy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == [ftfy.__version__, "False"]


def test_fast_path_matches_ftfy_on_tricky_strings() -> None:
    for sample in TRICKY:
        assert text_mod._fix_text(sample) == _ftfy(sample), repr(sample)


@SETTINGS
@given(_TEXTS)
def test_fast_path_matches_ftfy(sample: str) -> None:
    assert text_mod._fix_text(sample) == _ftfy(sample)


@SETTINGS
@given(_TEXTS)
def test_anchors_are_necessary_for_mojibake(sample: str) -> None:
    from ftfy.badness import is_bad

    if is_bad(sample):
        maybe = text_mod._tables().maybe_mojibake
        assert maybe is not None and maybe.search(sample)


_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2005\u200a\u200b\u2028\u2029\u202f\u205f\u3000"


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_SPACES + "ab,.é日"), max_size=30))
def test_fold_matches_collapse_ws(raw: str) -> None:
    expected = collapse_ws(raw.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    assert _fold(raw) == (expected, len(expected.split()))


def test_str_whitespace_is_regex_whitespace() -> None:
    # ``repair`` and ``_fold`` rely on ``str.split``/``str.strip`` and the regex ``\s`` agreeing
    # on what whitespace is, for every code point.
    space = re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        assert char.isspace() == bool(space.match(char)), hex(code)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(_SPACES + "ab,.é日\u00ad\ufeff"), max_size=30))
def test_repair_whitespace_matches_regex_form(raw: str) -> None:
    fixed = text_mod._INVISIBLE.sub("", unicodedata.normalize("NFC", text_mod._fix_text(raw)))
    assert text_mod.repair(raw) == re.sub(r"[^\S\n]+", " ", fixed.replace("\n", " ")).strip()


def test_case_traps_are_every_char_a_case_insensitive_regex_takes_for_ascii() -> None:
    # Every non-ASCII character that ``(?i)`` literal or class matching equates with an ASCII
    # letter, and every one whose ``str.lower`` holds ASCII, is in CASE_TRAPS.
    literals = re.compile("(?i)(?:" + "|".join(f"{c}(?!\\n\\n)" for c in string.ascii_lowercase) + ")")
    klass = re.compile("(?i)[a-z]")
    found = set()
    for code in range(0x80, 0x110000):
        char = chr(code)
        if literals.fullmatch(char) or klass.fullmatch(char) or any(c.isascii() for c in char.lower()):
            found.add(char)
    assert found <= set(CASE_TRAPS), sorted(map(hex, map(ord, found - set(CASE_TRAPS))))


def test_lowering_a_page_keeps_what_a_case_insensitive_regex_matches() -> None:
    # The engine searches a rule's non-ASCII strings (``(?i)``) in the lowered page, not in the
    # page (``_Literals._page``): sound when a ``(?i)`` regex matches a character exactly when it
    # matches its ``str.lower``. The regex engine compares characters by their simple lower
    # case, so that lower case must not change when lowered again, for every code point but
    # CASE_TRAPS (the engine answers True before it looks) and a final sigma (below).
    import _sre

    for code in range(0x110000):
        char = chr(code)
        if char in CASE_TRAPS or 0xD800 <= code < 0xE000:
            continue
        low = char.lower()
        assert len(low) == 1, hex(code)
        assert _sre.unicode_tolower(ord(low)) == _sre.unicode_tolower(code), hex(code)
    # A capital sigma lowers to a final sigma at a word's end; (?i) takes the three as one letter.
    assert "ΑΣ".lower() == "ας" and all(re.fullmatch(f"(?i){c}", "ς") for c in "Σσς")


def test_no_other_non_ascii_char_equals_an_ascii_char_case_insensitively() -> None:
    # The other direction: a non-ASCII character in a pattern matches no ASCII character unless
    # it is one of CASE_TRAPS (checked over the scripts with case and the symbol blocks).
    ascii_text = "".join(map(chr, range(128)))
    ranges = [(0x80, 0x250), (0x370, 0x530), (0x1E00, 0x2000), (0x2100, 0x2150), (0xFB00, 0xFB07)]
    for low, high in ranges:
        for code in range(low, high):
            char = chr(code)
            if char in CASE_TRAPS:
                continue
            assert not re.search("(?i)" + re.escape(char), ascii_text), hex(code)


def _rule_patterns() -> list[re.Pattern[str]]:
    book = load_rulebook()
    rules = [rule for ruleset in (book.generic, *book.sites) for rule in ruleset.rules]
    return [rule.pattern for rule in rules if rule.pattern is not None]


def _examples() -> list[str]:
    book = load_rulebook()
    rules = [rule for ruleset in (book.generic, *book.sites) for rule in ruleset.rules]
    return [text for rule in rules for text in (*rule.drops, *rule.keeps)]


def test_prefilter_never_hides_a_match_of_a_rule_example() -> None:
    texts = _examples()
    # with the case mixed up and case traps (ſ for s, K for k, ı for i, İ for I) put in
    texts += [t.upper() for t in texts] + [t.swapcase() for t in texts]
    texts += [t.replace("s", "ſ").replace("k", "\u212a").replace("i", "ı").replace("I", "İ") for t in texts]
    checked = 0
    for pattern in _rule_patterns():
        may_match = _prefilter(pattern)
        if may_match is None:
            continue
        for text in texts:
            if pattern.search(text):
                checked += 1
                assert may_match(text), (pattern.pattern, text)
    assert checked > 50


@SETTINGS
@given(st.sampled_from(_examples()), st.integers(0, 10_000),
       st.text(alphabet=st.sampled_from("sSkKiIſ\u212aıİ ’é"), max_size=4))
def test_prefilter_never_hides_a_match(example: str, where: int, noise: str) -> None:
    text = example[: where % (len(example) + 1)] + noise + example[where % (len(example) + 1):]
    for pattern in _rule_patterns():
        may_match = _prefilter(pattern)
        if may_match is not None and pattern.search(text):
            assert may_match(text), (pattern.pattern, text)


def test_required_strings_of_hand_made_patterns() -> None:
    def required(source: str) -> frozenset[str] | None:
        from re import _parser  # type: ignore[attr-defined]

        pattern = re.compile(source)
        return _required(list(_parser.parse(pattern.pattern, pattern.flags)))

    assert required(r"(?i)\bcookie.*(?:yes|no)") == {"cookie"}
    assert required(r"(?i)\bcookie.*(?:consent|opt-out)") == {"consent", "opt-out"}  # longer
    assert required(r"a(?:bcd|efg)h") == {"bcd", "efg"}
    assert required(r"(?:abc|)") is None  # an empty branch needs nothing
    assert required(r"x(?:abcd|)y") == {"x"}
    assert required(r"(?:abc)?d") == {"d"}  # an optional part needs nothing
    assert required(r"(?:abcd)+e") == {"abcd"}
    assert required(r"[ab]cde") == {"cde"}
    # a scoped flag changes what a literal matches: no strings from inside it
    assert required(r"(?i:abcdef)x") == {"x"}
    assert _prefilter(re.compile(r"(?i)\bcookie")) is not None
    assert _prefilter(re.compile(r"(?i)^(?:skip|jump) to content$")) is None  # anchored: fast already
    assert _prefilter(re.compile(r"(?im)^(?:skip|jump) to content$")) is not None  # any line
    # a string with non-ASCII letters under (?i): ASCII text is filtered, other text is not
    farm = _prefilter(re.compile(r"(?i)(?:ñandú|llama) farm"))
    assert farm is not None and farm("LLAMA FARM") and not farm("cow farm") and farm("ÑANDÚ FARM")
    assert _prefilter(re.compile(r"(?i)\bſtop here")) is None  # a case trap in the pattern
    assert _prefilter(re.compile(r"ab")) is None  # too short to be worth it
