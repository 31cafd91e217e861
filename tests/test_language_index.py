"""The language index reads only the head of each jusText list, and never imports jusText."""

import subprocess
import sys

from cleaner.decide import language


def test_choosing_a_language_does_not_import_justext() -> None:
    # jusText's import pulls in lxml and urllib; only its text files are needed.
    code = ("import sys; from cleaner.decide.language import choose_language; "
            "lang = choose_language(['The cat sat on the mat and it was in the house of the man.']); "
            "print(lang.name, 'justext' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["English", "False"]


def test_each_lists_head_is_its_full_lists_prefix() -> None:
    # The index is built from heads read lazily; they must be what the full lists begin with.
    for name in language._stoplist_names():
        full = language._ranked(name)
        assert language._top(name, 100) == full[:100], name
        assert language.stopwords(name) == frozenset(full)


def test_the_index_covers_every_list() -> None:
    names = language._stoplist_names()
    assert len(names) > 90 and "English" in names and "Korean" in names
    _, _, _, heads = language._index(100, 30)
    assert len(heads) == len(names) and all(h >= 1 for h in heads)
