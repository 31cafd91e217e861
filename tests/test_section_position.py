"""Section rules' position check (issue 13 item 5): a comment count or a 'Related' heading above
the article does not take the article with it; the same heading after the article still cuts."""

from __future__ import annotations

import cleaner

_STANDFIRST = "The council voted on Monday to close the old bridge to cars for a year, the mayor said."
_PARAGRAPHS = [
    "Engineers found last winter that the steel under the deck had rusted through in several places, and "
    "the city's own inspectors said in their report that heavy lorries should have been kept off it years ago.",
    "The works will start in the spring and should be over by the end of next year, when the bridge opens "
    "again with a wider path for people on foot and a lane of its own for bicycles in each direction.",
    "While they last, the buses will take the new road through the park, which adds ten minutes to most "
    "journeys into the centre; the transport office has promised more of them in the morning rush.",
    "Shop owners on both banks asked to be paid for the customers they expect to lose, and the council has "
    "set aside a fund for them, although several of them told us it will not be nearly enough to cover it.",
    "A second crossing further up the river is older still and in worse repair, and the mayor said that a "
    "decision on its future would be taken after the summer, once the engineers have looked at it closely.",
]
_COMMENTS = [
    "Reader one says:",
    "I drive over that bridge every day and I am not happy about this at all, it will take me an hour.",
    "Reader two says:",
    "It was about time they did something about it, the bridge has been falling apart for years now.",
]


def test_a_comment_count_above_the_article_keeps_the_article():
    capture = "\n\n".join([_STANDFIRST, "12 comments", *_PARAGRAPHS])
    record = cleaner.clean(capture, source="x.txt")
    assert all(paragraph in record.text for paragraph in _PARAGRAPHS)


def test_a_comment_count_after_the_article_still_cuts():
    capture = "\n\n".join([_STANDFIRST, *_PARAGRAPHS, "12 comments", *_COMMENTS])
    record = cleaner.clean(capture, source="x.txt")
    assert all(paragraph in record.text for paragraph in _PARAGRAPHS)
    assert "Reader one" not in record.text and "every day" not in record.text
    assert any(entry.rule == "generic/comment-thread" for entry in record.removed)


def test_every_rail_under_the_article_goes_in_one_pass():
    rails = ["Most Popular", "A teaser headline about the zoo", "Related stories", "Another teaser about the port"]
    capture = "\n\n".join([*_PARAGRAPHS[:3], rails[0], rails[1], _PARAGRAPHS[3], rails[2], rails[3], _PARAGRAPHS[4]])
    record = cleaner.clean(capture, source="x.txt")
    assert not any(line in record.text for line in rails)
    assert cleaner.clean(record.text, source="x.txt").text == record.text


def test_a_comment_link_under_every_post_of_a_front_page_cuts_only_after_the_last():
    last = "The editor will write again next week, when the council has published the list of the shops it will pay."
    posts = [_PARAGRAPHS[:2], _PARAGRAPHS[2:4], [*_PARAGRAPHS[4:], last]]
    parts = [_STANDFIRST]
    for number, post in enumerate(posts):
        parts += [f"Post number {number} of the week", *post, f"Comments ({number})", "posted by the editor"]
    record = cleaner.clean("\n\n".join([*parts, *_COMMENTS]), source="x.txt")
    assert all(paragraph in record.text for paragraph in _PARAGRAPHS)
    assert "every day" not in record.text
    assert any(entry.rule == "generic/comment-thread" for entry in record.removed)


def test_a_comment_count_printed_twice_over_one_article_still_cuts_at_the_first():
    bio = ("The editor has written about the city for twenty years and lives on the south bank of the river "
           "with two cats, a great many books and a bicycle that is older than most of the bridges in town.")
    capture = "\n\n".join([_STANDFIRST, *_PARAGRAPHS, "2 comments", "About the editor", bio, "2 comments", *_COMMENTS])
    record = cleaner.clean(capture, source="x.txt")
    assert all(paragraph in record.text for paragraph in _PARAGRAPHS)
    assert "every day" not in record.text and "two cats" not in record.text
