"""Stage 3: apply rule sets to a page, in order, recording every removal.

Site rules run before generic ones (the specific knows better than the general), and within a
set rules run in file order. A block belongs to the first rule that removes it. Pattern rules
are interpreted here; structural rules name a detector from ``cleaner.decide.detectors``.
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache
from itertools import accumulate

from cleaner.decide.detectors import DETECTORS
from cleaner.decide.detectors.dom import post_end
from cleaner.decide.features import word_units
from cleaner.decide.page import Page, is_prose
from cleaner.decide.rulebook import Rule, RuleSet
from cleaner.decide.selectors import SITE_CONTAINER, apply_field_selectors
from cleaner.decide.spares import spared

# --- literal prefilter -------------------------------------------------------------------------
#
# Pattern rules scan every kept block, and a case-insensitive alternation (``(?i)\bcookie...``,
# ``(?i)\b(?:scorecardresearch|...)``) cannot use the regex engine's own literal search, so it
# crawls through every paragraph. Most such patterns cannot match without one of a few literal
# strings ("cookie"); ``str.__contains__`` answers that many times faster. The strings are read
# from the parsed pattern (sound by construction: a sequence needs each of its mandatory items,
# an alternation one of its branches), so rule files stay plain regexes.

# Non-ASCII characters that a case-insensitive regex takes as an ASCII letter (dotted and
# dotless i, long s, Kelvin sign): with one of them in the text, the prefilter steps aside.
# tests/test_fast_paths.py checks this set against every code point.
CASE_TRAPS = "\u0130\u0131\u017f\u212a"
_CASE_TRAP = re.compile(f"[{CASE_TRAPS}]")


def _required(items: list) -> frozenset[str] | None:  # type: ignore[type-arg]
    """Strings of which every match of the parsed sequence ``items`` contains one, or None.

    Runs of literal characters give a string; a group, a repeat of at least one, or an
    alternation whose every branch has strings gives its set; anything else gives nothing.
    Of what a sequence gives, the set whose shortest string is longest is kept.
    """
    from re import _constants as c  # type: ignore[attr-defined]

    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run: list[str] = []
    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            consider(None if add_flags or del_flags else _required(list(sub)))
        elif op is c.BRANCH:
            branches = [_required(list(branch)) for branch in arg[1]]
            if branches and all(branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            consider(_required(list(arg[2])))
        elif op is c.ATOMIC_GROUP:
            consider(_required(list(arg)))
    if run:
        consider(frozenset(["".join(run)]))
    return best


def _anchored(items: list) -> bool:  # type: ignore[type-arg]
    """True when every way through the parsed pattern starts with ``^`` (or ``\\A``)."""
    from re import _constants as c  # type: ignore[attr-defined]

    if not items:
        return False
    op, arg = items[0]
    if op is c.AT:
        return arg in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)
    if op is c.BRANCH:
        return all(_anchored(list(branch)) for branch in arg[1])
    return False


# --- first-character index for anchored rules ---------------------------------------------------
#
# A pattern anchored at the start (``^...`` without MULTILINE: most label and heading rules) is
# tried at position 0 only, so its ``search`` is fast, but the appliers still call it, with their
# guards, once for every kept block. Such a match begins with the block's first character, and
# the parsed pattern says which characters those can be; the page's first characters are listed
# once (``_Words.starts``), and only blocks that begin with one of them are looked at.

# What ``_Words.starts`` gives a block that begins with a non-ASCII character: always a candidate.
_OTHER = "\x80"
# A first (last) character as ``_Words.starts`` (``ends``) gives it: an ASCII one lowered, "" for
# an empty text, anything else ``_OTHER``. A table, so every block shares one string per character
# (``str.lower`` makes a new one-character string each time: 50 bytes a block).
_FIRST = {chr(code): chr(code).lower() for code in range(128)} | {"": ""}
_LAST = _FIRST | {"\n": _OTHER}


def _starts(items: list, backward: bool = False) -> tuple[set[str] | None, bool]:  # type: ignore[type-arg]
    """``(chars, nullable)`` for the parsed sequence ``items``: the lower-cased ASCII characters a
    match of it may begin with (``backward``: end with; None: any character), and whether it can
    match the empty string (then the items before or after it may give the character too). A
    non-ASCII character that is not one of CASE_TRAPS matches only non-ASCII text characters,
    which are always candidates, so it adds nothing; zero-width items (``\b``, ``$``,
    look-arounds) restrict nothing and are skipped."""
    from re import _constants as c  # type: ignore[attr-defined]

    def one(code: int) -> set[str] | None:
        char = chr(code)
        if char.isascii():
            return {char.lower()}
        return None if char in CASE_TRAPS else set()

    out: set[str] = set()
    for op, arg in reversed(items) if backward else items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        nullable = False
        if op is c.LITERAL:
            first = one(arg)
        elif op is c.IN:
            first = set()
            for sub_op, sub_arg in arg:
                if sub_op is c.LITERAL:
                    got = one(sub_arg)
                elif sub_op is c.RANGE and not any(sub_arg[0] <= ord(t) <= sub_arg[1] for t in CASE_TRAPS):
                    got = {chr(code).lower() for code in range(sub_arg[0], min(sub_arg[1], 127) + 1)}
                elif sub_op is c.CATEGORY and sub_arg is c.CATEGORY_DIGIT:
                    got = set("0123456789")  # other digits are not ASCII
                else:  # a negation, a category, a range holding a case trap: anything
                    got = None
                if got is None:
                    first = None
                    break
                first |= got
        elif op is c.BRANCH:
            first = set()
            for branch in arg[1]:
                got, empty = _starts(list(branch), backward)
                if got is None:
                    first = None
                    break
                first |= got
                nullable = nullable or empty
        elif op is c.SUBPATTERN:
            first, nullable = _starts(list(arg[3]), backward)
        elif op is c.ATOMIC_GROUP:
            first, nullable = _starts(list(arg), backward)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            first, nullable = _starts(list(arg[2]), backward)
            nullable = nullable or arg[0] == 0
        else:  # any character, a back reference, a conditional: no telling
            first = None
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


@lru_cache(maxsize=1024)
def _first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """For a pattern tried at the start only: the ``_Words.starts`` values of the blocks it may
    match (``_OTHER`` always among them), or None when it may match any block (not anchored, or
    able to match the empty string, or a first item that could be any character)."""
    try:
        tree = _parsed(pattern)
        if pattern.flags & re.MULTILINE or not _anchored(tree):
            return None
        chars, nullable = _starts(tree)
    except Exception:  # noqa: BLE001 - a pattern not understood is tried on every block
        return None
    if chars is None or nullable:
        return None
    return frozenset(chars | {_OTHER})


def _anchored_end(items: list) -> bool:  # type: ignore[type-arg]
    """True when every way through the parsed pattern ends with ``$`` (or ``\\Z``), not MULTILINE."""
    from re import _constants as c  # type: ignore[attr-defined]

    if not items:
        return False
    op, arg = items[-1]
    if op is c.AT:
        return arg in (c.AT_END, c.AT_END_STRING)
    if op is c.BRANCH:
        return all(_anchored_end(list(branch)) for branch in arg[1])
    if op is c.SUBPATTERN:
        return not arg[1] & re.MULTILINE and _anchored_end(list(arg[3]))
    return False


@lru_cache(maxsize=1024)
def _last_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """``_first_chars`` for the other end: for a pattern whose every match ends the text (``$``
    not MULTILINE: the text's end, or before a final line break, which ``_Words.ends`` sends to
    ``_OTHER``), the ``_Words.ends`` values of the blocks it may match, or None."""
    try:
        tree = _parsed(pattern)
        if pattern.flags & re.MULTILINE or not _anchored_end(tree):
            return None
        chars, nullable = _starts(tree, backward=True)
    except Exception:  # noqa: BLE001 - a pattern not understood is tried on every block
        return None
    if chars is None or nullable:
        return None
    return frozenset(chars | {_OTHER})


@lru_cache(maxsize=1024)
def _parsed(pattern: re.Pattern[str]) -> list:  # type: ignore[type-arg]
    """The parsed pattern the shortcuts below read (parsed once: parsing is most of their cost,
    and it is paid when a rule first runs). Raises what the parser raises."""
    from re import _parser  # type: ignore[attr-defined]

    tree = getattr(pattern, "tree", None)  # a rule's pattern, parsed when its file was loaded
    return list(tree if tree is not None else _parser.parse(pattern.pattern, pattern.flags))


@lru_cache(maxsize=1024)
def _prefilter(pattern: re.Pattern[str]) -> _Literals | None:
    """A cheap test that is False only for text ``pattern`` cannot match, or None.

    Depends on the pattern alone (memoised per compiled pattern, like the regex cache).
    """
    try:
        tree = _parsed(pattern)
        if _anchored(tree) and not pattern.flags & re.MULTILINE:
            return None  # tried at the start only: the regex fails faster than any prefilter
        strings = _required(tree)
    except Exception:  # noqa: BLE001 - a pattern not understood just gets no prefilter
        return None
    if not strings or min(map(len, strings)) < 3:
        return None
    if not pattern.flags & re.IGNORECASE:
        return _Literals(_minimal(strings), (), None)
    if any(_CASE_TRAP.search(s) for s in strings):
        return None
    # Case-insensitively, an ASCII character only equals ASCII characters and CASE_TRAPS, and
    # ``str.lower`` keeps every other character out of ASCII. So in text without CASE_TRAPS an
    # ASCII string occurs case-insensitively exactly when it occurs in ``text.lower()``, and a
    # string with other characters can only occur in text that has some. Those strings are
    # looked for by their longest ASCII run when it is long enough (it occurs wherever they do),
    # else with a regex of just them, under the pattern's own case rules: exact, and a literal
    # costs the engine far less than the rule's whole alternation.
    lowered = {s.lower() for s in strings if s.isascii()}
    others = []
    for s in sorted(strings):
        if not s.isascii():
            run = max(_ASCII_RUN.findall(s), key=len, default="")
            if len(run) >= 3:
                lowered.add(run.lower())
            else:
                others.append(s)
    other = re.compile("|".join(map(re.escape, others)), pattern.flags & (re.IGNORECASE | re.ASCII)) if others else None
    return _Literals((), _minimal(lowered), other)


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _minimal(strings: set[str] | frozenset[str]) -> tuple[str, ...]:
    """``strings`` without those that contain another one (which occurs wherever they do)."""
    return tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))


class _Literals:
    """A pattern's prefilter: True unless the text lacks every string a match needs.

    ``plain`` strings are looked for as they are; ``lowered`` ones in the lower-cased text (a
    case-insensitive pattern's ASCII strings), ``other`` is a regex of its other strings. The
    engine calls ``block`` with a block's ``_Facts`` (its lowered text read from the page's,
    lowered once per page, not once per rule) or with the whole page's ``_PageFacts``; calling
    the prefilter on a text does the same from scratch.
    """

    __slots__ = ("find_lowered", "lowered", "other", "plain", "plain_low")

    def __init__(self, plain: tuple[str, ...], lowered: tuple[str, ...], other: re.Pattern[str] | None) -> None:
        self.plain, self.lowered, self.other = plain, lowered, other
        # The page keeps only its lowered text: a plain string in it is a necessary sign. Lowering
        # maps each character on its own (so a string's lowered form is in the lowered text
        # wherever the string is), save a capital sigma, whose lower case depends on its neighbours.
        self.plain_low = None if any("\u03a3" in s for s in plain) else tuple(s.lower() for s in plain)
        # The lowered strings as one regex of literals: searched in a block's part of the lowered
        # page (``search(low, start, end)``) in one call, with no copy of that part.
        self.find_lowered = re.compile("|".join(map(re.escape, lowered))).search if lowered else None

    def __call__(self, text: str) -> bool:
        return self.block(_Facts(text))

    def block(self, facts: _Facts | _PageFacts) -> bool:
        if type(facts) is _PageFacts:
            return self._page(facts)
        if self.plain:
            return any(map(facts.text.__contains__, self.plain))
        if facts.trap:
            return True  # lowering is no guide here: let the pattern decide
        find = self.find_lowered
        if find is not None:
            cell, i = facts.page, facts.index
            joined = cell[0] if cell is not None else None
            if joined is not None and joined.texts[i] is facts.text:  # its part of the lowered page
                if find(joined.low, joined.starts[i], joined.starts[i + 1] - 1):
                    return True
            elif find(facts.text.lower()):
                return True
        return not facts.ascii and self.other is not None and self.other.search(facts.text) is not None

    def _page(self, facts: _PageFacts) -> bool:
        """False only when no block of the page can pass ``block``.

        ``other`` is searched in the lowered page: a case-insensitive regex matches a character
        by its simple lower case, which lowering the text keeps (CASE_TRAPS aside, which answer
        True before; tests/test_fast_paths.py checks every code point)."""
        if self.plain:
            return self.plain_low is None or any(map(facts.low.__contains__, self.plain_low))
        if facts.ascii:
            return any(map(facts.low.__contains__, self.lowered))
        if facts.trap:
            return True
        if any(map(facts.low.__contains__, self.lowered)):
            return True
        return self.other is not None and self.other.search(facts.low) is not None


class _Facts:
    """What the appliers test about one block text: its word count, whether it is ASCII, and
    whether it holds one of CASE_TRAPS (then lowering is no guide). Its lowered text is read
    from the page's (``_Words.lowered``), made on its own only for a text alone."""

    __slots__ = ("ascii", "index", "page", "text", "trap", "words")

    def __init__(self, text: str, page: list[_PageFacts | None] | None = None, index: int = 0) -> None:
        self.text = text
        self.words = len(text.split())
        self.ascii = text.isascii()
        self.trap = not self.ascii and _CASE_TRAP.search(text) is not None
        # The run's current page facts, in a cell the run updates (not the run itself: facts
        # that point back to their run make a cycle, which outlives the run until a collection).
        self.page, self.index = page, index

    def lowered(self) -> tuple[str, int, int]:
        """The lowered text as ``(string, start, end)``: it is ``string[start:end]``, read from
        the lowered page while the text is the one the page was made from."""
        joined = self.page[0] if self.page is not None else None
        i = self.index
        if joined is not None and i < len(joined.texts) and joined.texts[i] is self.text:
            return joined.low, joined.starts[i], joined.starts[i + 1] - 1
        low = self.text.lower()
        return low, 0, len(low)


