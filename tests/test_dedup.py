"""Near-duplicate marking: edited copies are marked, other texts are not, results never vary.

Corpora are generated here from a seeded vocabulary (plus one hand-written wire story for the
edits newsrooms actually make), so the tests need no data files; the repo's seed captures are
used for one real-world check when present.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import cli
from cleaner.corpus.dedup import (
    NearDuplicateIndex,
    _analyse,
    _BandStore,
    _Fingerprints,
    _Ids,
    _is_word,
    _permutations,
    containment,
    fingerprint,
    mark_near_duplicates,
    words,
)
from cleaner.record import Record

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STORY = """\
WASHINGTON (Reuters) - President Donald Trump said on Tuesday his administration would review the
defense program that supplies armored vehicles to allied forces, a move that surprised lawmakers
from both parties and drew a sharp response from the organization representing manufacturers.

Trump told reporters at the White House that the program had grown too expensive and that the
center of the decision would be whether allies were paying their fair share. He said the review
would be finished within ninety days and that no contracts would be cancelled before then.

The announcement sent shares of several contractors lower in afternoon trading. Analysts said the
color of the final decision would depend on talks with European governments, which have long
favored a gradual approach to any change in the arrangements agreed after the last summit.

Senator Maria Lopez, who chairs the armed services panel, said the committee would hold hearings
next month and called on the administration to share its analysis with Congress. "We need to see
the numbers before anyone makes a decision of this size," she said in a statement.

A spokesperson for the manufacturers said the industry supported a review but warned that delays
could cost thousands of jobs in states that depend on the factories. Officials from the defense
department did not immediately respond to a request for comment on Tuesday evening.
"""

BRITISH = {
    "defense": "defence",
    "program": "programme",
    "armored": "armoured",
    "organization": "organisation",
    "center": "centre",
    "color": "colour",
    "favored": "favoured",
}


def british(text: str) -> str:
    return re.sub(r"\w+", lambda m: BRITISH.get(m.group(0), m.group(0)), text)


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


EDITS = {
    "identical": lambda t: t,
    "sentence splits": lambda t: t.replace(", a move that", ". It was a move that").replace(
        " and that no contracts", ". No contracts"
    ),
    "British spelling": british,
    "Mr added": lambda t: re.sub(r"\bTrump\b", "Mr Trump", t),
    "paragraph dropped": lambda t: "\n\n".join(paragraphs(t)[:2] + paragraphs(t)[3:]),
    "paragraph added": lambda t: (
        t + "\n\nThe review is the latest in a series of steps the White House has taken this year to "
        "cut spending on overseas commitments, which critics say weakens old alliances and supporters "
        "say is overdue after decades of growth."
    ),
    "credit added": lambda t: t + "\n\nReporting by Jane Doe; Editing by John Smith",
    "headline and dateline changed": lambda t: (
        "Trump orders review of vehicle programme\n\n"
        + t.replace("WASHINGTON (Reuters) - ", "WASHINGTON, June 3 (Reuters) - ")
    ),
    "all of the above": lambda t: (
        re.sub(r"\bTrump\b", "Mr Trump", british(t)).replace(", a move that", ". It was a move that")
        + "\n\nReporting by Jane Doe"
    ),
}


def vocabulary(seed: int, size: int = 3000) -> list[str]:
    rng = random.Random(seed)
    syllables = "ka to ri men sa lo pe dra vin ul or es tan bri que lu an mo ste gar il nu fe".split()
    found: set[str] = set()
    while len(found) < size:
        found.add("".join(rng.choices(syllables, k=rng.randint(1, 4))))
    return sorted(found)


VOCAB = vocabulary(11)


def article(rng: random.Random, n_words: int) -> str:
    ws = rng.choices(VOCAB, k=n_words)
    for i in range(0, n_words, rng.randint(8, 20)):
        ws[i] = ws[i].capitalize()
    return " ".join(ws) + "."


def edited(rng: random.Random, text: str, rate: float) -> str:
    """Substitute words at ``rate`` and split some sentences: a republished copy."""
    ws = text.split(" ")
    for i in range(len(ws)):
        if rng.random() < rate:
            ws[i] = rng.choice(VOCAB)
        elif rng.random() < 0.05:
            ws[i] += "."
    return " ".join(ws)


def planted_corpus(seed: int, n: int = 120) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """``n`` texts, about a fifth of them edited copies (containment ~0.6-0.95) of earlier ones."""
    rng = random.Random(seed)
    items: list[tuple[str, str]] = []
    originals: list[int] = []
    planted: dict[str, str] = {}
    for i in range(n):
        rid = f"{seed}-{i:04d}"
        if originals and rng.random() < 0.2:
            src = rng.choice(originals)
            items.append((rid, edited(rng, items[src][1], rng.uniform(0.0, 0.05))))
            planted[rid] = items[src][0]
        else:
            items.append((rid, article(rng, rng.randint(150, 700))))
            originals.append(i)
    return items, planted


def brute_force(items: list[tuple[str, str]], threshold: float = 0.5, min_words: int = 50) -> dict[str, str]:
    """The spec, pairwise: each text's earliest earlier container, ignoring short texts."""
    long = [(rid, text) for rid, text in items if len(words(text)) >= min_words]
    marks = {}
    for i, (rid, text) in enumerate(long):
        for other_id, other in long[:i]:
            if containment(text, other) >= threshold:
                marks[rid] = other_id
                break
    return marks


