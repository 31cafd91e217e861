"""The HTML path's choice of the article: class/id tokens read as whole words of a box's name."""

from __future__ import annotations

import pytest

from cleaner import clean
from tests.test_html_blocks import P1, P2, P3

P4 = ("The works are to start in the spring and last about two years, the council said, and the ferry "
      "will run every twenty minutes in the meantime, at no charge for people who live nearby.")
RAIL = '<div class="rail"><p><a href="/a">A teaser headline of another story</a></p></div>'


@pytest.mark.parametrize("token", [
    "feat-image-with-caption",  # a flag after "with": the box is an image that has a caption
    "post tag-cookie-recipes",  # a blog post tagged "cookie recipes", not a cookie banner
    "category-related-news",  # the post's category, not a "related" rail
    "section--ads",  # a BEM modifier says how a section is styled, not what it is
])
def test_a_chrome_word_inside_a_compound_token_does_not_name_the_box(token):
    html = f"""<html><body>{RAIL}<div class="story"><p>{P1}</p><div class="{token}"><p>{P2}</p></div><p>{P3}</p>
<p>{P4}</p></div></body></html>"""
    text = clean(html, source="wrapper.html").text
    assert P1 in text and P2 in text and P3 in text


@pytest.mark.parametrize("token", ["image-caption", "related-links", "ads", "cookie-banner"])
def test_a_token_that_names_chrome_still_does(token):
    box = f'<div class="{token}"><p>Another story you may like, about the zoo and its panda.</p></div>'
    html = f"""<html><body><div class="story"><p>{P1}</p>{box}<p>{P2}</p><p>{P3}</p></div></body></html>"""
    text = clean(html, source="box.html").text
    assert P1 in text and P3 in text and "panda" not in text
