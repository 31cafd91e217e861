"""A site set's CSS selectors: the article container and the fields, for HTML captures.

Other tools keep one small config per site that names where its article and its fields sit;
a site set does the same in its ``[ruleset]`` table (``container``, ``fields``). Selectors are
CSS, translated to XPath once, when the rule file is loaded, by ``cssselect`` (the package lxml
itself uses for ``.cssselect()``), so a mistake is a ``file:line`` error then, never a failure
on a page. On a page the selectors find nothing on (the site changed its template), nothing
happens: the generic rules decide as on any other site.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cssselect import GenericTranslator
    from lxml import etree

    from cleaner.decide.page import Page
    from cleaner.decide.rulebook import RuleSet

# ``Page.memo`` key of the site set's article container: ``(css, xpath)``.
SITE_CONTAINER = "site-container"

# Fields a site set may name a selector for, and what each selector's matches give.
FIELDS = {
    "title": "the headline: the text of the first element matched",
    "authors": "the credited people: the text of every element matched, in page order",
    "published": "the publication date: the first match's `datetime` or `content` attribute, else its text",
}


@lru_cache(maxsize=1)
def _translator() -> GenericTranslator:
    """cssselect, imported when a rule file first names a selector: most rule books name none,
    and a text dump's run should not pay for it (nor for lxml)."""
    from cssselect import GenericTranslator

    return GenericTranslator()


class SelectorSyntaxError(ValueError):
    """A CSS selector that cssselect cannot read (the message says why)."""


def to_xpath(css: str) -> str:
    """The XPath of a CSS selector (matches anywhere below the root)."""
    if not css.strip():
        raise SelectorSyntaxError("empty selector")
    from cssselect import SelectorError

    try:
        return _translator().css_to_xpath(css)
    except SelectorError as exc:
        raise SelectorSyntaxError(f"not a CSS selector cssselect can read: {exc}") from None


def select(root: etree._Element | None, xpath: str) -> list[etree._Element]:
    """Elements of the page ``xpath`` matches, in document order (none without a tree)."""
    if root is None or not xpath:
        return []
    from lxml import etree  # a tree exists, so lxml is loaded already

    found = root.xpath(xpath)
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def element_text(element: etree._Element) -> str:
    """The visible text of an element, whitespace folded."""
    return " ".join("".join(element.itertext()).split())


def field_values(root: etree._Element | None, name: str, xpath: str) -> list[str]:
    """What a field selector gives on a page (see ``FIELDS``); empty strings left out."""
    found = select(root, xpath)
    if name == "authors":
        values: Iterable[str] = (element_text(e) for e in found)
    elif name == "published":
        values = [(found[0].get("datetime") or found[0].get("content") or element_text(found[0])).strip()] if found else []
    else:
        values = [element_text(found[0])] if found else []
    return [v for v in values if v]


def apply_field_selectors(page: Page, ruleset: RuleSet) -> None:
    """Fill the page's fields from the site set's field selectors (HTML only). A selector that
    finds something replaces what the page declared or the header detectors found; one that
    finds nothing leaves them."""
    root = page.structure.root if page.structure is not None else None
    for name, _css, xpath in ruleset.fields:
        values = field_values(root, name, xpath)
        if not values:
            continue
        if name == "title":
            page.fields.title = values[0]
        elif name == "authors":
            page.fields.bylines[:] = values
        else:
            page.fields.dates[:0] = values