def run_index(items: list[tuple[str, str]], index: NearDuplicateIndex | None = None) -> dict[str, str]:
    index = NearDuplicateIndex() if index is None else index
    marks = {}
    for rid, text in items:
        target = index.add(rid, text)
        if target is not None:
            marks[rid] = target
    return marks


def shingles(text: str) -> set[tuple[str, ...]]:
    ws = words(text)
    return {tuple(ws[i : i + 5]) for i in range(len(ws) - 4)}


# --- containment -----------------------------------------------------------------------------


def test_containment_ignores_case_and_punctuation():
    a = "The quick brown fox, it seems, jumps over the lazy dog; again and again!"
    b = "the QUICK brown fox it seems jumps over the lazy dog again and again"
    assert containment(a, b) == 1.0
    assert containment("too short", "too short") == 0.0


def test_containment_is_a_share_of_the_first_text():
    long = article(random.Random(1), 400)
    excerpt = " ".join(long.split(" ")[100:200])
    assert containment(excerpt, long) == 1.0
    assert containment(long, excerpt) == pytest.approx(96 / 396, abs=0.01)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB[:30]), min_size=0, max_size=80),
    st.lists(st.sampled_from(VOCAB[:30]), max_size=80),
)
def test_containment_matches_a_set_of_word_tuples(a, b):
    ta, tb = " ".join(a), " ".join(b)
    reference = shingles(ta)
    expected = len(reference & shingles(tb)) / len(reference) if reference else 0.0
    assert containment(ta, tb) == pytest.approx(expected)


UNICODE_WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(" .,’“”–\n\u0301ßİﬁＡ_"),
    max_size=120,
)


@settings(max_examples=200, deadline=None)
@given(UNICODE_WORDS, UNICODE_WORDS)
def test_vectorised_words_match_the_regex_on_any_unicode(a, b):
    """The index finds words with a code-point table; ``words()`` (a regex) is the definition."""
    assert _analyse(a)[0] == len(words(a))
    reference = shingles(a)
    expected = len(reference & shingles(b)) / len(reference) if reference else 0.0
    assert containment(a, b) == pytest.approx(expected)


def test_fingerprint_is_pinned():
    """Guards "same result on every machine": a change here changes every decision."""
    fp = fingerprint("The quick brown fox jumps over the lazy dog")
    assert fp.dtype == np.uint32
    assert len(fp) == 5
    assert np.all(np.diff(fp.astype(np.int64)) > 0)
    assert fp.tolist() == PINNED_FINGERPRINT


PINNED_FINGERPRINT = [989763327, 1646988761, 2189908647, 2823264226, 3299680367]


