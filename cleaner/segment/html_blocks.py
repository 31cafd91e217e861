"""Stage 2 for HTML captures: the DOM -> ``Block`` list, keeping the structure a dump loses.

One lxml parse and one walk of the tree give blocks in reading order, cut where a text browser
would start a new line: at every block-level element and at ``<br>``. Each block carries what a
dump cannot show, in the ``Block`` fields the rules and the classifier read:

* ``tag``: the element that holds the text (``p``, ``li``, ``h2``, ``td``, ``div``, ...);
* ``link_density``: share of the block's characters that sit inside ``<a>`` (not a named target);
* ``heading``: ``h1``-``h6``; ``bullet`` is always None: a list item is known by its ``tag``
  and judged by its place in the DOM, not by the text rules written for a dump's bullets;
* ``blank_before``: a paragraph-level break (``p``, headings, lists, tables...) precedes the
  block, as a blank line does in a dump; ``div``/``li``/``br`` breaks do not count;
* ``start``/``end``: 1-based source lines of the HTML (``element.sourceline``) the text came
  from, so ``explain`` points into the capture.

Nothing visible is dropped here: landmarks (``nav``, ``footer``, ``aside``, ``header``, forms,
figures, hidden elements) are emitted as blocks and removed by the DOM detectors
(``cleaner.decide.detectors.dom``) under their own rule ids, so every removal keeps its provenance.
Only content a browser never renders as text is skipped: ``<head>``, scripts, styles,
``<noscript>``, templates, SVG/MathML, embedded objects and comments.

Next to the blocks, ``parse_html`` keeps a *skeleton* of the block-level elements (tag, tokens,
parent, words under each) that the DOM detectors use to reason about containers
(which element holds the article, how much of the page a landmark covers). Detectors reach it
through ``page.structure`` (the pipeline attaches it); text dumps have none, so the DOM rules do
nothing there.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, fields
from functools import lru_cache
from html import unescape
from urllib.parse import urlsplit

from lxml import etree

from cleaner.read.capture import source_lines
from cleaner.segment.blocks import Block, collapse_ws
from cleaner.segment.html_limits import LIBXML_MAX_DEPTH, LIBXML_MAX_LINE, check_depth, real_lines
from cleaner.segment.html_meta import HtmlMeta, read_meta

# Elements that start a new block (a text browser starts a new line for each).
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li legend main menu nav "
    "ol p pre section summary table tbody thead tfoot tr td th ul "
    # form controls: their labels are page furniture, kept apart so a rule can take them alone
    "button select textarea label option optgroup datalist".split()
)
# Block-level elements whose boundary is a paragraph break (a blank line in a w3m/lynx dump).
_PARAGRAPH_BREAK = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre figure hr section article header footer nav "
    "aside main form".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Never rendered as text: skipped with everything inside (their tails are still read).
SKIP_TAGS = frozenset(
    "head script style noscript template svg math object embed iframe canvas video audio picture "
    "source track map area param applet frame frameset link meta base title".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_FLOAT_STYLE = re.compile(r"float\s*:\s*(?:left|right)", re.I)
_TOKEN_SPLIT = re.compile(r"\s+")
_CANONICAL = re.compile(
    r"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["'][^>]*content)=["']([^"']+)""",
    re.I,
)
# Comments and processing instructions are never rendered: the parser drops them, which costs
# less than building them and stripping them afterwards, and their neighbouring text joins up
# just as ``strip_tags`` would join it. No ``id`` index: nothing looks elements up by id.
_PARSER = etree.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, collect_ids=False,
    huge_tree=True,
)


@dataclass(slots=True)
class Node:
    """A block-level element of the page, as the DOM detectors see it."""

    tag: str
    tokens: tuple[str, ...]
    line: int
    parent: int  # index in ``Skeleton.nodes``; -1 for the root
    hidden: bool = False
    role: str = ""
    itemprop: str = ""
    words: int = 0  # words of all blocks under the element
    children: int = 0  # block-level child elements
    floated: bool = False  # ``style="float: left|right"``: set beside the text around it, a panel


