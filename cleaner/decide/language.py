"""Which language a page is in, chosen from its own text, for the classifier's stop-word signal.

Running text is full of function words ("the", "of", "und", "и", "の"); menus, teasers and
tables are not. That signal needs the page's language, and it must not be assumed (the
project cleans pages in many languages) nor guessed from the URL.

The candidates are jusText's stop-word lists (about 100 languages, each ordered by frequency).
Comparing raw hit rates would let the biggest lists win by default: the Korean, Finnish or
Uzbek lists hold thousands of entries, English place names and words among them. So a
language is *chosen* on equal terms, from the ``top_n`` most frequent entries of each list
only: its score is the share of the page's words among them (coverage) times the share of the
list's ``head_k`` most frequent words that occur on the page (presence). Presence is what keeps
a list polluted with a few English words (Igbo, Walloon, Sundanese are) from beating English
on an English page: its own top words never occur there. The chosen language's *full* list
then gives the per-block stop-word density.

Japanese and Chinese are written without spaces, so word lists do not apply. A page whose
letters are mostly CJK characters is scored with a short list of function *characters*
(particles and auxiliaries, e.g. の に は を が / 的 了 是 在), whose share of the characters
plays the role of the stop-word density. Korean uses spaces and has a jusText list.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from cleaner.scripts import HAN, HANGUL, KANA, char_class

_WORD = re.compile(r"\w+")
_HAN = char_class(HAN)
_KANA = char_class(KANA)
_HANGUL = char_class(HANGUL)
_LETTER = re.compile(r"[^\W\d_]")
# Any character ``cjk_share`` counts (Han, kana, Hangul): without one, every count is 0.
_ANY_CJK = char_class(HAN, KANA, HANGUL)

# Function characters of running Japanese and Chinese text (particles, copulas, auxiliaries).
_FUNCTION_CHARS = {
    "Japanese": frozenset("のにはをがでてとしたもなるいかられさす"),
    "Chinese": frozenset("的了是在不和有我这他也就人都一们中到说为着与对而之以其"),
}
# Lists that are a variant of another list: the chosen name is reported as the main one.
_ALIASES = {"Simple_English": "English", "Belarusian_Taraskievica": "Belarusian"}
# Below this share of CJK among letters a page is scored with word lists.
CJK_MIN_SHARE = 0.3
# Median stop-word density of running text for each way of measuring it, from the paragraphs
# (15+ words, 40+ characters) of hand-annotated article text: jusText's word lists on English
# (0.54), Chinese function characters (0.19), Japanese function characters (0.41). Function
# characters are far sparser than function words, so the classifier's thresholds, set on the
# word-list scale, would judge almost no Chinese paragraph running text; ``Language.scale``
# brings every measure to the word-list scale by the ratio of the medians.
RUNNING_TEXT_MEDIAN = {"words": 0.54, "Chinese": 0.19, "Japanese": 0.41}
# A block this long (in tokens) in another script than the page's, or with few of the page's
# stop words, is measured in its own language (a quotation, an English menu on a Chinese page).
OWN_LANGUAGE_MIN_WORDS = 12
OWN_LANGUAGE_BELOW = 0.3


@dataclass(frozen=True, slots=True)
class Language:
    """The language chosen for a page and how its stop-word signal is computed."""

    name: str
    stopwords: frozenset[str]
    score: float  # share of the page's words among the top entries of the chosen list
    by_chars: bool = False  # CJK: count function characters, not words

    @property
    def scale(self) -> float:
        """Factor that brings this language's density to the word-list scale (see RUNNING_TEXT_MEDIAN)."""
        if not self.by_chars or self.name not in RUNNING_TEXT_MEDIAN:
            return 1.0
        return RUNNING_TEXT_MEDIAN["words"] / RUNNING_TEXT_MEDIAN[self.name]

    def scaled_density(self, text: str, words: list[str] | None = None) -> float:
        """``stop_density`` on the word-list scale, so one set of thresholds fits every script."""
        density = self.stop_density(text, words)
        return min(1.0, density * self.scale) if self.by_chars else density

    def stop_density(self, text: str, words: list[str] | None = None) -> float:
        """Share of function words (or characters, for CJK) in ``text``; 0 for no words.

        ``words``, when given, must be ``tokens(text)``: the classifier tokenises each block
        once for all its features instead of once per feature.
        """
        if self.by_chars:
            chars = [c for c in text if _HAN.match(c) or _KANA.match(c)]
            return sum(c in self.stopwords for c in chars) / len(chars) if chars else 0.0
        if words is None:
            words = tokens(text)
        if not words:
            return 0.0
        # ``casefold`` maps character by character and never to a space, so folding the tokens
        # joined by spaces folds each one, in one call instead of one per token.
        folded = " ".join(words).casefold().split(" ")
        return sum(map(self.stopwords.__contains__, folded)) / len(words)


