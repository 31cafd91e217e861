"""The generic boilerplate classifier: language choice, block features, the main region."""

from __future__ import annotations

from cleaner import clean
from cleaner.decide.detectors import classifier
from cleaner.decide.engine import apply_rule
from cleaner.decide.features import block_features, word_units
from cleaner.decide.language import choose_language
from cleaner.decide.page import Page
from cleaner.decide.rulebook import load_rulebook
from cleaner.segment.blocks import columns, split_blocks, wrap_width

from .conftest import SEEDS

PARA = [
    "The council said on Monday that the new bridge would open in the spring, two years later than planned.",
    "Officials blamed the delay on a shortage of steel and on a dispute with the contractor over the design.",
    "Residents who have waited for the crossing since 2015 said they were disappointed but not surprised.",
    "The mayor said the city would ask the state for money to cover the extra costs, which run to millions.",
]


def _rule(rule_id: str):
    return next(r for r in load_rulebook().generic.rules if r.id == rule_id)


def _page(text: str) -> Page:
    """A page after every generic rule up to (not including) the classifier."""
    page = Page(split_blocks(text))
    for rule in load_rulebook().generic.rules:
        if rule.id == "outside-main-block":
            break
        apply_rule(page, rule)
    return page


# --- language ---------------------------------------------------------------------------------


def test_language_is_chosen_from_the_text_not_the_biggest_list():
    assert choose_language(PARA).name == "English"
    german = ["Die Stadt hat am Montag mitgeteilt, dass die neue Brücke erst im Frühjahr eröffnet wird, "
              "zwei Jahre später als geplant, und dass die Kosten gestiegen sind."]
    assert choose_language(german).name == "German"
    russian = ["Городской совет сообщил в понедельник, что новый мост откроется только весной, "
               "на два года позже, чем планировалось, и что расходы выросли."]
    assert choose_language(russian).name == "Russian"


def test_cjk_pages_use_function_characters():
    japanese = ["先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。"]
    language = choose_language(japanese)
    assert language.name == "Japanese" and language.by_chars
    assert language.stop_density(japanese[0]) > 0.2


def test_no_words_means_no_language():
    assert choose_language(["12 34 56", "—"]).name == "unknown"


# --- features ---------------------------------------------------------------------------------


def test_word_units_count_cjk_characters_by_pairs():
    assert word_units("one two three") == 3
    assert word_units("商標法違反") == 2.5


def test_features_of_a_paragraph_and_of_a_menu_line():
    language = choose_language(PARA)
    blocks = split_blocks(PARA[0] + "\n\nPolitics Economy Markets Tech Science Health Sport")
    prose = block_features(blocks[0], blocks[0].text, language)
    menu = block_features(blocks[1], blocks[1].text, language)
    assert prose.sentence_end and prose.stop_density > 0.3 and prose.units >= 15
    assert not menu.sentence_end and menu.stop_density == 0.0
    rule = _rule("outside-main-block")
    assert classifier.judge(prose, rule).cls == classifier.GOOD
    assert classifier.judge(menu, rule).cls == classifier.BAD


def test_a_trailing_agency_credit_does_not_hide_the_sentence_end():
    language = choose_language(PARA)
    text = PARA[0][:-1] + ", the council said in August 2024. BLOOMBERG"
    block = split_blocks(text)[0]
    assert block_features(block, text, language).sentence_end


# --- the main region --------------------------------------------------------------------------


def test_best_region_is_the_largest_sum():
    assert classifier.best_region([-5, 3, 4, -2, 6, -20, 5]) == (1, 4, 11)
    assert classifier.best_region([-1, -2]) == (-1, -1, 0.0)


def test_teasers_and_footer_around_the_article_go_with_their_reason():
    teasers = "\n".join(f"Another story about the weather in town number {n}" for n in range(6))
    rail = "\n".join(f"Readers also liked the story about the school in village {n}" for n in range(6))
    text = (teasers + "\n\n" + "\n\n".join(PARA) + "\n\n" + rail
            + "\n\nWe use cookies to give you the best experience on our website, you can change settings at any time\n")
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join(PARA)
    removed = {r.rule for r in record.removed}
    assert "generic/outside-main-block" in removed


def test_explain_shows_the_features_that_decided():
    text = "\n\n".join(PARA) + "\n\nMore news and events from the city and the region in the weekly round-up of the best stories\n"
    page = _page(text)
    apply_rule(page, _rule("outside-main-block"))
    why = page.why[len(PARA)]
    assert page.removed_by[len(PARA)] == "generic/outside-main-block"
    assert "after the main text" in why and "stop words" in why and "no sentence end" in why


def test_already_clean_text_loses_nothing():
    text = (SEEDS / "002_b358a0a52f46cd95.txt").read_text(encoding="utf-8")
    page = _page(text)
    before = page.kept()
    apply_rule(page, _rule("outside-main-block"))
    apply_rule(page, _rule("boilerplate-block"))
    assert page.kept() == before


def test_short_one_sentence_paragraphs_stay_together():
    text = "\n\n".join(["The officials asked not to be identified.", PARA[0], "He declined to comment further.",
                        PARA[1], "The talks will resume next week.", PARA[2]])
    page = _page(text)
    before = page.kept()
    apply_rule(page, _rule("outside-main-block"))
    assert page.kept() == before


def test_a_deeper_indented_rail_after_the_article_goes():
    body = "\n\n".join("   " + p for p in PARA)
    rail = "\n".join(
        f"Teaser headline number {n} about politics\n            Jane Doe\n"
        f"            {PARA[n % 4]} And there is more in this summary of another story, told at length here."
        for n in range(4)
    )
    page = _page(body + "\n\n" + rail)
    apply_rule(page, _rule("outside-main-block"))
    kept = [page.text[i] for i in page.kept()]
    assert kept == PARA


