"""HTML captures: DOM blocks, the HTML-structure rules, page metadata, provenance into the source.

Hand-written pages (not devset copies), small enough to read in the test.
"""

from __future__ import annotations

import json

import pytest

from cleaner import clean, explain
from cleaner.decide.page import Page
from cleaner.decide.rulebook import load_rulebook
from cleaner.segment.blocks import split_blocks
from cleaner.segment.html_blocks import parse_html, split_html

P1 = ("The city council voted on Monday to close the old bridge to cars, after engineers said that "
      "the steel under the deck had rusted through in several places.")
P2 = ("The mayor said the decision was hard but that the safety of the people who cross the river "
      "every day had to come first, and that a new bridge would be built within three years.")
P3 = ("Shop owners on both banks said they feared losing customers during the works, and asked the "
      "council for help with the rent until the new bridge is open.")
SUB = "What happens next"

LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Council closes the old bridge",
    "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Smith"}],
    "datePublished": "2024-03-04T09:30:00+01:00",
}

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<title>Council closes the old bridge | The Example Times</title>
<meta property="og:site_name" content="The Example Times">
<script type="application/ld+json">{json.dumps(LD)}</script>
<style>p {{ color: black; }}</style>
</head>
<body>
<header class="site-header"><a href="/">The Example Times</a></header>
<nav class="main-nav">
  <ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul>
</nav>
<main>
<article class="story">
  <h1>Council closes the old bridge</h1>
  <div class="story-body">
    <p>{P1}</p>
    <p>{P2}</p>
    <h2>{SUB}</h2>
    <p>{P3}</p>
    <div class="related-links"><h3>Related stories</h3>
      <ul><li><a href="/a">Bridges across the country are ageing</a></li>
      <li><a href="/b">Budget for roads cut again this year</a></li></ul>
    </div>
  </div>
</article>
<aside class="sidebar"><h3>Most read</h3><p><a href="/c">A teaser for another story that people read</a></p></aside>
</main>
<footer><p>Copyright The Example Times. About us. Contact. Terms of use.</p></footer>
<script>var tracking = "not text";</script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def exp():
    return explain(PAGE, source="bridge.html", rules=load_rulebook())


def _removed_by(exp, needle: str) -> str | None:
    page = exp.page
    for i, block in enumerate(page.blocks):
        if needle in block.text:
            return page.removed_by[i]
    raise AssertionError(f"no block holds {needle!r}")


def test_body_paragraphs_kept_in_order_with_headings_as_paragraphs(exp):
    assert exp.record.text.split("\n\n") == [P1, P2, SUB, P3]


@pytest.mark.parametrize(
    "needle", ["The Example Times", "Home", "Sport", "Related stories", "Bridges across the country",
               "Most read", "A teaser for another story", "About us"],
)
def test_chrome_dropped_and_recorded(exp, needle):
    rule = _removed_by(exp, needle)
    assert rule is not None and rule.startswith("generic/")
    assert any(r.rule == rule and needle in r.text for r in exp.record.removed)


# Chrome that no text pattern recognises: only the DOM says what it is.
DOM_ONLY = f"""<html><body>
<div id="top"><nav><a href="/">Front page of the paper</a> <a href="/w">Stories from the world</a></nav></div>
<div class="content"><p>{P1}</p><p>{P2}</p>
<div class="share-tools"><p>Send this story to a friend who likes bridges.</p></div>
<figure><img src="b.jpg"><figcaption>The old bridge seen from the north bank on a foggy morning.</figcaption></figure>
<p>{P3}</p>
<form action="/s"><label>Your address for the weekly letter</label><button>Send it to me</button></form>
</div>
<aside><p>Our reporters won a prize for their work on the river.</p></aside>
<footer><p>The paper is printed on recycled stock in the valley.</p></footer>
</body></html>"""