@dataclass(slots=True)
class Skeleton:
    """The block-level elements of a page and, per block, the element that holds its text."""

    nodes: list[Node] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)
    # Scratch space of the DOM detectors for this page (the article core, computed once).
    cache: dict[str, object] = field(default_factory=dict)
    # The element the walk started from (``<body>``): a site set's selectors look in it.
    root: etree._Element | None = None
    # Named targets (``<a name="comments">``, ``<a id=...>`` without ``href``) that start a line:
    # (the element holding them, the index of the next block, the lower-cased name). A page
    # names a section this way without a class on its box; the DOM detectors read the name.
    anchors: list[tuple[int, int, str]] = field(default_factory=list)

    def nodes_of(self, elements: list[etree._Element]) -> set[int]:
        """The nodes of ``elements``; an inline element stands for the block-level element that
        holds its text (its nearest block-level ancestor)."""
        if self.root is None or not elements:
            return set()
        index = {element: k for k, element in enumerate(_block_elements(self.root))}
        found = set()
        for element in elements:
            while element is not None and element not in index:
                element = element.getparent()
            if element is not None:
                found.add(index[element])
        return found

    def ancestors(self, node: int) -> list[int]:
        """``node`` and its ancestors, nearest first."""
        chain = []
        while node >= 0:
            chain.append(node)
            node = self.nodes[node].parent
        return chain

    @property
    def words(self) -> int:
        return self.nodes[0].words if self.nodes else 0


@dataclass(slots=True)
class HtmlPage:
    """Everything stage 2 gets from an HTML capture."""

    blocks: list[Block]
    html: str
    meta: HtmlMeta
    skeleton: Skeleton

    @property
    def lines(self) -> tuple[str, ...]:
        """Source lines of the HTML (block spans point into them), split when asked for."""
        return source_lines(self.html)


def page_host(html: str) -> str | None:
    """The page's own host from its canonical link or og:url, if it names one."""
    match = _CANONICAL.search(html[:200_000])
    return urlsplit(match.group(1)).hostname if match else None


def page_url(html: str) -> str | None:
    """The page's declared canonical URL (canonical link or og:url), when it is absolute."""
    match = _CANONICAL.search(html[:200_000])
    url = unescape(match.group(1)).strip() if match else ""
    return url if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname else None


@lru_cache(maxsize=16384)
def _split_tokens(raw: str) -> tuple[str, ...]:
    return tuple(t for t in _TOKEN_SPLIT.split(raw.lower()) if t)


def _collapsed_by_collapse_ws(char: str) -> bool:
    return collapse_ws(f"a{char}{char}b") == "a b"


# Every character ``str.isspace`` accepts lies at or below this code point (U+3000,
# ideographic space); ``tests/test_startup.py`` checks it over all of Unicode, so a Python
# whose Unicode adds a higher one fails there, not silently here. Scanning 12 k code points
# instead of 1.1 M takes ~1 ms at import instead of ~0.1 s.
SPACE_MAX = 0x3000

# Whitespace that ``collapse_ws`` does *not* fold (form feed, U+2028...), worked out from
# ``collapse_ws`` itself. Text without any of it is folded by ``str.split`` exactly as by
# ``collapse_ws`` (after the walk's own CR/LF/tab -> space), at a fraction of the cost, and the
# split gives the word count for free.
_ODD_SPACE = re.compile(
    "["
    + "".join(
        re.escape(c)
        for c in filter(str.isspace, map(chr, range(SPACE_MAX + 1)))
        if c not in "\n\r\t" and not _collapsed_by_collapse_ws(c)
    )
    + "]"
    or "(?!)"
)
_BLOCK_FIELDS = ("index", "start", "end", "text", "lines", "indent", "blank_before", "bullet", "tag",
                 "link_density", "heading")
# Blocks are made positionally below (a frozen dataclass is much slower to build by keyword,
# and an HTML page makes hundreds); refuse to run if ``Block`` changed its field order.
if tuple(f.name for f in fields(Block)) != _BLOCK_FIELDS:
    raise ImportError(f"cleaner.segment.blocks.Block fields changed; update _BLOCK_FIELDS in {__name__}")