def test_no_run_of_text_means_no_decision():
    page = _page("Home\nNews\nSport\nWeather\n")
    before = page.kept()
    apply_rule(page, _rule("outside-main-block"))
    assert page.kept() == before


# --- pattern rules the classifier relies on ---------------------------------------------------


def test_an_in_article_related_box_does_not_take_the_rest_of_the_article():
    text = "\n\n".join([PARA[0], PARA[1], "Related", "  • A teaser headline about another thing", PARA[2], PARA[3]])
    record = clean(text, source="page.txt")
    assert PARA[2] in record.text and PARA[3] in record.text
    assert "A teaser headline" not in record.text


def test_comment_thread_goes_to_the_end():
    text = "\n\n".join(PARA) + "\n\n34 responses to “The bridge”\n\n1. reader says:\n\n" + PARA[3].replace("mayor", "reader")
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join(PARA)


# --- re-joining wrapped lines -----------------------------------------------------------------


def test_two_wrapped_lines_are_enough_to_find_the_width():
    first = ("word " * 39 + "wordy").strip()
    lines = [first, "tail of the paragraph.", "", "x " * 10]
    assert wrap_width(lines) is None  # one long line alone is not a width
    lines = [first, "tail of the paragraph.", "", first.replace("wordy", "wordz"), "another tail."]
    assert wrap_width(lines) == len(first)
    assert [b.text for b in split_blocks("\n".join(lines))][0] == first + " tail of the paragraph."


def test_cjk_lines_wrap_by_columns_and_join_without_space():
    assert columns("商標") == 4 and columns("ab") == 2
    line = "あ" * 99  # 198 columns: the next character did not fit in 200
    text = "\n".join([line, "い" * 99, "うえお。", "", "。" * 99, "か"])
    blocks = split_blocks(text)
    assert blocks[0].text == line + "い" * 99 + "うえお。"


# --- shared text tests: CJK prose, emoji sentence ends, doubled teaser titles, dated headlines ---


def test_is_prose_measures_cjk_text_in_word_units():
    from cleaner.decide.page import is_prose

    # A Japanese paragraph has no spaces; counted by spaces it was one "word" and never prose,
    # so the header zone ran over the whole article.
    paragraph = "先日、不正に改造したスマートフォンを販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。"
    assert is_prose(paragraph)
    assert not is_prose("商品の改造が商標法違反に")


def test_emoji_and_emoticons_end_a_sentence():
    from cleaner.decide.features import SENTENCE_END

    for text in ["where you can feel the beauty of Korea 🙂", "the festival! 🙂", "see you there :)", "It works."]:
        assert SENTENCE_END.search(text), text
    for text in ["Rating 3:00", "Most Popular", "Read more ★★★"]:
        assert not SENTENCE_END.search(text), text


def test_a_phrase_printed_twice_is_a_teaser_card():
    from cleaner.decide.detectors.repeats import _doubled

    assert _doubled("Urartu relics unearthed in Iran Urartu relics unearthed in Iran", 4)
    assert not _doubled("It is over now. It is over now.", 4)
    assert not _doubled("the end the end", 4)
    assert not _doubled("he said it was over and he said it was not over", 4)


def test_a_line_opening_with_a_full_date_is_not_the_headline():
    text = "Blog\n\nNovember 12, 2018 Beachbody\n\n" + "\n\n".join(PARA)
    assert clean(text, source="x.txt").title is None
    titled = "Blog\n\nThe bridge will open two years late\n\n" + "\n\n".join(PARA)
    assert clean(titled, source="x.txt").title == "The bridge will open two years late"


def test_short_page_wrapped_once_is_rejoined():
    # Two lines near the width, the first stopping in mid-sentence: one paragraph wrapped once.
    first = ("The council said on Monday that the new bridge would open in the spring, two years later "
             "than planned, and officials blamed the delay on a shortage of steel and on a dispute with")
    second = ("the contractor over the design of the crossing, which residents have waited for since 2015 "
              "and which the mayor said the city would now ask the state to help pay for in full.")
    width = max(columns(first), columns(second))
    assert wrap_width([first, second, "", "Short line"]) == width
    assert [b.text for b in split_blocks(f"{first}\n{second}\n\nShort line")] == [f"{first} {second}", "Short line"]


# --- tables and numbered runs -------------------------------------------------------------------


def test_table_rows_and_long_numbered_runs_are_records_short_ones_are_not():
    table = "\n\n".join(f"{n}    Driver Name{n}        {5000 - n}        {n % 3}     {n % 5}" for n in range(1, 9))
    numbered = "\n".join(f"{n}) Product number {n} in a box" for n in range(1, 8))
    rail = "\n".join(f"{n}. A teaser headline about thing {n}" for n in range(1, 6))
    page = Page(split_blocks(f"{table}\n\n{numbered}\n\n{rail}"))
    rule = _rule("outside-main-block")
    rows = classifier.record_rows(page, page.kept(), rule)
    texts = {page.text[i] for i in rows}
    assert sum("Driver" in t for t in texts) == 8
    assert sum("Product" in t for t in texts) == 7
    assert not any("teaser" in t for t in texts)  # five numbered teasers: a "most read" rail


def test_a_standings_table_outweighs_a_sidebar_of_prose():
    intro = "The standings after the last race of the season are below, with points and wins."
    table = "\n\n".join(f"{n}    Driver Name{n}        {5000 - n}        {n % 3}     {n % 5}" for n in range(1, 31))
    sidebar = "\n\n".join(PARA[:2])
    record = clean(f"Standings\n\n{intro}\n\n{table}\n\nSign up\n\nMore\n\n{sidebar}", kind="text")
    assert "Driver Name30" in record.text
