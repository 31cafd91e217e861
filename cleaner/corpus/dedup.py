"""Mark near-duplicate records: the same story republished with small edits.

A record is a near-duplicate of an earlier one when most of its text is *contained* in the
earlier text: the share of this text's word 5-gram shingles that also occur in the other. It is
containment, not Jaccard resemblance, because a republished wire story is usually the original
with a paragraph cut, a headline changed, ``Mr`` added or a credit line appended: the copy sits
inside the original even when the two differ in length.

How it scales (one pass, streaming, order kept):

1. **Fingerprint.** The text is NFKC-normalised and case-folded, and its words are the runs of
   ``\\w`` characters, so punctuation, quote styles, sentence splits and capitalisation do not
   matter. Every word 5-gram is hashed to 32 bits (polynomial hashes of the words' code points,
   combined and mixed with the MurmurHash3 finaliser), for all shingles at once in numpy. The
   sorted, distinct hashes are the record's fingerprint. Nothing depends on Python's salted
   ``hash()``, so the result is the same on every run and machine.
2. **Sketch.** A 128-permutation MinHash of the fingerprint, bit-for-bit what
   ``datasketch.MinHash(num_perm=128, seed=seed)`` (scheme ``affine32``) computes for the same
   32-bit inputs, but vectorised (datasketch's own ``update_batch`` calls a Python hash
   function per item, ~10x slower here).
3. **Candidates.** Banded MinHash LSH with 64 bands of 2 rows. Bands are tuned for
   *containment*, not for the usual Jaccard threshold: if ``A`` is contained in ``B`` at ``c``
   and ``B`` is ``R`` times as long, their Jaccard similarity is ``c / (1 + R - c)``, only 1/3
   for ``c = 0.5`` at equal length. A band of 2 rows matches with probability ``J**2``, so the
   chance that a pair becomes a candidate is ``1 - (1 - J**2) ** 64``:

   ====================  =========  =========  =========
   earlier text is R x   c = 0.5    c = 0.6    c = 0.8
   ====================  =========  =========  =========
   as long (R = 1)       0.9995     >0.9999    >0.9999
   1.5 x as long         0.984      0.9988     >0.9999
   2 x as long           0.927      0.984      0.9999
   3 x as long           0.733      0.868      0.984
   ====================  =========  =========  =========

   A pair sharing only boilerplate phrases (Jaccard 0.01) becomes a candidate with probability
   0.006, so candidates stay few. ``datasketch.MinHashLSH(threshold=0.5)`` would pick
   parameters for Jaccard >= 0.5 and miss most containment pairs; ``MinHashLSHEnsemble``
   handles containment but can only be built once from all sets (``index()`` refuses a second
   call), which a streaming pass cannot do. The band store is a small log-structured index of
   sorted numpy arrays (~13 bytes per band per record) rather than ``MinHashLSH``'s dict of
   sets, which costs several KB per record.
4. **Exact check.** Candidates are checked in input order against their stored fingerprints,
   and the first whose exact containment reaches the threshold wins: so no false positive can
   come from the sketch, and the id returned is the earliest candidate that qualifies.

Only fingerprints are kept, never texts: 4 bytes per distinct shingle (about one per word),
about 0.85 KB of band keys and directory, and the id: about 2.9 KB for a 3 KB English article
of 500 words (measured on the benchmark's corpus: 2.4 KB per record, 233 MB for 100,000).
A text wholly contained in its target is not indexed at all (see ``NearDuplicateIndex.add``).

Texts under ``min_words`` words (default 50) take no part at all: they are never marked and
never indexed as a target. Under 50 words there are under 46 shingles, too few for a share to
mean "the same story", and the short records of a news corpus are stubs (paywall notices,
captions, "subscribe to read") that many unrelated records would otherwise be marked against.
"""

from __future__ import annotations

