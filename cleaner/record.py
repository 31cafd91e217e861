"""The output record: the one shape every capture ends as.

The field order is part of the contract (golden files and downstream pipelines diff it byte for
byte), so it lives in one place, ``FIELDS``, and serialisation never depends on dict order
built elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

FIELDS = (
    "id",
    "source",
    "url",
    "site",
    "title",
    "authors",
    "agencies",
    "published",
    "dateline",
    "text",
    "removed",
    "near_duplicate_of",
)


@dataclass(frozen=True, slots=True)
class Removal:
    """One piece of the capture that did not reach ``text``, and the rule that took it.

    ``start``/``end`` are 1-based line numbers of the capture, so a reader can go straight to
    the line. A rule that trims part of a line records just the trimmed part in ``text``.
    """

    rule: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline such as ``SINGAPORE (Bloomberg) –``: where the story was filed, and by whom."""

    place: str | None
    agency: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "agency": self.agency}


@dataclass(frozen=True, slots=True)
class Record:
    """A cleaned capture. Immutable: later stages (de-duplication) make a changed copy."""

    id: str
    source: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    published: str | None = None
    dateline: Dateline | None = None
    text: str = ""
    removed: tuple[Removal, ...] = field(default_factory=tuple)
    near_duplicate_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON types, keys in ``FIELDS`` order."""
        values = {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "authors": list(self.authors),
            "agencies": list(self.agencies),
            "published": self.published,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "near_duplicate_of": self.near_duplicate_of,
        }
        return {name: values[name] for name in FIELDS}

    def to_json(self, *, indent: int | None = None) -> str:
        """Serialise deterministically: UTF-8 text, no ASCII escaping, fixed key order."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def with_near_duplicate(self, other_id: str | None) -> Record:
        return replace(self, near_duplicate_of=other_id)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Rebuild a record read back from JSON (goldens, ``dedup`` input)."""
        # ``url`` came later than the other fields: records written before it lack it.
        missing = [name for name in FIELDS if name not in data and name != "url"]
        if missing:
            raise ValueError(f"record is missing field(s): {', '.join(missing)}")
        dateline = data["dateline"]
        return cls(
            id=data["id"],
            source=data["source"],
            url=data.get("url"),
            site=data["site"],
            title=data["title"],
            authors=tuple(data["authors"]),
            agencies=tuple(data["agencies"]),
            published=data["published"],
            dateline=Dateline(dateline.get("place"), dateline.get("agency")) if dateline else None,
            text=data["text"],
            removed=tuple(Removal(r["rule"], r["start"], r["end"], r["text"]) for r in data["removed"]),
            near_duplicate_of=data["near_duplicate_of"],
        )