UNKNOWN = Language("unknown", frozenset(), 0.0)


def block_language(page: Language, text: str, words: list[str]) -> Language:
    """The language to measure a block's stop words in: the page's, unless the block is plainly
    written in another (CJK text on a word-list page, or the reverse; a long block with few of
    the page's stop words whose own language, chosen as for a page, has more)."""
    share, cjk = cjk_share(text)
    if cjk in _FUNCTION_CHARS and share >= CJK_MIN_SHARE:
        return page if page.name == cjk else Language(cjk, _FUNCTION_CHARS[cjk], 0.0, by_chars=True)
    if len(words) < OWN_LANGUAGE_MIN_WORDS:
        return page
    if not page.by_chars and page.stop_density(text, words) >= OWN_LANGUAGE_BELOW:
        return page
    own = choose_language([text])
    if own is UNKNOWN or own.name == page.name:
        return page
    if not page.by_chars and own.stop_density(text, words) <= page.stop_density(text, words):
        return page
    return own


def tokens(text: str) -> list[str]:
    """The word tokens (``\\w+``) that the stop-word density counts."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _stoplist_dir() -> Path:
    """jusText's stop-list folder, found without importing jusText (its import pulls in lxml
    and urllib: a quarter of a second of start-up for a folder of text files)."""
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("justext is not installed (its stop-word lists choose the language)")
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@lru_cache(maxsize=1)
def _stoplist_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _stoplist_dir().iterdir() if p.suffix == ".txt"))


def _words(name: str) -> Iterator[str]:
    """A jusText stop-word list's words in file order (most frequent first), case-folded, lazily:
    choosing a language needs only the first hundred words of each of ~100 lists."""
    with open(_stoplist_dir() / f"{name}.txt", encoding="utf-8", newline="") as lines:
        for line in lines:
            yield from _WORD.findall(line.casefold())


@cache
def _top(name: str, n: int) -> tuple[str, ...]:
    """The first ``n`` distinct words of a list (all of them if it is shorter).

    Read from the file's start two kilobytes at a time, the words of its complete lines found
    in one pass (a list holds a word a line; line by line, the ~100 lists' heads cost 8% of a
    one-file run). Case-folding and ``\\w+`` never cross a line break, so this is what reading
    line by line gives.
    """
    with open(_stoplist_dir() / f"{name}.txt", "rb") as handle:
        data = b""
        while True:
            chunk = handle.read(_HEAD_BYTES)
            data += chunk
            # Up to the last line break: no character, and no word, is cut there.
            complete = data[:max(data.rfind(b"\n"), data.rfind(b"\r")) + 1] if chunk else data
            seen = dict.fromkeys(_WORD.findall(complete.decode("utf-8").casefold()))
            if len(seen) >= n or not chunk:
                return tuple(seen)[:n]


_HEAD_BYTES = 1024  # bytes read at a time by ``_top``: ~100 words need one or two reads


@cache
def _ranked(name: str) -> tuple[str, ...]:
    """A jusText stop-word list in its file order (most frequent first), case-folded, unique."""
    return tuple(dict.fromkeys(_words(name)))


@cache
def stopwords(name: str) -> frozenset[str]:
    """The full stop-word list of a jusText language, case-folded."""
    return frozenset(_ranked(name))


def cjk_share(text: str) -> tuple[float, str | None]:
    """Share of CJK characters among the letters of ``text`` and which CJK language leads."""
    if text.isascii() or not _ANY_CJK.search(text):
        # No Han, kana or Hangul: what the counts below give, without four passes over the text.
        return (0.0, "Korean") if _LETTER.search(text) else (0.0, None)
    han, kana, hangul = len(_HAN.findall(text)), len(_KANA.findall(text)), len(_HANGUL.findall(text))
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0, None
    if hangul >= han + kana:
        return hangul / letters, "Korean"
    return (han + kana) / letters, ("Japanese" if kana >= 0.1 * (han + kana) else "Chinese")


def choose_language(texts: Iterable[str], top_n: int = 100, head_k: int = 30, min_score: float = 0.03) -> Language:
    """Pick the page's language from its text (coverage by each list's top ``top_n`` words times
    presence of its ``head_k`` most frequent ones; see the module doc).

    Returns ``UNKNOWN`` (no stop-word signal) when no list reaches ``min_score``.
    """
    texts = list(texts)
    joined = "\n".join(texts)
    share, cjk = cjk_share(joined)
    if cjk in _FUNCTION_CHARS and share >= CJK_MIN_SHARE:
        chars = _FUNCTION_CHARS[cjk]
        total = len(_HAN.findall(joined)) + len(_KANA.findall(joined))
        hits = sum(1 for c in joined if c in chars)
        return Language(cjk, chars, hits / total if total else 0.0, by_chars=True)
    # Words are counted text by text (a token never spans the "\n" that joins them): a list of
    # the whole page's words cost ~60 bytes a word, ten times the page, at once.
    tokens: Counter[str] = Counter()
    counts: dict[str, int] = {}
    if joined.isascii():
        # ASCII: ``casefold`` is ``lower``, which keeps every token's extent, so the lowered
        # text gives the folded tokens at once.
        for text in texts:
            tokens.update(_WORD.findall(text.lower()))
        counts = {w: n for w, n in tokens.items() if not w.isdigit()}
    else:
        # Count each distinct token once, then fold the distinct ones (a page repeats its words).
        for text in texts:
            tokens.update(_WORD.findall(text))
        for word, n in tokens.items():
            if not word.isdigit():
                folded = word.casefold()
                counts[folded] = counts.get(folded, 0) + n
    total = sum(counts.values())
    if not total:
        return UNKNOWN
    names = _stoplist_names()
    top_index, head_index, listed, heads = _index(top_n, head_k)
    coverage = [0] * len(names)
    presence = [0] * len(names)
    # Only the page's words that some list holds add anything (sums of integers: the order of
    # the set does not matter).
    for word in listed.intersection(counts):
        n = counts[word]
        for k in top_index.get(word, ()):
            coverage[k] += n
        for k in head_index.get(word, ()):
            presence[k] += 1
    best_name, best_score = "", -1.0
    # Only lists with a score above 0 are looked at, in list order: one scoring 0 never wins
    # (below a positive ``min_score``), nor changes which positive score wins (a block of one language
    # leaves most of the ~100 lists at 0, and this runs for every long block in another language).
    scored = range(len(names)) if min_score <= 0 else [k for k in range(len(names)) if coverage[k] and presence[k]]
    for k in scored:
        name = names[k]
        head = heads[k]
        score = coverage[k] / total * presence[k] / head
        # Ties (a variant list such as Simple_English) go to the main list, then to the name.
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and name in _ALIASES.values()):
            best_name, best_score = name, score
    if best_score < min_score:
        return UNKNOWN
    name = _ALIASES.get(best_name, best_name)
    return Language(name, stopwords(name), best_score)


@lru_cache(maxsize=8)
def _index(top_n: int, head_k: int) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]],
                                             frozenset[str], tuple[int, ...]]:
    """word -> indices of the lists whose top ``top_n`` (resp. head ``head_k``) hold it; every
    word either holds; and each list's head size (``head_k`` or its length, at least 1)."""
    top: dict[str, list[int]] = {}
    head: dict[str, list[int]] = {}
    heads: list[int] = []
    for k, name in enumerate(_stoplist_names()):
        ranked = _top(name, max(top_n, head_k))
        for word in ranked[:top_n]:
            top.setdefault(word, []).append(k)
        for word in ranked[:head_k]:
            head.setdefault(word, []).append(k)
        heads.append(min(head_k, len(ranked)) or 1)
    return ({w: tuple(v) for w, v in top.items()}, {w: tuple(v) for w, v in head.items()},
            frozenset(top) | frozenset(head), tuple(heads))
