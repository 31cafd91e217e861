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
        for n in (1, 30, 100, 1500):
            assert language._top(name, n) == full[:n], (name, n)
        assert language.stopwords(name) == frozenset(full)


def test_the_index_covers_every_list() -> None:
    names = language._stoplist_names()
    assert len(names) > 90 and "English" in names and "Korean" in names
    _, _, _, heads = language._index(100, 30)
    assert len(heads) == len(names) and all(h >= 1 for h in heads)


def test_choosing_a_long_pages_language_holds_no_list_of_its_words() -> None:
    # A list of every word of the page cost ~60 bytes a word, ten times the page, at once;
    # counted text by text, the peak is the joined page and one count per distinct word.
    import random
    import tracemalloc

    rng = random.Random(3)
    made_up = ["".join(rng.choices("bcdfghklmnprstvz", k=3)) + rng.choice("aeiou") for _ in range(1500)]
    words = made_up + ["the", "of", "and", "to", "in", "is", "that", "for", "it", "was"] * 50
    texts = [" ".join(rng.choices(words, k=rng.randint(20, 80))) + "." for _ in range(1500)]
    size = sum(len(text) + 1 for text in texts)
    language.choose_language(texts[:3])  # the stop-word index is built once a process, not per page
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        chosen = language.choose_language(iter(texts))
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert chosen.name == "English"
    assert peak < 3 * size
