"""Lines addressed to the reader: the site speaking under (or inside) the article, not the story.

"Have a tip? Email us at ...", "Thanks for reading Example Notes! Subscribe for free", "A
version of this article appears in print on ...", "Jane Doe is a correspondent based in
Nairobi.", and mid-article "Story continues below": each is a full sentence, so the classifier
counts it as body, and phrase rules catch only the wordings they list. These are recognised by
their features instead, from word lists per language (``rules/tables/reader.toml``):

* ``address``: an order to the reader at the start of the line (an imperative), second-person
  words, and something of the outlet's (its channels: newsletter, inbox, comments; the page
  naming itself, "this article"; the outlet's own name); a reporting verb or a quotation mark
  says the line is the story's speech, and it stays.
* ``bio``: NAME (one to four capitalised words) is/was a TRADE ... for/at/based in ...
* ``print``: a print or edition note that names the page ("this article ... print edition").
* ``interstitial``: a short line inside the article that opens with an interruption marker.

The first three are read only after the article's last body paragraph (the last kept paragraph
of running text that is none of them); interstitials only between two body paragraphs. Each
kind is its own rule in the rule file, so the ledger says which one removed a line and why
(the features that scored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cleaner.decide.features import ends_like_sentence, word_units
from cleaner.decide.page import Page, is_prose
from cleaner.decide.params import ParamError, param
from cleaner.decide.rulebook import Rule
from cleaner.lazy_regex import LazyRegex
from cleaner.lexicon.bylines import parse_byline
from cleaner.lexicon.tables import load_table, word_set

KINDS = ("address", "bio", "print", "interstitial")

# Quotation marks of the six languages: a line holding one reports speech, or quotes a title.
_QUOTES = re.compile(r"[\"“”„«»]|(?<!\w)['‘][^'‘’]{2,}['’](?!\w)")
_LEADING = re.compile(r"^[\W_]+")
_SENTENCES = re.compile(r"(?<=[.!?:])\s+")
# "#Example News » Feed": the site's name as a text browser prints its feed links.
_FEED_NAME = re.compile(r"^#\s*(?P<name>[^»|#]{3,60}?)\s*[»|]\s*(?:Feed|RSS|Comments Feed)")
_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "news", "com", "org", "net", "co", "uk", "de", "fr", "es"})
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.’'-]*"


@dataclass(frozen=True, slots=True)
class ReaderLineParams:
    kind: str = param("address", "which kind of reader line this rule removes: address, bio, print or interstitial")
    threshold: float = param(3.0, "the score a line needs (imperative 2, thanks 2, second person 1, outlet's "
                                  "channel or self-reference 1, question to the reader 1, first person "
                                  "plural 0.5; a sentence in the first person singular -2, reporting verb -2, "
                                  "quotation mark -3)")
    max_words: float = param(60.0, "a block longer than this many word units is a paragraph, never a reader line")
    interstitial_words: float = param(10.0, "most word units of a mid-article interstitial")
    tail_blocks: int = param(8, "kept blocks after the article's last body paragraph that are read")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:  # checked at load: a misspelt kind would remove nothing, silently
            raise ParamError("kind", f"parameter 'kind' must be one of {', '.join(KINDS)}, not {self.kind!r}")


def _alternation(items: list[str]) -> str:
    """The items as one regex alternation, each literal, a space in a phrase matching any run
    of white space (a text browser may wrap a phrase or double its spaces)."""
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in items)


# A word as the lists hold them: letters, with inner apostrophes and hyphens ("you're", "e-mail").
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class WordList:
    """One list of words and phrases, matched as whole words: single words by a set lookup on
    the line's tokens (a regex alternation of a few hundred words, tried at every position of
    every line, cost a third of a devset page's cleaning), phrases by one regex."""

    __slots__ = ("words", "phrases", "cased")

    def __init__(self, items: list[str], cased: bool = False) -> None:
        self.cased = cased
        items = [i if cased else i.casefold() for i in items]
        self.words = frozenset(i for i in items if _TOKEN.fullmatch(i))
        phrases = [i for i in items if not _TOKEN.fullmatch(i)]
        body = _alternation(phrases)
        self.phrases = LazyRegex(rf"(?<![\w-])(?:{body})(?![\w-])") if phrases else None

    def search(self, line: str) -> bool:
        """Does ``line`` hold one of the words or phrases?"""
        text = line if self.cased else line.casefold()
        if self.words and not self.words.isdisjoint(_TOKEN.findall(text)):
            return True
        return self.phrases is not None and self.phrases.search(text) is not None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``reader.toml``, every language merged, each compiled by its first use
    (a page's lines consult a few of them; compiling all cost ~4% of a one-file run)."""

    you: WordList
    you_cased: WordList
    us: WordList
    me: WordList
    me_cased: WordList
    imperative: LazyRegex
    channels: WordList
    self: WordList
    thanks: LazyRegex
    said: WordList
    print: WordList
    interstitial: LazyRegex
    pointer: LazyRegex
    syndication: WordList
    bio: LazyRegex


def _merged(key: str) -> list[str]:
    table = load_table("reader")
    return sorted({item for section in table.values() for item in section[key]}, key=lambda s: (-len(s), s))


def _words(items: list[str], flags: int = re.IGNORECASE, start: bool = False) -> LazyRegex:
    if not items:
        return LazyRegex(r"(?!)")
    body = _alternation(items)
    lead = "^" if start else r"(?<![\w-])"
    return LazyRegex(rf"{lead}(?:{body})(?![\w-])", flags)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    openers = "|".join(re.escape(w) for w in _merged("openers"))
    imperatives = _alternation(_merged("imperatives"))
    roles = sorted(set(_merged("bio_roles")) | set(word_set("roles", "roles", "heads")), key=lambda s: (-len(s), s))
    role_words = "|".join(re.escape(r) for r in roles)
    verbs = _alternation(_merged("bio_verbs"))
    links = _alternation(_merged("bio_links"))
    # NAME (one to four capitalised words) VERB [a/an/the/one of ...] up to four words, a TRADE,
    # then a link word: "Jane Doe is a senior correspondent for ...", "Anna Schmidt ist
    # Redakteurin im ...", "Marie Dupont est journaliste à ...".
    bio = LazyRegex(
        rf"^(?P<name>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})(?:\s\([^)]{{1,60}}\))?,?\s(?:{verbs})\s"
        rf"(?:[\w’'-]+\s){{0,5}}?(?i:{role_words})s?(?:in)?\b,?\s(?i:{links})\b",
    )
    return Lexicon(
        you=WordList(_merged("you")),
        you_cased=WordList(_merged("you_cased"), cased=True),
        us=WordList(_merged("us")),
        me=WordList(_merged("me")),
        me_cased=WordList(_merged("me_cased"), cased=True),
        # "Partagez-le", "Suscríbete": an imperative may carry a clitic after a hyphen.
        imperative=LazyRegex(rf"^(?:(?:{openers})[\s,]+)?(?:{imperatives})(?!\w)", re.IGNORECASE),
        channels=WordList(_merged("channels")),
        self=WordList(_merged("self")),
        thanks=_words(_merged("thanks"), start=True),
        said=WordList(_merged("said")),
        print=WordList(_merged("print")),
        interstitial=_words(_merged("interstitials"), start=True),
        # "Related: HEADLINE", "» Read more at example.org": a pointer names the page it points to.
        pointer=LazyRegex(rf"{_words(_merged('pointers'), start=True).pattern}"
                           r"(?:\s*[:|–—»-]\s*\S+\s+\S+|\s+(?:at|on|in|bei|sur|en|em|su)\s+\S+)", re.IGNORECASE),
        syndication=WordList(_merged("syndication")),
        bio=bio,
    )


def outlet_names(page: Page) -> tuple[re.Pattern[str], ...]:
    """The outlet's own name: the site name of its feed links ("#Example News » Feed", first
    block of a text dump), the page's host ("www.example.com" -> "example") and what its HTML
    declares (``og:site_name``), as the pipeline put them in ``Page.fields.outlet``."""
    names: list[str] = []
    if page.blocks:
        found = _FEED_NAME.match(page.blocks[0].text.strip())
        if found:
            names.append(found.group("name").strip())
    for known in page.fields.outlet:
        if "." in known and " " not in known:  # a host: its name label ("www.example.co.uk" -> "example")
            labels = [p for p in known.casefold().split(".") if p not in _HOST_NOISE]
            names.extend(labels[:1])
        else:
            names.append(known)
    out = []
    for name in names:
        name = " ".join(name.split())
        if len(name) >= 3 and not name.isdigit():
            out.append(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Score:
    kind: str | None
    score: float
    why: tuple[str, ...]


def score_line(text: str, lex: Lexicon, outlets: tuple[re.Pattern[str], ...] = ()) -> Score:
    """What kind of reader line ``text`` is, if any, and the features that say so."""
    line = " ".join(text.split())
    start = _LEADING.sub("", line)
    if lex.syndication.search(line):
        return Score(None, 0.0, ("a syndication note (left in the text)",))
    if lex.print.search(line) and lex.self.search(line):
        return Score("print", 3.0, ("a print or edition note naming the page",))
    bio = lex.bio.match(start)
    if bio is not None and not _QUOTES.search(line):
        return Score("bio", 3.0, (f"a one-line bio of {bio.group('name')!r}",))
    thanks = lex.thanks.search(start) is not None
    names = lex.channels.search(line) or lex.self.search(line) or any(o.search(line) for o in outlets)
    if not (thanks or names):
        return Score(None, 0.0, ())  # nothing of the outlet's: the story's line, whatever else it holds
    why: list[str] = []
    score = 0.0
    if thanks:
        score += 2
        why.append("thanks the reader")
    if any(lex.imperative.search(_LEADING.sub("", sentence)) for sentence in _SENTENCES.split(start)):
        score += 2
        why.append("an order to the reader")
    if lex.you.search(line) or lex.you_cased.search(line.split(" ", 1)[-1] if " " in line else ""):
        score += 1
        why.append("second person")
        if line.endswith("?"):
            score += 1
            why.append("asks the reader")
    if names:
        score += 1
        why.append("names the outlet or its channels")
    if lex.us.search(line):
        score += 0.5
        why.append("the outlet's 'we'")
    if any((lex.me.search(x) or lex.me_cased.search(x)) and not lex.you.search(x) for x in _SENTENCES.split(line)):
        score -= 2
        why.append("the writer's own voice")
    if lex.said.search(line):
        score -= 2
        why.append("reports speech")
    if _QUOTES.search(line):
        score -= 3
        why.append("quotes")
    return Score("address", score, tuple(why))


def _score(page: Page, text: str, lex: Lexicon, outlets: tuple[re.Pattern[str], ...]) -> Score:
    """``score_line``, once per page and text (the four rules read the same blocks)."""
    key = ("reader-score", text)
    found = page.memo.get(key)
    if found is None:
        found = page.memo[key] = score_line(text, lex, outlets)
    return found


def _is_body(page: Page, i: int, lex: Lexicon, outlets: tuple[re.Pattern[str], ...],
             params: ReaderLineParams) -> bool:
    """Is kept block ``i`` a paragraph of the article: running text that is no reader line?"""
    text = page.text[i]
    if not is_prose(text):
        return False
    if word_units(text) > params.max_words:
        return True
    found = _score(page, text, lex, outlets)
    return found.kind is None or found.score < params.threshold


def reader_lines(page: Page, rule: Rule) -> None:
    """Remove the lines of one kind (``params.kind``) addressed to the reader: after the
    article's last body paragraph, or (interstitials) between two body paragraphs."""
    params: ReaderLineParams = rule.params
    kept = page.kept()
    lex = lexicon()
    outlets = outlet_names(page)
    # Only the first and the last body paragraph matter: found from each end.
    last = next((i for i in reversed(kept) if _is_body(page, i, lex, outlets, params)), None)
    if last is None:
        return
    if params.kind == "interstitial":
        first = next(i for i in kept if _is_body(page, i, lex, outlets, params))
        for i in kept:
            if not first < i < last or word_units(page.text[i]) > params.interstitial_words:
                continue
            start = _LEADING.sub("", " ".join(page.text[i].split()))
            marker = lex.interstitial.match(start) or lex.pointer.match(start)
            # "Story continues below", "Advertisement": the marker is (nearly) the whole line, or
            # the line is no sentence; "Advertisement revenue fell by a third." is the story's.
            if marker is None or _QUOTES.search(start):
                continue
            if ends_like_sentence(start) and len(start[marker.end():].split()) > 2:
                continue
            page.remove(i, rule, f"interrupts the article: {marker.group(0)!r} between two paragraphs")
        return
    tail = [i for i in kept if i > last][: params.tail_blocks]
    for i in tail:
        text = page.text[i]
        if word_units(text) > params.max_words:
            continue
        found = _score(page, text, lex, outlets)
        if found.kind != params.kind or found.score < params.threshold:
            continue
        if found.kind == "bio" and _subject_of_the_story(page, kept, i, text, lex):
            continue
        page.remove(i, rule, f"addressed to the reader after the article: {', '.join(found.why)} "
                             f"(score {found.score:g})")
        if found.kind == "bio":
            _credit_bio(page, text, lex)


def _subject_of_the_story(page: Page, kept: list[int], i: int, text: str, lex: Lexicon) -> bool:
    """Is the bio's person named in the article above it? Then the line is the story's last word
    on its subject ("Smith is a former reporter for the Globe."), not its writer's bio."""
    found = lex.bio.match(_LEADING.sub("", " ".join(text.split())))
    if found is None:
        return False
    surname = found.group("name").split()[-1]
    pattern = re.compile(rf"(?<!\w){re.escape(surname)}(?!\w)")
    return any(pattern.search(page.text[j]) for j in kept if j < i and is_prose(page.text[j]))


def _credit_bio(page: Page, text: str, lex: Lexicon) -> None:
    """Keep the bio's person for the record: the author when nothing else names one (the
    metadata stage decides, once bylines and credits are all read)."""
    found = lex.bio.match(_LEADING.sub("", " ".join(text.split())))
    if found is None:
        return
    name = found.group("name")
    if parse_byline(f"By {name}").authors == (name,):
        page.fields.bios.append(name)
