"""The HTML path's choice of the article: class/id tokens read as whole words of a box's name."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.decide.detectors.dom import WHOLE_PAGE
from cleaner.decide.detectors.judge import DOM_WHOLE_PAGE
from cleaner.segment.html_blocks import parse_html
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


ARTICLE = [
    "The ferry will run all night from the first of May, the harbour office said on Tuesday morning.",
    "Night workers at the port had asked for the change for years and welcomed the news at once.",
    "The first boat leaves the north pier at midnight and the last one comes back before six.",
    "Tickets cost the same as by day and the monthly pass is valid on the night boats too.",
    "The office will look at the numbers after the summer and decide whether to keep the service.",
    "A second boat may be added on Fridays and Saturdays if the first one is often full.",
]
TEASERS = [
    "Markets, weather, sport, traffic, culture, food, travel, opinion, letters, puzzles and more, every day.",
    "Schools, roads, parks, libraries, shops, housing, jobs, clubs, churches and events, in one place.",
]


def test_a_container_holding_little_of_the_running_text_is_not_chosen():
    # Each paragraph of the story sits in a table cell of its own, so no element gathers many of
    # them; a box of two comma-rich teasers outscores every cell but holds under a third of the
    # page's running text: the DOM does not choose, and the text classifier decides.
    cells = "".join(f"<table><tr><td><p>{p}</p></td></tr></table>" for p in ARTICLE)
    box = '<div class="box">' + "".join(f"<p>{t}</p>" for t in TEASERS) + "</div>"
    html = f"<html><body>{box}{cells}</body></html>"
    text = clean(html, source="cells.html").text
    assert all(p in text for p in ARTICLE)


def test_a_named_anchor_left_open_does_not_make_the_article_link_text():
    # ``<a name="top">`` opened at the top and never closed: the parser stretches it over the
    # whole page. It is a link's target, not a link, so the story is not "mostly link text";
    # a real link (``onclick`` without ``href`` too) still counts as one.
    story = "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4))
    html = f'<html><body><a name="top"><div class="nav"><a href="/">Home</a></div><div>{story}</div></body></html>'
    rec = clean(html, source="anchor.html")
    assert all(p in rec.text for p in (P1, P2, P3, P4))
    blocks = parse_html(f"<html><body><p><a onclick=\"go('/x')\">{P1}</a></p>"
                        f"<p><a name=\"x\">{P2}</a></p></body></html>").blocks
    assert [b.link_density for b in blocks] == [1.0, 0.0]


POSTS = [
    ["The choir met again on Thursday after the summer break, and twelve new singers came along to try out.",
     "The director chose three songs for the winter concert, one of them in Latin, which worried a few of us."],
    ["Our bake sale raised more money than last year, thanks to the lemon cakes that sold out by noon, again.",
     "The money goes to the new roof of the hall, which has leaked over the piano since the spring storms."],
    ["The trip to the coast is booked for the last weekend of May, with a bus that leaves the church at seven.",
     "Bring a coat, a packed lunch and some money for the ferry, and tell the secretary if you need a seat."],
]


def test_posts_of_a_page_with_no_single_article_are_all_kept():
    # A club's news page: posts as the rows of one list, each with its heading and paragraphs,
    # no class names. The longest post outscores the others, but they are sections of the same
    # page, not chrome; a box of another kind (the rail) still goes.
    def post(title: str, paragraphs: list[str]) -> str:
        return f"<li><h2>{title}</h2><div>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></li>"

    posts = post("Longest", ARTICLE) + "".join(post(f"Post {k}", p) for k, p in enumerate(POSTS))
    html = f"<html><body>{RAIL}<ul>{posts}</ul></body></html>"
    text = clean(html, source="posts.html").text
    assert all(p in text for post in POSTS for p in post) and all(p in text for p in ARTICLE)
    assert all(f"Post {k}" in text for k in range(3)) and "teaser headline" not in text


def test_a_short_box_of_the_same_kind_does_not_join_as_a_section():
    # A notice in a box shaped like the story's (same tag, no class) holds a fifth of the story's
    # running text but less than ``section_chars``: it is no section of the page.
    notice = ("<div><p>All rights reserved by the owners of this site, see the notice at the foot of the home "
              "page, and write to the editors before you copy any of it.</p></div>")
    story = "<div>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</div>"
    html = f"<html><body><div>{story}{notice}</div></body></html>"
    text = clean(html, source="notice.html").text
    assert all(p in text for p in ARTICLE) and "rights reserved" not in text


def test_boxes_named_like_chrome_that_hold_most_of_the_story_are_the_story():
    # A blog engine sets each paragraph of the post, with its picture, in a box it calls
    # "caption-image" (and a serial): together they hold the whole story, so they are the story.
    # A real caption (one line under a picture) still goes.
    story = "".join(f'<div class="caption-image image-{k}"><img src="{k}.jpg"><p>{p}</p></div>'
                    for k, p in enumerate(ARTICLE))
    caption = '<div class="caption"><p>The north pier at night, seen from the ferry, in May.</p></div>'
    html = f'<html><body>{RAIL}<div class="post-body">{story}{caption}<p>{P1}</p></div></body></html>'
    text = clean(html, source="captions.html").text
    assert all(p in text for p in ARTICLE) and P1 in text
    assert "seen from the ferry" not in text and "teaser headline" not in text


def test_a_page_that_is_all_article_is_not_cut_again_by_the_text_region():
    # No box holds the article better than <body> itself: the DOM chose the whole page, so the
    # text classifier does not choose a region of it again (the list of tasks above the story
    # is running text of the page, not a menu before the article).
    items = "".join(f"<li>{t}</li>" for t in ["Find the old pier.", "Count the night boats.", "Ask a sailor why."])
    html = (f"<html><body><h4>Tasks</h4><ol>{items}</ol><h4>The story</h4>"
            + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</body></html>")
    text = clean(html, source="whole.html").text
    assert "Count the night boats." in text and all(p in text for p in ARTICLE)
    assert DOM_WHOLE_PAGE == WHOLE_PAGE  # the key html-main writes is the one the text rules read


COMMENTS = [
    "Great news, I have waited for this for years, and my brother, who works nights, will be glad too.",
    "Finally! The last bus at night was always full, and the taxi costs a fortune, so thank you, council.",
    "I hope they keep the price low, because the day boat went up twice last year, and nobody asked us.",
    "Will the night boat take bikes? My shift ends at two, and the pier is far from my house, sadly.",
    "It is about time, but I will believe it when I see it, since they promised the same thing in 2019.",
    "My grandfather ran the night ferry in the sixties, and he always said, one day it will come back.",
]


def test_a_comment_thread_larger_than_the_story_is_still_not_the_article():
    # The thread holds most of the page's words (too big for the size guard of chrome boxes),
    # and its list outscores a three-paragraph story: found beside the thread, the story wins.
    thread = "<dl>" + "".join(f"<dt>Reader {k} said</dt><dd><p>{c}</p><p>{c}</p></dd>"
                              for k, c in enumerate(COMMENTS * 2)) + "</dl>"
    html = (f'<html><body><div class="content"><h2>Night ferry</h2><p>{P1}</p><p>{P2}</p><p>{P3}</p>'
            f'<div class="comments"><h3>Comments</h3>{thread}</div></div></body></html>')
    text = clean(html, source="thread.html").text
    assert P1 in text and P3 in text and COMMENTS[0] not in text


def test_a_strong_name_on_the_box_around_the_whole_story_does_not_drop_it():
    # A site's <article> carries a class that says "breadcrumb": outside it there is no article
    # (a few words of menu), so the box is not treated as chrome whatever its size.
    story = "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4))
    html = (f'<html><body><div class="menu"><p>Home, News, Sport, Weather, and a longer menu line here.</p></div>'
            f'<article class="story url-breadcrumb">{story}</article></body></html>')
    text = clean(html, source="crumb.html").text
    assert all(p in text for p in (P1, P2, P3, P4))


def test_a_comment_link_inside_one_post_of_a_front_page_ends_with_that_post():
    # A blog's front page: each post in a box of one kind, each closing with its own
    # "Comments (0)" link. On an article page that line opens the reader comments, which run to
    # the page's end; here the posts after the first one are no comments: the section ends with
    # the post that holds its heading. The same line on a dump still opens a section to the end.
    def post(title: str, paragraphs: list[str]) -> str:
        return (f'<div class="blogPost"><h2>{title}</h2>' + "".join(f"<p>{p}</p>" for p in paragraphs)
                + '<p><a href="/c">Comments (0)</a></p></div>')

    html = f"<html><body>{post('The night ferry', ARTICLE[:3])}{post('The old bridge', [P1, P2, P3])}</body></html>"
    text = clean(html, source="front.html").text
    assert all(p in text for p in ARTICLE[:3]) and all(p in text for p in (P1, P2, P3))
    assert "Comments (0)" not in text
    dump = "\n\n".join([*ARTICLE[:3], "Comments (0)", P1, P2])
    assert P1 not in clean(dump, source="front.txt").text


@pytest.mark.parametrize("token", ["commentbody", "commentlist", "relatedposts"])
def test_a_strong_word_glued_to_the_part_of_a_box_names_chrome(token):
    # A blog template names each reader comment's box "commentbody" (no separator): the thread
    # follows the post in the same column and outweighs it, but it is chrome as "comment-body" is.
    thread = "".join(f'<div class="{token}"><p>{c}</p><p class="posted">Posted by: Reader {k}</p></div>'
                     for k, c in enumerate(COMMENTS))
    html = f'<html><body><div class="content"><h3>Night ferry</h3><p>{P1}</p><p>{P2}</p>{thread}</div></body></html>'
    text = clean(html, source="glued.html").text
    assert P1 in text and P2 in text and COMMENTS[0] not in text and COMMENTS[-1] not in text


@pytest.mark.parametrize("token", ["commentary", "relatedness"])
def test_a_strong_word_inside_another_word_does_not_name_chrome(token):
    html = (f'<html><body>{RAIL}<div class="{token}"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p></div>'
            '</body></html>')
    text = clean(html, source="word.html").text
    assert all(p in text for p in (P1, P2, P3, P4))


BIO = ("I have written about ferries, bridges, harbours, piers, lighthouses, canals, locks, tides, boats and "
       "the people who run them, for papers, radio, magazines and this blog, since 1998, from Leith, Hull, "
       "Cork, Brest, Bergen and, lately, a small flat above a chandlery, where the gulls wake me at five.")
BULLETS = ["The oldest night ferry still running, and its cat.", "Ten harbour signs that make no sense at all.",
           "A lighthouse keeper's letter to the tax office.", "Why the tide tables were wrong last spring.",
           "The best pier cafes from the last five years."]


def _blog(title: str) -> str:
    sidebar = f'<div class="profile-container"><h2>About Me</h2><p>{BIO}</p></div>'
    lines = "".join(f'<div>• {b.split()[0]} <a href="/{k}">{" ".join(b.split()[1:3])}</a> '
                    f'{" ".join(b.split()[3:])}</div>' for k, b in enumerate(BULLETS))
    post = f'<div class="post"><h3 class="post-title">{title}</h3><div class="post-body">{lines}</div></div>'
    return f"<html><head><title>Harbour notes: The week's best pier stories</title></head><body>{sidebar}{post}</body></html>"


def test_the_box_of_the_headline_that_repeats_the_title_is_the_article():
    # A post of short linked lines scores less than one long, comma-rich bio in the sidebar, but
    # its heading repeats the page's title: the headline's box is the article, not the bio.
    text = clean(_blog("The week's best pier stories"), source="bullets.html").text
    assert all(b.split()[-1] in text for b in BULLETS) and "chandlery" not in text
    # Without a heading that repeats the title, the readability choice stands.
    assert "chandlery" in clean(_blog("Notes"), source="untitled.html").text


COMMENTS = [
    "I have taken that ferry for ten years, and the night boat is the best news I have heard in a long time.",
    "Good, but who pays for it? The fares have gone up twice already, and the buses are still late every day.",
    "My brother works nights at the port, and he says the pier is dark, cold and unsafe after midnight, sadly.",
    "About time, really. Other cities did this years ago, and nobody there complains about the cost at all.",
]


def _target_page(name: str) -> str:
    """An old table template: the story in one row, readers' comments in the next, whose box has
    no class and is named only by the target that opens it."""
    story = "".join(f"<p>{p}</p>" for p in ARTICLE[:5])
    comments = "".join(f"<div><b>Reader {k}</b><br>{c}</div>" for k, c in enumerate(COMMENTS))
    return (f"<html><head><title>Night ferry</title></head><body><table>"
            f"<tr><td>{story}</td></tr>"
            f'<tr><td><table><tr><td><a name="{name}"></a>Your comments</td></tr>'
            f"<tr><td>{comments}</td></tr></table></td></tr></table></body></html>")


@pytest.mark.parametrize("name", ["yoursay", "commentSection"])
def test_a_named_target_of_a_strong_name_opens_a_box_of_chrome(name):
    record = clean(_target_page(name), source="target.html")
    assert ARTICLE[0] in record.text and ARTICLE[2] in record.text
    assert not any(c[:40] in record.text for c in COMMENTS)
    assert any(r.rule.endswith("class-token") and "Reader 0" in r.text for r in record.removed)


def test_a_named_target_of_another_name_opens_nothing():
    record = clean(_target_page("top"), source="target.html")
    assert not any(r.rule.endswith("class-token") for r in record.removed)


def _loose_comments() -> str:
    """Readers' comments set as loose lines, a name in bold and the comment after a line break."""
    return "".join(f"<b>Reader {k}</b><br>{c}<br><br>" for k, c in enumerate(COMMENTS))


