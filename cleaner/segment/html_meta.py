"""Title, authors and date of an HTML page from what the publisher declares for machines.

One fast lxml pass over ``<meta>``, JSON-LD and ``<time>``; no network, no date guessing (the
strings go raw to ``Page.fields`` and the normalizers decide what they mean). Order of evidence,
first found wins (for authors, the first source that names anyone):

* title: JSON-LD ``headline`` of the article object -> ``og:title`` -> ``twitter:title`` ->
  ``<title>`` (a trailing `` | Site name`` cut when the site name is declared);
* authors: JSON-LD ``author`` names -> ``<meta name=author>`` and the common CMS variants
  (``article:author`` when not a URL, ``sailthru.author``, ``parsely-author``, ``dc.creator``,
  ``byl``) -> ``itemprop=author`` elements of the body;
* date: JSON-LD ``datePublished`` -> ``article:published_time`` and the common CMS variants ->
  ``itemprop=datePublished`` -> the first ``<time datetime>`` of the body. The modification
  date is never used as the publication date.

The "article object" of JSON-LD is the first object (``@graph`` searched too) whose ``@type``
ends in ``Article``, ``BlogPosting``, ``Report`` or ``NewsArticle``; failing that, the first
object with a ``headline``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from cleaner.segment.blocks import collapse_ws

_AUTHOR_META = ("author", "article:author", "og:article:author", "sailthru.author", "parsely-author",
                "dc.creator", "dcterms.creator", "byl", "byline")
_DATE_META = ("article:published_time", "og:article:published_time", "og:published_time", "og:pubdate",
              "pubdate", "publish-date", "publishdate", "publish_date", "pdate", "datepublished",
              "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date",
              "dcterms.date", "date", "article.published", "published_time_telegram", "time.release")
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report|Posting)$")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·•]\s+[^|\-–—:·•]{1,60}$")
# The attributes that mark an author or a date, in document order (the attributes of one
# element side by side). Selecting attributes and testing their values here is much faster than
# libxml2's element predicates (``//*[@itemprop="author" or ...] | //time[@datetime]``), which
# gives the same elements: see ``_marked``.
_MARK_XPATH = etree.XPath("//@itemprop | //@rel | //time/@datetime")


@dataclass(slots=True)
class HtmlMeta:
    """Raw metadata strings of a page (not normalised), in order of evidence."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    site_name: str | None = None


def _ld_objects(data: Any) -> list[dict[str, Any]]:
    """Every JSON object of a JSON-LD document, depth first (``@graph`` and lists opened)."""
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(out) < 200:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        elif isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack[0:0] = graph
            main = item.get("mainEntity")
            if isinstance(main, dict | list):
                stack.append(main)
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def _names(value: Any) -> list[str]:
    """Author names of a JSON-LD ``author`` value (string, object or a list of either)."""
    if isinstance(value, str):
        return [value] if value.strip() and not _URLISH.search(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str):
        cleaned = collapse_ws(value)
        return cleaned or None
    return None


def _scripts_and_metas(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The JSON-LD ``<script>`` and the ``<meta content>`` elements, each in document order.

    One C-level walk over the two tag names instead of two XPath searches of the whole tree
    (the same elements: ``//script[@type="application/ld+json"]`` and ``//meta[@content]``).
    """
    scripts: list[etree._Element] = []
    metas: list[etree._Element] = []
    for element in root.iter("script", "meta"):
        if element.tag == "meta":
            if element.get("content") is not None:
                metas.append(element)
        elif element.get("type") == "application/ld+json":
            scripts.append(element)
    return scripts, metas


def _read_ld(scripts: list[etree._Element]) -> dict[str, Any] | None:
    objects: list[dict[str, Any]] = []
    for script in scripts:
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        objects.extend(_ld_objects(data))
    for obj in objects:
        if any(_ARTICLE_TYPE.search(t) for t in _types(obj)):
            return obj
    for obj in objects:
        if _text(obj.get("headline")):
            return obj
    return None


def read_meta(root: etree._Element) -> HtmlMeta:
    """The page's declared title, authors and publication date (see the module docstring)."""
    meta = HtmlMeta()
    named: dict[str, str] = {}
    scripts, metas = _scripts_and_metas(root)
    for element in metas:
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key and key not in named:
            content = collapse_ws(element.get("content") or "")
            if content:
                named[key] = content
    meta.site_name = named.get("og:site_name")

    article = _read_ld(scripts)
    if article is not None:
        meta.title = _text(article.get("headline")) or _text(article.get("name"))
        meta.authors = _names(article.get("author"))
        published = _text(article.get("datePublished"))
        if published:
            meta.dates.append(published)

    if not meta.title:
        meta.title = named.get("og:title") or named.get("twitter:title")
    if not meta.title:
        title = root.find(".//title")
        text = collapse_ws("".join(title.itertext())) if title is not None else ""
        if text and meta.site_name and _TITLE_SUFFIX.search(text):
            cut = _TITLE_SUFFIX.sub("", text)
            if meta.site_name.casefold() in text[len(cut):].casefold():
                text = cut
        meta.title = text or None

    if not meta.authors:
        for key in _AUTHOR_META:
            value = named.get(key)
            if value and not _URLISH.search(value):
                meta.authors.append(value)
                break
    if not meta.dates:
        for key in _DATE_META:
            if key in named:
                meta.dates.append(named[key])
                break

    if not meta.authors or not meta.dates:
        for element in _marked(root):
            prop = element.get("itemprop")
            if prop == "author" or element.get("rel") == "author":
                if not meta.authors:
                    name = element.get("content") or _itemprop_name(element)
                    if name and not _URLISH.search(name):
                        meta.authors.append(name)
            elif not meta.dates:
                value = element.get("datetime") or element.get("content")
                if value:
                    meta.dates.append(collapse_ws(value))
    return meta


def _marked(root: etree._Element) -> list[etree._Element]:
    """The ``itemprop=author``, ``itemprop=datePublished``, ``rel=author`` and ``<time datetime>``
    elements, each once, in document order."""
    elements: list[etree._Element] = []
    for value in _MARK_XPATH(root):
        name = value.attrname
        if name == "datetime" or value == "author" or (name == "itemprop" and value == "datePublished"):
            element = value.getparent()
            if not elements or elements[-1] is not element:
                elements.append(element)
    return elements


def _itemprop_name(element: etree._Element) -> str | None:
    """The name of an ``itemprop=author`` element: its ``itemprop=name`` child, else its text."""
    for child in element.iter():
        if child is not element and child.get("itemprop") == "name":
            return collapse_ws(child.get("content") or "".join(child.itertext())) or None
    text = collapse_ws("".join(element.itertext()))
    return text if 0 < len(text.split()) <= 6 else None
