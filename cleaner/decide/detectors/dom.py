"""DOM-structure detectors: decisions only an HTML capture can support.

They read the element skeleton ``cleaner.segment.html_blocks`` keeps beside the blocks (tags, class and
id tokens, words and links under each element). A text dump has no skeleton, so on text dumps
every detector here returns without looking at a block: one method for both inputs, with the
HTML structure as extra evidence.

A container is never treated as chrome when it holds more than ``max_share`` of the page's
words: pages that wrap everything in one ``<form>`` (ASP.NET) or put ``class="has-sidebar"``
on the main wrapper must not lose their article to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from cleaner.decide.features import word_units
from cleaner.decide.page import Page, is_prose
from cleaner.decide.params import Strings, param
from cleaner.decide.rulebook import Rule
from cleaner.decide.selectors import SITE_CONTAINER, select

if TYPE_CHECKING:  # a text dump's run imports this module, never lxml
    from cleaner.segment.html_blocks import Node, Skeleton

_MAX_SHARE = "a box holding more than this share of the page's words is never chrome"


@dataclass(frozen=True, slots=True)
class LandmarkParams:
    tags: Strings = param((), "element tags whose content is chrome (nav, footer, ...)")
    roles: Strings = param((), "ARIA roles whose content is chrome (navigation, banner, ...)")
    max_share: float = param(0.5, _MAX_SHARE)


@dataclass(frozen=True, slots=True)
class ClassTokenParams:
    negative: Strings = param((), "class/id parts that name a box of chrome")
    positive: Strings = param((), "class/id parts that name the article (they outweigh a negative part)")
    whole: Strings = param((), "whole class/id tokens that name chrome (sr-only)")
    strong: Strings = param(("comment", "comments", "disqus", "related", "outbrain", "taboola", "newsletter",
                             "breadcrumb", "breadcrumbs", "cookie", "consent", "yoursay"),
                            "negative parts that name chrome whatever else the token says")
    max_share: float = param(0.5, _MAX_SHARE)
    core_share: float = param(0.0, "boxes of one kind (tag and first class) inside the article's element that "
                                   "together hold this share of its running text are part of the article whatever "
                                   "their name, unless a strong part names them (0: off)")


@dataclass(frozen=True, slots=True)
class MainParams:
    min_chars: int = param(25, "a paragraph shorter than this many characters does not score")
    sibling_share: float = param(0.2, "a sibling of the best element scoring this share of its score is kept too")
    negative: Strings = param(("comment", "comments", "footer", "sidebar", "related", "share", "social", "widget",
                               "promo", "nav", "menu", "ad", "ads"), "class/id parts that lower an element's score")
    positive: Strings = param(("article", "body", "content", "entry", "main", "post", "story", "text", "blog"),
                              "class/id parts that raise an element's score")
    min_share: float = param(0.0, "the container must hold this share of the page's running text, else the DOM "
                                  "does not choose (0: always choose)")
    section_share: float = param(0.0, "a box of the same tag and class as the container (or one of its "
                                      "section_levels nearest ancestors) joins it when it holds this share of that "
                                      "box's running text (0: never)")
    section_chars: int = param(200, "a joining section holds at least this many characters of running text")
    section_levels: int = param(4, "how many levels above the best element sections are looked for")
    section_links: float = param(0.3, "a joining section's link density is at most this")
    headline_chars: int = param(0, "the nearest box around the heading that repeats the page's title and holds "
                                   "this many characters of running text is the article, when it is apart from "
                                   "the best-scoring element (0: off)")


def _describe(node: Node) -> str:
    tokens = " ".join(node.tokens[:3])
    return f"<{node.tag}{' ' + repr(tokens) if tokens else ''}> at line {node.line}"


def _small_enough(skeleton: Skeleton, node: Node, max_share: float) -> bool:
    total = skeleton.words
    return total == 0 or node.words <= max_share * total


# --- landmarks: nav, footer, aside, header, forms, figures, hidden ---------------------------


def landmark(page: Page, rule: Rule) -> None:
    """Drop blocks inside an element with one of ``params.tags`` or ARIA ``params.roles``."""
    skeleton: Skeleton | None = page.structure
    if skeleton is None:
        return
    params: LandmarkParams = rule.params
    tags = frozenset(params.tags)
    roles = frozenset(params.roles)
    max_share = params.max_share
    nodes = skeleton.nodes
    core = _core(page, skeleton)
    verdict: dict[int, int] = {}  # node -> landmark node deciding it (-1: none)
    for i in page.kept():
        node = skeleton.owner[i]
        found = _nearest(skeleton, node, verdict, lambda n: n.tag in tags or (n.role in roles and n.role != ""),
                         max_share, core)
        if found >= 0:
            page.remove(i, rule, f"inside {_describe(nodes[found])}")


def _nearest(skeleton: Skeleton, node: int, memo: dict[int, int], match, max_share: float,  # noqa: ANN001
             core: frozenset[int] = frozenset(), any_size: frozenset[int] = frozenset()) -> int:
    """The nearest ancestor-or-self that ``match``es, is small enough (or in ``any_size``) and is
    not around the article core (memoised), or -1."""
    chain = []
    found = -1
    nodes = skeleton.nodes
    while node >= 0:
        if node in memo:
            found = memo[node]
            break
        chain.append(node)
        n = nodes[node]
        if node not in core and match(n) and (node in any_size or _small_enough(skeleton, n, max_share)):
            found = node
            break
        node = n.parent
    for visited in chain:
        memo[visited] = found
    return found


def hidden(page: Page, rule: Rule) -> None:
    """Drop blocks inside elements the page hides (``hidden``, ``display: none``)."""
    skeleton: Skeleton | None = page.structure
    if skeleton is None:
        return
    for i in page.kept():
        if skeleton.nodes[skeleton.owner[i]].hidden:
            page.remove(i, rule, "inside an element the page hides")


# --- class and id tokens ---------------------------------------------------------------------

_PART_SPLIT = re.compile(r"[^a-z0-9]+|(?<=[a-z])(?=[A-Z])")
# First parts that make a token a state flag of a wrapper ("has-sidebar", "comments-open"
# is handled by the size guard), not the name of a box.
_STATE_PREFIX = frozenset("has with no show enable enabled is hide without allow can".split())
_STATE_WORDS = frozenset("has with without no".split())
# Blog engines mark a post's wrapper with its tags and categories (WordPress: ``tag-<slug>``,
# ``category-<slug>``): words of the post's subject, not names of a box.
_TAXONOMY_PREFIX = frozenset("tag category".split())


@lru_cache(maxsize=4096)
def _parts(token: str) -> tuple[str, ...]:
    """The words of a class/id token, whole words only, without its BEM modifier: in
    ``section--ads`` the box is a section (``--ads`` says how it is styled), so ``ads`` is no
    word of it; ``ad`` never matches inside ``adcollist`` or ``head``."""
    parts = [p for p in _PART_SPLIT.split(token.split("--", 1)[0].lower()) if p]
    if len(parts) > 1 and parts[0] in _TAXONOMY_PREFIX:
        return ()  # ``tag-cookie-recipes``: the post is tagged "cookie recipes", no box is named
    # What follows a state word is a flag of the box, not its name: ``image-with-caption`` is an
    # image (that has a caption), not a caption.
    for k, part in enumerate(parts[1:], 1):
        if part in _STATE_WORDS:
            return tuple(parts[:k])
    return tuple(parts)


@lru_cache(maxsize=32)
def _vocab(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=65536)
def _token_hit(token: str, negative: frozenset[str], positive: frozenset[str], whole: frozenset[str],
               strong: frozenset[str] = frozenset()) -> bool:
    if token in whole:
        return True
    parts = _parts(token)
    if not parts or parts[0] in _STATE_PREFIX:
        return False
    if any(p in strong or _strong_compound(p, strong) for p in parts):
        return True
    if not any(p in negative for p in parts):
        return False
    return not any(p in positive for p in parts)


# What a box's name may glue to a strong word without a separator (``commentbody``,
# ``commentlist``, ``relatedposts``, ``cookiebanner``): the part of the box it is, or what it
# lists. Only these: ``commentary`` or ``relatedness`` are no names of a box.
_GLUED = frozenset("body form list lists box area wrap wrapper container block section text content thread "
                   "threads meta header title link links count item items entry entries post posts stories "
                   "articles banner bar notice".split())


def _strong_compound(part: str, strong: frozenset[str]) -> bool:
    """True when ``part`` is a strong word glued to a word of ``_GLUED`` (``commentbody``)."""
    return any(part.startswith(word) and part[len(word):] in _GLUED for word in strong)


def _strong_nodes(skeleton: Skeleton, strong: frozenset[str], max_share: float) -> set[int]:
    """Elements named by a ``strong`` token (comments, related...), or opened by a named target
    of such a name (``_anchored``): never around an article."""
    found = {
        k for k, n in enumerate(skeleton.nodes)
        if n.tokens and _any_strong(n.tokens, strong) and _small_enough(skeleton, n, max_share)
    }
    nodes = skeleton.nodes
    found.update(k for k in _anchored(skeleton, strong) if _small_enough(skeleton, nodes[k], max_share))
    return found


def _anchored(skeleton: Skeleton, strong: frozenset[str]) -> dict[int, str]:
    """Boxes a named target of a ``strong`` name opens, with that name.

    Old templates name a section by a target (``<a name="commentSection"></a>``) and give its
    box no class: the box is the largest element whose first line starts at the target (the
    cell the target opens, its row, the table around it as long as nothing comes before).
    A target in the middle of a box names no box.
    """
    if not skeleton.anchors:
        return {}
    key = "anchored " + " ".join(sorted(strong))
    cached = skeleton.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    nodes = skeleton.nodes
    first = _first_blocks(skeleton)
    found: dict[int, str] = {}
    for node, block, name in skeleton.anchors:
        # A target in the middle of a box names no box (``_after_target`` takes the one case
        # where it still names a section: in the middle of the article's own element).
        if not name or first[node] != block or not _any_strong((name,), strong):
            continue
        while nodes[node].parent >= 0 and first[nodes[node].parent] == block:
            node = nodes[node].parent
        if nodes[node].parent >= 0:  # never the page itself
            found.setdefault(node, name)
    skeleton.cache[key] = found
    return found


def _first_blocks(skeleton: Skeleton) -> list[int]:
    """Each element's first block (-1: it holds none), computed once per page."""
    first = skeleton.cache.get("first-block")
    if first is None:
        nodes = skeleton.nodes
        first = [-1] * len(nodes)
        for j, node in enumerate(skeleton.owner):  # blocks in document order: the first one sets it
            while node >= 0 and first[node] < 0:
                first[node] = j
                node = nodes[node].parent
        skeleton.cache["first-block"] = first
    return first  # type: ignore[return-value]


