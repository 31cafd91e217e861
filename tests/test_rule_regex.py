"""Rule regexes are checked when their file loads and compiled when a block first needs them
(``cleaner.decide.rule_regex``): every error ``re.compile`` raises is still a load error that
names the file and the rule, and a pattern answers as its compiled form does."""

from __future__ import annotations

import pickle
import re

import pytest

from cleaner.decide.rule_regex import RulePattern
from cleaner.decide.rulebook import RuleError, builtin_rules_dir, load_ruleset, rule_files

BAD = [
    "(",                      # parser: missing )
    "a{2,1}",                 # parser: min repeat greater than max repeat
    "[z-a]",                  # parser: bad character range
    "(?<=a+)b",               # compiler: look-behind requires fixed-width pattern
    "x(?<!ab|c)",             # compiler: the same, inside an alternation
    "(?P<n>a)(?P=m)",         # parser: unknown group name
    "(?i)a(?m)",              # parser: global flags not at the start
]


@pytest.mark.parametrize("pattern", BAD)
def test_a_bad_rule_regex_is_an_error_at_load_naming_file_and_rule(tmp_path, pattern):
    with pytest.raises(re.error) as compiled:
        re.compile(pattern)
    for key in ("pattern", "until"):
        path = tmp_path / "generic.toml"
        rule = (f"pattern = {pattern!r}\n" if key == "pattern" else
                f"pattern = 'x'\naction = \"section\"\nuntil = {pattern!r}\n")
        path.write_text(f'[ruleset]\nid = "generic"\n[[rules]]\nid = "odd-one"\nreason = "r"\n{rule}drops = ["x"]\n',
                        encoding="utf-8")
        with pytest.raises(RuleError) as err:
            load_ruleset(path)
        message = str(err.value)
        assert str(path) in message and "'odd-one'" in message and "bad regular expression" in message
        assert str(compiled.value) in message  # the same reason re.compile gives


def _builtin_patterns() -> list[RulePattern]:
    sets = [load_ruleset(p) for p in rule_files(builtin_rules_dir())]
    return [p for s in sets for r in s.rules for p in (r.pattern, r.until) if p is not None]


def test_a_rule_pattern_is_parsed_at_load_and_compiled_on_first_use():
    patterns = _builtin_patterns()
    assert len(patterns) > 30
    assert not [p.pattern for p in patterns if p._compiled is not None]  # none has a look-behind
    for lazy in patterns:
        plain = re.compile(lazy.pattern)
        # What the engine reads before compiling: the flags (inline ones included) and the parse.
        assert lazy.flags == plain.flags, lazy.pattern
        assert repr(list(lazy.tree)) == repr(list(re._parser.parse(plain.pattern, plain.flags))), lazy.pattern
        assert lazy == RulePattern(lazy.pattern) and hash(lazy) == hash(RulePattern(lazy.pattern))
    lazy = patterns[0]
    assert lazy.compiled() is re.compile(lazy.pattern)  # the regex cache's own object
    assert "search" in vars(lazy)  # from now on the compiled pattern's own methods answer


def test_a_rule_pattern_answers_as_the_compiled_pattern():
    text = "Share this article\nRead more: the story\n© 2024 Example Media"
    for source in (r"(?i)^share this", r"(?m)^read more:\s*(\w+)", r"(?i)(?<=\d{4} )example"):
        plain = re.compile(source)
        for method, args in (("search", (text,)), ("match", (text,)), ("fullmatch", (text,)),
                             ("findall", (text,)), ("split", (text,)), ("sub", ("_", text))):
            lazy = RulePattern(source)  # fresh: the first call compiles
            got, want = getattr(lazy, method)(*args), getattr(plain, method)(*args)
            if isinstance(want, re.Match):
                assert got is not None and got.span() == want.span() and got.groups() == want.groups()
            else:
                assert got == want, (source, method)
        assert [m.span() for m in RulePattern(source).finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_rule_pattern_travels_to_a_worker_process():
    lazy = RulePattern(r"(?i)^share this")
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy == lazy and copy.flags == lazy.flags and copy.search("Share this now")
