"""The checked rule schema: a mistake in a user's rule folder is named with file:line and exit 2,
never a traceback or a silent default; the committed SCHEMA.md is the generated one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.decide.detectors.classifier import MainBlockParams
from cleaner.decide.rulebook import RuleError, builtin_rules_dir, load_rulebook
from cleaner.decide.schema import schema_markdown

PROSE = "The council approved the budget on Tuesday after a long debate about school funding and roads.\n"

# A user's generic file: a pattern rule, then a detector rule that names it. Each case below
# breaks one thing on one line; the expected line is where that thing is written.
GOOD = """\
[ruleset]
id = "generic"
reason = "house rules"

[[rules]]
id = "mug-promo"
reason = "house ad"
pattern = "^Buy our mug$"
drops = ["Buy our mug"]

[[rules]]
id = "late-credits"
reason = "credit lines our own rules removed"
detector = "credit-line"
params = { reach = 4, from_rules = ["mug-promo"] }
drops = ["x"]
"""

CASES = {
    "misspelled detector": (GOOD.replace('detector = "credit-line"', 'detector = "credit-lines"'), 14,
                            "unknown detector 'credit-lines' (did you mean 'credit-line'?)"),
    "misspelled parameter": (GOOD.replace("reach = 4", "raech = 4"), 15,
                             "unknown parameter 'raech' (did you mean 'reach'?)"),
    "wrong type": (GOOD.replace("reach = 4", 'reach = "four"'), 15, "parameter 'reach' must be a integer"),
    "unknown ruleset key": (GOOD.replace('reason = "house rules"', 'reason = "house rules"\ndomain = ["x.com"]'), 4,
                            "unknown [ruleset] key 'domain' (did you mean 'domains'?)"),
    "dangling reference": (GOOD.replace('from_rules = ["mug-promo"]', 'from_rules = ["mug-promos"]'), 15,
                           "params.from_rules names 'mug-promos', which is no rule of set 'generic'"),
    "guard on a detector rule": (GOOD.replace('detector = "credit-line"', 'detector = "credit-line"\nmax_words = 5'), 15,
                                 "'max_words' does not apply to a detector rule"),
    "parameter on a pattern rule": (GOOD.replace('pattern = "^Buy our mug$"', 'pattern = "^Buy our mug$"\nparams = {}'), 9,
                                    "'params' applies to detector rules only"),
    "parameter in a [rules.params] table": (GOOD.replace('params = { reach = 4, from_rules = ["mug-promo"] }\ndrops = ["x"]',
                                                         'drops = ["x"]\n\n[rules.params]\nreach = 4\nfrom_rule = ["mug-promo"]'),
                                            19, "unknown parameter 'from_rule' (did you mean 'from_rules'?)"),
    "misspelled reader in spares": (GOOD.replace('pattern = "^Buy our mug$"', 'pattern = "^Buy our mug$"\nspares = ["bylines"]'), 9,
                                    "'spares' names unknown reader 'bylines' (did you mean 'byline'?)"),
    "spares on a section rule": (GOOD.replace('pattern = "^Buy our mug$"', 'pattern = "^Buy our mug$"\naction = "section"\nspares = ["date"]'), 10,
                                 "'spares' applies to action = \"drop\" only"),
    "bad regex parameter": (GOOD.replace('detector = "credit-line"\nparams = { reach = 4, from_rules = ["mug-promo"] }',
                                         'detector = "headline"\nparams = { reject = ["(unclosed"] }'), 15,
                            "bad regular expression"),
}


def _folder(tmp_path: Path, body: str) -> Path:
    rules = tmp_path / "rules"
    rules.mkdir(parents=True)
    (rules / "generic.toml").write_text(body, encoding="utf-8")
    return rules


def test_the_good_file_loads(tmp_path):
    book = load_rulebook((_folder(tmp_path, GOOD),))
    assert [r.id for r in book.generic.rules][-2:] == ["mug-promo", "late-credits"]
    assert book.generic.rules[-1].params.reach == 4


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mistake_gives_file_line_and_exit_2(tmp_path, capsys, case):
    body, line, message = CASES[case]
    rules = _folder(tmp_path, body)
    where = f"{rules / 'generic.toml'}:{line}: "
    with pytest.raises(RuleError) as err:
        load_rulebook((rules,))
    assert str(err.value).startswith(where) and message in str(err.value)
    assert main(["rules", "test", str(rules)]) == 2
    err_text = capsys.readouterr().err
    assert where in err_text and "Traceback" not in err_text
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PROSE, encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "--rules", str(rules)]) == 2
    assert where in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_a_reference_to_a_later_rule_is_refused(tmp_path):
    body = GOOD.replace('from_rules = ["mug-promo"]', 'from_rules = ["late-credits"]')
    with pytest.raises(RuleError, match=r"generic.toml:15: .*which is a later rule"):
        load_rulebook((_folder(tmp_path, body),))


def test_a_users_generic_rule_may_name_a_builtin_one(tmp_path):
    body = GOOD.replace('from_rules = ["mug-promo"]', 'from_rules = ["outside-main-block", "mug-promo"]')
    book = load_rulebook((_folder(tmp_path, body),))
    assert book.generic.rules[-1].params.from_rules == ("outside-main-block", "mug-promo")
    assert main(["rules", "test", str(tmp_path / "rules")]) != 2  # loads (its example "x" is no credit line)


def test_defaults_live_in_the_declaration():
    """A parameter the rule file leaves out takes the declared default; one it sets wins."""
    rule = next(r for r in load_rulebook().generic.rules if r.id == "outside-main-block")
    assert isinstance(rule.params, MainBlockParams)
    assert rule.params.stop_high == MainBlockParams().stop_high  # not in the file
    assert rule.params.template_max_prose == 0.4 != MainBlockParams().template_max_prose  # set in the file


def test_the_committed_schema_is_the_generated_one():
    committed = (builtin_rules_dir() / "SCHEMA.md").read_text(encoding="utf-8")
    assert committed == schema_markdown(), "run: clean-corpus rules schema > rules/SCHEMA.md"


def test_the_schema_documents_every_parameter_of_the_builtin_rules():
    text = schema_markdown()
    for rule in load_rulebook().generic.rules:
        if rule.detector:
            assert f"### `{rule.detector}`" in text
    assert re.search(r"\| `defer_to` \| list of strings, rules \|", text)


def test_rules_schema_prints_it(capsys):
    assert main(["rules", "schema"]) == 0
    assert capsys.readouterr().out == schema_markdown()


def test_applies_to_limits_a_rule_to_one_kind_of_capture(tmp_path):
    body = GOOD.replace('pattern = "^Buy our mug$"', 'pattern = "^Buy our mug$"\napplies_to = "text"')
    book = load_rulebook((_folder(tmp_path, body),))
    import cleaner

    text = PROSE + "\nBuy our mug\n"
    html = f"<html><body><article><p>{PROSE}</p><p>Buy our mug</p></article></body></html>"
    assert "Buy our mug" not in cleaner.clean(text, source="a.txt", rules=book).text
    assert "Buy our mug" in cleaner.clean(html, source="a.html", rules=book).text


@pytest.mark.parametrize("body, message", [
    (GOOD.replace('pattern = "^Buy our mug$"', 'pattern = "^Buy our mug$"\napplies_to = "pdf"'),
     "generic.toml:9: rule 'mug-promo': applies_to must be one of 'both', 'text', 'html', not 'pdf'"),
    (GOOD.replace('detector = "credit-line"\nparams = { reach = 4, from_rules = ["mug-promo"] }',
                  'detector = "html-landmark"\napplies_to = "text"'),
     "generic.toml:15: rule 'late-credits': detector 'html-landmark' reads the HTML structure"),
])
def test_applies_to_is_checked(tmp_path, body, message):
    with pytest.raises(RuleError, match=re.escape(message)):
        load_rulebook((_folder(tmp_path, body),))


def test_dom_rules_apply_to_html_only():
    for rule in load_rulebook().generic.rules:
        assert (rule.applies_to == "html") == (rule.detector in ("html-hidden", "html-landmark", "class-token",
                                                                 "html-main")), rule.id


SITE = """\
[ruleset]
id = "example.org"
reason = "Example Org pages"
fingerprints = ["Example Org Ltd"]
disable = ["generic/copyright"]

