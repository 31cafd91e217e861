"""The main region's two extensions past its last block: a paragraph that only lacks its full stop
(``bridge_unended``), and a list the article introduces with a colon (``introduced_list``)."""

from __future__ import annotations

from cleaner import clean

from .test_classifier import PARA

UNENDED = ("If you want it slower you can also write a smaller number into the console, for example "
           "eighty or seventy, and then it will be what you want it to be")
TEASERS = "\n".join(f"Another story about the weather in town number {n}" for n in range(6))


def test_an_unended_paragraph_with_a_sentence_after_it_stays_in_the_article():
    after = "As the readers note, the speed changes after every death, so it is worth setting it again."
    text = "\n\n".join([*PARA, UNENDED, "Speed in the game", after]) + "\n\n" + TEASERS + "\n"
    record = clean(text, source="page.txt")
    assert UNENDED in record.text and after in record.text
    assert "town number" not in record.text


# Two more paragraphs: with them the article weighs `weak_region`, a sure choice (on a page whose
# best run of sentences weighs less, long unended running text counts whole: test_region_choice).
MORE = [
    "Work on the northern ramp stopped for most of the winter, when the river rose over the site twice.",
    "The contractor said it had hired a second crew and expected to finish the deck by the end of March.",
]


def test_an_unended_paragraph_with_nothing_after_it_stays_outside():
    text = "\n\n".join([*PARA, *MORE, UNENDED]) + "\n\n" + TEASERS + "\n"
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join([*PARA, *MORE])
    assert any(r.rule == "generic/outside-main-block" and r.text.startswith(UNENDED) for r in record.removed)


ITEMS = [
    "Hundreds of new tasks that will make the evenings with your friends more interesting",
    "Dozens of tricky questions that will help you to get to know each other better",
    "Challenges that have to be done within a week, even after the game is over",
]


def test_a_list_introduced_by_the_article_is_part_of_it():
    text = "\n\n".join([*PARA, "What the game has:", "\n".join(f"  • {item}" for item in ITEMS)]) + "\n\n" + TEASERS + "\n"
    record = clean(text, source="page.txt")
    assert "What the game has:" in record.text
    assert all(item in record.text for item in ITEMS)
    assert "town number" not in record.text


def test_a_list_without_a_lead_in_or_of_few_stop_words_is_not():
    unled = "\n\n".join([*PARA, "\n".join(f"  • {item}" for item in ITEMS)]) + "\n"
    assert clean(unled, source="page.txt").text == "\n\n".join(PARA)
    names = ["Apple iPhone 11 Pro Max 256 GB Space Grey Unlocked Refurbished Model 2019",
             "Samsung Galaxy Note 10 Plus 512 GB Aura Black Unlocked Model SM-N975",
             "Google Pixel 4 XL 128 GB Clearly White Unlocked Model G020J 2019"]
    menu = "\n\n".join([*PARA, "Our picks:", "\n".join(f"  • {name}" for name in names)]) + "\n"
    assert clean(menu, source="page.txt").text == "\n\n".join(PARA)


def test_a_share_bar_under_the_article_goes():
    bar = "\n".join(f"  • Click to share on {site} (Opens in new window)" for site in ("Facebook", "Twitter"))
    text = "\n\n".join([*PARA, "Share this:", bar + "\n  • Click to print (Opens in new window)"]) + "\n"
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join(PARA)
    assert {r.rule for r in record.removed} >= {"generic/ui-label", "generic/new-window-link"}


SCHEDULE = [
    "March 3 -- City Hall, Springfield, IL",
    "March 5 -- Riverside Arena (the old hall), Dayton, OH",
    "March 9 -- Town Theatre - Main Stage, Akron, OH",
    "March 12 -- Music Park, Erie, PA",
    "March 14 -- Lakeside Pavilion, Buffalo, NY",
    "March 20 -- The Forum, Albany, NY",
]


def test_a_schedule_set_line_by_line_after_the_article_is_part_of_it():
    # One paragraph broken into lines that share their first separator: a schedule, no table.
    text = "\n\n".join([*PARA, "The tour dates:", "\n".join(SCHEDULE)]) + "\n\n" + TEASERS + "\n"
    record = clean(text, source="page.txt")
    assert all(line in record.text for line in SCHEDULE)
    assert "town number" not in record.text


def test_lines_with_different_separators_are_not_a_schedule():
    lines = ["March 3 -- City Hall", "Springfield: the hall", "Dayton | the arena", "Akron / the stage",
             "Erie + the park", "Buffalo = the pavilion"]
    text = "\n\n".join([*PARA, "The tour dates:", "\n".join(lines)]) + "\n\n" + TEASERS + "\n"
    record = clean(text, source="page.txt")
    assert not any(line in record.text for line in lines)


REVIEWS = [
    "“The show was wonderful from the first minute to the last, and the music stayed with me for days after it.”",
    "“We took our parents and they loved the costumes, the dancing and the story, which was easy to follow.”",
    "“A great evening out in the city, and the theatre is small enough that every seat has a good view.”",
    "“I did not expect to enjoy it as much as I did, and I will come back with my friends next spring.”",
    "“The actors were full of energy and the drums at the end made the whole audience clap along with them.”",
]


def test_the_intro_of_a_post_made_of_indented_quotes_stays():
    # lynx indents body text by 3 and quotes deeper; here the quotes are the longest run of
    # paragraphs, and the post's own intro at the body's indent belongs to it.
    intro = ("   Visitors who booked their tickets online came to the theatre last month to watch the show, "
             "and many of them wrote to us afterwards about what they saw and how they liked it.")
    quotes = "\n\n".join(f"       {q}" for q in REVIEWS)
    text = "Home\nShows\n\n" + intro + "\n\n" + quotes + "\n\n" + TEASERS + "\n"
    record = clean(text, source="reviews.txt")
    assert record.text.startswith("Visitors who booked")
    assert all(q in record.text for q in REVIEWS)