def test_seed_captures_when_present():
    """003 is 000 edited (~0.8 contained); 001 is a paraphrase (~0.07); 002 and 004 other stories."""
    files = sorted(SEEDS.glob("00[0-4]_*.txt"))
    if len(files) < 5:
        pytest.skip("seed captures not present")
    items = [(f.name[:3], f.read_text(encoding="utf-8")) for f in files]
    assert run_index(items) == {"003": "000"}
    text = dict(items)
    assert containment(text["003"], text["000"]) > 0.7
    assert containment(text["001"], text["000"]) < 0.15


# --- what is marked --------------------------------------------------------------------------


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_edited_copies_of_a_story_are_marked(edit):
    copy = EDITS[edit](STORY)
    assert containment(copy, STORY) >= 0.5
    marks = list(
        mark_near_duplicates(
            [Record(id="original", source="a.txt", text=STORY), Record(id="copy", source="b.txt", text=copy)]
        )
    )
    assert [r.near_duplicate_of for r in marks] == [None, "original"]


def test_paraphrase_and_unrelated_texts_are_not_marked():
    rng = random.Random(5)
    ws = STORY.split(" ")
    # A paraphrase rewords throughout: every fourth word changed leaves no 5-gram intact.
    paraphrase = " ".join(rng.choice(VOCAB) if i % 4 == 0 else w for i, w in enumerate(ws))
    items = [("story", STORY), ("paraphrase", paraphrase)]
    items += [(f"other{i}", article(rng, rng.randint(60, 600))) for i in range(30)]
    assert containment(paraphrase, STORY) < 0.1
    assert run_index(items) == {}


def test_planted_corpus_matches_brute_force():
    items, planted = planted_corpus(seed=3)
    marks = run_index(items)
    assert marks == brute_force(items)
    assert marks == planted


def test_lsh_candidates_are_what_add_checks_and_are_counted():
    items, planted = planted_corpus(seed=6)
    index = NearDuplicateIndex()
    total = 0
    for rid, text in items:
        candidates = dict(index.lsh_candidates(text))
        assert list(candidates) == sorted(candidates, key=lambda c: int(c.split("-")[1]))  # earliest first
        assert all(1 <= n <= index.bands for n in candidates.values())
        target = index.add(rid, text)
        assert target is None or target in candidates
        if rid in planted:  # an edited copy shares many of its original's 64 bands
            assert candidates[planted[rid]] > 1
        total += len(candidates)
    assert index.candidates == total >= len(planted) > 0
    assert 0 < index.checked <= index.candidates


def test_band_store_runs_and_merges_agree_with_the_dict():
    """Force tiny flushes so lookups go through sorted runs and their merges."""
    items, planted = planted_corpus(seed=4, n=150)
    index = NearDuplicateIndex()
    index._bands = _BandStore(flush_every=3)
    assert run_index(items, index) == planted
    assert len(index._bands._runs) >= 3


def test_short_texts_are_never_marked_nor_targets():
    rng = random.Random(8)
    short = article(rng, 45)  # 45 words
    long = article(rng, 300)
    items = [
        ("short", short),
        ("short-copy", short),  # identical, but short: not marked
        ("long", long),
        ("excerpt", " ".join(long.split(" ")[:49])),  # 49 words of "long": not marked
        ("extends-short", short + " " + article(rng, 10)),  # 55 words, 80% in "short": not a target
    ]
    assert run_index(items) == {}
    # At exactly min_words a text takes part.
    index = NearDuplicateIndex()
    fifty = " ".join(long.split(" ")[:50])
    index.add("sixty", " ".join(long.split(" ")[:60]))
    assert index.add("fifty", fifty) == "sixty"
    assert len(index) == 1  # "fifty" lies wholly inside "sixty": never needed as a target


def test_earliest_container_wins():
    rng = random.Random(9)
    a = article(rng, 300)
    b = a + " " + article(rng, 400)  # contains a, but is not mostly in a
    c = " ".join(b.split(" ")[250:])  # most of c only in b
    items = [("a", a), ("b", b), ("a-again", a), ("c", c), ("c-again", c)]
    index = NearDuplicateIndex()
    assert run_index(items, index) == {"a-again": "a", "c": "b", "c-again": "b"}
    # Texts wholly inside their target are not indexed: the earlier target always wins.
    assert len(index) == 2