import array
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from cleaner.record import Record

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_MIN_WORDS",
    "SHINGLE_WORDS",
    "NearDuplicateIndex",
    "containment",
    "fingerprint",
    "mark_near_duplicates",
    "words",
]

DEFAULT_THRESHOLD = 0.5
DEFAULT_MIN_WORDS = 50
SHINGLE_WORDS = 5

_WORD = re.compile(r"\w+")

_U64 = np.uint64
_U32 = np.uint32
# Odd base for the polynomial shingle hash (a 64-bit FNV prime); odd so it is invertible mod 2**64.
_BASE = 0x100000001B3
_BASE_INV = pow(_BASE, -1, 1 << 64)
_GOLDEN = 0x9E3779B97F4A7C15  # 2**64 / golden ratio, odd: a multiplier with well-spread bits
_EMPTY = np.empty(0, dtype=_U32)


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output."""
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> _U64(33))


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, the pre-mix datasketch's ``affine32`` scheme applies.

    The same shape as ``_fmix64`` on purpose: the two finalisers differ in width, shifts and
    constants, and each is written as the reference gives it."""
    h = h ^ (h >> _U32(16))
    h = h * _U32(0x85EBCA6B)
    h = h ^ (h >> _U32(13))
    h = h * _U32(0xC2B2AE35)
    return h ^ (h >> _U32(16))


class _Powers:
    """``BASE**i`` and ``BASE**-i`` mod 2**64, grown on demand to the longest text seen.

    Shared by every index: the tables are a pure function of ``i``, so sharing changes no result.
    """

    def __init__(self) -> None:
        self.up = np.ones(1, dtype=_U64)
        self.down = np.ones(1, dtype=_U64)

    def ensure(self, n: int) -> None:
        if n <= len(self.up):
            return
        size = max(n, 2 * len(self.up), 1 << 15)
        # cumprod in uint64 wraps, which is exactly arithmetic mod 2**64.
        base = np.full(size, _BASE, dtype=_U64)
        base[0] = 1
        self.up = np.cumprod(base)
        inv = np.full(size, _BASE_INV, dtype=_U64)
        inv[0] = 1
        self.down = np.cumprod(inv)


_POWERS = _Powers()


def _normalise(text: str) -> str:
    """NFKC, then case folding: the form words are read from.

    NFKC folds compatibility forms (ligatures, full-width letters, decomposed accents) that two
    sites may encode differently for the same story; case folding makes ``Trump`` and ``TRUMP``
    one word.
    """
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """The words shingles are made of: the ``\\w+`` runs of the normalised text.

    Everything that is not a word character (punctuation, quotes of any style, dashes, line
    breaks) only separates words, so a sentence split or a restyled quote changes no shingle.
    The index does not call this (it finds the same runs vectorised, see ``_analyse``); it is
    the reference definition, for tests and explanations.
    """
    return _WORD.findall(_normalise(text))


_WORD_TABLE: np.ndarray | None = None


def _word_table() -> np.ndarray:
    """``table[code point]`` is True for exactly the characters the ``\\w`` regex matches.

    Built by running the regex itself over every code point (non-word characters become NUL,
    which is not a word character either), so it cannot drift from ``words()``. Built once, on
    first use: ~0.15 s, 1.1 MB.
    """
    global _WORD_TABLE
    if _WORD_TABLE is None:
        every = "".join(map(chr, range(sys.maxunicode + 1)))
        kept = re.sub(r"\W", "\0", every).encode("utf-32-le", "surrogatepass")
        _WORD_TABLE = np.frombuffer(kept, dtype=np.uint32) != 0
    return _WORD_TABLE