def test_a_named_target_in_the_middle_of_the_articles_own_box_opens_the_rest_of_it():
    # An old template appends the comments to the story's own box, after a rule and a target.
    story = "".join(f"<p>{p}</p>" for p in ARTICLE)
    html = (f'<html><body><div class="rail"><p><a href="/a">Another story</a></p></div>'
            f'<div class="storybox">{story}<hr><a name="commentSection"></a><b>What readers wrote</b><br>'
            f"{_loose_comments()}</div></body></html>")
    record = clean(html, source="mid.html")
    assert ARTICLE[0] in record.text and ARTICLE[5] in record.text
    assert not any(c[:40] in record.text for c in COMMENTS)
    assert any(r.rule.endswith("class-token") and COMMENTS[0][:40] in r.text for r in record.removed)


def test_a_named_target_in_a_column_around_the_articles_box_names_nothing():
    # The post has a box of its own; the target sits in the column that holds it and the thread
    # (a blog whose reader comments some annotators count as its running text): nothing goes.
    story = "".join(f"<p>{p}</p>" for p in ARTICLE)
    html = (f'<html><body><div class="column"><div class="entrybody">{story}</div>'
            f'<a name="comments"></a><p>{COMMENTS[0]}</p></div></body></html>')
    record = clean(html, source="mid.html")
    assert COMMENTS[0] in record.text
    assert not any(r.rule.endswith("class-token") for r in record.removed)


