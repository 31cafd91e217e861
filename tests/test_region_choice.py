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


# A short post printed without its last full stop, or ended by a credit in brackets.
UNENDED_POST = ("Everyone, my talk about the new bridge from the town meeting last week is now up on the site! You "
                "can listen to the whole recording here, and look at the slides I showed below for the plans and the figures")
CREDITED_POST = ("Swimming in the river is back this summer. The council opened the old bathing place by the bridge "
                 "on Saturday, and hundreds of people from the town came down to swim in the cool water. (Town Weekly)")
# A few sentences of the page's own chrome under the post: a comment form's messages.
FORM_BOX = [
    "You can follow this conversation by subscribing to the comment feed for this post.",
    "As a final step before posting your comment, enter the letters and numbers you see in the image below. "
    "This stops programs from posting comments.",
    "This is only a preview. Your comment has not yet been posted.",
]


@pytest.mark.parametrize("post", [UNENDED_POST, CREDITED_POST], ids=["no-full-stop", "credit"])
def test_a_short_post_without_a_sentence_end_wins_over_a_box_of_sentences(post):
    # The post is judged `bad` ("no sentence end"), and the comment form's few sentences won
    # the page. No run of sentences weighs `weak_region`: the post's running text counts whole.
    # (The form's sentences, a short gap after it, still join the region.)
    text = ("My Town Blog\n\nHome | Archives | Subscribe\n\nOctober 2, 2012\n\nThe bridge talk is up\n\n"
            + post + "\n\nPosted at 11:28 AM | Permalink\n\nShare This | Save This\n\nTrackBack\n\nTrackBack URL for this "
            "entry:\nhttp://example.com/trackback/0412\n\nComments\n\n" + "\n\n".join(FORM_BOX) + "\n")
    record = clean(text, source="page.txt")
    assert post in record.text
    assert "Home | Archives" not in record.text


def test_justified_text_cut_mid_sentence_into_blocks_stays_whole():
    # A table cell's justified text printed at changing indents: each block ends mid-sentence
    # ("... the steel of the bridge and"), so each is `bad`, and only a sentence or two that
    # ended in a block of their own were kept.
    words = " ".join(ARTICLE[:6]).split()
    chunks = [" ".join(words[n:n + 34]) for n in range(0, len(words), 34)]
    assert not any(chunk.endswith(".") for chunk in chunks[:-1])
    text = "Menu\n\nHome | News | Contact\n\n" + _ragged(chunks, [3, 6, 4, 8, 5, 7, 3, 6, 4, 8][:len(chunks)]) + "\n"
    record = clean(text, source="page.txt")
    assert all(chunk in record.text for chunk in chunks)


def test_a_caption_with_a_photo_credit_does_not_join_a_weak_region():
    # Two paragraphs weigh under `weak_region`; a caption cut off before its full stop by its
    # photo's credit is no running text even then, and does not join the region.
    caption = ("The old bridge over the river seen from the bank on Monday morning, a day before the council "
               "met to talk about the work on it and the footbridge that the residents want (Photo by Jane Doe/Town Weekly)")
    text = ("\n\n".join(ARTICLE[:2]) + "\n\nShare this\n\nRelated\n\n" + caption
            + "\n\nMore news\n\nFiled under: Bridges, Council\n")
    record = clean(text, source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE[:2])
    assert "seen from the bank" not in record.text


def test_a_quote_that_opens_a_post_under_its_lead_in_is_kept_above_the_comments():
    # The post opens with a line ending in a colon and a summary quoted under it, indented
    # deeper; the comments under the post, at the post's own indent, set the region's indent,
    # and the quote, at the region's edge, was counted against it as a nested box: the
    # article was lost and only the comments' neighbourhood kept.
    summary = ("Summary: How do old bridges end? The engineers found that since 1950 most of the bridges "
               "of the region were closed because nobody paid for their upkeep, not because of floods or "
               "of heavy lorries, and that the towns that set money aside each year kept theirs open for "
               "decades longer than the towns that waited until the steel was too far gone to repair.")
    comments = [(who, f"   {post}\n\n   {more}") for (who, post), more in zip(COMMENTS, ARTICLE, strict=False)]
    thread = "\n\n".join(f"{post}\n\n   Posted by: {who} at May {3 + n}, 2012 {7 + n}:49 AM"
                         for n, (who, post) in enumerate(comments))
    text = ("Town Bridge Blog\n\nMay 2, 2012\n\nWhy old bridges close\n\n   From the engineers' report:\n\n"
            "     " + summary + "\n\n   Nobody in this town should be surprised by that.\n\n   Comments\n\n"
            + thread + "\n")
    record = clean(text, source="page.txt")
    assert summary in record.text


# A poem written for this test: its lines break inside their sentences.
POEM = [
    "The river runs beneath the bridge,", "As it has run for years,", "And carries down from every ridge",
    "The rain, the snow, the tears.", "The lorries rumble overhead,", "The children wave below;",
    "The old men say the steel is dead,", "The young men say it's slow.", "But when the spring comes to the town",
    "And work begins at last,", "The bridge will shed its rusty crown", "And leave its aches in the past.",
]


def test_a_centred_poem_set_line_by_line_is_the_post():
    # Centred, each line at its own indent: no line continues another, every line is a block
    # too short to judge, and the poem weighed as chrome; the sidebar's archive won the page.
    poem = "\n".join(" " * ((80 - len(line)) // 2) + line for line in POEM)
    archive = "\n".join(f"     * {month} 2012 ({n})" for n, month in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August"], start=11))
    about = ("   I write a little verse now and then about the town where I was born, and the river, and the "
             "people who live along it.")
    text = ("A Town in Verse\n\nMay 6, 2012\n\n   The old bridge\n\n" + poem + "\n\n   Labels: verse, bridge\n\n"
            "   Archive\n\n" + archive + "\n\n" + about + "\n")
    record = clean(text, source="page.txt")
    assert all(line in record.text for line in POEM)
    assert "January 2012" not in record.text


def test_the_first_comment_signed_under_its_text_does_not_join_the_article():
    # Each comment is signed under its text: the thread's first signature ends the first
    # comment, and taken as the thread's start it left that comment to the article. The
    # thread's heading above it is where the thread begins.
    thread = "\n\n".join(f"{post}\n\nPosted by: {who} at May {3 + n}, 2012 {7 + n}:49 AM"
                         for n, (who, post) in enumerate(COMMENTS))
    text = "\n\n".join(ARTICLE[:3]) + "\n\nComments\n\n" + thread + "\n"
    record = clean(text, source="page.txt")
    assert all(paragraph in record.text for paragraph in ARTICLE[:3])
    assert not any(post in record.text for _, post in COMMENTS)


def test_a_page_without_a_region_is_still_judged_nothing():
    # Two paragraphs that both lack their full stop: no run weighs `min_region_words`, so
    # nothing is judged, and the weak region's second choice does not pick the long one (the
    # record's text, cleaned again, would lose the short one).
    first = ("If you want to read this page in another language you can click on one of the flags that "
             "you will find on the right of the page next to the list of the posts of the month")
    second = "There is a moderator but the comments are not censored"
    record = clean(first + "\n\n" + second + "\n", source="page.txt")
    assert first in record.text and second in record.text
