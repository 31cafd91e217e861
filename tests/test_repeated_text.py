"""generic/repeated-text: a page that prints its article a second time, flattened into one block."""

from __future__ import annotations

from cleaner import clean

PARA = [
    "The council said on Monday that the new bridge would open in the spring, two years later than planned.",
    "Officials blamed the delay on a shortage of steel and on a dispute with the contractor over the design.",
    "Residents who have waited for the crossing since 2015 said they were disappointed but not surprised.",
    "The mayor said the city would ask the state for money to cover the extra costs, which run to millions.",
]


def _rules(record) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in record.removed:
        out.setdefault(r.rule, []).append(r.text)
    return out


def test_a_flattened_second_copy_of_the_article_goes_the_first_stays():
    text = "\n\n".join(PARA) + "\n\nShare this story\n\n" + " ".join(PARA) + "\n"
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join(PARA)
    removed = _rules(record)
    assert removed["generic/repeated-text"] == [" ".join(PARA)]


def test_a_pull_quote_of_one_paragraph_stays():
    quote = "a shortage of steel and on a dispute with the contractor over the design"
    text = "\n\n".join([PARA[0], PARA[1], f"“{quote}”", PARA[2], PARA[3]]) + "\n"
    record = clean(text, source="page.txt")
    assert "generic/repeated-text" not in _rules(record)
    assert quote in record.text.split("\n\n")[2]


def test_text_said_once_is_left_alone():
    text = "\n\n".join(PARA) + "\n"
    record = clean(text, source="page.txt")
    assert record.text == "\n\n".join(PARA)
    assert "generic/repeated-text" not in _rules(record)


def test_why_names_the_shared_share():
    from cleaner import explain

    text = "\n\n".join(PARA) + "\n\nShare this story\n\n" + " ".join(PARA) + "\n"
    page = explain(text, source="page.txt").page
    i = next(i for i, r in enumerate(page.removed_by) if r == "generic/repeated-text")
    assert "word 4-grams are in the page's other kept text" in page.why[i]


def _naive_inside(texts: dict[int, str], n: int) -> dict[int, tuple[int, int]]:
    """The shares as first written: a Counter of word tuples per block, one page total."""
    import re
    from collections import Counter

    own = {}
    for i, text in texts.items():
        words = re.findall(r"\w+", text.casefold())
        own[i] = Counter(tuple(words[k:k + n]) for k in range(len(words) - n + 1))
    total: Counter = Counter()
    for counts in own.values():
        total.update(counts)
    return {i: (sum(c for s, c in mine.items() if total[s] - c > 0), mine.total()) for i, mine in own.items()}


def test_numbered_shingles_count_what_word_tuples_count():
    # Integer shingles, numbered only when their hash bucket is hit twice, must give every
    # block the same (inside, size) as word tuples, whether its shingles repeat or not.
    import random

    from cleaner.decide.detectors.repeats import _Shingles

    rng = random.Random(5)
    for vocab_size in (3, 12, 400):
        vocab = [f"w{k}" for k in range(vocab_size)] + ["Über", "ÜBER", "straße"]
        texts = {i: " ".join(rng.choices(vocab, k=rng.randint(0, 40))) for i in range(0, 60, 2)}
        shingles = _Shingles(texts, 4)
        got = {}
        for i in texts:
            mine = shingles.counts(i)
            got[i] = (sum(c for s, c in mine.items() if shingles.total[s] - c > 0), shingles.size[i])
        assert got == _naive_inside(texts, 4)
        holders = shingles.holders()
        assert all(len(set(js)) == len(js) > 0 for js in holders.values())


def _long_page() -> tuple[dict[int, str], int]:
    """1,500 blocks of 30-90 words from a made-up vocabulary with common function words (a few
    repeats by chance), and their total length: the page the memory tests measure against."""
    import random

    rng = random.Random(11)
    vocab = ["".join(rng.choices("bcdfghklmnprstvz", k=3)) + rng.choice("aeiou") for _ in range(2000)]
    vocab += ["the", "of", "and", "to", "in", "a"] * 60
    texts = {i: " ".join(rng.choices(vocab, k=rng.randint(30, 90))) for i in range(1500)}
    return texts, sum(len(text) for text in texts.values())


def test_shingles_of_a_long_page_cost_a_few_bytes_a_character():
    # Per-block counters of word tuples cost ~300 bytes a word (28x a capture's size on
    # bench/speed.py's 20,000-line page); hashes of the repeated shingles only must stay small.
    import tracemalloc

    from cleaner.decide.detectors.repeats import _Shingles

    texts, size = _long_page()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        shingles = _Shingles(texts, 4)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak < 6 * size
    assert sum(shingles.size.values()) > 50 * len(texts)


def test_shingles_keep_nothing_for_blocks_without_a_repeat():
    # Every block kept an array of its repeated shingles (64 bytes even when empty) and each
    # block's hashes were an array of their own while the bitset was built: 0.7x the text held
    # and 3.9x at the peak; now one array of hashes, and only the blocks with a repeat are kept.
    import tracemalloc

    from cleaner.decide.detectors.repeats import _Shingles

    texts, size = _long_page()
    _Shingles(texts, 4)  # free lists filled
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        shingles = _Shingles(texts, 4)
        held, peak = (n - base for n in tracemalloc.get_traced_memory())
    finally:
        tracemalloc.stop()
    assert len(shingles.own) < 10 and all(shingles.own.values())
    assert held < 0.4 * size and peak < 3.5 * size
