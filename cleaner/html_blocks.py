"""Stage 2 for HTML captures: the DOM -> ``Block`` list, keeping the structure a dump loses.

Placeholder-grade first version: one block per block-level element's own text. The generic
method (issue 4) replaces it with DOM features (tags, class tokens, link density).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import html as lxml_html

from cleaner.blocks import Block, collapse_ws

_BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 blockquote pre td th dt dd figcaption caption section article header footer "
    "nav aside main title".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_SKIP = frozenset("script style noscript template svg head".split())
_CANONICAL = re.compile(
    r"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["'][^>]*content)=["']([^"']+)""",
    re.I,
)


def page_host(html: str) -> str | None:
    """The page's own host from its canonical link or og:url, if it names one."""
    match = _CANONICAL.search(html[:200_000])
    return urlsplit(match.group(1)).hostname if match else None


def split_html(html: str) -> tuple[list[Block], tuple[str, ...]]:
    """Blocks of an HTML page plus its source lines (block spans point into them)."""
    lines = tuple(html.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    try:
        root = lxml_html.document_fromstring(html.encode("utf-8", "replace"))
    except Exception:  # lxml raises several types for hopeless markup; an empty page is honest
        return [], lines
    blocks: list[Block] = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag not in _BLOCK_TAGS or any(a.tag in _SKIP for a in element.iterancestors()):
            continue
        parts = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS and child.tag not in _SKIP:
                parts.append(child.text_content())
            parts.append(child.tail or "")
        text = collapse_ws(" ".join(parts))
        if not text:
            continue
        line = element.sourceline or 1
        blocks.append(
            Block(index=len(blocks), start=line, end=line, text=text, lines=(text,), tag=tag,
                  heading=tag in _HEADINGS)
        )
    return blocks, lines