@pytest.mark.parametrize(
    "needle, rule",
    [
        ("Front page of the paper", "generic/html-nav"),
        ("Send this story to a friend", "generic/class-token"),
        ("The old bridge seen from the north bank", "generic/html-figure"),
        ("Your address for the weekly letter", "generic/html-form"),
        ("Send it to me", "generic/html-form"),
        ("Our reporters won a prize", "generic/html-aside"),
        ("printed on recycled stock", "generic/html-footer"),
    ],
)
def test_dom_chrome_dropped_with_its_html_rule_id(needle, rule):
    exp = explain(DOM_ONLY, source="dom.html")
    assert exp.record.text == f"{P1}\n\n{P2}\n\n{P3}"
    assert _removed_by(exp, needle) == rule
    assert any(r.rule == rule and needle in r.text for r in exp.record.removed)
    assert any(why for why in exp.page.why if "inside <" in why)


def test_scripts_and_styles_are_not_blocks(exp):
    texts = " ".join(b.text for b in exp.page.blocks)
    assert "tracking" not in texts and "color: black" not in texts and "NewsArticle" not in texts


def test_metadata_from_json_ld(exp):
    rec = exp.record
    assert rec.title == "Council closes the old bridge"
    assert rec.authors == ("Jane Doe", "John Smith")
    assert rec.published == "2024-03-04T09:30:00+01:00"
    assert "Council closes the old bridge" not in rec.text


def test_metadata_from_meta_tags_when_no_json_ld():
    html = f"""<html><head>
<meta property="og:title" content="Bridge to close">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-04">
</head><body><div class="content"><p>{P1}</p><p>{P2}</p></div></body></html>"""
    rec = clean(html, source="meta.html")
    assert (rec.title, rec.authors, rec.published) == ("Bridge to close", ("Jane Doe",), "2024-03-04")
    assert rec.text == f"{P1}\n\n{P2}"


def test_metadata_falls_back_to_title_and_time_element():
    html = f"""<html><head><title>Bridge to close - The Example Times</title>
<meta property="og:site_name" content="The Example Times"></head>
<body><article><p>By <span itemprop="author">Jane Doe</span>
<time datetime="2024-03-04T10:00:00Z">March 4</time></p><p>{P1}</p><p>{P2}</p></article></body></html>"""
    parsed = parse_html(html)
    assert parsed.meta.title == "Bridge to close"
    assert parsed.meta.authors == ["Jane Doe"]
    assert parsed.meta.dates == ["2024-03-04T10:00:00Z"]


def test_block_fields_carry_the_dom():
    parsed = parse_html(PAGE)
    by_text = {b.text: b for b in parsed.blocks}
    skeleton = parsed.skeleton

    def tokens(block) -> tuple[str, ...]:  # noqa: ANN001 - class tokens of the block's element and ancestors
        return tuple(t for k in skeleton.ancestors(skeleton.owner[block.index]) for t in skeleton.nodes[k].tokens)

    home = by_text["Home"]
    assert home.tag == "li" and home.bullet is None and home.link_density == 1.0 and "main-nav" in tokens(home)
    para = by_text[P1]
    assert para.tag == "p" and para.link_density == 0.0 and not para.heading
    assert tokens(para)[:2] == ("story-body", "story")
    assert by_text[SUB].heading and by_text[SUB].tag == "h2"
    teaser = by_text["Bridges across the country are ageing"]
    assert "related-links" in tokens(teaser)


def test_line_numbers_point_at_the_source():
    blocks, lines = split_html(PAGE)
    assert len(lines) == PAGE.count("\n") + 1
    for block in blocks:
        assert 1 <= block.start <= block.end <= len(lines)
        first_words = block.text.split()[0]
        window = "\n".join(lines[block.start - 1 : block.end])
        assert first_words in window, (block.text, block.start, window)


def test_removals_point_at_the_source_lines(exp):
    lines = PAGE.split("\n")
    for removal in exp.record.removed:
        window = "\n".join(lines[removal.start - 1 : removal.end])
        assert removal.text.split()[0] in window


def test_br_splits_blocks_and_inline_markup_does_not():
    blocks, _ = split_html("<html><body><p>One <b>bold</b> line<br>Second line</p></body></html>")
    assert [b.text for b in blocks] == ["One bold line", "Second line"]


