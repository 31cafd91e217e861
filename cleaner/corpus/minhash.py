"""The near-duplicate index: containment of word 5-grams, MinHash LSH candidates, exact check.

``cleaner.corpus.dedup`` marks records with it; it lives apart because it needs numpy, which
a run of one capture (nothing to compare) or without near-duplicates never imports.

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
   0.006. That is a chance per earlier record, so candidates per record grow with the corpus:
   unrelated pairs become candidates at about 4e-5 on average (real pages and
   ``bench/dedup.py``'s corpus alike, ``--background``), some 4 a record at 100,000 records.
   ``datasketch.MinHashLSH(threshold=0.5)`` would pick parameters for Jaccard >= 0.5 and miss
   most containment pairs; ``MinHashLSHEnsemble``
   handles containment but can only be built once from all sets (``index()`` refuses a second
   call), which a streaming pass cannot do. The band store is a small log-structured index of
   sorted numpy arrays (~13 bytes per band per record) rather than ``MinHashLSH``'s dict of
   sets, which costs several KB per record.
4. **Exact check.** Candidates are checked in input order against their stored fingerprints,
   and the first whose exact containment reaches the threshold wins: so no false positive can
   come from the sketch, and the id returned is the earliest candidate that qualifies.

Only fingerprints are kept, never texts: 4 bytes per distinct shingle (about one per word),
the latest 16 MiB of them in memory and the rest in an unlinked temporary file that the exact
check reads back (see ``_Fingerprints``). What stays in memory per record is about 0.83 KB of
band keys and directory, 12 bytes of fingerprint position and the id packed in a buffer: under
1 KB a record however large the corpus (``bench/speed.py dedup`` prints it; 2.4 KB a record
when fingerprints were all kept in memory), plus ~2 KB a record on disk.
A text wholly contained in its target is not indexed at all (see ``NearDuplicateIndex.add``).

Texts under ``min_words`` words (default 50) take no part at all: they are never marked and
never indexed as a target. Under 50 words there are under 46 shingles, too few for a share to
mean "the same story", and the short records of a news corpus are stubs (paywall notices,
captions, "subscribe to read") that many unrelated records would otherwise be marked against.
"""

from __future__ import annotations

import array
import bisect
import itertools
import os
import re
import sys
import tempfile
import unicodedata
from typing import BinaryIO

import numpy as np

from cleaner.corpus.dedup import DEFAULT_MIN_WORDS, DEFAULT_THRESHOLD, SHINGLE_WORDS, check_parameters

__all__ = ["NearDuplicateIndex", "containment", "fingerprint", "words"]


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


# ``\w`` per code point, filled one page of 4,096 code points at a time as texts need them.
# A table of all 1.1 M code points built at once cost ~0.15 s and ~85 MB at its peak (one
# ``str`` per code point); most corpora touch a handful of pages. ``np.zeros`` memory is only
# committed where written.
_PAGE_BITS = 12
_WORD_TABLE = np.zeros(sys.maxunicode + 1, dtype=bool)
_PAGE_DONE = np.zeros((sys.maxunicode >> _PAGE_BITS) + 1, dtype=bool)


