"""Benchmark near-duplicate marking on a synthetic corpus with planted near-duplicates.

Run on purpose, not by the test suite::

    .venv/bin/python bench/dedup.py                  # 100,000 records
    .venv/bin/python bench/dedup.py --records 10000  # quicker

The corpus is generated from a seeded, Zipf-weighted vocabulary of made-up words, with a bank
of stock phrases ("did not immediately respond to a request for comment" style) sprinkled in so
unrelated records share some shingles, as real news does: that is what makes LSH candidates
appear between records that are not near-duplicates. Records are 1-5 KB. About 10% of them are
planted near-duplicates: an earlier original edited the way republished wire copy is (sentences
split, words substituted, "Mr" inserted, a paragraph dropped or added, a credit line appended),
aiming at containment 0.6-0.95 in the original.

Reported: records/s of ``mark_near_duplicates`` alone (generation is not timed), peak RSS of the
process (corpus included), the index's bytes per indexed record (as the index counts them, and
as tracemalloc measures them in a second pass), and recall/precision on the planted pairs.

``--candidates`` adds a pass that looks at every LSH candidate pair: how many per record as the
corpus grows, and the true Jaccard similarity and containment of each pair by kind (the planted
original, another edit of the same original, unrelated). ``--background RECORDS.jsonl`` compares
the corpus's background similarity (every pair of unrelated texts: the share that shares
shingles, and the mean chance of becoming an LSH candidate) with real records, e.g. the output of
``clean-corpus run`` on ``../shared/trainset``: if unrelated synthetic records were more alike
than real ones, candidates would grow faster here than on a real corpus.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from cleaner.corpus.dedup import (  # noqa: E402
    DEFAULT_MIN_WORDS,
    NearDuplicateIndex,
    containment,
    fingerprint,
    mark_near_duplicates,
    words,
)
from cleaner.record import Record  # noqa: E402

MIN_BYTES, MAX_BYTES = 1000, 5000
SYLLABLES = (
    "ka to ri men sa lo pe dra vin ul or es tan bri que lu an mo ste gar il nu fe pol "
    "the ra ve ko di sun mar be ca hol tri we ex ny zo ap ig"
).split()


class Corpus:
    """Seeded generator of news-like texts and their edited copies."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        words = set()
        while len(words) < 30_000:
            words.add("".join(rng.choices(SYLLABLES, k=rng.choice((1, 2, 2, 3, 3, 4)))))
        self.vocab = sorted(words)
        rng.shuffle(self.vocab)
        self.cum = []
        total = 0.0
        for rank in range(len(self.vocab)):
            total += 1.0 / (rank + 1) ** 1.05
            self.cum.append(total)
        self.names = [w.capitalize() for w in self.vocab[5000:7000]]
        self.name_set = frozenset(self.names)
        self.phrases = [self.words(rng.randint(6, 12)) for _ in range(2000)]

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=n)

    def sentence(self) -> str:
        rng = self.rng
        ws = self.words(rng.randint(8, 25))
        if rng.random() < 0.3:
            at = rng.randrange(len(ws))
            ws[at:at] = rng.choice(self.phrases)
        if rng.random() < 0.5:
            ws.insert(rng.randrange(len(ws)), rng.choice(self.names))
        if rng.random() < 0.3:
            ws[rng.randrange(1, len(ws))] += ","
        return " ".join(ws).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def article(self) -> str:
        """1-5 KB of paragraphs (UTF-8 bytes; the vocabulary is ASCII)."""
        size = self.rng.randint(1000, 4600)
        paragraphs: list[str] = []
        length = -2
        while length < size:
            paragraph = self.paragraph()
            if length + 2 + len(paragraph) > MAX_BYTES:
                if length >= MIN_BYTES:
                    break
                continue
            paragraphs.append(paragraph)
            length += 2 + len(paragraph)
        return "\n\n".join(paragraphs)

    def edit(self, text: str) -> str:
        """An edited republication of ``text``, 1-5 KB, containment 0.6-0.95 in ``text``.

        Edits are random, so a few tries may be needed to land in the band.
        """
        for _ in range(20):
            copy = self._edit(text)
            if MIN_BYTES <= len(copy) <= MAX_BYTES and 0.6 <= containment(copy, text) <= 0.95:
                return copy
        return copy

    def _edit(self, text: str) -> str:
        rng = self.rng
        paragraphs = text.split("\n\n")
        if len(paragraphs) > 2 and rng.random() < 0.4:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        out = []
        sub_rate = rng.uniform(0.0, 0.04)
        for paragraph in paragraphs:
            tokens = paragraph.split(" ")
            for i in range(len(tokens)):
                if rng.random() < sub_rate:
                    tokens[i] = self.words(1)[0]
                elif tokens[i] in self.name_set and rng.random() < 0.5:
                    tokens[i] = "Mr " + tokens[i]
            paragraph = " ".join(tokens)
            # Sentence splits: a comma becomes a full stop.
            paragraph = paragraph.replace(", ", ". ", rng.randint(0, 3))
            out.append(paragraph)
        if rng.random() < 0.5:
            out.insert(rng.randrange(len(out) + 1), self.paragraph())
        if rng.random() < 0.5:
            out.append(f"Reporting by {rng.choice(self.names)} {rng.choice(self.names)}")
        return "\n\n".join(out)