def _analyse(text: str) -> tuple[int, np.ndarray]:
    """Number of words of ``text``, and its fingerprint: sorted distinct 32-bit 5-gram hashes.

    Vectorised over code points (a regex plus a Python join per record was half the time):
    word runs come from a lookup table, each word's polynomial hash is ``BASE**(e-1) * (Q[e] -
    Q[s])`` with ``Q`` the prefix sum of ``cp[j] * BASE**-j`` mod 2**64, mixed with its length
    by ``fmix64``; a shingle's hash is a polynomial in its five word hashes, mixed again, top 32
    bits kept. Every step is integer arithmetic that wraps the same way on every machine.
    """
    points = np.frombuffer(_normalise(text).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = _word_table()[points].view(np.int8)
    edges = np.diff(is_word, prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    n_words = len(starts)
    if n_words < SHINGLE_WORDS:
        return n_words, _EMPTY
    ends = np.flatnonzero(edges == -1)
    n = len(points)
    _POWERS.ensure(n + 1)
    prefix = np.zeros(n + 1, dtype=_U64)
    np.cumsum(points * _POWERS.down[:n], out=prefix[1:])
    word = _fmix64(
        (_POWERS.up[ends - 1] * (prefix[ends] - prefix[starts]))
        ^ ((ends - starts).astype(_U64) * _U64(_GOLDEN))
    )
    last = n_words - SHINGLE_WORDS + 1
    shingle = word[:last].copy()
    for j in range(1, SHINGLE_WORDS):
        shingle *= _U64(_BASE)
        shingle += word[j : j + last]
    hashes = np.sort((_fmix64(shingle) >> _U64(32)).astype(_U32))
    # Distinct values of a sorted array; ~10x faster than np.unique on arrays this small.
    keep = np.empty(len(hashes), dtype=bool)
    keep[0] = True
    np.not_equal(hashes[1:], hashes[:-1], out=keep[1:])
    return n_words, hashes[keep]


def fingerprint(text: str) -> np.ndarray:
    """The sorted distinct 32-bit hashes of ``text``'s word 5-grams: what the index keeps.

    32 bits are enough for the exact check: two texts of 500 shingles share a hash by accident
    with probability about 500 * 500 / 2**32 = 6e-5, and one stray match moves a containment by
    1/500. 64-bit hashes would double the memory per record for no visible gain.
    """
    return _analyse(text)[1]


def _contained_share(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the sorted distinct hashes ``a`` that occur in the sorted array ``b``."""
    if not len(a) or not len(b):
        return 0.0
    pos = np.searchsorted(b, a)
    np.minimum(pos, len(b) - 1, out=pos)
    return int(np.count_nonzero(b[pos] == a)) / len(a)


def containment(a: str, b: str) -> float:
    """Exact share of ``a``'s word 5-gram shingles that also occur in ``b``, in [0, 1].

    The same measure the index applies to its candidates (on the same 32-bit shingle hashes),
    exposed for tests and for explaining a decision. 0.0 when ``a`` has fewer than 5 words.
    Not symmetric: an excerpt is fully contained in the story it was cut from, not the reverse.
    """
    return _contained_share(fingerprint(a), fingerprint(b))


class _Run:
    """An immutable sorted array of band keys with their ordinals, and a bucket directory.

    A plain binary search over millions of keys costs ~20 cache misses a key (measured: 2 us a
    key at 6 M entries). Keys are uniformly spread (they come out of ``fmix64``), so a directory
    of ``starts[top bits]`` with ~4 keys per bucket finds a key's bucket in one look-up and the
    bucket in one more, for 1 byte of directory per entry.
    """

    __slots__ = ("keys", "ords", "starts", "shift")

    def __init__(self, keys: np.ndarray, ords: np.ndarray) -> None:
        self.keys = keys
        self.ords = ords
        bits = min(32, max(1, (len(keys) // 4).bit_length()))
        self.shift = _U64(64 - bits)
        counts = np.bincount((keys >> self.shift).astype(np.intp), minlength=1 << bits)
        self.starts = np.zeros((1 << bits) + 1, dtype=np.uint32 if len(keys) < 1 << 32 else np.uint64)
        np.cumsum(counts, out=self.starts[1:])

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Ordinals of every entry whose key is in ``keys`` (a record may appear more than once)."""
        top = (keys >> self.shift).astype(np.intp)
        lo = self.starts[top].astype(np.intp)
        hi = self.starts[top + 1].astype(np.intp)
        width = int((hi - lo).max())
        if width == 0:
            return _EMPTY
        at = lo[:, None] + np.arange(width)
        inside = at < hi[:, None]
        np.minimum(at, len(self.keys) - 1, out=at)
        match = inside & (self.keys[at] == keys[:, None])
        return self.ords[at[match]]

    def nbytes(self) -> int:
        return self.keys.nbytes + self.ords.nbytes + self.starts.nbytes


class _BandStore:
    """Band key -> ordinals of the records that have it, append-only, lean on memory.

    New entries go to a dict; every ``flush_every`` records the dict becomes a sorted ``_Run``
    (keys uint64, ordinals uint32, directory: ~13 bytes an entry), and a run is merged into the
    one before it while that one is at most ``ratio`` times bigger, so runs shrink geometrically
    and there are O(log n) of them. A dict of Python ints costs ~100 bytes an entry
    (``MinHashLSH``'s dict of sets more), so the dict is kept small.
    """

    def __init__(self, flush_every: int = 512, ratio: int = 4) -> None:
        self._flush_every = flush_every
        self._ratio = ratio
        # key -> ordinal, or a list of ordinals once a second record has the key.
        self._pending: dict[int, int | list[int]] = {}
        self._pending_keys: list[np.ndarray] = []
        self._pending_ords: list[int] = []
        self._runs: list[_Run] = []

    def query(self, keys: np.ndarray) -> set[int]:
        """Ordinals of every record that shares at least one band key with ``keys``."""
        found: set[int] = set()
        for run in self._runs:
            hits = run.lookup(keys)
            if len(hits):
                found.update(hits.tolist())
        pending = self._pending
        for key in keys.tolist():
            hit = pending.get(key)
            if hit is None:
                continue
            if isinstance(hit, int):
                found.add(hit)
            else:
                found.update(hit)
        return found

    def add(self, keys: np.ndarray, ordinal: int) -> None:
        pending = self._pending
        for key in keys.tolist():
            hit = pending.setdefault(key, ordinal)
            if hit is ordinal:
                continue
            if isinstance(hit, int):
                pending[key] = [hit, ordinal]
            else:
                hit.append(ordinal)
        self._pending_keys.append(keys)
        self._pending_ords.append(ordinal)
        if len(self._pending_ords) >= self._flush_every:
            self._flush()

    def _flush(self) -> None:
        keys = np.concatenate(self._pending_keys)
        ords = np.repeat(np.array(self._pending_ords, dtype=_U32), [len(k) for k in self._pending_keys])
        order = np.argsort(keys, kind="stable")
        self._runs.append(_Run(keys[order], ords[order]))
        self._pending.clear()
        self._pending_keys.clear()
        self._pending_ords.clear()
        while len(self._runs) >= 2 and len(self._runs[-2]) <= self._ratio * len(self._runs[-1]):
            newer = self._runs.pop()
            older = self._runs.pop()
            self._runs.append(_merge_runs(older, newer))

    def nbytes(self) -> int:
        """Bytes held, counting Python objects of the pending dict by ``sys.getsizeof``."""
        total = sum(run.nbytes() for run in self._runs)
        total += sys.getsizeof(self._pending) + sum(k.nbytes for k in self._pending_keys)
        for key, ords in self._pending.items():
            total += sys.getsizeof(key) + (0 if isinstance(ords, int) else sys.getsizeof(ords))
        return total


def _merge_runs(older: _Run, newer: _Run) -> _Run:
    """Merge two sorted runs in linear time (no re-sort): place ``newer`` by binary search."""
    total = len(older) + len(newer)
    at = np.searchsorted(older.keys, newer.keys, side="right") + np.arange(len(newer))
    rest = np.ones(total, dtype=bool)
    rest[at] = False
    keys = np.empty(total, dtype=_U64)
    ords = np.empty(total, dtype=_U32)
    keys[at] = newer.keys
    ords[at] = newer.ords
    keys[rest] = older.keys
    ords[rest] = older.ords
    return _Run(keys, ords)


class _Fingerprints:
    """Append-only store of every indexed record's fingerprint, packed into large chunks.

    One numpy array per record would add ~110 bytes of object header to a ~2 KB payload, and a
    single doubling buffer would briefly need twice the memory when it grows (a copy); chunks
    that are never copied avoid both. A fingerprint never straddles chunks.
    """

    CHUNK = 1 << 22  # 4 Mi hashes, 16 MiB: the largest chunk
    FIRST_CHUNK = 1 << 16  # small indexes stay small; chunks double up to CHUNK

    def __init__(self) -> None:
        self._chunks: list[np.ndarray] = []
        self._fill = 0
        self._chunk_of = array.array("I")
        self._start = array.array("I")
        self._length = array.array("I")

    def append(self, values: np.ndarray) -> None:
        n = len(values)
        if not self._chunks or self._fill + n > len(self._chunks[-1]):
            size = min(self.CHUNK, self.FIRST_CHUNK << len(self._chunks))
            self._chunks.append(np.empty(max(size, n), dtype=_U32))
            self._fill = 0
        self._chunks[-1][self._fill : self._fill + n] = values
        self._chunk_of.append(len(self._chunks) - 1)
        self._start.append(self._fill)
        self._length.append(n)
        self._fill += n

    def __getitem__(self, ordinal: int) -> np.ndarray:
        start = self._start[ordinal]
        return self._chunks[self._chunk_of[ordinal]][start : start + self._length[ordinal]]

    def length(self, ordinal: int) -> int:
        return self._length[ordinal]

    def nbytes(self) -> int:
        """Bytes held, counting the unused tail of the last chunk (it is allocated memory)."""
        meta = sum(a.itemsize * len(a) for a in (self._chunk_of, self._start, self._length))
        return sum(c.nbytes for c in self._chunks) + meta


class NearDuplicateIndex:
    """Streaming near-duplicate finder: ``add`` each text in output order, get its target back.

    Keeps per indexed record its fingerprint (sorted 32-bit shingle hashes), 64 band keys and
    its id; never the text. Deterministic for a given ``seed``: no salted hashing, no clocks,
    no randomness beyond the seeded permutations.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        min_words: int = DEFAULT_MIN_WORDS,
        num_perm: int = 128,
        rows: int = 2,
        seed: int = 1,
    ) -> None:
        """``threshold``: the containment share that makes a near-duplicate, in (0, 1].

        ``num_perm`` MinHash permutations are cut into ``num_perm // rows`` bands of ``rows``
        rows; the defaults (64 bands of 2) are tuned for containment >= 0.5, see the module
        docstring. Lower thresholds want ``rows=1`` or more permutations.
        """
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
        if min_words < SHINGLE_WORDS:
            raise ValueError(f"min_words must be at least {SHINGLE_WORDS}, got {min_words!r}")
        if rows < 1 or num_perm < rows:
            raise ValueError(f"need 1 <= rows <= num_perm, got rows={rows!r}, num_perm={num_perm!r}")
        self.threshold = threshold
        self.min_words = min_words
        self.num_perm = num_perm
        self.rows = rows
        self.bands = num_perm // rows
        self.seed = seed
        # datasketch's own permutation parameters, so a signature here equals
        # MinHash(num_perm, seed).update_batch(...) on the same 32-bit inputs.
        # Imported here: datasketch pulls in scipy (~0.5 s), which every other command can skip.
        from datasketch import MinHash

        perm_a, perm_b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        self._perm_a = np.ascontiguousarray(perm_a, dtype=_U32)
        self._perm_b = np.ascontiguousarray(perm_b, dtype=_U32)
        # Distinct per-band salts, so equal values in different bands never share a key.
        self._band_salt = _fmix64(np.arange(1, self.bands + 1, dtype=_U64) * _U64(_GOLDEN))
        self._ids: list[str] = []
        self._fingerprints = _Fingerprints()
        self._bands = _BandStore()

    def __len__(self) -> int:
        """Number of texts indexed as possible targets (see ``add`` for those that are not)."""
        return len(self._ids)

    def signature(self, fingerprint: np.ndarray) -> np.ndarray:
        """MinHash signature (``num_perm`` uint32) of a fingerprint; order of its items is irrelevant."""
        if not len(fingerprint):
            return np.full(self.num_perm, np.iinfo(_U32).max, dtype=_U32)
        mixed = _fmix32(np.asarray(fingerprint, dtype=_U32))
        table = np.multiply.outer(self._perm_a, mixed)  # wraps: arithmetic mod 2**32
        table += self._perm_b[:, None]
        return table.min(axis=1)

    def band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One uint64 key per band: the band's ``rows`` values and the band number, mixed."""
        rows = signature[: self.bands * self.rows].reshape(self.bands, self.rows).astype(_U64)
        keys = self._band_salt
        for j in range(self.rows):
            keys = _fmix64(keys ^ rows[:, j])
        return keys

    def add(self, record_id: str, text: str) -> str | None:
        """Return the id of the earliest indexed text ``text`` is mostly contained in, then index it.

        Returns None (and does not index) when ``text`` has fewer than ``min_words`` words.
        A text whose shingles all occur in its target is not indexed either: whatever is
        mostly contained in it is mostly contained in that earlier target too, which wins. So
        verbatim republications, the commonest kind, cost no memory.
        """
        n_words, fp = _analyse(text)
        if n_words < self.min_words:
            return None
        keys = self.band_keys(self.signature(fp))
        ordinal, share = self._first_container(fp, keys)
        if share < 1.0:
            self._bands.add(keys, len(self._ids))
            self._fingerprints.append(fp)
            self._ids.append(record_id)
        return None if ordinal is None else self._ids[ordinal]

    def _first_container(self, fp: np.ndarray, keys: np.ndarray) -> tuple[int | None, float]:
        """Exact check of the LSH candidates, earliest first; the first that qualifies wins."""
        need = self.threshold * len(fp)
        for ordinal in sorted(self._bands.query(keys)):
            # |A & B| <= |B|: a fingerprint smaller than the share needed cannot qualify.
            if self._fingerprints.length(ordinal) < need:
                continue
            share = _contained_share(fp, self._fingerprints[ordinal])
            if share >= self.threshold:
                return ordinal, share
        return None, 0.0

    def nbytes(self) -> int:
        """Approximate memory the index holds (fingerprints, band store, ids), in bytes."""
        ids = sys.getsizeof(self._ids) + sum(sys.getsizeof(i) for i in self._ids)
        return self._fingerprints.nbytes() + self._bands.nbytes() + ids


def parse_threshold(value: str) -> float:
    """A containment threshold from the command line: a number in (0, 1]."""
    import argparse

    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 1, got {value}")
    return number


def mark_near_duplicates(
    records: Iterable[Record],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_words: int = DEFAULT_MIN_WORDS,
    index: NearDuplicateIndex | None = None,
) -> Iterator[Record]:
    """Yield each record with ``near_duplicate_of`` set (or cleared), lazily and in input order.

    Any ``near_duplicate_of`` already on a record is recomputed: the field describes the corpus
    the records are in now. Pass ``index`` to keep one index across several calls (e.g. to
    de-duplicate a new batch against an earlier one); then ``threshold``/``min_words`` are the
    index's own.
    """
    if index is None:
        index = NearDuplicateIndex(threshold=threshold, min_words=min_words)
    for record in records:
        target = index.add(record.id, record.text)
        yield record if record.near_duplicate_of == target else record.with_near_duplicate(target)