def test_hidden_elements_are_removed_with_their_rule():
    html = f"""<html><body><div style="display: none"><p>{P3}</p></div>
<div class="content"><p>{P1}</p><p>{P2}</p></div></body></html>"""
    exp = explain(html, source="hidden.html")
    assert _removed_by(exp, P3[:30]) == "generic/html-hidden"
    assert exp.record.text == f"{P1}\n\n{P2}"


def test_a_chrome_name_on_the_article_wrapper_does_not_drop_the_article():
    # WordPress puts author-<name> on <article>; ASP.NET wraps the whole page in one <form>.
    html = f"""<html><body><form id="aspnetForm"><div class="wrap">
<article class="post author-jane-doe"><div class="entry-content"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article>
<div class="sidebar-widget"><p><a href="/x">Another story</a></p></div></div></form></body></html>"""
    rec = clean(html, source="wp.html")
    assert rec.text == f"{P1}\n\n{P2}\n\n{P3}"


def test_text_outside_the_article_container_goes():
    html = f"""<html><body>
<div class="promo-rail"><div class="card"><p>Win a trip to the mountains this winter, enter our contest now and see.</p></div></div>
<div class="article-text"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>
</body></html>"""
    exp = explain(html, source="main.html")
    assert exp.record.text == f"{P1}\n\n{P2}\n\n{P3}"
    assert _removed_by(exp, "Win a trip") in {"generic/class-token", "generic/html-main"}


MORE = [
    "Engineers will inspect the piers again in March, and the report will be public by the summer.",
    "The bridge, opened in 1931, carries about twelve thousand cars a day, most of them at rush hour.",
    "A ferry will run every twenty minutes while the works last, the transport office said on Monday.",
    "Cyclists and people on foot may still cross, on a lane fenced off from the works, the city said.",
    "The state has promised to pay half of the cost, which the council puts at forty million dollars.",
    "Opposition members said the city had known about the rust for years and had done nothing at all.",
]


def test_paragraph_boxes_beside_the_article_container_join_it():
    # Some sites set each paragraph in a text-only <div> and move the rest of the story into a
    # "read all" box: the first paragraphs are the container's siblings, not chrome.
    rest = "".join(f"<p>{p}</p>" for p in MORE)
    html = f"""<html><body><section class="zone">
<div class="para">{P1}</div><div class="para">{P2}</div>
<div class="read-all"><p>{P3}</p>{rest}</div>
</section><div><p>Another story: the zoo has a new panda, and the queue to see it was long, all day.</p></div>
</body></html>"""
    rec = clean(html, source="split.html")
    assert rec.text.startswith(f"{P1}\n\n{P2}\n\n{P3}")
    assert "panda" not in rec.text


def test_link_headlines_inside_the_article_container_go():
    # The container the DOM chose also holds a "more stories" box of linked headlines; a
    # sentence that carries a link stays, and so does a link whose text is its own address.
    linked = 'Read the <a href="/report">full report of the engineers</a> on the city\'s site.'
    printed = '<a href="http://example.com/report">http://example.com/report</a>'
    html = f"""<html><body><div class="zone"><div class="story"><p>{P1}</p><p>{P2}</p><p>{linked}</p><p>{P3}</p><p>{printed}</p>
<h3><a href="/a">Man rescued from river after boat capsizes near the dam</a></h3>
<h3><a href="/b">New school opens its doors to pupils on the east side</a></h3></div></div>
<div><p>Another story: the zoo has a new panda, and the queue to see it was long, all day.</p></div></body></html>"""
    exp = explain(html, source="links.html")
    assert "full report of the engineers" in exp.record.text and P3 in exp.record.text
    assert "http://example.com/report" in exp.record.text  # an address the author printed
    assert _removed_by(exp, "Man rescued") == "generic/boilerplate-block"
    assert _removed_by(exp, "panda") == "generic/html-main"


