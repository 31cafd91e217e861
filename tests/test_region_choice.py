"""How the main region is chosen on text dumps (issue 13): an indent that says nothing, paragraphs
that lead in to what follows."""

from __future__ import annotations

import pytest

from cleaner import clean

# Paragraphs of one article, each long enough to be running text, written for these tests.
ARTICLE = [
    "The town council met on Monday evening to talk about the old bridge over the river, which has "
    "been closed to lorries since the spring and may have to close to cars as well before the winter.",
    "Engineers told the council that the steel of the bridge was in a worse state than they had thought "
    "when they first looked at it, and that the repairs would take at least two years to finish.",
    "The mayor said that the town could not pay for all of the work on its own and that she had asked "
    "the regional government to pay for half of it, as it had done for the other bridge in the north.",
    "Shop owners in the old town said that they had lost many of their customers since the bridge was "
    "closed to lorries, because the deliveries now have to come the long way round through the hills.",
    "A group of residents asked the council to build a footbridge next to the old one while the work "
    "goes on, so that the children who walk to the school on the other side do not have to take the bus.",
    "The council said that it would look at the idea of a footbridge at its next meeting in a month, "
    "when the engineers will also have the final figures for what the repairs to the bridge will cost.",
    "Until then the bridge stays open to cars and bikes, but the council asked drivers to keep to the "
    "lower speed limit on it and to use the other bridge in the north of the town when they can.",
    "The regional government said on Tuesday that it had received the mayor's letter and that it would "
    "answer it after the summer, when the budget for the next year is set by the regional parliament.",
]
LIST = [
    "The bridge is open to cars and bikes only",
    "The speed limit on it is thirty",
    "Lorries take the road through the hills",
]


def _ragged(paragraphs: list[str], indents: list[int]) -> str:
    """Paragraphs as a text browser prints justified text in a table cell: each at its own indent."""
    return "\n\n".join(" " * indent + text for text, indent in zip(paragraphs, indents, strict=True))


def test_ragged_indents_do_not_cut_the_article_to_pieces():
    # The longest run of equally indented paragraphs is one paragraph; counting the text indented
    # deeper than it against the region left only a short list at the end of the page.
    text = _ragged(ARTICLE, [5, 6, 3, 7, 5, 8, 6, 5]) + "\n\n" + "\n".join(f"     * {item}" for item in LIST) + "\n"
    record = clean(text, source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE)


def test_a_rail_indented_deeper_than_the_article_still_goes():
    # One change of indent where the rail begins: the indent is not ragged, the rail goes.
    rail = [
        "Another town voted on Tuesday to close its swimming pool for the whole of the summer this year, "
        "because the roof needs to be repaired before the autumn storms come in from the sea.",
        "A farmer in the valley found an old coin in his field that the museum says is more than a "
        "thousand years old, and it will be shown in the museum of the town from next week.",
    ]
    text = _ragged(ARTICLE[:5], [3] * 5) + "\n\n" + _ragged(rail, [12, 12]) + "\n"
    record = clean(text, source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE[:5])
    assert "swimming pool" not in record.text and "old coin" not in record.text


LEAD_IN = ("The plan that the engineers showed to the council on Monday evening was endorsed by several of the "
           "groups that had been against the first plan last year, and by some that had never said a word about it, such as:")
OPENING = "The council met on Monday evening to talk about the old bridge over the river in the town."
FOOTNOTED = ("The report that the engineers wrote for the council in the spring says that the steel of the bridge is "
             "in a much worse state than it was when it was last looked at, ten years ago.[3]")
# A long essay that keys each paragraph to its sources in brackets after the full stop.
SOURCE_KEYED = ("The report that the engineers wrote for the council in the spring says that the steel of the bridge is "
                "in a much worse state than it was when it was last looked at, ten years ago. [R1 / TC SP]")


@pytest.mark.parametrize("paragraph", [LEAD_IN, FOOTNOTED, SOURCE_KEYED], ids=["colon", "footnote", "source-key"])
def test_a_paragraph_that_leads_in_with_a_colon_or_ends_in_a_footnote_mark_is_running_text(paragraph):
    # None ends like a sentence: judged 'bad', each cut the article in two and the shorter
    # part before it was lost.
    text = "\n\n".join([OPENING, paragraph, *ARTICLE[2:6]]) + "\n"
    record = clean(text, source="page.txt")
    assert paragraph in record.text
    assert OPENING in record.text


def test_a_long_quote_indented_inside_the_article_does_not_cut_off_the_text_before_it():
    # The quote is indented deeper than the article's longest run of paragraphs; counted
    # against the region as a nested box would be, it cut away the paragraph before it.
    text = _ragged(ARTICLE[:7], [3, 8, 8, 3, 3, 3, 3]) + "\n"
    record = clean(text, source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE[:7])