def build(n: int, seed: int, share: float) -> tuple[list[Record], dict[str, str]]:
    corpus = Corpus(seed)
    records: list[Record] = []
    originals: list[int] = []
    planted: dict[str, str] = {}
    for i in range(n):
        rid = f"r{i:07d}"
        if originals and corpus.rng.random() < share:
            src = records[corpus.rng.choice(originals)]
            records.append(Record(id=rid, source=f"{rid}.txt", text=corpus.edit(src.text)))
            planted[rid] = src.id
        else:
            records.append(Record(id=rid, source=f"{rid}.txt", text=corpus.article()))
            originals.append(i)
    return records, planted


JACCARD_BINS = (0.0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 1 / 3, 0.5, 0.8, 1.0)


def _shares(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Jaccard similarity and containment of ``a`` in ``b`` (sorted distinct hashes)."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / max(1, len(a))


def candidate_pairs(records: list[Record], planted: dict[str, str], steps: int = 5) -> None:
    """Every LSH candidate pair, by kind, with its true Jaccard similarity and containment."""
    index = NearDuplicateIndex()
    prints = {}
    jaccard: dict[str, list[float]] = collections.defaultdict(list)
    contained: dict[str, list[float]] = collections.defaultdict(list)
    bands: dict[str, collections.Counter[int]] = collections.defaultdict(collections.Counter)
    step = max(1, len(records) // steps)
    print("LSH candidates per record (each line: the records since the line before)")
    before = 0
    for n, record in enumerate(records, 1):
        fp = fingerprint(record.text)
        for other, shared in index.lsh_candidates(record.text):
            if planted.get(record.id) == other:
                kind = "the planted original"
            elif other in planted and planted[other] == planted.get(record.id):
                kind = "an edit of the same original"
            else:
                kind = "unrelated"
            j, c = _shares(fp, prints[other])
            jaccard[kind].append(j)
            contained[kind].append(c)
            bands[kind][min(shared, 5)] += 1
        index.add(record.id, record.text)
        prints[record.id] = fp
        if n % step == 0:
            print(f"  {n:>9,} records: {(index.candidates - before) / step:.2f} candidates/record", flush=True)
            before = index.candidates
    total = sum(len(v) for v in jaccard.values())
    print(f"candidate pairs: {total:,}")
    for kind, values in sorted(jaccard.items(), key=lambda kv: -len(kv[1])):
        js, cs = np.array(values), np.array(contained[kind])
        q = (0.1, 0.5, 0.9, 0.99)
        print(f"  {kind}: {len(js):,} ({len(js) / total:.0%}); Jaccard 10/50/90/99%: "
              f"{', '.join(f'{x:.3f}' for x in np.quantile(js, q))}; containment 10/50/90/99%: "
              f"{', '.join(f'{x:.3f}' for x in np.quantile(cs, q))}")
        counts = np.histogram(js, bins=JACCARD_BINS)[0]
        print("    Jaccard " + ", ".join(f"[{lo:.3g}, {hi:.3g}): {c:,}"
                                         for lo, hi, c in zip(JACCARD_BINS[:-1], JACCARD_BINS[1:], counts, strict=True) if c))
        print("    bands shared (of 64) " + ", ".join(f"{'5+' if n == 5 else n}: {c:,}" for n, c in sorted(bands[kind].items())))


def background(name: str, texts: list[str], bands: int = 64, rows: int = 2) -> None:
    """Similarity of every pair of texts (near-duplicates, Jaccard >= 0.2, left out)."""
    prints = [fingerprint(text) for text in texts if len(words(text)) >= DEFAULT_MIN_WORDS]  # as indexed
    postings: dict[int, list[int]] = collections.defaultdict(list)
    for i, fp in enumerate(prints):
        for h in fp.tolist():
            postings[h].append(i)
    shared: collections.Counter[tuple[int, int]] = collections.Counter()
    for owners in postings.values():
        shared.update(itertools.combinations(owners, 2))
    pairs = len(prints) * (len(prints) - 1) // 2
    js = np.array([c / (len(prints[a]) + len(prints[b]) - c) for (a, b), c in shared.items()])
    near = int((js >= 0.2).sum())
    js = js[js < 0.2]
    chance = float((1 - (1 - js**rows) ** bands).sum()) / pairs
    print(f"{name}: {len(prints):,} texts, {pairs:,} pairs ({near} near-duplicate pairs left out); "
          f"share of pairs with Jaccard >= 0.001 / 0.01 / 0.05: "
          f"{(js >= 0.001).sum() / pairs:.1e} / {(js >= 0.01).sum() / pairs:.1e} / {(js >= 0.05).sum() / pairs:.1e}")
    print(f"  mean chance that an unrelated pair is an LSH candidate: {chance:.2e} -> about "
          f"{chance * 1e5:.1f} candidates a record at 100,000 records, {chance * 1e6:.0f} at 1,000,000")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000, help="corpus size (default 100,000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--share", type=float, default=0.10, help="share of planted near-duplicates")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the second, traced pass")
    parser.add_argument("--candidates", action="store_true",
                        help="a pass over every LSH candidate pair: kinds, Jaccard, containment")
    parser.add_argument("--background", metavar="RECORDS.jsonl",
                        help="compare unrelated pairs' similarity with these records' texts")
    args = parser.parse_args(argv)

    if args.background:
        with open(args.background, encoding="utf-8") as lines:
            real = [json.loads(line)["text"] for line in lines if line.strip()]
        background(args.background, real)
        corpus = Corpus(args.seed)
        background("synthetic articles (this corpus, no planted copies)", [corpus.article() for _ in real])
        return 0

    t0 = time.perf_counter()
    records, planted = build(args.records, args.seed, args.share)
    sizes = [len(r.text.encode("utf-8")) for r in records]
    print(
        f"corpus: {len(records):,} records, {len(planted):,} planted near-duplicates, "
        f"{min(sizes):,}-{max(sizes):,} bytes (mean {statistics.fmean(sizes):,.0f}), "
        f"generated in {time.perf_counter() - t0:.1f} s"
    )
    by_id = {r.id: r for r in records}
    sample = sorted(planted)[:: max(1, len(planted) // 2000)]
    shares = [containment(by_id[d].text, by_id[planted[d]].text) for d in sample]
    print(
        f"planted containment (sample of {len(sample)}): min {min(shares):.2f}, "
        f"median {statistics.median(shares):.2f}, max {max(shares):.2f}; "
        f"{sum(s < args.threshold for s in shares)} below the threshold"
    )

    index = NearDuplicateIndex(threshold=args.threshold)
    marks: dict[str, str] = {}
    t0 = time.perf_counter()
    for record in mark_near_duplicates(records, index=index):
        if record.near_duplicate_of is not None:
            marks[record.id] = record.near_duplicate_of
    elapsed = time.perf_counter() - t0
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    print(f"mark_near_duplicates: {elapsed:.1f} s, {len(records) / elapsed:,.0f} records/s (one core)")
    print(f"peak RSS (whole process, corpus included): {maxrss / 2**20:,.0f} MiB")
    print(
        f"index as counted by NearDuplicateIndex.nbytes(): {index.nbytes() / 2**20:,.1f} MiB, "
        f"{index.nbytes() / len(index):,.0f} bytes per indexed record ({len(index):,} indexed)"
    )

    found = sum(1 for d in planted if d in marks)
    right_target = sum(1 for d, s in planted.items() if marks.get(d) == s)
    unplanted = [d for d in marks if d not in planted]
    correct = sum(1 for d, t in marks.items() if planted.get(d) == t)
    print(
        f"recall {found / len(planted):.4f} ({found:,}/{len(planted):,} planted marked; "
        f"{right_target:,} with the planted original as target)"
    )
    print(
        f"precision {correct / max(1, len(marks)):.4f} ({correct:,}/{len(marks):,} marks are a planted "
        f"pair; {len(unplanted)} unplanted marks)"
    )
    for d in unplanted[:5]:
        print(
            f"  unplanted: {d} -> {marks[d]}: containment {containment(by_id[d].text, by_id[marks[d]].text):.3f}"
        )

    if args.candidates:
        candidate_pairs(records, planted)

    if not args.no_tracemalloc:
        del index
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        index = NearDuplicateIndex(threshold=args.threshold)
        for _ in mark_near_duplicates(records, index=index):
            pass
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"tracemalloc pass: index holds {(current - base) / 2**20:,.1f} MiB = "
            f"{(current - base) / len(index):,.0f} bytes per indexed record; "
            f"peak during the pass {(peak - base) / 2**20:,.1f} MiB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
