"""The shapes a record can be written in: ``--format`` and ``--removed``.

``records`` is the record itself (``cleaner.record.FIELDS`` order), plus ``metadata`` last when
the input document carried one. ``documents`` is what datatrove's and dolma's readers take:
``{"id", "text", "metadata"}``, every other field inside ``metadata`` followed by the input's
own metadata (which wins a name both use, so it goes through untouched). ``removed`` is often
more than half the bytes: ``spans`` keeps rule and line numbers without the text, ``none``
leaves the field out.
"""

from __future__ import annotations

import json
from typing import Any

from cleaner.record import Record

FORMATS = ("records", "documents")
REMOVED = ("full", "spans", "none")


def _removed(value: list[dict[str, Any]], removed: str) -> list[dict[str, Any]] | None:
    if removed == "spans":
        return [{"rule": r["rule"], "start": r["start"], "end": r["end"]} for r in value]
    return value


def shape(record: Record, metadata: dict[str, Any] | None, *, form: str = "records",
          removed: str = "full") -> dict[str, Any]:
    """The record as the JSON object ``run`` writes for it."""
    data = record.to_dict()
    if removed == "none":
        del data["removed"]
    else:
        data["removed"] = _removed(data["removed"], removed)
    if form == "documents":
        doc_id, text = data.pop("id"), data.pop("text")
        return {"id": doc_id, "text": text, "metadata": {**data, **(metadata or {})}}
    if metadata is not None:
        data["metadata"] = metadata
    return data


def line(record: Record, metadata: dict[str, Any] | None, *, form: str = "records",
         removed: str = "full") -> str:
    """One output line (without its newline), serialised as ``Record.to_json`` does."""
    if form == "records" and removed == "full" and metadata is None:
        return record.to_json()
    return json.dumps(shape(record, metadata, form=form, removed=removed), ensure_ascii=False)