COMMENTS = [
    ("Anna", "I drove over the old bridge every day for twenty years and I will not miss the noise of the lorries at all."),
    ("Bert", "The council should have started the work ten years ago, when the engineers first said that the steel was bad."),
    ("Carla", "My shop is on the other side of the river and I have lost half of my customers since the spring, so I hope it is soon."),
    ("Dmitri", "Does anyone know if the buses will still stop on the bridge while the work goes on, or do they go round?"),
    ("Emma", "A footbridge is a good idea, the children should not have to walk on the road next to the cars every morning."),
]


def _thread(signers: list[str], posts: list[str]) -> str:
    """Posts each under its signature line (a name, a date and a time)."""
    return "\n\n".join(f"{who} | May {3 + n}, 2012 {7 + n}:49 AM | Reply\n\n{post}"
                       for n, (who, post) in enumerate(zip(signers, posts, strict=True)))


def test_reader_comments_signed_by_many_do_not_join_a_short_article():
    # Each comment is a sentence of running text; together they outweighed the article's two
    # paragraphs and the region took them in over the short gap between.
    text = "\n\n".join(ARTICLE[:2]) + "\n\n" + _thread(*map(list, zip(*COMMENTS, strict=True))) + "\n"
    record = clean(text, source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE[:2])
    assert not any(post in record.text for _, post in COMMENTS)


def test_posts_all_signed_by_the_blog_author_are_the_page():
    # A blog's front page signs each of its posts with one name: no thread of comments.
    posts = [post for _, post in COMMENTS]
    text = "\n\n".join(ARTICLE[:2]) + "\n\n" + _thread(["Jane Doe"] * len(posts), posts) + "\n"
    record = clean(text, source="page.txt")
    assert all(post in record.text for post in posts)


def test_a_thread_with_no_article_before_it_is_the_page():
    # A forum's page is its posts: with nothing to call the article above them, they stay.
    intro = "Talk about the roads, the bridges and the buses of the town with your neighbours here."
    text = intro + "\n\n" + _thread(*map(list, zip(*COMMENTS, strict=True))) + "\n"
    record = clean(text, source="page.txt")
    assert sum(post in record.text for _, post in COMMENTS) >= 4


def test_a_second_section_of_running_text_stays_on_a_page_of_several():
    # Two sections of running text with a long menu between them: the region is one run, so
    # the smaller section was dropped although it weighs far more than a teaser or a caption.
    menu = "\n".join(f"  • Section number {n} of the site" for n in range(30))
    text = "\n\n".join(ARTICLE[:4]) + "\n\n" + menu + "\n\n" + "\n\n".join(ARTICLE[4:7]) + "\n"
    record = clean(text, source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE[:7])
    assert "Section number" not in record.text


def test_a_short_post_whose_paragraphs_end_in_glued_text_is_the_article_over_its_comments():
    # A blog post of two paragraphs, each ending in what the dump glued to it (an image's name,
    # the blogger's signature), is judged `near`/`bad` for want of a sentence end: before, it
    # weighed under `thread_min_article` and the comments under it were taken for the page.
    post = [
        "IMG_0412We went down to the river on Sunday to see the old bridge before the work on it "
        "begins, and we took the children along with us because they love to watch the boats go "
        "under it. The light was lovely in the morning and we sat on the bank for an hour or so",
        "We will go back in the spring when the new footbridge is open, and we will take more "
        "pictures of it for you then. Thank you all for reading this little blog of ours. xoxo Jo",
    ]
    text = "\n\n".join(post) + "\n\n" + _thread(*map(list, zip(*COMMENTS, strict=True))) + "\n"
    record = clean(text, source="page.txt")
    assert all(paragraph[10:60] in record.text for paragraph in post)
    assert not any(post in record.text for _, post in COMMENTS)


def test_an_article_under_a_dated_byline_is_not_the_first_post_of_its_comment_thread():
    # The byline ("by NAME on DATE") reads like a comment's signature and began the thread, so
    # the article under it was the thread's first post and nothing stood before the thread: the
    # comments were taken for the page and the article lost among them.
    intro = ("The council will hold a public meeting about the old bridge on the first Monday of next "
             "month, and everyone who lives in the town is welcome to come along and ask the engineers "
             "what they want to know about the work.")
    text = ("Town Bridge News\n\nMeeting about the old bridge\n\nby Jane Doe on May 2, 2012\n\n" + intro
            + "\n\n" + _thread(*map(list, zip(*COMMENTS, strict=True))) + "\n")
    record = clean(text, source="page.txt")
    assert intro in record.text
    assert not any(post in record.text for _, post in COMMENTS)


def test_news_items_each_with_a_comment_count_are_no_comment_thread():
    # A news front page signs each item with its writer and a time, like comments, and the
    # first item weighed enough to pass for the article: the other items went as its comments.
    # Each item carries its own comment count in its title line; comments do not.
    writers = ["Anna", "Bert", "Carla", "Dmitri"]
    items = [f"Bridge news number {n}  [ {n + 2} Comments ]\n\n{ARTICLE[2 * n]}\n\n{ARTICLE[2 * n + 1]}\n\n"
             f"-- {who} @ {n + 3}:19PM Tue 18 Jul 2006" for n, who in enumerate(writers)]
    record = clean("\n\n".join(items) + "\n", source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE)