def test_list_items_inside_the_article_container_stay_unless_they_are_links():
    points = ["A new lane for bikes", "More trains at night", "Lower fares for pupils"]
    items = "".join(f"<li>{p}</li>" for p in points)
    links = "".join(f'<li><a href="/{n}">Section {n}</a></li>' for n in range(3))
    closing = ["Three more buses on the east side", "Ten new stops by the river"]
    names = "".join(f"<li>{n}</li>" for n in ["Jane Doe", "John Roe", "Ann Smith"])
    html = f"""<html><body><div class="zone"><div class="story"><p>{P1}</p><p>{P2}</p><ul>{items}</ul><p>{P3}</p>
<ul>{links}</ul><h3>Our staff</h3><ul>{names}</ul><h3>And next year</h3><ul>{"".join(f"<li>{c}</li>" for c in closing)}</ul></div></div>
<div><p>Another story: the zoo has a new panda, and the queue to see it was long, all day.</p></div></body></html>"""
    exp = explain(html, source="points.html")
    assert all(p in exp.record.text for p in points + closing)
    assert "Section 1" not in exp.record.text
    assert _removed_by(exp, "Section 1") == "generic/boilerplate-block"
    # No fake bullet: the text rules written for a dump's bullets never touch an HTML list item,
    # so there is nothing to take back, and a list of names inside the article stays with it.
    assert "John Roe" in exp.record.text
    assert all(b.bullet is None for b in exp.page.blocks)
    assert not any(e.rule == "generic/bullet-menu" for e in exp.page.ledger)


def test_list_items_outside_the_article_container_go_with_its_outside():
    points = ["A new lane for bikes", "More trains at night", "Lower fares for pupils"]
    html = f"""<html><body><div class="story"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>
<div class="box"><ul>{"".join(f"<li>{p}</li>" for p in points)}</ul></div></body></html>"""
    exp = explain(html, source="outside.html")
    assert all(_removed_by(exp, p) == "generic/html-main" for p in points)


def test_the_h1_leaves_the_text_when_the_declared_title_is_worded_otherwise():
    html = f"""<html><head><meta property="og:title" content="Old bridge closed"></head><body>
<div class="story"><h1>City council votes to close the old bridge to all cars for a year</h1>
<p>{P1}</p><p>{P2}</p><p>{P3}</p></div>
<div><p>Another story: the zoo has a new panda, and the queue to see it was long, all day.</p></div></body></html>"""
    rec = clean(html, source="h1.html")
    assert rec.title == "Old bridge closed"
    assert "votes to close" not in rec.text and rec.text.startswith(P1)


@pytest.mark.parametrize(
    "html",
    [
        "<html></html>",
        "<html><body></body></html>",
        "<html><body><p>unclosed <b>bold <i>italic</p></div></span>",
        "<!DOCTYPE html><html><head><title>Only a title</title></head></html>",
        "<html><body>" + "<div>" * 400 + "deep" + "</div>" * 400 + "</body></html>",
        "<html><head><script type='application/ld+json'>{not json</script></head><body><p>x</p></body></html>",
        "<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>Ünïcode text</p></body></html>",
        "<html><body><p>NUL-free \x0c form feed</p><!-- comment --><p>after</p></body></html>",
    ],
)
def test_malformed_or_empty_html_does_not_crash(html):
    rec = clean(html, source="bad.html", kind="html")
    assert isinstance(rec.text, str)


def test_unicode_survives_the_parse():
    rec = clean("<html><body><div class='content'><p>Ünïcode 日本語のテキスト и русский текст.</p></div></body></html>",
                source="u.html")
    assert "Ünïcode 日本語のテキスト и русский текст." in rec.text


def test_dom_detectors_do_nothing_on_text_dumps():
    from cleaner.decide.detectors import DETECTORS

    book = load_rulebook()
    text = "Home\nWorld\n\n" + P1 + "\n\n" + P2
    for rule in book.generic.rules:
        if rule.detector in {"html-hidden", "html-landmark", "class-token", "html-main"}:
            page = Page(split_blocks(text))
            assert page.structure is None
            DETECTORS[rule.detector](page, rule)
            assert all(r is None for r in page.removed_by), rule.qualified_id