class _PageFacts:
    """The page's texts joined by line breaks, as the prefilters test them: lowered, whether it
    is ASCII and holds a case trap; ``texts`` are the block texts it was made from."""

    __slots__ = ("ascii", "low", "starts", "texts", "trap")

    def __init__(self, texts: list[str]) -> None:
        joined = "\n".join(texts)
        low = joined.lower()
        self.ascii = joined.isascii()
        self.trap = not self.ascii and _CASE_TRAP.search(joined) is not None
        if len(low) != len(joined):  # a character lowered to two (U+0130): lower block by block
            lows = [text.lower() for text in texts]
            texts_or_lows, low = lows, "\n".join(lows)
        else:  # each character lowered to one: a block's lowered text is where its text is
            texts_or_lows = texts
        del joined
        self.low, self.texts = low, texts
        # Where each block's lowered text starts in ``low`` (and, last, the end of ``low`` plus one).
        self.starts = array("q", accumulate(map((1).__add__, map(len, texts_or_lows)), initial=0))


class _Words:
    """Facts about a page's blocks for one ``apply_rulesets`` run, made once per block text.

    Most pattern rules carry a word guard and a prefilter, so each would split and lower every
    kept block again. Facts are reused only while the block's text is the very string they were
    made from (``strip`` replaces the string), so the count is always ``page.words(i)``. They
    live for one run over one page, never across pages. The page is lowered once, as one string
    (``_PageFacts``): the blocks' lowered texts are read from it, not held a second time.
    """

    __slots__ = ("edge_texts", "facts", "firsts", "joined", "lasts", "page")

    def __init__(self, page: Page) -> None:
        self.page = page
        self.facts: list[_Facts | None] = [None] * len(page.blocks)
        self.joined: list[_PageFacts | None] = [None]  # a cell the blocks' facts read too
        self.firsts: list[str] = []
        self.lasts: list[str] = []
        self.edge_texts: list[str] | None = None

    def _edges(self) -> None:
        texts = self.page.text
        if self.edge_texts != texts:
            self.firsts = [_FIRST.get(t[:1], _OTHER) for t in texts]
            self.lasts = [_LAST.get(t[-1:], _OTHER) for t in texts]
            self.edge_texts = list(texts)

    def starts(self) -> list[str]:
        """Each block's first character lower-cased, ``_OTHER`` when it is not ASCII, "" for an
        empty text (what ``_first_chars`` sets are made of). Remade only when a text changed."""
        self._edges()
        return self.firsts

    def ends(self) -> list[str]:
        """Each block's last character as ``starts`` gives the first (a line break: ``_OTHER``)."""
        self._edges()
        return self.lasts

    def candidates(self, pattern: re.Pattern[str], kept: list[int]) -> list[int]:
        """Of ``kept``, the blocks ``pattern`` may match by their first and last characters."""
        firsts, lasts = _first_chars(pattern), _last_chars(pattern)
        if firsts is not None:
            starts = self.starts()
            kept = [i for i in kept if starts[i] in firsts]
        if lasts is not None:
            ends = self.ends()
            kept = [i for i in kept if ends[i] in lasts]
        return kept

    def whole(self) -> _PageFacts:
        """Facts of the whole page's current text, every block's joined by a line break.

        A prefilter that rejects the whole page rejects each of its blocks (a string or literal
        in a block is in the page; its lowered text is the blocks' lowered texts joined; it is
        ASCII only if every block is, and holds a case trap if any block does), so a rule whose
        strings the page lacks is done without a look at any block; most rules are, on most
        pages. Remade only when a block's text has changed (``strip``).
        """
        joined = self.joined[0]
        if joined is None or joined.texts != self.page.text:
            self.joined[0] = joined = None  # the old one goes before the new one is made
            self.joined[0] = joined = _PageFacts(list(self.page.text))
        return joined

    def of(self, i: int) -> _Facts:
        """The facts of block ``i``'s current text."""
        text = self.page.text[i]
        facts = self.facts[i]
        if facts is None or facts.text is not text:
            facts = self.facts[i] = _Facts(text, self.joined, i)
        return facts

    def __call__(self, i: int) -> int:
        return self.of(i).words


