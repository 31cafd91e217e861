"""Mark near-duplicate records: the same story republished with small edits.

A record is a near-duplicate of an earlier one when most of its text is *contained* in the
earlier text (the share of its word 5-grams found there). How that is found at scale, and
what it costs, is told in ``cleaner/corpus/minhash.py``, where the index lives.

This module is what the commands import. It holds no index code itself, because the index
needs numpy (~0.15 s and ~15 MB to import): the index is imported when a second record
arrives, so a run of one capture never pays for it. The index's names (``NearDuplicateIndex``,
``containment``, ``fingerprint``, ``words``...) can still be imported from here.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaner.corpus.minhash import NearDuplicateIndex
    from cleaner.record import Record

DEFAULT_THRESHOLD = 0.5
DEFAULT_MIN_WORDS = 50
SHINGLE_WORDS = 5


def __getattr__(name: str) -> object:
    """The index's names, from ``cleaner.corpus.minhash``, imported on first use."""
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(importlib.import_module("cleaner.corpus.minhash"), name)


def check_parameters(threshold: float, min_words: int) -> None:
    """Raise ValueError for a threshold outside (0, 1] or fewer ``min_words`` than a shingle."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    if min_words < SHINGLE_WORDS:
        raise ValueError(f"min_words must be at least {SHINGLE_WORDS}, got {min_words!r}")


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

    Without ``index``, the first record is yielded unmarked at once (nothing comes before it)
    and is only indexed when a second record arrives, with the same result as indexing it
    first: so a single record never loads the index.
    """
    if index is not None:
        yield from _marked(records, index)
        return
    check_parameters(threshold, min_words)
    records = iter(records)
    first = next(records, None)
    if first is None:
        return
    yield first if first.near_duplicate_of is None else first.with_near_duplicate(None)
    second = next(records, None)
    if second is None:
        return
    from cleaner.corpus.minhash import NearDuplicateIndex

    index = NearDuplicateIndex(threshold=threshold, min_words=min_words)
    # On an empty index ``add`` finds no candidate, whatever the text: the None yielded above.
    index.add(first.id, first.text)
    yield from _marked(itertools.chain([second], records), index)


def _marked(records: Iterable[Record], index: NearDuplicateIndex) -> Iterator[Record]:
    for record in records:
        target = index.add(record.id, record.text)
        yield record if record.near_duplicate_of == target else record.with_near_duplicate(target)