def test_stale_marks_are_recomputed():
    rec = Record(id="x", source="x.txt", text=STORY, near_duplicate_of="old")
    assert next(mark_near_duplicates([rec])).near_duplicate_of is None


def test_marking_is_lazy():
    """Records come out as they go in: nothing waits for the end of the input."""
    consumed = []

    def source():
        for i in itertools.count():
            consumed.append(i)
            yield Record(id=str(i), source=f"{i}.txt", text=STORY)

    first = list(itertools.islice(mark_near_duplicates(source()), 3))
    assert [r.near_duplicate_of for r in first] == [None, "0", "0"]
    assert consumed == [0, 1, 2]


# --- the sketch: order independence, determinism ---------------------------------------------


def test_signature_is_datasketch_minhash_and_ignores_item_order():
    fp = fingerprint(STORY)
    index = NearDuplicateIndex(seed=1)
    reference = MinHash(num_perm=128, seed=1, hashfunc=int)
    reference.update_batch(fp.tolist())
    assert np.array_equal(index.signature(fp), reference.hashvalues)
    shuffled = fp.copy()
    np.random.default_rng(0).shuffle(shuffled)
    assert np.array_equal(index.signature(shuffled), index.signature(fp))


def test_permutation_table_is_datasketchs_for_default_and_other_parameters():
    # The default pair is a written-out table (no numpy.random or datasketch at run time); other
    # parameters are drawn. Both must be exactly datasketch's affine32 parameters.
    for num_perm, seed in ((128, 1), (128, 2), (64, 1), (256, 12345)):
        a, b = _permutations(num_perm, seed)
        ref_a, ref_b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        assert a.dtype == b.dtype == np.uint32
        assert np.array_equal(a, ref_a) and np.array_equal(b, ref_b), (num_perm, seed)


def test_word_table_equals_the_regex_on_every_code_point():
    # The table is filled page by page on demand; it must say what ``\w`` says, everywhere.
    every = "".join(map(chr, range(0x110000)))
    expected = np.array([c != "\0" for c in re.sub(r"\W", "\0", every)])
    assert np.array_equal(_is_word(np.arange(0x110000, dtype=np.uint32)), expected)


def test_default_index_does_not_import_datasketch_or_numpy_random():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from cleaner.corpus.dedup import NearDuplicateIndex\n"
        "index = NearDuplicateIndex()\n"
        f"index.add('a', {STORY!r})\n"
        "print(sorted(m for m in ('datasketch', 'scipy', 'numpy.random') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_fingerprints_spilled_to_the_temporary_file_give_the_same_marks(monkeypatch):
    items, planted = planted_corpus(seed=8)
    in_memory = NearDuplicateIndex()
    expected = run_index(items, in_memory)
    assert expected == planted and in_memory.spilled_bytes() == 0
    # A buffer of a few fingerprints: nearly every candidate is read back from the file, and
    # one fingerprint is larger than the whole buffer.
    monkeypatch.setattr(_Fingerprints, "FIRST", 64)
    monkeypatch.setattr(_Fingerprints, "CHUNK", 512)
    spilled = NearDuplicateIndex()
    assert run_index(items, spilled) == expected
    assert spilled.spilled_bytes() > 0
    assert spilled.nbytes() < in_memory.nbytes()
    store = _Fingerprints()
    arrays = [np.arange(n, dtype=np.uint32) * 7 for n in (100, 600, 3, 512, 0, 40)]
    for values in arrays:
        store.append(values)
    assert all(np.array_equal(store[i], values) for i, values in enumerate(arrays))