def _after_target(page: Page, skeleton: Skeleton, strong: frozenset[str]) -> tuple[int, int, str, int]:
    """The section a strong target opens in the middle of the article's own element:
    ``(first block, last block, name, element)``, or ``(-1, -1, "", -1)``.

    Old templates set the reader comments in the story's own box, right after its last
    paragraph: ``<hr><a name="commentSection"></a><b>Reader</b><br>...``. The rest of that box
    from the target on is the section the target names. Only there: a target in a column that
    holds the post's box and a thread beside it (a blog whose comments are part of its running
    text) names nothing, nor does a name the page uses twice (a front page's template repeats
    ``<a name="comments">`` after every post, where it addresses nothing).
    """
    if not skeleton.anchors:
        return -1, -1, "", -1
    core = _core(page, skeleton)
    if not core:
        return -1, -1, "", -1
    best = max(core, key=lambda k: len(skeleton.ancestors(k)))
    if skeleton.nodes[best].parent < 0:  # never the page itself
        return -1, -1, "", -1
    first = _first_blocks(skeleton)
    uses: dict[str, int] = {}
    for _, _, name in skeleton.anchors:
        uses[name] = uses.get(name, 0) + 1
    for node, block, name in skeleton.anchors:
        if (node == best and name and uses[name] == 1 and first[node] < block < len(skeleton.owner)
                and _any_strong((name,), strong)):
            return block, _last_blocks(skeleton)[node], name, node
    return -1, -1, "", -1


