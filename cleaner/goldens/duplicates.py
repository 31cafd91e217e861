"""Byte-identical captures under two names: one page reviewed twice is a mistake, not data."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from cleaner.goldens.inventory import CaptureFile

_HASH_CHUNK = 1 << 20


def _digest(path: Path) -> str | None:
    h = hashlib.blake2b(digest_size=20)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def duplicate_groups(captures: Sequence[CaptureFile], wanted: set[str]) -> list[list[CaptureFile]]:
    """Groups (sorted by source) of byte-identical captures that include a ``wanted`` source.

    Only files whose size equals another file's size are hashed, so a folder of distinct
    captures costs one ``stat`` each. Empty files are left to the empty-capture check.
    """
    by_size: dict[int, list[CaptureFile]] = defaultdict(list)
    for cap in captures:
        try:
            size = cap.path.stat().st_size
        except OSError:
            continue
        if size:
            by_size[size].append(cap)
    groups: list[list[CaptureFile]] = []
    for same_size in by_size.values():
        if len(same_size) < 2 or not any(c.source in wanted for c in same_size):
            continue
        by_hash: dict[str, list[CaptureFile]] = defaultdict(list)
        for cap in same_size:
            digest = _digest(cap.path)
            if digest is not None:
                by_hash[digest].append(cap)
        groups.extend(sorted(g, key=lambda c: c.source) for g in by_hash.values()
                      if len(g) > 1 and any(c.source in wanted for c in g))
    return sorted(groups, key=lambda g: g[0].source)
