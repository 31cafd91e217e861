"""The run report: what a run read, wrote, skipped and removed, for people and for pipelines.

``run`` prints a one-screen summary on stderr at the end, and ``--report FILE`` writes the same
figures per rule and per site as JSON (format ``clean-corpus-report/1``, drawn by
``clean-corpus report``) so a pipeline can track drift between runs. Everything is counted as
the outcomes stream past; nothing per record is kept except the slowest few.

Lines are the capture's text lines as the cleaner sees them: a record's kept lines are the
non-empty lines of its ``text``, its removed lines the non-empty lines of its removals, so
``lines_in = kept + removed`` means the same for a text dump and for HTML.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleaner.corpus.workers import Outcome

FORMAT = "clean-corpus-report/1"
MAX_FAILURES = 1000
SLOWEST = 20
FIRST_SOURCES = 3
TOP_RULES = 10
HISTOGRAM_BINS = 10
GENERIC_SITE = "(generic)"


def _lines(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.strip())


@dataclass(slots=True)
class RunReport:
    """Counters fed one outcome at a time (``add``), rendered by ``summary`` and ``to_dict``."""

    inputs: list[str]
    captures_in: int = 0
    records_out: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_sources: dict[str, list[str]] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    failures_total: int = 0
    bytes_in: int = 0
    text_bytes_out: int = 0
    lines_in: int = 0
    lines_removed: int = 0
    rule_lines: Counter[str] = field(default_factory=Counter)
    rule_captures: Counter[str] = field(default_factory=Counter)
    sites: Counter[str] = field(default_factory=Counter)
    histogram: list[int] = field(default_factory=lambda: [0] * HISTOGRAM_BINS)
    slowest: list[tuple[float, str]] = field(default_factory=list)  # a min-heap of (seconds, source)
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.captures_in += 1
        self.bytes_in += outcome.bytes_in
        if outcome.seconds:
            entry = (outcome.seconds, outcome.source)
            if len(self.slowest) < SLOWEST:
                heapq.heappush(self.slowest, entry)
            elif entry > self.slowest[0]:
                heapq.heapreplace(self.slowest, entry)
        skip, record = outcome.skip, outcome.record
        if skip is not None:
            self.skipped[skip.code] += 1
            first = self.skipped_sources.setdefault(skip.code, [])
            if len(first) < FIRST_SOURCES:
                first.append(skip.source)
            if skip.failure:
                self.failures_total += 1
                if len(self.failures) < MAX_FAILURES:
                    self.failures.append({"source": skip.source, "reason": skip.reason})
            return
        if record is None:
            return
        self.records_out += 1
        self.text_bytes_out += len(record.text.encode("utf-8"))
        self.sites[record.site or GENERIC_SITE] += 1
        kept = _lines(record.text)
        removed = 0
        for rule in {r.rule for r in record.removed}:
            self.rule_captures[rule] += 1
        for removal in record.removed:
            n = _lines(removal.text)
            removed += n
            self.rule_lines[removal.rule] += n
        self.lines_in += kept + removed
        self.lines_removed += removed
        share = removed / (kept + removed) if kept + removed else 0.0
        self.histogram[min(int(share * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1

    @property
    def failed(self) -> bool:
        return self.failures_total > 0

    def to_dict(self) -> dict[str, Any]:
        rules = sorted(self.rule_lines, key=lambda rule: (-self.rule_lines[rule], rule))
        data: dict[str, Any] = {
            "format": FORMAT,
            "inputs": list(self.inputs),
            "captures_in": self.captures_in,
            "records_out": self.records_out,
            "skipped": dict(sorted(self.skipped.items())),
            "failures": list(self.failures),
        }
        if self.failures_total > len(self.failures):
            data["failures_total"] = self.failures_total
        data.update({
            "bytes_in": self.bytes_in,
            "text_bytes_out": self.text_bytes_out,
            "lines_in": self.lines_in,
            "lines_removed": self.lines_removed,
            "removed_share": round(self.lines_removed / self.lines_in, 6) if self.lines_in else 0.0,
            "rules": {rule: {"lines": self.rule_lines[rule], "captures": self.rule_captures[rule]} for rule in rules},
            "sites": dict(sorted(self.sites.items(), key=lambda item: (-item[1], item[0]))),
            "removed_share_histogram": {
                "edges": [round(i / HISTOGRAM_BINS, 1) for i in range(HISTOGRAM_BINS + 1)],
                "counts": list(self.histogram),
            },
            "slowest": [{"source": source, "seconds": round(seconds, 4)}
                        for seconds, source in sorted(self.slowest, key=lambda e: (-e[0], e[1]))],
            "seconds": round(self.seconds, 3),
            "captures_per_second": round(self.captures_in / self.seconds, 2) if self.seconds else 0.0,
        })
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def summary(self) -> str:
        """The one-screen text summary printed on stderr at the end of a run."""
        mb_in = self.bytes_in / 1e6
        rate = self.captures_in / self.seconds if self.seconds else 0.0
        share = self.lines_removed / self.lines_in if self.lines_in else 0.0
        out = [
            f"captures in      {self.captures_in:,}",
            f"records out      {self.records_out:,}",
        ]
        for code, count in sorted(self.skipped.items(), key=lambda item: (-item[1], item[0])):
            first = ", ".join(self.skipped_sources.get(code, []))
            more = ", ..." if count > len(self.skipped_sources.get(code, [])) else ""
            out.append(f"skipped {code:<12} {count:,}  ({first}{more})")
        out += [
            f"bytes in / text out  {mb_in:,.1f} MB / {self.text_bytes_out / 1e6:,.1f} MB",
            f"text removed     {share:.1%} of {self.lines_in:,} lines",
        ]
        top = sorted(self.rule_lines.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES]
        if top:
            out.append("top rules by lines removed:")
            out += [f"  {lines:>9,}  {rule}" for rule, lines in top]
        out.append(f"time             {self.seconds:,.1f} s, {rate:,.1f} captures/s, "
                   f"{mb_in / self.seconds if self.seconds else 0.0:,.2f} MB/s")
        return "\n".join(out)