def _shape_passes(page: Page, i: int, rule: Rule, words: _Words) -> bool:
    """Bullet and word-count guards a rule file may put on a pattern.

    They cost a ``split`` at most (and that once per block, see ``_Words``), far less than a
    pattern scanning a long paragraph, and most patterns carry one, so the appliers check them
    before the pattern: the decision is the same (all must hold, none has side effects), the
    scan of every long paragraph by every short-label pattern is saved.
    """
    if rule.bullet is not None and (page.blocks[i].bullet is not None) != rule.bullet:
        return False
    if rule.max_words is not None or rule.min_words is not None:
        count = words(i)
        if rule.max_words is not None and count > rule.max_words:
            return False
        if rule.min_words is not None and count < rule.min_words:
            return False
    return True


def _prose_passes(page: Page, i: int, rule: Rule) -> bool:
    """The position guard: ``after_prose`` rules act only once the article has begun.

    Checked last: ``prose_before`` looks at every earlier block.
    """
    return not rule.after_prose or page.prose_before(i)


def _apply_drop(page: Page, rule: Rule, words: _Words) -> None:
    """Drop every kept block the pattern matches (guards as in ``_shape_passes``, inlined:
    this loop runs for every pattern rule over every kept block)."""
    assert rule.pattern is not None
    search = rule.pattern.search
    may_match = _prefilter(rule.pattern)
    blocks = page.blocks
    facts_of = words.of
    if may_match is not None and not may_match.block(words.whole()):
        return
    bullet, most, least = rule.bullet, rule.max_words, rule.min_words
    for i in words.candidates(rule.pattern, page.kept()):
        if bullet is not None and (blocks[i].bullet is not None) != bullet:
            continue
        facts = facts_of(i)
        count = facts.words
        if (most is not None and count > most) or (least is not None and count < least):
            continue
        if (may_match is None or may_match.block(facts)) and search(facts.text) and _prose_passes(page, i, rule):
            if rule.spares and spared(rule.spares, facts.text):
                continue  # a byline, date or closing credit: its reader comes later
            page.remove(i, rule, f"matched {rule.pattern.pattern!r}")


