"""Block features that hold in every script: sentence ends, stop-word density, a block's own language."""

from __future__ import annotations

from cleaner.decide.detectors import classifier
from cleaner.decide.features import SENTENCE_END, block_features
from cleaner.decide.language import choose_language
from cleaner.decide.rulebook import load_rulebook
from cleaner.segment.blocks import split_blocks

CHINESE = [
    "市政府星期一宣布，新建的跨河大桥将在明年春天正式通车，比原计划晚了整整两年。",
    "负责工程的公司说，延误主要是因为钢材短缺，以及和设计单位之间的一些分歧。",
    "住在河边的居民表示，他们已经等了很多年，希望这一次不会再有新的问题出现。",
    "市长在记者会上说，政府会继续监督工程进度，并且每个月向市民公布最新的情况。",
]
GERMAN = [
    "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke über den Fluss im Frühjahr eröffnet wird.",
    "Die Bauarbeiten hatten sich um zwei Jahre verzögert, weil der Stahl knapp war und es Streit gab.",
    "Die Anwohner sagten, sie seien froh, dass die lange Wartezeit nun endlich ein Ende habe.",
]
ENGLISH = [
    "The council said on Monday that the new bridge over the river would open in the spring.",
    "The work had been delayed by two years because steel was short and there was a dispute.",
    "People who live by the river said they were glad that the long wait was over at last.",
]


def _rule():
    return next(r for r in load_rulebook().generic.rules if r.id == "outside-main-block")


def test_typographic_quotes_of_other_languages_close_sentences():
    for text in ["Er sagte: „Die Brücke ist fertig.“", "Sie rief: »Endlich offen!«", "Il a dit : « C’est fini. »",
                 "Elle a dit : « C’est fini.\u202f»", "他说：“桥明年开通。”", "彼は「橋は来年開通する。」",
                 "工事は終わった．", "「もう終わり！」"]:
        assert SENTENCE_END.search(text), text
    for text in ["„Die Brücke“", "« Le pont »", "「橋」", "Weiterlesen »"]:
        assert not SENTENCE_END.search(text), text


def test_chinese_paragraphs_are_running_text_on_the_word_list_scale():
    language = choose_language(CHINESE + ["首页", "新闻"])
    assert language.name == "Chinese" and language.scale > 2
    text = "".join(CHINESE)
    block = split_blocks(text)[0]
    features = block_features(block, text, language)
    assert language.stop_density(text) < 0.32 <= features.stop_density  # raw share vs. calibrated
    assert "function characters" in features.describe()
    assert classifier.judge(features, _rule()).cls == classifier.GOOD


def test_a_quotation_in_another_language_is_measured_in_its_own():
    language = choose_language(ENGLISH * 3)
    assert language.name == "English"
    quote = GERMAN[0]
    block = split_blocks(quote)[0]
    features = block_features(block, quote, language)
    assert language.stop_density(quote) < 0.3 <= features.stop_density
    assert "German" in features.describe()
    # An English paragraph keeps the page's language, and a menu gains nothing from another one.
    own = block_features(split_blocks(ENGLISH[0])[0], ENGLISH[0], language)
    assert not own.measured_in
    menu = "Startseite Politik Wirtschaft Sport Kultur Reise Auto Digital Wissen Gesundheit Panorama Wetter"
    assert block_features(split_blocks(menu)[0], menu, language).stop_density < 0.1
