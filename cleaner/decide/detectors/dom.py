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

from cleaner.decide.page import Page
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
                             "breadcrumb", "breadcrumbs", "cookie", "consent"),
                            "negative parts that name chrome whatever else the token says")
    max_share: float = param(0.5, _MAX_SHARE)


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
             core: frozenset[int] = frozenset()) -> int:
    """The nearest ancestor-or-self that ``match``es, is small enough and is not around the
    article core (memoised), or -1."""
    chain = []
    found = -1
    nodes = skeleton.nodes
    while node >= 0:
        if node in memo:
            found = memo[node]
            break
        chain.append(node)
        n = nodes[node]
        if node not in core and match(n) and _small_enough(skeleton, n, max_share):
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
    if any(p in strong for p in parts):
        return True
    if not any(p in negative for p in parts):
        return False
    return not any(p in positive for p in parts)


def _strong_nodes(skeleton: Skeleton, strong: frozenset[str], max_share: float) -> set[int]:
    """Elements named by a ``strong`` token (comments, related...): never around an article."""
    return {
        k for k, n in enumerate(skeleton.nodes)
        if n.tokens and _any_strong(n.tokens, strong) and _small_enough(skeleton, n, max_share)
    }


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


def class_token(page: Page, rule: Rule) -> None:
    """Drop blocks inside an element whose class/id names a box of chrome.

    A token is split into parts at ``-``, ``_`` and camel case; it names chrome when one part is
    in ``params.negative`` (``related``, ``share``, ``comments``...) and no part is in
    ``params.positive`` (``article``, ``body``, ``content``...), or when the whole token is in
    ``params.whole`` (``sr-only``). Tokens of state flags (``has-sidebar``) never count.
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

    def match(n: Node) -> bool:
        for token in n.tokens:
            if _token_hit(token, negative, positive, whole, strong):
                hit_token[id(n)] = token
                return True
        return False

    memo: dict[int, int] = {}
    core = _core(page, skeleton)
    for i in page.kept():
        found = _nearest(skeleton, skeleton.owner[i], memo, match, max_share, core)
        if found >= 0:
            n = nodes[found]
            token = hit_token.get(id(n), "")
            page.remove(i, rule, f"inside <{n.tag}> with class/id token {token!r} at line {n.line}")


# --- the main content container -------------------------------------------------------------

_UNSCORED_TAGS = frozenset("li a th dt option button label legend caption figcaption".split())
_PARAGRAPH_TAGS = frozenset("p pre blockquote dd".split())
_TAG_WEIGHT = {"div": 5, "article": 8, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
               "form": -3, "ol": -3, "ul": -3, "li": -3, "dl": -3, "dd": -3, "dt": -3, "address": -3,
               "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5}


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
        exclude = _strong_nodes(skeleton, _vocab(defaults.strong), defaults.max_share)
        best = _score(page, skeleton, MainParams(), exclude)[0]
        core = frozenset(skeleton.ancestors(best)) if best >= 0 else frozenset()
        skeleton.cache["core"] = core
    return core  # type: ignore[return-value]


def main_content(page: Page, rule: Rule) -> None:
    """Keep the element that holds the article (and its siblings of the same kind); drop the rest.

    The readability method over the skeleton: every kept paragraph of running text scores
    ``1 + commas + min(chars / 100, 3)`` for its parent element, half that for its grandparent
    and a third for the one above; an element's score starts from its tag and its class/id
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

    keep_nodes = {best}
    parent = nodes[best].parent
    if parent >= 0:
        threshold = max(10.0, best_score * sibling_share)
        best_tokens = set(nodes[best].tokens)
        for node in range(len(nodes)):
            if node == best or nodes[node].parent != parent:
                continue
            bonus = best_score * 0.2 if best_tokens and set(nodes[node].tokens) == best_tokens else 0.0
            if scores.get(node, float("-inf")) + bonus >= threshold:
                keep_nodes.add(node)
            elif (chars[node] > 80 and link_chars[node] / chars[node] < 0.25
                  and (nodes[node].tag == "p" or nodes[node].children == 0)):
                keep_nodes.add(node)

    # Articles cut into several boxes of one template (text, ad, text...): every box with the
    # best element's tag and tokens that holds running text of its own belongs to the article.
    signature = (nodes[best].tag, nodes[best].tokens)
    if signature[1]:
        for node, score in scores.items():
            if node not in keep_nodes and (nodes[node].tag, nodes[node].tokens) == signature and score >= 1:
                keep_nodes.add(node)

    if _holds_too_little(page, skeleton, kept, keep_nodes, rule.params):
        return
    _remove_outside(page, rule, skeleton, kept, keep_nodes, f"the article container {_describe(nodes[best])}")


def _holds_too_little(page: Page, skeleton: Skeleton, kept: list[int], keep_nodes: set[int],
                      params: MainParams) -> bool:
    """The choice checks itself: a container holding less than ``min_share`` of the page's running
    text (paragraphs that score, outside boxes named by a strong token such as comments) is a
    gallery, a notice or a teaser box that outscored a page of short paragraphs; then the DOM
    does not choose, and the text classifier decides as on a dump."""
    if params.min_share <= 0:
        return False
    defaults = ClassTokenParams()
    strong = _strong_nodes(skeleton, _vocab(defaults.strong), defaults.max_share)
    inside = total = 0
    for i in kept:
        block = page.blocks[i]
        text = page.text[i]
        if len(text) < params.min_chars or block.heading or block.tag in _UNSCORED_TAGS or block.link_density > 0.5:
            continue
        node = skeleton.owner[i]
        chain = skeleton.ancestors(node)
        if strong.intersection(chain):
            continue
        total += len(text)
        if keep_nodes.intersection(chain):
            inside += len(text)
    return total > 0 and inside < params.min_share * total


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