def _apply_strip(page: Page, rule: Rule, words: _Words) -> None:
    assert rule.pattern is not None
    may_match = _prefilter(rule.pattern)
    if may_match is not None and not may_match.block(words.whole()):
        return
    for i in words.candidates(rule.pattern, page.kept()):
        if not (_shape_passes(page, i, rule, words) and _prose_passes(page, i, rule)):
            continue
        if may_match is not None and not may_match.block(words.of(i)):
            continue  # no match, nothing to strip
        # Strip right to left so earlier offsets stay valid.
        for match in reversed(list(rule.pattern.finditer(page.text[i]))):
            if match.end() > match.start() and page.is_kept(i):
                page.strip(i, rule, match.start(), match.end(), f"matched {rule.pattern.pattern!r}")


# A section whose longest run of prose is this many times the longest run kept before its heading
# opened above the article (the run before it is a teaser or a standfirst, not the article). Reader
# comments longer than the article they follow (2-8 times on trainset pages) must still go.
SECTION_ABOVE_ARTICLE = 10.0


def _section_extent(page: Page, rule: Rule, kept: list[int], pos: int, end: int = -1) -> list[int]:
    """The kept blocks after the heading at ``kept[pos]`` that its section takes (``extent =
    "post"`` on HTML: a section opened inside one post of several ends with it, at block ``end``:
    ``dom.post_end``)."""
    taken = []
    for j in kept[pos + 1 :]:
        if 0 <= end < j:
            break
        if rule.extent == "paragraph" and page.blocks[j].blank_before:
            break
        if rule.until is not None and rule.until.search(page.text[j]):
            break
        taken.append(j)
    return taken