def test_without_a_writable_temporary_folder_fingerprints_stay_in_memory(monkeypatch):
    items, planted = planted_corpus(seed=10)
    expected = run_index(items)
    monkeypatch.setattr(_Fingerprints, "FIRST", 64)
    monkeypatch.setattr(_Fingerprints, "CHUNK", 512)
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.TemporaryFile", refuse)
    index = NearDuplicateIndex()
    assert run_index(items, index) == expected
    assert calls and index.spilled_bytes() == 0


def test_ids_are_stored_packed_and_read_back_exactly():
    ids = _Ids()
    names = ["a", "", "r0000001", "café-ü", "\udc80odd", "日本語" * 20]
    for name in names:
        ids.append(name)
    assert [ids[i] for i in range(len(names))] == names
    assert len(ids) == len(names)


def test_marking_without_an_index_indexes_the_first_record_late_with_the_same_marks():
    # mark_near_duplicates holds off the index until a second record arrives; the first
    # record must still be a target, and every mark must be what one index from the start gives.
    items, planted = planted_corpus(seed=9)
    items = [(rid, STORY if n == 0 else text) for n, (rid, text) in enumerate(items)]
    items.insert(1, ("copy-of-first", STORY))
    expected = run_index(items)
    assert expected["copy-of-first"] == items[0][0]
    records = [Record(id=rid, source=f"{rid}.txt", text=text, near_duplicate_of="stale") for rid, text in items]
    marked = {r.id: r.near_duplicate_of for r in mark_near_duplicates(records)}
    assert {k: v for k, v in marked.items() if v is not None} == expected
    assert [r.near_duplicate_of for r in mark_near_duplicates(records[:1])] == [None]
    assert list(mark_near_duplicates([])) == []
    with pytest.raises(ValueError):
        list(mark_near_duplicates(records[:1], threshold=1.5))


def test_same_pairs_whatever_the_permutations_or_their_order():
    items, planted = planted_corpus(seed=6)
    baseline = run_index(items)
    assert baseline == planted
    for seed in (2, 3, 12345):
        assert run_index(items, NearDuplicateIndex(seed=seed)) == baseline
    reordered = NearDuplicateIndex(seed=1)
    order = np.random.default_rng(1).permutation(reordered.num_perm)
    reordered._perm_a = reordered._perm_a[order]
    reordered._perm_b = reordered._perm_b[order]
    assert run_index(items, reordered) == baseline


def test_two_runs_same_output():
    items, _ = planted_corpus(seed=7)
    records = [Record(id=rid, source=f"{rid}.txt", text=text) for rid, text in items]
    first = [r.to_json() for r in mark_near_duplicates(records)]
    second = [r.to_json() for r in mark_near_duplicates(records)]
    assert first == second


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=1.5)
    with pytest.raises(ValueError):
        NearDuplicateIndex(min_words=3)


# --- the command -----------------------------------------------------------------------------


def write_records(path: Path, records: list[Record]) -> None:
    path.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")


def corpus_records() -> list[Record]:
    return [
        Record(id="a", source="a.txt", title="Wir prüfen", text=STORY),
        Record(id="b", source="b.txt", text=article(random.Random(2), 200)),
        Record(id="c", source="c.txt", text=EDITS["all of the above"](STORY), near_duplicate_of="stale"),
        Record(id="d", source="d.txt", text="Short text."),
    ]


def test_cli_dedup_end_to_end(tmp_path, capsys):
    src, out = tmp_path / "records.jsonl", tmp_path / "out" / "marked.jsonl"
    records = corpus_records()
    write_records(src, records)
    assert cli.main(["dedup", str(src), "-o", str(out)]) == 0
    expected = [records[0], records[1], records[2].with_near_duplicate("a"), records[3]]
    assert out.read_text(encoding="utf-8") == "".join(r.to_json() + "\n" for r in expected)
    assert "prüfen" in out.read_text(encoding="utf-8")  # ensure_ascii=False
    assert "1 marked" in capsys.readouterr().err


def test_cli_dedup_in_place_and_threshold(tmp_path):
    src = tmp_path / "records.jsonl"
    write_records(src, corpus_records())
    assert cli.main(["dedup", str(src), "-o", str(src), "--near-duplicate-threshold", "1.0"]) == 0
    marks = [json.loads(line)["near_duplicate_of"] for line in src.read_text(encoding="utf-8").splitlines()]
    assert marks == [None, None, None, None]  # the edited copy is not 100% contained


