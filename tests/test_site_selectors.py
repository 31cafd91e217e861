"""A site set names its article container and its fields with CSS selectors (HTML captures)."""

from __future__ import annotations

import pytest

from cleaner import RuleError, clean, load_rulebook
from cleaner.decide.rulebook import parse_ruleset
from tests.test_html_blocks import P1, P2, P3

SITE = """[ruleset]
id = "harbour-herald.example"
domains = ["harbour-herald.example"]
container = "div.hh-copy"
fields = { title = "h1.hh-title", authors = ".hh-credit a", published = "time.hh-date" }
"""
URL = "https://harbour-herald.example/2026/ferry"
# A page the generic choice gets wrong: the article's text is short, the gallery beside it long.
GALLERY = "".join(f"<p>Photo {n}: the harbour at dawn, with boats, gulls, cranes and the old lighthouse.</p>"
                  for n in range(8))
PAGE = f"""<html><head><title>Ferry | Harbour Herald</title></head><body>
<h1 class="hh-title">Ferry to run all night</h1>
<p class="hh-credit">By <a href="/a">Ines Varga</a> and <a href="/b">Tom Ode</a></p>
<time class="hh-date" datetime="2026-03-04T09:30:00+01:00">Yesterday</time>
<div class="hh-copy"><p>{P1}</p></div>
<div class="gallery-strip">{GALLERY}</div></body></html>"""


@pytest.fixture()
def rules(tmp_path):
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "harbour-herald.example.toml").write_text(SITE)
    return load_rulebook([tmp_path])


def test_the_site_container_decides_the_article(rules):
    generic = clean(PAGE, kind="html", url=URL)
    assert "Photo 3" in generic.text  # without the site set the gallery wins
    record = clean(PAGE, kind="html", url=URL, rules=rules)
    assert record.site == "harbour-herald.example"
    assert P1 in record.text and "Photo 3" not in record.text


def test_field_selectors_fill_the_record(rules):
    record = clean(PAGE, kind="html", url=URL, rules=rules)
    assert record.title == "Ferry to run all night"
    assert list(record.authors) == ["Ines Varga", "Tom Ode"]
    assert record.published == "2026-03-04T09:30:00+01:00"


def test_a_container_that_matches_nothing_leaves_the_generic_choice(tmp_path):
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "s.toml").write_text(SITE.replace("div.hh-copy", "article.gone"))
    page = f"<html><body><div class='story'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
    assert clean(page, kind="html", url=URL, rules=load_rulebook([tmp_path])).text == clean(page, kind="html").text


@pytest.mark.parametrize(("line", "message"), [
    ('container = "div["', r"^s\.toml:4: container: 'div\[': not a CSS selector"),
    ("container = 3", r"^s\.toml:4: container must be a string"),
    ('fields = { titel = "h1" }', r"^s\.toml:4: unknown field 'titel' \(did you mean 'title'\?\)"),
    ('fields = { title = "h1 >" }', r"^s\.toml:4: field 'title': 'h1 >': not a CSS selector"),
    ('fields = "h1"', r"^s\.toml:4: fields must be a table"),
])
def test_a_bad_selector_is_refused_at_load_with_file_and_line(line, message):
    text = f'[ruleset]\nid = "s"\ndomains = ["s.example"]\n{line}\n'
    with pytest.raises(RuleError, match=message):
        parse_ruleset(text, "s.toml")


def test_the_generic_set_names_no_container():
    with pytest.raises(RuleError, match=r"^g\.toml:3: 'container' is for site sets"):
        parse_ruleset('[ruleset]\nid = "generic"\ncontainer = "main"\n', "g.toml")