[[rules]]
id = "promo"
reason = "house ad"
pattern = "^Buy our mug$"
drops = ["Buy our mug"]
"""


def _site_folder(tmp_path: Path, body: str) -> Path:
    rules = tmp_path / "rules"
    (rules / "sites").mkdir(parents=True)
    (rules / "sites" / "example.org.toml").write_text(body, encoding="utf-8")
    return rules


def test_a_site_set_switches_a_generic_rule_off(tmp_path):
    import cleaner

    text = PROSE + "\nBuy our mug\n\n© 2026 Example Org Ltd. All rights reserved.\n"
    plain = cleaner.clean(text, source="a.txt")
    assert "© 2026" not in plain.text  # generic/copyright removes it elsewhere
    record = cleaner.clean(text, source="a.txt", rules=load_rulebook((_site_folder(tmp_path, SITE),)))
    assert record.site == "example.org"
    assert "© 2026 Example Org Ltd" in record.text and "Buy our mug" not in record.text
    assert not any(r.rule == "generic/copyright" for r in record.removed)


def test_disable_must_name_a_generic_rule(tmp_path, capsys):
    rules = _site_folder(tmp_path, SITE.replace("generic/copyright", "generic/copyrigth"))
    with pytest.raises(RuleError, match=r"example.org.toml:5: disable names 'generic/copyrigth', which is no generic "
                                        r"rule \(did you mean 'generic/copyright'\?\)"):
        load_rulebook((rules,))
    assert main(["rules", "test", str(rules)]) == 2
    assert "example.org.toml:5:" in capsys.readouterr().err


def test_spares_leaves_a_byline_and_a_closing_credit_to_their_readers(tmp_path):
    """A chrome rule whose pattern also matches a byline and an article's closing credit takes
    neither when it spares them; the caption it is meant for still goes."""
    from cleaner.decide.engine import apply_rule
    from cleaner.decide.page import Page
    from cleaner.segment.blocks import split_blocks

    rule = GOOD.replace('pattern = "^Buy our mug$"', "pattern = '(?:Reuters|Getty Images)$'")
    spares = rule.replace("pattern = '(?:Reuters|Getty Images)$'",
                          "pattern = '(?:Reuters|Getty Images)$'\nspares = [\"byline\", \"credit\"]")
    page = ("Harbour ferry service resumes after storm damage\n\nJane Doe | Reuters\n\n" + PROSE
            + "\nThe ferry at its pier on Friday. Jane Roe/Getty Images\n\n"
            + "The operator said sailings would resume on Friday, weather permitting. — Reuters\n")

    def removed(body: str, folder: str) -> list[str]:
        mug = next(r for r in load_rulebook((_folder(tmp_path / folder, body),)).generic.rules if r.id == "mug-promo")
        cleaned = Page(split_blocks(page))
        apply_rule(cleaned, mug)
        return [cleaned.text[i] for i, r in enumerate(cleaned.removed_by) if r]

    assert removed(rule, "a") == ["Jane Doe | Reuters", "The ferry at its pier on Friday. Jane Roe/Getty Images",
                                  "The operator said sailings would resume on Friday, weather permitting. — Reuters"]
    assert removed(spares, "b") == ["The ferry at its pier on Friday. Jane Roe/Getty Images"]