def test_cli_dedup_to_stdout(tmp_path, capsys):
    src = tmp_path / "records.jsonl"
    write_records(src, corpus_records())
    assert cli.main(["dedup", str(src)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["near_duplicate_of"] for line in lines] == [None, None, "a", None]


def test_cli_dedup_malformed_line_names_file_and_line(tmp_path, capsys):
    src, out = tmp_path / "records.jsonl", tmp_path / "marked.jsonl"
    good = corpus_records()
    src.write_text(good[0].to_json() + "\n" + good[1].to_json() + "\n{not json\n", encoding="utf-8")
    out.write_text("previous\n", encoding="utf-8")
    assert cli.main(["dedup", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{src}:3: malformed JSON" in err
    assert out.read_text(encoding="utf-8") == "previous\n"  # atomic: untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marked.jsonl", "records.jsonl"]  # no temp left


@pytest.mark.parametrize(
    ("line", "message"),
    [('["a list"]', "expected a JSON object"), ('{"id": "x"}', "not a record"), (b"\xff\xfe", "not UTF-8")],
)
def test_cli_dedup_rejects_non_records(tmp_path, capsys, line, message):
    src = tmp_path / "records.jsonl"
    data = line if isinstance(line, bytes) else line.encode()
    src.write_bytes(corpus_records()[0].to_json().encode() + b"\n\n" + data + b"\n")
    assert cli.main(["dedup", str(src), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert f"{src}:3: {message}" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_dedup_missing_file_and_bad_threshold(tmp_path, capsys):
    assert cli.main(["dedup", str(tmp_path / "nope.jsonl")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli.main(["dedup", "x.jsonl", "--near-duplicate-threshold", "1.5"])
    assert exc.value.code == 2


def test_cli_dedup_help(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["dedup", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert "near_duplicate_of" in text and "--near-duplicate-threshold" in text and "atomically" in text


_STORY = ("The harbour board voted on Monday to rebuild the old pier at the end of the main wharf, "
          "after a survey found that the timber piles had rotted below the waterline, and the work "
          "will close the ferry berth for most of the next two years while the ferries land elsewhere.")


@pytest.mark.parametrize("form", ["records", "documents"])
def test_cli_dedup_keeps_metadata_and_reads_documents(tmp_path, form):
    """What ``run`` writes in either format, unmarked, comes out of ``dedup`` as ``run`` marks it:
    a record's ``metadata`` field kept, a document's mark inside its ``metadata``."""
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps(d) + "\n" for d in [
        {"id": "one", "text": _STORY, "metadata": {"url": "https://example.org/pier", "lang": "en"}},
        {"id": "two", "text": _STORY + "\n\nShare this story", "metadata": {"lang": "en"}},
        {"id": "three", "text": "A short note about the weather on the coast this weekend."},
    ]), encoding="utf-8")
    plain, marked, deduped = (tmp_path / f"{n}.jsonl" for n in ("plain", "marked", "deduped"))
    common = ["run", str(docs), "--format", form, "--no-progress", "-j", "1"]
    assert cli.main([*common, "-o", str(plain), "--no-near-duplicates"]) == 0
    assert cli.main([*common, "-o", str(marked)]) == 0
    assert cli.main(["dedup", str(plain), "-o", str(deduped)]) == 0
    assert deduped.read_bytes() == marked.read_bytes()
    lines = [json.loads(line) for line in deduped.read_text(encoding="utf-8").splitlines()]
    if form == "records":
        assert [line.get("metadata") for line in lines] == [
            {"url": "https://example.org/pier", "lang": "en"}, {"lang": "en"}, None]
        assert [line["near_duplicate_of"] for line in lines] == [None, "one", None]
    else:
        assert [line["metadata"]["near_duplicate_of"] for line in lines] == [None, "one", None]
        assert [line["metadata"].get("lang") for line in lines] == ["en", "en", None]