def _longest_prose_run(page: Page, blocks: list[int]) -> float:
    """Word units of the longest run of consecutive prose blocks among ``blocks``.

    A run, not a sum: reader comments add up to more prose than many articles, but each post
    sits between a name and a date, while the article's paragraphs follow one another.
    """
    best = run = 0.0
    for j in blocks:
        if is_prose(page.text[j]):
            run += word_units(page.text[j])
            best = max(best, run)
        else:
            run = 0.0
    return best


POST_RUN = 40.0
POST_REPEATS = 3
_DIGITS = re.compile(r"\d+")


def _heading_shape(text: str) -> str:
    """A heading with its counts masked: ``Comments (0)`` and ``Comments (3)`` are one shape."""
    return " ".join(_DIGITS.sub("0", text).casefold().split())


def _opens_every_post(page: Page, kept: list[int], pos: int) -> bool:
    """The heading at ``kept[pos]`` is printed under every post of a multi-post dump.

    A blog front page prints "Comments (0)" under each of its posts: the line (counts masked)
    is on the page ``POST_REPEATS`` times or more, and what runs to its next copy is the next
    post: a head of its own first (a byline, a date, a title: no running text), then running
    text, ``POST_RUN`` word units in all. A comment thread's opener is printed once or twice
    (the count under the article, again over the thread); teaser cards repeat their comment
    counts too, but the count sits between a card's title and its blurb, so running text
    follows it at once. Only sections that run to the end are checked: one that ends takes
    no post with it.
    """
    shape = _heading_shape(page.text[kept[pos]])
    copies = [j for j in kept if _heading_shape(page.text[j]) == shape]
    if len(copies) < POST_REPEATS or copies[-1] == kept[pos]:
        return False
    nxt = copies[copies.index(kept[pos]) + 1]
    between = [j for j in kept[pos + 1 :] if j < nxt]
    lines = [j for j in between if page.text[j].strip()]
    return (bool(lines) and not is_prose(page.text[lines[0]]) and any(is_prose(page.text[j]) for j in lines)
            and sum(word_units(page.text[j]) for j in lines) >= POST_RUN)