def test_a_target_name_the_page_repeats_names_nothing():
    # A front page's template writes the same target after every post: it addresses nothing.
    top, rest = ("".join(f"<p>{p}</p>" for p in part) for part in (ARTICLE[:3], ARTICLE[3:]))
    html = (f'<html><body><div class="storybox">{top}<a name="comments"></a>{rest}<a name="comments"></a>'
            f"<b>Reader 0</b><br>{COMMENTS[0]}</div></body></html>")
    record = clean(html, source="mid.html")
    assert COMMENTS[0] in record.text and ARTICLE[5] in record.text
    assert not any(r.rule.endswith("class-token") for r in record.removed)


def _floated_page(panel: str) -> str:
    story = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return f'<html><body><div>{story[:len(story) // 2]}<div style="float: right; width: 190px">{panel}</div>' \
           f"{story[len(story) // 2:]}</div></body></html>"


def test_a_floated_panel_of_links_inside_the_article_is_chrome():
    panel = ("<p>TODAY'S VOTE: should the pier stay open all night? Click here to vote.</p><ul>"
             + "".join(f'<li><a href="/s{k}">Another story about the harbour and its boats, number {k}</a></li>'
                       for k in range(4)) + "</ul>")
    record = clean(_floated_page(panel), source="panel.html")
    assert ARTICLE[0] in record.text and ARTICLE[5] in record.text
    assert "TODAY'S VOTE" not in record.text
    assert any(r.rule.endswith("class-token") and "TODAY'S VOTE" in r.text for r in record.removed)


