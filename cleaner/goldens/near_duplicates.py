"""``near_duplicate_of`` for the captures a check cleans, worked out over the whole folder.

The mark depends on every earlier capture, not only the ones being checked: captures not
cleaned in this check take part through their golden's text (reviewed output, and checked
when it was committed), so checking one staged capture does not mean cleaning all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from cleaner.corpus.dedup import DEFAULT_THRESHOLD, NearDuplicateIndex
from cleaner.goldens.inventory import Inventory
from cleaner.record import Record


def golden_text(golden: Path | None) -> tuple[str, str] | None:
    """(id, text) of a golden record, or None when there is none or it does not parse."""
    if golden is None:
        return None
    try:
        data = json.loads(golden.read_bytes())
        return str(data["id"]), str(data["text"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def mark_near_duplicates_in_folder(
    fresh: dict[str, Record], inv: Inventory, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, Record]:
    """Set ``near_duplicate_of`` on the freshly cleaned records (by source) as ``run`` would
    over the folder, in source order."""
    index = NearDuplicateIndex(threshold=threshold)
    marked = dict(fresh)
    for cap in sorted(inv.captures, key=lambda c: (c.source, c.path.as_posix())):
        record = fresh.get(cap.source)
        if record is not None:
            marked[cap.source] = record.with_near_duplicate(index.add(record.id, record.text))
            continue
        known = golden_text(inv.goldens.get(cap.key))
        if known is not None:
            index.add(*known)
    return marked
