"""Rule files are self-checking: every rule's examples run as tests; bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.decide.examples import check_ruleset
from cleaner.decide.rulebook import RuleError, builtin_rules_dir, load_rulebook, load_ruleset, rule_files

BUILTIN_SETS = [load_ruleset(p) for p in rule_files(builtin_rules_dir())]


@pytest.mark.parametrize("ruleset", BUILTIN_SETS, ids=lambda s: s.id)
def test_every_builtin_rule_passes_its_own_examples(ruleset):
    failures = check_ruleset(ruleset)
    assert not failures, "\n".join(str(f) for f in failures)


def test_builtin_rulebook_has_generic_and_sites():
    book = load_rulebook()
    assert book.generic.id == "generic" and book.generic.rules
    assert all(s.domains or s.fingerprints for s in book.sites)


def test_every_rule_has_reason_and_examples():
    for ruleset in BUILTIN_SETS:
        for rule in ruleset.rules:
            assert rule.reason and rule.drops, rule.qualified_id


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, message",
    [
        ("not toml = = =", "not valid TOML"),
        ('[ruleset]\nid = "x.com"\n', "needs 'domains' or 'fingerprints'"),
        ('[ruleset]\nid = "generic"\n[[rules]]\nid = "a"\nreason = "r"\npattern = "("\ndrops = ["x"]\n', "bad regular expression"),
        ('[ruleset]\nid = "generic"\n[[rules]]\nid = "a"\nreason = "r"\npattern = "x"\n', "at least one example"),
        ('[ruleset]\nid = "generic"\n[[rules]]\nid = "a"\nreason = "r"\npattern = "x"\ndrops = ["x"]\npatern = "y"\n', "unknown key"),
        ('[ruleset]\nid = "generic"\n[[rules]]\nid = "a"\npattern = "x"\ndrops = ["x"]\n', "needs a 'reason'"),
    ],
)
def test_bad_rule_files_name_the_file_and_problem(tmp_path, body, message):
    path = _write(tmp_path, body)
    with pytest.raises(RuleError) as err:
        load_ruleset(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_user_rules_dir_adds_a_site_set(tmp_path):
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "example.org.toml").write_text(
        '[ruleset]\nid = "example.org"\nfingerprints = ["Example Org Ltd"]\n'
        '[[rules]]\nid = "promo"\nreason = "house ad"\npattern = "^Buy our mug$"\ndrops = ["Buy our mug"]\n',
        encoding="utf-8",
    )
    import cleaner

    book = load_rulebook((tmp_path,))
    text = "A long paragraph of article text that goes on and on to count as prose, it says.\n\nBuy our mug\n\n© Example Org Ltd"
    record = cleaner.clean(text, source="p.txt", rules=book)
    assert record.site == "example.org"
    assert any(r.rule == "example.org/promo" and r.text == "Buy our mug" for r in record.removed)


def test_an_edited_rule_file_is_read_again(tmp_path):
    import os

    path = tmp_path / "generic.toml"
    body = '[ruleset]\nid = "generic"\n[[rules]]\nid = "promo"\nreason = "r"\npattern = "^{}$"\ndrops = ["{}"]\n'
    path.write_text(body.format("Buy a mug", "Buy a mug"), encoding="utf-8")
    first = load_rulebook((tmp_path,))
    path.write_text(body.format("Buy two mugs", "Buy two mugs"), encoding="utf-8")
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 10**9))
    second = load_rulebook((tmp_path,))
    assert first.generic.rules[-1].pattern.pattern == "^Buy a mug$"
    assert second.generic.rules[-1].pattern.pattern == "^Buy two mugs$"