def test_a_floated_photo_caption_without_links_is_left_alone():
    caption = "<p>The night ferry leaves the north pier at midnight, with its lights on, in the rain.</p>"
    record = clean(_floated_page(caption), source="caption.html")
    assert not any(r.rule.endswith("class-token") for r in record.removed)


def test_a_box_beside_the_article_scoring_under_a_third_of_it_stays_out():
    # A box of job listings beside the story scores by its commas (between a fifth and 0.3 of the
    # story's score): a sibling joins the article only from 0.3 of the best element's score.
    story = "".join(f"<p>{p}</p>" for p in ARTICLE)
    jobs = ("<p>Harbour pilot on the north pier, night shifts, full time, £27466 to £32796 "
            "apply by Friday, interviews in May</p>")
    html = (f'<html><body><div class="page"><div class="story">{story}</div>'
            f"<div>{jobs}</div></div></body></html>")
    record = clean(html, source="jobs.html")
    assert ARTICLE[0] in record.text and ARTICLE[5] in record.text
    assert "Harbour pilot" not in record.text
    assert any(r.rule.endswith("html-main") and "Harbour pilot" in r.text for r in record.removed)


def test_a_url_printed_beside_the_article_is_no_paragraph_of_it():
    # A leaf box of 80+ characters without links joins the article as prose, but a URL printed
    # as text is one long word: it stays outside.
    story = "".join(f"<p>{p}</p>" for p in ARTICLE)
    url = "https://news.example.org/harbour/article/night-ferry-to-run-all-night-from-may-20190501.php"
    html = f'<html><body><div class="page"><div>{url}</div><div class="story">{story}</div></div></body></html>'
    record = clean(html, source="url.html")
    assert ARTICLE[0] in record.text and url not in record.text
    assert any(r.rule.endswith("html-main") and url in r.text for r in record.removed)