def _apply_section(page: Page, rule: Rule, words: _Words) -> None:
    """A heading that opens a block of chrome (``Most Popular``): drop it and what follows.

    The position check: a section never takes a run of running text many times
    (``SECTION_ABOVE_ARTICLE``) longer than the longest the page keeps before its heading. A comment count or a "Related" link printed *above* the article (in the header's
    share bar, in a teaser box at the top) is followed by the article itself, and cutting there
    removed the article with the chrome; the next match further down is tried instead.
    A section that ends (``until``, ``extent = "paragraph"``, a post's box) does not end the
    search: every rail under the article goes in one pass, not one rail per cleaning of the text,
    and every post of a blog's front page loses its own "Comments (0)" line.
    """
    assert rule.pattern is not None
    may_match = _prefilter(rule.pattern)
    if may_match is not None and not may_match.block(words.whole()):
        return
    kept = page.kept()
    candidates = set(words.candidates(rule.pattern, kept))
    for pos, i in enumerate(kept):
        if i not in candidates:
            continue  # the pattern cannot match a block that begins or ends so
        if not (page.is_kept(i) and _shape_passes(page, i, rule, words)
                and (may_match is None or may_match.block(words.of(i)))
                and rule.pattern.search(page.text[i]) and _prose_passes(page, i, rule)):
            continue
        if page.kind != "html" and rule.extent in ("to-end", "post") and rule.until is None and _opens_every_post(page, kept, pos):
            continue  # printed under each post of a multi-post dump: the next post follows
        end = post_end(page, i) if rule.extent == "post" else -1
        taken = _section_extent(page, rule, kept, pos, end)
        if _longest_prose_run(page, taken) > SECTION_ABOVE_ARTICLE * _longest_prose_run(page, kept[:pos]):
            continue  # above the article's running text: the section would take the article
        heading = page.text[i]
        page.remove(i, rule, f"section heading {heading!r}")
        for j in taken:
            page.remove(j, rule, f"inside the section under {heading!r}")
        if rule.extent != "paragraph" and rule.until is None and end < 0:
            return  # to the page's end: nothing is left to search (a post's section ends with it)