def _block_elements(top: etree._Element) -> list[etree._Element]:
    """The elements ``_build`` makes nodes of, in node order (``top`` is node 0): the same walk
    without the text, so a selected element finds its node."""
    out = [top]

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP_TAGS:
                continue
            if tag in BLOCK_TAGS:
                out.append(child)
                walk(child)
            elif tag != "br" and tag != "img":
                walk(child)

    walk(top)
    return out


def _fold(raw: str) -> tuple[str, int]:
    """A block's text from the raw text under its element, and its word count.

    Equal to ``collapse_ws`` of the text with CR, LF and tab made spaces (the slow path, taken
    only when the text holds whitespace ``collapse_ws`` keeps); ``len(text.split())`` words.
    """
    if _ODD_SPACE.search(raw) is None:
        words = raw.split()
        return " ".join(words), len(words)
    text = collapse_ws(raw.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    return text, len(text.split())


def _build(top: etree._Element, real: dict[etree._Element, int] | None = None) -> tuple[list[Block], Skeleton]:
    """One walk over the tree: text goes into a buffer, block boundaries flush it into a block.

    Written for speed (this is the hot path of HTML cleaning): closures over local state, no
    per-element method calls for inline markup, text bookkeeping inlined in the walk, blocks
    and nodes built positionally. ``real`` gives the lines of elements past libxml2's line cap.
    """
    real = real or {}
    blocks: list[Block] = []
    skeleton = Skeleton()
    nodes = skeleton.nodes
    owners = skeleton.owner
    parts: list[str] = []
    link_chars = first = last = 0
    brk = True
    block_tags, skip_tags, paragraph_break, headings = BLOCK_TAGS, SKIP_TAGS, _PARAGRAPH_BREAK, HEADINGS

    def flush(node: int) -> None:
        nonlocal link_chars, first, last, brk
        if not first:  # whitespace only
            parts.clear()
            return
        raw = "".join(parts)
        parts.clear()
        chars_in_links, start, end = link_chars, first, last
        link_chars = first = last = 0
        text, words = _fold(raw)
        if not text:
            return
        n = nodes[node]
        tag = n.tag
        density = min(1.0, chars_in_links / len(text))
        blocks.append(
            Block(len(blocks), start, max(start, end), text, (text,), 0, brk, None, tag, round(density, 3), tag in headings)
        )
        brk = False
        owners.append(node)
        n.words += words

    def open_node(element: etree._Element, tag: str, parent: int) -> int:
        # Tokens and the hidden test read inline, with one bound ``get``: this runs for every
        # block-level element. Hidden: a ``hidden`` attribute or ``display:none``/``visibility:hidden``.
        if parent >= 0:
            up = nodes[parent]
            up.children += 1
            line = element.sourceline or up.line
            if line == LIBXML_MAX_LINE:
                line = real.get(element, line)
            hidden = up.hidden
        else:
            line, hidden = real.get(element) or element.sourceline or 1, False
        attrib = element.attrib
        if attrib:
            get = attrib.get
            cls = get("class")
            ident = get("id")
            tokens = _split_tokens(f"{cls or ''} {ident or ''}") if cls or ident else ()
            style = get("style")
            if not hidden:
                hidden = "hidden" in attrib or bool(style and _HIDDEN_STYLE.search(style))
            role = get("role")
            itemprop = get("itemprop")
            nodes.append(Node(tag, tokens, line, parent, hidden,
                              role.lower() if role else "", itemprop.lower() if itemprop else "",
                              floated=bool(style and _FLOAT_STYLE.search(style))))
        else:
            nodes.append(Node(tag, (), line, parent, hidden, "", ""))
        return len(nodes) - 1

    def children(element: etree._Element, node: int, in_link: bool) -> None:
        # ``add`` of a piece of text, inlined three times below: buffer it and, unless it is
        # whitespace, note its source line and the characters it puts inside links.
        nonlocal brk, link_chars, first, last
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in skip_tags:
                if tag in block_tags:
                    if first:
                        flush(node)
                    elif parts:  # whitespace only: nothing to flush
                        parts.clear()
                    inner = open_node(child, tag, node)
                    if tag in paragraph_break:
                        brk = True
                    text = child.text
                    if text:
                        parts.append(text)
                        if not text.isspace():
                            line = child.sourceline or 1
                            if line == LIBXML_MAX_LINE:
                                line = real.get(child, line)
                            if in_link:
                                link_chars += len(text.strip())
                            if not first:
                                first = line
                            if line > last:
                                last = line
                    if len(child):
                        children(child, inner, in_link)
                    if first:
                        flush(inner)
                    elif parts:
                        parts.clear()
                    if tag in paragraph_break:
                        brk = True
                elif tag == "br":
                    if first:
                        flush(node)
                    elif parts:
                        parts.clear()
                elif tag != "img":
                    # A named anchor without ``href`` (``<a name="top">``) is a link's target,
                    # not a link: an unclosed one (the parser closes it at the end of the page)
                    # must not make a whole article read as link text. ``<a onclick=...>`` is
                    # still a link.
                    link = in_link
                    if tag == "a" and not in_link:
                        attrib = child.attrib
                        target = "href" not in attrib
                        link = not (target and "name" in attrib)
                        if target and not first and ("name" in attrib or "id" in attrib):
                            name = attrib.get("name") or attrib.get("id") or ""
                            skeleton.anchors.append((node, len(blocks), name.lower()))
                    text = child.text
                    if text:
                        parts.append(text)
                        if not text.isspace():
                            line = child.sourceline or 1
                            if line == LIBXML_MAX_LINE:
                                line = real.get(child, line)
                            if link:
                                link_chars += len(text.strip())
                            if not first:
                                first = line
                            if line > last:
                                last = line
                    if len(child):
                        children(child, node, link)
            tail = child.tail
            if tail:
                parts.append(tail)
                if not tail.isspace():
                    line = child.sourceline or 1
                    if line == LIBXML_MAX_LINE:
                        line = real.get(child, line)
                    if in_link:
                        link_chars += len(tail.strip())
                    if not first:
                        first = line
                    if line > last:
                        last = line

    root = open_node(top, "body", -1)
    text = top.text
    if text:
        parts.append(text)
        if not text.isspace():
            first = last = real.get(top) or top.sourceline or 1
    children(top, root, False)
    # ``children`` calls itself through its closure cell, a reference cycle that would keep
    # every block and node of the page alive until the cyclic garbage collector finds it (and
    # makes its collections walk them all): cut it, so the page is freed as soon as it is done.
    children = None  # type: ignore[assignment]
    if parts:
        flush(root)
    # Totals under each element: nodes are in document (pre-)order, children after parents.
    for k in range(len(nodes) - 1, 0, -1):
        n = nodes[k]
        up = nodes[n.parent]
        up.words += n.words
    return blocks, skeleton


def _parse(html: str) -> tuple[etree._Element | None, dict[etree._Element, int]]:
    data = html.encode("utf-8", "replace")
    if not data or data.isspace():  # ``not data.strip()`` without copying the page
        return None, {}
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None, {}
    check_depth(_PARSER)
    return root, real_lines(data, root, _PARSER) if root is not None else {}


def parse_html(html: str) -> HtmlPage:
    """Blocks, source lines, page metadata and the element skeleton of one HTML capture.

    Raises ``HtmlLimitError`` for a page nested too deep for the parser to read whole.
    """
    root, real = _parse(html)
    if root is None:
        empty: list[Block] = []
        return HtmlPage(empty, html, HtmlMeta(), Skeleton())
    meta = read_meta(root)
    body = root.find("body")
    top = body if body is not None else root
    # Never-rendered content goes in one C call (comments never made it into the tree).
    etree.strip_elements(top, *SKIP_TAGS, with_tail=False)
    # The walk recurses once per nesting level, and the parser allows 2,048 of them.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, LIBXML_MAX_DEPTH + 1000))
    try:
        blocks, skeleton = _build(top, real)
    finally:
        sys.setrecursionlimit(limit)
    skeleton.root = top
    return HtmlPage(blocks, html, meta, skeleton)


def split_html(html: str) -> tuple[list[Block], tuple[str, ...]]:
    """Blocks of an HTML page plus its source lines (block spans point into them)."""
    page = parse_html(html)
    return page.blocks, page.lines