@lru_cache(maxsize=16384)
def _any_strong(tokens: tuple[str, ...], strong: frozenset[str]) -> bool:
    # Most token sets name no strong word at all: one regex search of the lower-cased tokens
    # settles them without splitting every token into parts (a part equal to a strong word is
    # a substring of the lower-cased token, so a miss here is a miss of ``_token_hit``).
    if not _strong_substring(strong).search(" ".join(tokens).lower()):
        return False
    empty: frozenset[str] = frozenset()
    return any(_token_hit(t, empty, empty, empty, strong) for t in tokens)


@lru_cache(maxsize=32)
def _strong_substring(strong: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds any ``strong`` word inside a string (never matches when empty)."""
    words = sorted(strong, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words)) if words else "(?!)")


# A floated box inside the article's element holding less than this share of its running text
# is a panel set beside the story (editor's choice, a poll, links), not a part of it.
_PANEL_SHARE = 0.25
# ... and that holds at least this share of its text in links.
_PANEL_LINKS = 0.3


def _floated_panels(page: Page, skeleton: Skeleton) -> set[int]:
    """Floated boxes (``float: left|right``) inside the article's element (the innermost of the
    core) that hold little of its running text."""
    if not any(n.floated for n in skeleton.nodes):
        return set()
    core = _core(page, skeleton)
    if not core:
        return set()
    best = max(core, key=lambda k: len(skeleton.ancestors(k)))
    kept = page.kept()
    running = _running(page, skeleton, kept, MainParams())
    nodes = skeleton.nodes
    chars = [0.0] * len(nodes)
    links = [0.0] * len(nodes)
    for i in kept:
        size = len(page.text[i])
        for a in skeleton.ancestors(skeleton.owner[i]):
            chars[a] += size
            links[a] += page.blocks[i].link_density * size
    # Links make it a panel: a floated photo with its caption, or a pull quote, has none.
    return {k for k, n in enumerate(nodes)
            if n.floated and k not in core and best in skeleton.ancestors(k)
            and running[k] < _PANEL_SHARE * running[best] and links[k] >= _PANEL_LINKS * chars[k] > 0}


def class_token(page: Page, rule: Rule) -> None:
    """Drop blocks inside an element whose class/id names a box of chrome.

    A token is split into parts at ``-``, ``_`` and camel case; it names chrome when one part is
    in ``params.negative`` (``related``, ``share``, ``comments``...) and no part is in
    ``params.positive`` (``article``, ``body``, ``content``...), or when the whole token is in
    ``params.whole`` (``sr-only``). Tokens of state flags (``has-sidebar``) never count, nor do
    boxes of a kind that holds most of the article's running text (``core_share``).
    """
    skeleton: Skeleton | None = page.structure
    if skeleton is None:
        return
    # The same shape as landmark()'s opening (``duplicates`` pairs them), deliberately: each
    # detector reads its own declared parameters, and a shared helper would hide which.
    params: ClassTokenParams = rule.params
    negative = _vocab(params.negative)
    positive = _vocab(params.positive)
    whole = _vocab(params.whole)
    strong = _vocab(params.strong)
    max_share = params.max_share
    nodes = skeleton.nodes
    hit_token: dict[int, str] = {}
    targets = {id(nodes[k]): name for k, name in _anchored(skeleton, strong).items()}
    panels = {id(nodes[k]) for k in _floated_panels(page, skeleton)}

    def match(n: Node) -> bool:
        if id(n) in targets or id(n) in panels:
            return True
        for token in n.tokens:
            if _token_hit(token, negative, positive, whole, strong):
                hit_token[id(n)] = token
                return True
        return False

    memo: dict[int, int] = {}
    core = _core(page, skeleton)
    if params.core_share > 0:
        core = core | {k for k in _article_boxes(page, skeleton, params.core_share)
                       if not _any_strong(nodes[k].tokens, strong)}
    any_size = _strong_beside_core(page, skeleton)
    start, end, name, box = _after_target(page, skeleton, strong)
    for i in page.kept():
        if start <= i <= end:
            page.remove(i, rule, f"after the named target {name!r} in the article's box {_describe(nodes[box])}")
            continue
        found = _nearest(skeleton, skeleton.owner[i], memo, match, max_share, core, any_size)
        if found >= 0:
            n = nodes[found]
            if id(n) in targets:
                page.remove(i, rule, f"inside <{n.tag}> opened by the named target {targets[id(n)]!r} at line {n.line}")
                continue
            if id(n) in panels:
                page.remove(i, rule, f"inside a floated panel <{n.tag}> at line {n.line} in the article's box")
                continue
            token = hit_token.get(id(n), "")
            page.remove(i, rule, f"inside <{n.tag}> with class/id token {token!r} at line {n.line}")


# --- the main content container -------------------------------------------------------------

_UNSCORED_TAGS = frozenset("li a th dt option button label legend caption figcaption".split())
_PARAGRAPH_TAGS = frozenset("p pre blockquote dd".split())
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_TAG_WEIGHT = {"div": 5, "article": 8, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
               "form": -3, "ol": -3, "ul": -3, "li": -3, "dl": -3, "dd": -3, "dt": -3, "address": -3,
               "th": -5}  # headings never score (see ``_score``)


def _class_weight(node: Node, negative: frozenset[str], positive: frozenset[str]) -> int:
    weight = 0
    parts = {p for t in node.tokens for p in _parts(t)}
    if parts & positive:
        weight += 25
    if parts & negative:
        weight -= 25
    if node.itemprop in ("articlebody", "text", "articletext"):
        weight += 50
    return weight


def _score(page: Page, skeleton: Skeleton, params: MainParams, exclude: set[int] | None = None,
           ) -> tuple[int, float, dict[int, float], list[int], list[float]]:
    """Readability scores of the elements, from the blocks still kept.

    Returns ``(best, best_score, scores, chars, link_chars)``; ``best`` is -1 when no block of
    running text is left.
    """
    nodes = skeleton.nodes
    negative = _vocab(params.negative)
    positive = _vocab(params.positive)
    min_chars = params.min_chars
    kept = page.kept()
    if exclude:
        # Which elements sit in an excluded one (or are one): one pass in document order, where
        # a parent always comes before its children, instead of an ancestor chain per block.
        under = [False] * len(nodes)
        for k, n in enumerate(nodes):
            under[k] = k in exclude or (n.parent >= 0 and under[n.parent])
        kept = [i for i in kept if not under[skeleton.owner[i]]]
    chars = [0] * len(nodes)
    link_chars = [0.0] * len(nodes)
    for i in kept:
        length = len(page.text[i])
        lc = page.blocks[i].link_density * length
        node = skeleton.owner[i]
        while node >= 0:
            chars[node] += length
            link_chars[node] += lc
            node = nodes[node].parent

    scores: dict[int, float] = {}
    for i in kept:
        block = page.blocks[i]
        text = page.text[i]
        if len(text) < min_chars or block.heading or block.tag in _UNSCORED_TAGS:
            continue
        if block.link_density > 0.5:
            continue
        points = 1 + text.count(",") + text.count("，") + text.count("、") + min(len(text) / 100, 3)
        node = skeleton.owner[i]
        # A paragraph (or a box with nothing but text, which is one) votes for its container;
        # text mixed with other boxes votes for the element that holds it.
        if block.tag in _PARAGRAPH_TAGS or nodes[node].children == 0:
            node = nodes[node].parent
        for level in range(3):
            # A heading holds no paragraphs: when it seems to, the page left it open and the
            # parser stretched it over the text after it. Its votes go to the box around it.
            while node >= 0 and nodes[node].tag in _HEADING_TAGS:
                node = nodes[node].parent
            if node < 0:
                break
            if node not in scores:
                n = nodes[node]
                scores[node] = _TAG_WEIGHT.get(n.tag, 0) + _class_weight(n, negative, positive)
            scores[node] += points / (1, 2, 3)[level]
            node = nodes[node].parent

    best, best_score = -1, float("-inf")
    for node, score in scores.items():
        density = link_chars[node] / chars[node] if chars[node] else 0.0
        final = score * (1 - density)
        scores[node] = final
        if final > best_score:
            best, best_score = node, final
    return best, best_score, scores, chars, link_chars


def _core(page: Page, skeleton: Skeleton) -> frozenset[int]:
    """The best-scoring element and its ancestors: a box around the article is not chrome.

    Computed once per page, by the first DOM rule that needs it, from the blocks kept then.
    Blocks inside elements named by a ``DEFAULT_STRONG`` token do not vote (a comment thread
    is prose, but not the article).
    """
    core = skeleton.cache.get("core")
    if core is None and (site := _site_container(page, skeleton)):
        core = skeleton.cache["core"] = frozenset(a for node in site for a in skeleton.ancestors(node))
    if core is None:
        defaults = ClassTokenParams()
        strong = _vocab(defaults.strong)
        # First without any box a strong token names, whatever its size: a comment thread that
        # holds most of the page's words is still no article, when an article is found beside it.
        every = _strong_nodes(skeleton, strong, 1.0)
        best = _score(page, skeleton, MainParams(), every)[0] if every else -1
        if best >= 0 and _running(page, skeleton, page.kept(), MainParams(), every)[best] >= _CORE_MIN_CHARS:
            core = frozenset(skeleton.ancestors(best))
            skeleton.cache["strong-any-size"] = frozenset(k for k in every if k not in core)
        else:
            exclude = _strong_nodes(skeleton, strong, defaults.max_share)
            best = _score(page, skeleton, MainParams(), exclude)[0]
            core = frozenset(skeleton.ancestors(best)) if best >= 0 else frozenset()
        skeleton.cache["core"] = core
    return core  # type: ignore[return-value]


# Running text (characters of scoring paragraphs) the best element outside every strong box must
# hold for those boxes to be chrome whatever their size: about three short paragraphs. Less, and
# the page may be all thread (or an ``<article>`` whose class says ``breadcrumb``): then only
# strong boxes under ``max_share`` of the page count, as before.
_CORE_MIN_CHARS = 400


def _strong_beside_core(page: Page, skeleton: Skeleton) -> frozenset[int]:
    """Boxes a strong token names that are chrome whatever their size on this page (see ``_core``)."""
    _core(page, skeleton)
    return skeleton.cache.get("strong-any-size", frozenset())  # type: ignore[return-value]


def _article_boxes(page: Page, skeleton: Skeleton, share: float) -> set[int]:
    """Boxes inside the article's element (the innermost of the core) whose kind (tag and first
    class) holds ``share`` of its running text: a ``footer`` box wrapped around most of the
    story, or one ``caption-image`` box per paragraph, is the story, whatever the site called
    it. A caption, byline or share bar inside the article holds a line or two of it."""
    core = _core(page, skeleton)
    if not core or _site_container(page, skeleton):
        return set()
    best = max(core, key=lambda k: len(skeleton.ancestors(k)))
    running = _running(page, skeleton, page.kept(), MainParams())
    if not running[best]:
        return set()
    nodes = skeleton.nodes
    inside = [False] * len(nodes)
    # A kind of box: its tag and first class (the rest is often a serial: ``image-159372``).
    kinds: dict[tuple[str, str], list[int]] = {}
    for k, n in enumerate(nodes):  # document order: a parent comes before its children
        inside[k] = n.parent >= 0 and (n.parent == best or inside[n.parent])
        if inside[k] and n.tokens and running[k]:
            kinds.setdefault((n.tag, n.tokens[0]), []).append(k)
    found = set()
    for boxes in kinds.values():
        # Boxes of one kind nested in each other count once (the outer ones).
        kind = set(boxes)
        outer = [k for k in boxes if not kind.intersection(skeleton.ancestors(nodes[k].parent))]
        if sum(running[k] for k in outer) >= share * running[best]:
            found.update(boxes)
    return found


def main_content(page: Page, rule: Rule) -> None:
    """Keep the element that holds the article (and its siblings of the same kind); drop the rest.

    The readability method over the skeleton: every kept paragraph of running text scores
    ``1 + commas + min(chars / 100, 3)`` for its parent element, half that for its grandparent
    and a third for the one above (headings skipped: one that seems to hold paragraphs was left
    open); an element's score starts from its tag and its class/id
    tokens and is scaled by ``1 - link density``. The best element is the article; a sibling of
    it joins when it scores at least ``sibling_share`` of the best or is itself prose (a ``<p>``,
    or a box with nothing but text: some sites set each paragraph in a ``<div>`` and put the
    rest of the story in a "read all" box beside them).
    """
    skeleton: Skeleton | None = page.structure
    if skeleton is None:
        return
    kept = page.kept()
    if not kept:
        return
    nodes = skeleton.nodes
    site = _site_container(page, skeleton)
    if site:
        css = page.memo[SITE_CONTAINER][0]
        _remove_outside(page, rule, skeleton, kept, site, f"the site's article container {css!r}")
        return
    sibling_share = rule.params.sibling_share
    best, best_score, scores, chars, link_chars = _score(page, skeleton, rule.params)
    if best < 0:
        return
    running = _running(page, skeleton, kept, rule.params)
    headed = _headline_box(page, skeleton, kept, best, running, chars, link_chars, rule.params)
    rejected = -1
    if headed >= 0:
        rejected, best, best_score = best, headed, scores.get(headed, 0.0)

    keep_nodes = {best}
    parent = nodes[best].parent
    if parent >= 0:
        units: list[float] = []  # word units under each element, counted when first needed
        threshold = max(10.0, best_score * sibling_share)
        best_tokens = set(nodes[best].tokens)
        for node in range(len(nodes)):
            if node == best or nodes[node].parent != parent:
                continue
            bonus = best_score * 0.2 if best_tokens and set(nodes[node].tokens) == best_tokens else 0.0
            if scores.get(node, float("-inf")) + bonus >= threshold:
                keep_nodes.add(node)
            elif (chars[node] > 80 and link_chars[node] / chars[node] < 0.25
                  and (nodes[node].tag == "p" or nodes[node].children == 0)
                  and _word_units(page, skeleton, kept, units)[node] >= _PROSE_SIBLING_WORDS):
                keep_nodes.add(node)

    # Articles cut into several boxes of one template (text, ad, text...): every box with the
    # best element's tag and tokens that holds running text of its own belongs to the article.
    signature = (nodes[best].tag, nodes[best].tokens)
    if signature[1]:
        for node, score in scores.items():
            if node not in keep_nodes and (nodes[node].tag, nodes[node].tokens) == signature and score >= 1:
                keep_nodes.add(node)

    if headed < 0 and _holds_too_little(running, keep_nodes, skeleton, rule.params):
        return
    keep_nodes |= _sections(skeleton, best, running, chars, link_chars, rule.params)
    if rejected >= 0:  # the element the headline's box replaced never joins it as a sibling
        keep_nodes = {k for k in keep_nodes
                      if rejected not in skeleton.ancestors(k) and k not in skeleton.ancestors(rejected)}
    if any(nodes[k].words == skeleton.words for k in keep_nodes):
        # No box smaller than the page holds the article: the text rules that defer to this
        # one must not choose a region of it again (``judge.deferred``).
        page.memo[WHOLE_PAGE] = True
    _remove_outside(page, rule, skeleton, kept, keep_nodes, f"the article container {_describe(nodes[best])}")


# A box of prose beside the article holds at least this many words: a URL printed as text (one
# "word" of 90 characters) is no paragraph.
_PROSE_SIBLING_WORDS = 5


def _word_units(page: Page, skeleton: Skeleton, kept: list[int], units: list[float]) -> list[float]:
    """Word units (``word_units``, which counts CJK characters too) of the kept text under each
    element, in one pass over the page: ``units`` is filled on the first call, reused after it."""
    if not units:
        nodes = skeleton.nodes
        units.extend([0.0] * len(nodes))
        for i in kept:
            count = word_units(page.text[i])
            node = skeleton.owner[i]
            while node >= 0:
                units[node] += count
                node = nodes[node].parent
    return units


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _headline_box(page: Page, skeleton: Skeleton, kept: list[int], best: int, running: list[int], chars: list[int],
                  link_chars: list[float], params: MainParams) -> int:
    """The box of the page's headline when it holds running text apart from the best element, or -1.

    A post of short lines (a list of links with a word of comment each) scores less than one
    long paragraph of the author's bio in the sidebar. The page says which is its article: the
    heading (``h1``-``h3``) that repeats its declared title. The headline's nearest box holding
    running text (``headline_chars``, mostly not links) is the article when it is apart from the
    best element; when it holds the best element too (a masthead headline above the story's
    column), the best element stays.
    """
    if params.headline_chars <= 0 or not page.fields.title:
        return -1
    title = _norm(page.fields.title)
    for i in kept:
        block = page.blocks[i]
        if not block.heading or block.tag not in ("h1", "h2", "h3"):
            continue
        text = _norm(page.text[i])
        if len(text.split()) < 3 or text not in title:
            continue
        for box in skeleton.ancestors(skeleton.owner[i]):
            if running[box] >= params.headline_chars and link_chars[box] <= 0.5 * chars[box]:
                if box in skeleton.ancestors(best) or best in skeleton.ancestors(box):
                    return -1
                # More paragraphs than the best element: a post of short lines beside one long
                # bio, not a standfirst under the headline beside the story's many paragraphs.
                under = _paragraphs_under(page, skeleton, kept, (box, best), params)
                return box if under[box] > under[best] else -1
        return -1
    return -1


def _paragraphs_under(page: Page, skeleton: Skeleton, kept: list[int], boxes: tuple[int, ...],
                      params: MainParams) -> dict[int, int]:
    """How many blocks of running text (as ``_running`` counts them) each of ``boxes`` holds."""
    count = dict.fromkeys(boxes, 0)
    for i in kept:
        block = page.blocks[i]
        if (len(page.text[i]) < params.min_chars or block.heading or block.tag in _UNSCORED_TAGS
                or block.link_density > 0.5):
            continue
        for a in skeleton.ancestors(skeleton.owner[i]):
            if a in count:
                count[a] += 1
    return count


def _running(page: Page, skeleton: Skeleton, kept: list[int], params: MainParams,
             strong: set[int] | frozenset[int] | None = None) -> list[int]:
    """Characters of running text under each element: paragraphs that score, outside boxes named
    by a strong token (a comment thread is prose, but not the page's text; ``strong``: those
    boxes, by default the ones under ``max_share`` of the page)."""
    if strong is None:
        defaults = ClassTokenParams()
        strong = _strong_nodes(skeleton, _vocab(defaults.strong), defaults.max_share)
    nodes = skeleton.nodes
    under = [False] * len(nodes)
    for k, n in enumerate(nodes):  # document order: a parent comes before its children
        under[k] = k in strong or (n.parent >= 0 and under[n.parent])
    running = [0] * len(nodes)
    for i in kept:
        block = page.blocks[i]
        text = page.text[i]
        if len(text) < params.min_chars or block.heading or block.tag in _UNSCORED_TAGS or block.link_density > 0.5:
            continue
        node = skeleton.owner[i]
        if under[node]:
            continue
        while node >= 0:
            running[node] += len(text)
            node = nodes[node].parent
    return running


def _holds_too_little(running: list[int], keep_nodes: set[int], skeleton: Skeleton, params: MainParams) -> bool:
    """The choice checks itself: a container holding less than ``min_share`` of the page's running
    text is a gallery, a notice or a teaser box that outscored a page of short paragraphs; then
    the DOM does not choose, and the text classifier decides as on a dump."""
    if params.min_share <= 0 or not running or not running[0]:
        return False
    nodes = skeleton.nodes
    # Count each kept subtree once: a kept box inside another kept box adds nothing.
    inside = sum(running[k] for k in keep_nodes
                 if not any(a in keep_nodes for a in skeleton.ancestors(nodes[k].parent)))
    return inside < params.min_share * running[0]


def _sections(skeleton: Skeleton, best: int, running: list[int], chars: list[int], link_chars: list[float],
              params: MainParams) -> set[int]:
    """Boxes of the same kind as the container or one of its nearest ancestors: the other posts
    of a blog's page, the other rows of a table of messages, the other entries of a list of
    articles. A page with no single article keeps its sections of running text; a box joins when
    it has the tag and class/id tokens of the box on the container's side, holds running text
    (``section_chars``, and ``section_share`` of that box's) and is not a list of links; the
    container's own box at that level is then kept whole, like the others."""
    if params.section_share <= 0:
        return set()
    nodes = skeleton.nodes
    levels = skeleton.ancestors(best)[:params.section_levels]
    wanted = {nodes[a].parent: a for a in levels if nodes[a].parent >= 0 and running[a]}
    found: set[int] = set()
    for k, n in enumerate(nodes):
        a = wanted.get(n.parent, -1)
        if a < 0 or k == a or n.tag != nodes[a].tag or n.tokens != nodes[a].tokens:
            continue
        if (running[k] >= max(params.section_chars, params.section_share * running[a])
                and link_chars[k] <= params.section_links * chars[k]):
            found.add(k)
            found.add(a)  # the container's own section, whole (its heading too), as the others
    return found


def _remove_outside(page: Page, rule: Rule, skeleton: Skeleton, kept: list[int], keep_nodes: set[int],
                    where: str) -> None:
    """Drop the kept blocks outside ``keep_nodes``, and note those as the article container."""
    nodes = skeleton.nodes

    def inside(node: int) -> bool:
        while node >= 0:
            if node in keep_nodes:
                return True
            node = nodes[node].parent
        return False

    page.memo[MAIN_NODES] = frozenset(keep_nodes)
    for i in kept:
        if not inside(skeleton.owner[i]):
            page.remove(i, rule, f"outside {where}")


def _site_container(page: Page, skeleton: Skeleton) -> set[int]:
    """The nodes of the site set's article container on this page (empty: no such selector, or
    it matches nothing here, and the generic choice decides)."""
    site = page.memo.get(SITE_CONTAINER)
    if not site:
        return set()
    cached = skeleton.cache.get("site-container")
    if cached is None:
        cached = skeleton.cache["site-container"] = skeleton.nodes_of(select(skeleton.root, site[1]))
    return cached  # type: ignore[return-value]


# ``Page.memo`` key of the elements ``main_content`` kept as the article container.
MAIN_NODES = "html-main-nodes"
# ``Page.memo`` key set when that container is the whole page (``judge.DOM_WHOLE_PAGE``).
WHOLE_PAGE = "html-main-whole-page"


def in_main_container(page: Page, i: int) -> bool:
    """True when block ``i`` sits in the article container ``html-main`` chose (False when it
    chose none): also for blocks an earlier rule removed, which ``html-main`` never looked at."""
    keep = page.memo.get(MAIN_NODES)
    skeleton: Skeleton | None = page.structure
    if not keep or skeleton is None:
        return False
    node = skeleton.owner[i]
    nodes = skeleton.nodes
    while node >= 0:
        if node in keep:
            return True
        node = nodes[node].parent
    return False


# --- where a post ends -----------------------------------------------------------------------

# How far above a section heading the box of its post is looked for, and the words a box of the
# same kind beside it must hold to be another post (not a spacer or a clearing ``<div>``).
_POST_LEVELS = 4
_POST_MIN_WORDS = 20


def _last_blocks(skeleton: Skeleton) -> list[int]:
    """Each element's last block (-1: it holds none), computed once per page."""
    last = skeleton.cache.get("last-block")
    if last is None:
        nodes = skeleton.nodes
        last = [-1] * len(nodes)
        for j, node in enumerate(skeleton.owner):  # blocks in document order: the last one wins
            while node >= 0 and last[node] != j:
                last[node] = j
                node = nodes[node].parent
        skeleton.cache["last-block"] = last
    return last  # type: ignore[return-value]


def post_end(page: Page, i: int) -> int:
    """The last block of the post that holds block ``i``, or -1 when no such post is found.

    A blog's front page sets each post in a box of one kind (``<div class="blogPost">``, one
    table row per message), and each post ends with its own "Comments (0)" link: a section that
    such a line opens (reader comments, which on an article page run to its end) ends with the
    post's box. The post is the nearest box (``_POST_LEVELS`` up) that holds running text before
    block ``i`` and has a sibling of the same tag and class/id tokens holding words of its own.
    On a text dump (no skeleton), -1: the section runs on as before.
    """
    skeleton: Skeleton | None = page.structure
    if skeleton is None:
        return -1
    nodes = skeleton.nodes
    last = _last_blocks(skeleton)
    kinds = skeleton.cache.get("kind-count")
    if kinds is None:
        counted: dict[tuple[int, str, tuple[str, ...]], int] = {}
        for n in nodes:
            if n.words >= _POST_MIN_WORDS:
                key = (n.parent, n.tag, n.tokens)
                counted[key] = counted.get(key, 0) + 1
        kinds = skeleton.cache["kind-count"] = counted
    chain = skeleton.ancestors(skeleton.owner[i])[:_POST_LEVELS]
    inside = set()
    for j in range(i - 1, -1, -1):
        node = skeleton.owner[j]
        if not any(a in chain for a in skeleton.ancestors(node)):
            break
        inside.add(j)
    for box in chain:
        n = nodes[box]
        if n.parent < 0 or kinds.get((n.parent, n.tag, n.tokens), 0) < 2:  # type: ignore[union-attr]
            continue
        if any(page.is_kept(j) and is_prose(page.text[j]) and box in skeleton.ancestors(skeleton.owner[j])
               for j in inside):
            return last[box]  # type: ignore[index]
    return -1