def test_a_heading_left_open_is_never_the_articles_box():
    # An old page opens a heading and never closes it: the parser stretches the <h5> over the
    # story's boxes after it. A heading holds no paragraphs: they vote for the box around it,
    # and the paragraph above the heading stays in the article.
    story = [P1, P2, P3, P4, *ARTICLE,
             "Cooks, nurses, cleaners, drivers, guards, bakers and dockers, who start or end their day "
             "at night, will save an hour, sometimes two, on every trip, the office said."]
    boxes = "".join(f"<div>{p}</div>" for p in story[1:])
    html = f"<html><body><div><div><p>{story[0]}</p></div><h5>Night ferry news{boxes}</div></body></html>"
    record = clean(html, source="h5.html")
    assert all(p in record.text for p in story)


def test_a_short_post_beside_a_long_one_is_a_section_of_the_page():
    # A blog's front page: a long post and a short one in boxes of one kind. The short one holds
    # under a fifth of the long one's running text (but 200 characters and 0.15 of it): it is
    # another post of the page, not chrome.
    first = "".join(f"<p>{p}</p>" for p in [P1, P2, P3, P4, *ARTICLE])
    second = ("<p>The library on the square opens on Sundays from June, from ten to four, the city said "
              "on Friday.</p><p>Readers had asked for it for years, and the staff agreed to work one "
              "Sunday in two, with a day off in the week.</p>")
    html = (f'<html><body><div class="rail"><p><a href="/a">Another story</a></p></div>'
            f'<div class="items"><div class="item"><div>{first}</div></div>'
            f'<div class="item"><div>{second}</div></div></div>'
            f"</body></html>")
    record = clean(html, source="posts.html")
    assert ARTICLE[0] in record.text and "opens on Sundays" in record.text
    assert not any(r.rule.endswith("html-main") and "Sundays" in r.text for r in record.removed)
