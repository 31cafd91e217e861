"""The multilingual phrase tables (``rules/phrases/<lang>.toml``) and the generic rules they feed.

Each table is named after a generic rule; that rule must remove every phrase of the table when
it stands alone as a line, and pass the table's own ``drops`` / ``keeps`` examples, in the
context it runs in (``cleaner.decide.examples``). A phrase added to a table without the rule's
pattern, or a pattern that drifts from its tables, fails here.
"""

from __future__ import annotations

import tomllib

import pytest

from cleaner.decide.examples import removed_by_rule

from .conftest import ROOT

LANGUAGES = ("de", "fr", "es", "pt", "it", "ru", "zh", "ja")
TABLES = {lang: tomllib.loads((ROOT / "rules" / "phrases" / f"{lang}.toml").read_text(encoding="utf-8"))
          for lang in LANGUAGES}
RULE_IDS = ("ui-label-intl", "teaser-rail-intl", "comment-thread-intl")
# Section rules open only after the article has begun: a phrase is tried after a paragraph.
LEAD = "The council said on Monday that the new bridge over the river would open to traffic in the spring."


def _rule(rulebook, rule_id: str):
    return next(r for r in rulebook.generic.rules if r.id == rule_id)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_table_with_examples(lang: str):
    table = TABLES[lang]
    assert table["language"] == lang
    for rule_id in RULE_IDS:
        assert table[rule_id]["phrases"], (lang, rule_id)
        assert table[rule_id]["drops"] and table[rule_id]["keeps"], (lang, rule_id)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_generic_rule_removes_every_phrase_of_its_table(rulebook, lang: str):
    missed = []
    for rule_id in RULE_IDS:
        rule = _rule(rulebook, rule_id)
        for phrase in TABLES[lang][rule_id]["phrases"]:
            page = phrase if rule.action != "section" else f"{LEAD}\n{phrase}\nA teaser line"
            removed = removed_by_rule(rulebook.generic, rule, page)
            if phrase not in removed:
                missed.append((rule_id, phrase))
    assert not missed, f"phrases of rules/phrases/{lang}.toml the rule does not remove: {missed}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_tables_examples_pass(rulebook, lang: str):
    failures = []
    for rule_id in RULE_IDS:
        rule = _rule(rulebook, rule_id)
        failures += [("drops", e) for e in TABLES[lang][rule_id]["drops"] if not removed_by_rule(rulebook.generic, rule, e)]
        failures += [("keeps", e) for e in TABLES[lang][rule_id]["keeps"] if removed_by_rule(rulebook.generic, rule, e)]
    assert not failures, failures


def test_a_chinese_rail_stops_at_the_next_paragraph(rulebook):
    rule = _rule(rulebook, "teaser-rail-intl")
    page = ("市政府星期一宣布，新建的跨河大桥将在明年春天正式通车，比原计划晚了整整两年。\n相关新闻\n另一条新闻标题\n"
            "负责工程的公司说，延误主要是因为钢材短缺，以及和设计单位之间的一些分歧。")
    removed = removed_by_rule(rulebook.generic, rule, page)
    assert removed == ("相关新闻", "另一条新闻标题")