_PATTERN_APPLIERS = {"drop": _apply_drop, "strip": _apply_strip, "section": _apply_section}


def apply_rule(page: Page, rule: Rule, words: _Words | None = None) -> None:
    """Apply one rule to the page (``words``: the run's word counts, when part of a run); a
    rule that applies to the other kind of capture (``applies_to``) does nothing."""
    if rule.applies_to != "both" and rule.applies_to != page.kind:
        return
    if rule.detector is not None:
        try:
            detector = DETECTORS[rule.detector]
        except KeyError:
            raise ValueError(f"rule {rule.qualified_id} names unknown detector {rule.detector!r}") from None
        detector(page, rule)
    else:
        _PATTERN_APPLIERS[rule.action](page, rule, words if words is not None else _Words(page))


def apply_rulesets(page: Page, rulesets: list[RuleSet]) -> Page:
    """Apply every rule of every set, in order, and return the same page; generic rules that a
    site set switches off (``disable``) do not run. A site set's article container is handed to
    ``html-main`` (``SITE_CONTAINER``); its field selectors fill the record's fields last, so
    they win over what the page declares and the header detectors found."""
    words = _Words(page)
    disabled = {name for ruleset in rulesets for name in ruleset.disable}
    for ruleset in rulesets:
        if ruleset.container_xpath:
            page.memo[SITE_CONTAINER] = (ruleset.container, ruleset.container_xpath)
    for ruleset in rulesets:
        for rule in ruleset.rules:
            if rule.qualified_id not in disabled:
                apply_rule(page, rule, words)
    for ruleset in rulesets:
        apply_field_selectors(page, ruleset)
    return page
