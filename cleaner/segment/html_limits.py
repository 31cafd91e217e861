"""What libxml2 cannot record, made good or reported, so no text of a page vanishes unseen.

The parser runs with ``huge_tree`` (no 10 MB cap on a text node, nesting up to 2,048 elements
instead of 256). Two limits remain:

* deeper nesting: libxml2 drops what lies below, so such a page is refused with a reason
  (``HtmlLimitError``) rather than cleaned into a record that silently lacks text;
* line numbers: libxml2 stores an element's line in 16 bits, so every element past line 65,535
  says 65,535. For such a (rare, long) page the capped elements get their real line from
  re-parses in which the line breaks before a window are blanked out: the tree is the same, the
  lines in the window are counted from its start.
"""

from __future__ import annotations

import re

from lxml import etree

LIBXML_MAX_LINE = 65535
LIBXML_MAX_DEPTH = 2048
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_WINDOW = LIBXML_MAX_LINE - 1


class HtmlLimitError(ValueError):
    """An HTML page that libxml2 cannot read whole; ``str()`` is the one-line reason."""


def check_depth(parser: etree.HTMLParser) -> None:
    """Raise ``HtmlLimitError`` when the last parse stopped at libxml2's nesting limit (or at
    another of its resource limits)."""
    for entry in parser.error_log:
        if "Excessive depth" in entry.message:
            raise HtmlLimitError(
                f"HTML nested deeper than {LIBXML_MAX_DEPTH} elements: the parser cannot read the "
                "text below that depth (unclosed <span>/<font> tags?)"
            )
        if entry.type_name == "ERR_RESOURCE_LIMIT":  # any other limit: text was dropped too
            raise HtmlLimitError(f"the HTML parser stopped at one of its limits: {entry.message.strip()}")


def _blank_breaks(data: bytes, count: int) -> bytes:
    """``data`` with its first ``count`` line breaks turned into spaces."""
    return _LINE_BREAK.sub(lambda m: b" " * len(m.group()), data, count=count)


def real_lines(data: bytes, root: etree._Element, parser: etree.HTMLParser) -> dict[etree._Element, int]:
    """The real source line of every element whose line libxml2 capped; empty for most pages.

    The dict holds the elements themselves, which keeps their lxml proxies (and so the keys)
    alive while it is in use.
    """
    if data.count(b"\n") + data.count(b"\r") < LIBXML_MAX_LINE - 1:  # the usual page: one C scan
        return {}
    capped = [i for i, el in enumerate(root.iter()) if el.sourceline == LIBXML_MAX_LINE]
    if not capped:
        return {}
    elements = list(root.iter())
    found: dict[etree._Element, int] = {}
    shift = 0
    while capped:
        shift += _WINDOW
        shifted = list(etree.fromstring(_blank_breaks(data, shift), parser).iter())
        if len(shifted) != len(elements):  # not the same tree: keep the capped lines
            break
        left = []
        for i in capped:
            line = shifted[i].sourceline or 1
            if line < LIBXML_MAX_LINE:
                found[elements[i]] = line + shift
            else:
                left.append(i)
        capped = left
    return found