def _fill_page(page: int) -> None:
    """Fill ``_WORD_TABLE`` for one page by running the ``\\w`` regex itself over its code points.

    Non-word characters become NUL, which is not a word character either, so the table cannot
    drift from ``words()``. The page's characters come from one ``decode`` of their code
    points (surrogates included), not from a Python ``chr`` per code point.
    """
    lo = page << _PAGE_BITS
    chunk = np.arange(lo, lo + (1 << _PAGE_BITS), dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    kept = re.sub(r"\W", "\0", chunk).encode("utf-32-le", "surrogatepass")
    _WORD_TABLE[lo : lo + (1 << _PAGE_BITS)] = np.frombuffer(kept, dtype=np.uint32) != 0
    _PAGE_DONE[page] = True


def _is_word(points: np.ndarray) -> np.ndarray:
    """``\\w`` for each code point of ``points`` (uint32), as a bool array."""
    pages = points >> _PAGE_BITS
    missing = ~_PAGE_DONE[pages]
    if missing.any():
        for page in np.unique(pages[missing]).tolist():
            _fill_page(page)
    return _WORD_TABLE[points]


def _analyse(text: str) -> tuple[int, np.ndarray]:
    """Number of words of ``text``, and its fingerprint: sorted distinct 32-bit 5-gram hashes.

    Vectorised over code points (a regex plus a Python join per record was half the time):
    word runs come from a lookup table, each word's polynomial hash is ``BASE**(e-1) * (Q[e] -
    Q[s])`` with ``Q`` the prefix sum of ``cp[j] * BASE**-j`` mod 2**64, mixed with its length
    by ``fmix64``; a shingle's hash is a polynomial in its five word hashes, mixed again, top 32
    bits kept. Every step is integer arithmetic that wraps the same way on every machine.
    """
    points = np.frombuffer(_normalise(text).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = _is_word(points).view(np.int8)
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


# datasketch's ``affine32`` permutation parameters for ``MinHash(num_perm=128, seed=1)``: the
# index's defaults. Written out because generating them means importing ``numpy.random``
# (~50 ms), and asking datasketch for them imported scipy (~0.6 s, ~46 MB);
# ``tests/test_dedup.py`` checks the table against both.
_PERM_A_128_SEED_1 = (
    0xD583E84B, 0xFE8F01D7, 0x70CE5F19, 0xDD782891, 0x000EFDFF, 0x41998713, 0x9ACB5597, 0xFF823D0B,
    0x4B23969F, 0x78E0A781, 0x2F470121, 0xCB0CA103, 0x5F5D7F99, 0xC69C3C8F, 0xB0ED55DB, 0x56E8F3F9,
    0xCB251B0D, 0xDEFEFA33, 0x13DFC965, 0xB14FAA29, 0xD6A0A9FD, 0xA06562CB, 0x5ED51725, 0x0C9193A9,
    0x68ADF717, 0xE30C41F9, 0xC1989BD5, 0x758B2539, 0x0E05BF3B, 0x119EB31D, 0x57478465, 0xD3F2D489,
    0xD5A8F9AF, 0xEA16BFAF, 0x1E0C97D3, 0xDC8485E3, 0x47E0CBEF, 0xE0D55BBD, 0x656D8EC1, 0x8E8908AD,
    0x99FB311B, 0x6E93AFD3, 0xEFBFFB13, 0x9B03080F, 0xA079227F, 0x2F83967B, 0x62781C2D, 0x094B4A73,
    0xC0B61403, 0xBAE3EF01, 0xCA09E279, 0xA885F1A3, 0x2B8AEA11, 0xA8C1C5B1, 0x13FEFD1B, 0x8BCD34E7,
    0x56F4035F, 0x1E551FD5, 0xC19BE4F3, 0x574F7391, 0x325A843D, 0x2FA6488F, 0xD79B6B07, 0x57E30B8D,
    0xEA707F2B, 0xD2D5DC63, 0x10FB0A73, 0x65256407, 0x623DB789, 0x944A5631, 0xA18B43E3, 0x48C3F857,
    0x5F7D0C99, 0x910E9835, 0xAB540E69, 0xD3384AA1, 0x095D14DB, 0x117EE6E7, 0x8012EA53, 0x3F80DBA5,
    0xFA4C001F, 0x523ED881, 0x7F0F9189, 0x98D46033, 0x8F965ADF, 0xE46BBDC5, 0x941C6BAF, 0x71BA4F0F,
    0x34DA0A35, 0x258FFD33, 0xE5524CD1, 0xF040082D, 0xD1336E13, 0x313D7D87, 0x965497CF, 0xCE8688FD,
    0x93574A2F, 0x3D2DDAFB, 0x42931AC9, 0x0CB28137, 0x09EA774B, 0x2AD0A273, 0x5B9054A7, 0xD56ED94D,
    0x6C5A8511, 0xD2264A41, 0x87F5BB45, 0x990D5E15, 0xFBAF7A2F, 0x2B350D1F, 0x1B5255DF, 0x21BF38AF,
    0x25F2BE33, 0x3A561F8F, 0x4B2001E7, 0xE9BF0AB9, 0x2DB97495, 0x859F097D, 0x6646BA5D, 0x7647A741,
    0x34652DB1, 0x1120292F, 0xD3FF256F, 0xE65E4A83, 0x63886AE3, 0xFC724E9B, 0xD40F4E07, 0x14C99701,
)
_PERM_B_128_SEED_1 = (
    0x0CC9BFF8, 0xC3F6D4FD, 0x893081CD, 0x0B9BC706, 0xA9EE7234, 0x23D4D1D5, 0x83CFC5C6, 0xCADAF602,
    0xF1D0F64C, 0x07A10FDB, 0x96287895, 0xE21482CB, 0xE7455907, 0x8A71184D, 0x23318AC8, 0x72AED44B,
    0x23A79D4C, 0xE463042B, 0xCEB13214, 0x60A95E1E, 0x65CE2624, 0x89D63367, 0x2A54A707, 0xA6FD0F2D,
    0xED7133C4, 0x5C7B9A39, 0x59072EF0, 0x922D9DFC, 0xC03538D2, 0xA3494060, 0xB9DB010D, 0x20562C0A,
    0xE2205917, 0xB0B13F7C, 0x9FA8FB51, 0xA5D2E787, 0xC03DC379, 0x5A9BC098, 0x595166CA, 0xC3633DDC,
    0x4519FE94, 0x5B45A9A0, 0xE558CC8C, 0xC0B6BCC1, 0x6D97625E, 0xE19F9E3C, 0xF6FFC1E9, 0x02FCC098,
    0xA9D74D52, 0x7F841373, 0x9F277361, 0x12E40882, 0x1D5FFDEC, 0xC975A6DC, 0xF311BA67, 0x1066B762,
    0x732D710A, 0x5AF59EB6, 0x94115760, 0xF11C39E9, 0x687BA752, 0x613AC9D6, 0x3CADCCC6, 0xC34EBAC2,
    0xE743E147, 0xC5873FE7, 0x92DCA8B0, 0x4D25F636, 0x00BC1C0F, 0xC5D23B85, 0x9DFD3591, 0x272668AA,
    0x539F0014, 0x94215A76, 0x86ED47B0, 0x024E5916, 0xE2CD19E5, 0xB583CF8D, 0x5B7607F1, 0x787BEA72,
    0xE895C261, 0xC3BC56B5, 0x9F948754, 0x77A70C0A, 0x040CDC60, 0x44DD40B7, 0xEDEF993D, 0xD4E9CE38,
    0xB0DE9ED9, 0x8D23A195, 0xFF508CE7, 0x11F0DC60, 0x2C1E81F9, 0x78F41FD3, 0x231B5419, 0xBE25D5F1,
    0xEEBE938E, 0x3124088D, 0xB262ACD4, 0x76DD1E74, 0x10E5632B, 0x3AF90E86, 0xC16606CD, 0x821C82B8,
    0xC0FE07BB, 0x3564BB8F, 0xEC4B5618, 0x0C9F33FB, 0xB6267C89, 0x84D421C2, 0x1FD038C7, 0x2C1A6F35,
    0x0516DD45, 0x6574C9A4, 0x06B5C365, 0x1B7C4AF8, 0x073F1815, 0x8282ED28, 0x3F07B04D, 0x1A2588DB,
    0xDC2ACAB1, 0x49E96971, 0x89F0D52F, 0x3B5485CD, 0x8D85BDA8, 0xF7B915CE, 0xD78F562D, 0x473FE757,
)


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of datasketch's ``affine32`` MinHash for ``num_perm`` and ``seed``.

    ``h -> a * h + b mod 2**32`` with an odd ``a``, drawn as datasketch 2 draws them from
    ``numpy.random.RandomState(seed)`` (a legacy generator whose stream numpy keeps stable), so
    a signature here equals ``MinHash(num_perm, seed).update_batch(...)`` on the same inputs.
    """
    if (num_perm, seed) == (128, 1):
        return np.array(_PERM_A_128_SEED_1, dtype=_U32), np.array(_PERM_B_128_SEED_1, dtype=_U32)
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=_U32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=_U32)
    return a, b


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

    def shared(self, keys: np.ndarray) -> dict[int, int]:
        """Like ``query``, with how many of ``keys`` each record shares (for explanations)."""
        counts: dict[int, int] = {}
        hits = [run.lookup(keys).tolist() for run in self._runs]
        for key in keys.tolist():
            hit = self._pending.get(key)
            if hit is not None:
                hits.append([hit] if isinstance(hit, int) else hit)
        for ordinal in itertools.chain.from_iterable(hits):
            counts[ordinal] = counts.get(ordinal, 0) + 1
        return counts

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
    """Append-only store of every indexed record's fingerprint: recent ones in memory, the rest
    in an unlinked temporary file.

    Fingerprints are ~2 KB a record, more than everything else the index keeps together, and
    they are read back only for the few LSH candidates of each new record. So once ``CHUNK``
    hashes (16 MiB) are buffered they are appended to a temporary file (created then, in
    ``TMPDIR``, deleted by the OS when closed or when the process ends) and read back with
    one ``seek`` + ``read`` per candidate, which the OS's page cache usually serves. An index
    under ``CHUNK`` hashes (some 8,000 articles) never touches the disk. A fingerprint never
    straddles the buffer and the file.
    """

    CHUNK = 1 << 22  # hashes buffered in memory before they go to the file (16 MiB)
    FIRST = 1 << 16  # the buffer starts small and doubles up to CHUNK

    def __init__(self) -> None:
        self._buffer = np.empty(self.FIRST, dtype=_U32)
        self._fill = 0
        self._spilled = 0  # hashes moved out of the buffer; the buffer holds those after them
        self._file: BinaryIO | None = None
        self._in_file = 0  # of the spilled hashes, the first ``_in_file`` are in the file
        self._file_failed = False
        # Where no temporary file can be written (no writable TMPDIR, disk full), spilled
        # chunks stay in memory instead: more memory, never a failed run.
        self._held: list[np.ndarray] = []
        self._held_starts: list[int] = []
        self._start = array.array("Q")  # position of each fingerprint, in hashes
        self._length = array.array("I")

    def append(self, values: np.ndarray) -> None:
        n = len(values)
        if self._fill + n > len(self._buffer):
            if len(self._buffer) < self.CHUNK:
                grown = np.empty(min(self.CHUNK, 2 * len(self._buffer)), dtype=_U32)
                grown[: self._fill] = self._buffer[: self._fill]
                self._buffer = grown
            if self._fill + n > len(self._buffer):
                self._spill()
                if n > len(self._buffer):
                    self._buffer = np.empty(n, dtype=_U32)
        self._buffer[self._fill : self._fill + n] = values
        self._start.append(self._spilled + self._fill)
        self._length.append(n)
        self._fill += n

    def _spill(self) -> None:
        chunk = self._buffer[: self._fill]
        if not self._file_failed:
            try:
                if self._file is None:
                    self._file = tempfile.TemporaryFile(prefix="clean-corpus-dedup-", buffering=0)
                self._file.seek(self._in_file * 4)
                self._file.write(memoryview(chunk).cast("B"))
                self._in_file += self._fill
            except OSError:
                self._file_failed = True
        if self._file_failed:
            self._held.append(chunk.copy())
            self._held_starts.append(self._spilled)
        self._spilled += self._fill
        self._fill = 0

    def __getitem__(self, ordinal: int) -> np.ndarray:
        start, n = self._start[ordinal], self._length[ordinal]
        if start >= self._spilled:
            at = start - self._spilled
            return self._buffer[at : at + n]
        if start >= self._in_file:
            k = bisect.bisect_right(self._held_starts, start) - 1
            at = start - self._held_starts[k]
            return self._held[k][at : at + n]
        assert self._file is not None
        data = _read_at(self._file, start * 4, n * 4)
        if len(data) != n * 4:
            raise OSError(f"near-duplicate index: short read from its temporary file at hash {start}")
        return np.frombuffer(data, dtype=_U32)

    def length(self, ordinal: int) -> int:
        return self._length[ordinal]

    def nbytes(self) -> int:
        """Bytes held in memory (the buffer, allocated in full, and the positions)."""
        held = sum(chunk.nbytes for chunk in self._held)
        return self._buffer.nbytes + held + sum(a.itemsize * len(a) for a in (self._start, self._length))

    def spilled_bytes(self) -> int:
        """Bytes in the temporary file."""
        return self._in_file * 4


def _read_at(file: BinaryIO, offset: int, size: int) -> bytes:
    """``size`` bytes of ``file`` from ``offset``: one ``pread`` call (the exact check reads a
    candidate's fingerprint back, and candidates grow with the corpus), else seek + read."""
    if hasattr(os, "pread"):
        return os.pread(file.fileno(), size, offset)
    file.seek(offset)
    return file.read(size)


class _Ids:
    """Record ids packed into one UTF-8 buffer with end offsets: ~10 bytes an id, not ~70 as a
    ``list`` of ``str`` objects costs."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array.array("Q")

    def __len__(self) -> int:
        return len(self._ends)

    def append(self, record_id: str) -> None:
        self._data += record_id.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._data))

    def __getitem__(self, ordinal: int) -> str:
        start = self._ends[ordinal - 1] if ordinal else 0
        return self._data[start : self._ends[ordinal]].decode("utf-8", "surrogatepass")

    def nbytes(self) -> int:
        return len(self._data) + self._ends.itemsize * len(self._ends)


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
        check_parameters(threshold, min_words)
        if rows < 1 or num_perm < rows:
            raise ValueError(f"need 1 <= rows <= num_perm, got rows={rows!r}, num_perm={num_perm!r}")
        self.threshold = threshold
        self.min_words = min_words
        self.num_perm = num_perm
        self.rows = rows
        self.bands = num_perm // rows
        self.seed = seed
        self._perm_a, self._perm_b = _permutations(num_perm, seed)
        # Distinct per-band salts, so equal values in different bands never share a key.
        self._band_salt = _fmix64(np.arange(1, self.bands + 1, dtype=_U64) * _U64(_GOLDEN))
        self._ids = _Ids()
        self._fingerprints = _Fingerprints()
        self._bands = _BandStore()
        # For benchmarks: LSH candidates found so far, and those exact-checked (the others are
        # too short to hold the share needed). Candidates per record grow with the corpus, see
        # ``bench/dedup.py --candidates``.
        self.candidates = 0
        self.checked = 0

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

    def lsh_candidates(self, text: str) -> list[tuple[str, int]]:
        """The indexed texts that share a band with ``text``, earliest first, each with how many
        bands it shares: what ``add`` would check exactly (for benchmarks and explanations;
        indexes nothing)."""
        n_words, fp = _analyse(text)
        if n_words < self.min_words:
            return []
        shared = self._bands.shared(self.band_keys(self.signature(fp)))
        return [(self._ids[o], shared[o]) for o in sorted(shared)]

    def _first_container(self, fp: np.ndarray, keys: np.ndarray) -> tuple[int | None, float]:
        """Exact check of the LSH candidates, earliest first; the first that qualifies wins."""
        need = self.threshold * len(fp)
        found = self._bands.query(keys)
        self.candidates += len(found)
        for ordinal in sorted(found):
            # |A & B| <= |B|: a fingerprint smaller than the share needed cannot qualify.
            if self._fingerprints.length(ordinal) < need:
                continue
            self.checked += 1
            share = _contained_share(fp, self._fingerprints[ordinal])
            if share >= self.threshold:
                return ordinal, share
        return None, 0.0

    def nbytes(self) -> int:
        """Approximate memory the index holds (fingerprints, band store, ids), in bytes."""
        return self._fingerprints.nbytes() + self._bands.nbytes() + self._ids.nbytes()

    def spilled_bytes(self) -> int:
        """Bytes of fingerprints moved to the index's temporary file (on disk, not in memory)."""
        return self._fingerprints.spilled_bytes()
