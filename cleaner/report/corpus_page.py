"""``clean-corpus report``: a run's ``--report`` JSON drawn as one page of charts and tables.

The JSON (``clean-corpus-report/1``) is written by ``run --report``; this module only reads it.
Keys may be added to the format, never renamed: unknown keys are ignored, and a section whose
key is missing says so instead of failing. A key present with the wrong type is an error naming
the key, so a damaged file is never drawn as if it were true.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from cleaner.report import svg
from cleaner.report.page import document, esc

FORMAT = "clean-corpus-report/1"
NUMBER = (int, float)

# Top-level keys and the JSON type each must have when present.
SCHEMA: dict[str, type | tuple[type, ...]] = {
    "format": str, "inputs": list, "captures_in": int, "records_out": int, "skipped": dict,
    "failures": list, "failures_total": int, "bytes_in": int, "text_bytes_out": int, "lines_in": int,
    "lines_removed": int, "removed_share": NUMBER, "rules": dict, "sites": dict,
    "removed_share_histogram": dict, "slowest": list, "seconds": NUMBER, "captures_per_second": NUMBER,
}
# Keys of the objects inside the lists and maps above.
ITEM_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "failures": {"source": str, "reason": str},
    "slowest": {"source": str, "seconds": NUMBER},
    "rules": {"lines": int, "captures": int},
}


class ReportError(ValueError):
    """A report file that cannot be drawn; the message names the file and the key."""


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    if isinstance(value, bool):  # JSON true/false are no numbers
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return isinstance(value, kind)


def _type_name(kind: type | tuple[type, ...]) -> str:
    return {str: "a string", int: "an integer", list: "a list", dict: "an object"}.get(kind, "a number")


def validate(data: Any, where: str) -> dict[str, Any]:
    """Check a parsed report against the format; return it, or raise ``ReportError``."""
    if not isinstance(data, dict):
        raise ReportError(f"{where}: not a clean-corpus report (a JSON object is expected)")
    if data.get("format") != FORMAT:
        raise ReportError(f"{where}: format is {data.get('format')!r}, expected {FORMAT!r}")
    for key, kind in SCHEMA.items():
        if key in data and not _is(data[key], kind):
            raise ReportError(f"{where}: '{key}' must be {_type_name(kind)}")
    for key, fields in ITEM_SCHEMA.items():
        items = data.get(key) or []
        entries = items.items() if isinstance(items, dict) else enumerate(items)
        for name, item in entries:
            for field, kind in fields.items():
                if not isinstance(item, dict) or not _is(item.get(field), kind):
                    raise ReportError(f"{where}: '{key}[{name}].{field}' must be {_type_name(kind)}")
    for key in ("skipped", "sites"):
        for name, count in (data.get(key) or {}).items():
            if not _is(count, int):
                raise ReportError(f"{where}: '{key}[{name}]' must be an integer")
    hist = data.get("removed_share_histogram")
    if hist is not None:
        edges, counts = hist.get("edges"), hist.get("counts")
        if (not isinstance(edges, list) or not isinstance(counts, list) or len(edges) != len(counts) + 1
                or not all(_is(e, NUMBER) for e in edges) or not all(_is(c, int) for c in counts)):
            raise ReportError(f"{where}: 'removed_share_histogram' needs numeric 'edges', one more than its integer 'counts'")
    return data


def load(path: Path) -> dict[str, Any]:
    """Read and check a report file; every problem is a one-line ``ReportError``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ReportError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}: not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    return validate(data, str(path))


def _n(value: Any, unit: str = "") -> str:
    if value is None:
        return '<span class="none">not in report</span>'
    if isinstance(value, float):
        return f"{value:,.2f}{unit}"
    return f"{value:,}{unit}"


def _size(value: Any) -> str:
    if value is None:
        return _n(None)
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if value >= scale:
            return f"{value / scale:,.1f} {unit} ({value:,} bytes)"
    return f"{value:,} bytes"


def _figures(data: dict[str, Any]) -> str:
    skipped = data.get("skipped")
    failures = data.get("failures_total", len(data["failures"]) if "failures" in data else None)
    share = data.get("removed_share")
    rows = [
        ("captures in", _n(data.get("captures_in"))),
        ("records out", _n(data.get("records_out"))),
        ("skipped", _n(sum(skipped.values()) if skipped is not None else None)),
        ("failures", _n(failures)),
        ("bytes in", _size(data.get("bytes_in"))),
        ("text bytes out", _size(data.get("text_bytes_out"))),
        ("lines in", _n(data.get("lines_in"))),
        ("lines removed", _n(data.get("lines_removed"))),
        ("share of lines removed", _n(None) if share is None else f"{share * 100:.1f}%"),
        ("seconds", _n(data.get("seconds"))),
        ("captures per second", _n(data.get("captures_per_second"))),
    ]
    cells = "".join(f'<tr><th>{label}</th><td class="num">{value}</td></tr>' for label, value in rows)
    return f'<table class="figures">{cells}</table>'


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]], numeric: set[int]) -> str:
    th = "".join(f'<th class="num">{h}</th>' if k in numeric else f"<th>{h}</th>" for k, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if k in numeric else f"<td>{c}</td>" for k, c in enumerate(row))
        + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _missing(key: str) -> str:
    return f'<p class="none">This report has no <code>{key}</code>.</p>'


def _rules(data: dict[str, Any]) -> str:
    if "rules" not in data:
        return _missing("rules")
    ranked = sorted(data["rules"].items(), key=lambda kv: (-kv[1]["lines"], kv[0]))
    removed = sum(v["lines"] for _, v in ranked) or 1
    chart = svg.bars([(rule, v["lines"]) for rule, v in ranked], title="lines removed per rule")
    rows = [(f"<code>{esc(rule)}</code>", f"{v['lines']:,}", f"{v['lines'] / removed * 100:.1f}%", f"{v['captures']:,}")
            for rule, v in ranked]
    table = _table(("rule", "lines", "share", "captures"), rows, {1, 2, 3})
    return f"{chart}<details><summary>as a table, with captures per rule</summary>{table}</details>"


def _histogram(data: dict[str, Any]) -> str:
    hist = data.get("removed_share_histogram")
    if hist is None:
        return _missing("removed_share_histogram")
    return svg.histogram(hist["edges"], hist["counts"], title="captures by share of text removed")


def _counts(data: dict[str, Any], key: str, label: str) -> str:
    if key not in data:
        return _missing(key)
    ranked = sorted(data[key].items(), key=lambda kv: (-kv[1], kv[0]))
    return svg.bars(ranked, title=f"captures per {label}")  # each bar carries its count


def _failures(data: dict[str, Any]) -> str:
    if "failures" not in data:
        return _missing("failures")
    failures = data["failures"]
    total = data.get("failures_total", len(failures))
    if not failures:
        return '<p class="none">No failures.</p>'
    note = f"<p>{len(failures):,} of {total:,} shown (the report keeps the first {len(failures):,}).</p>" if total > len(failures) else ""
    rows = [(f"<code>{esc(f['source'])}</code>", esc(f["reason"])) for f in failures]
    return note + _table(("capture", "reason"), rows, set())


def _slowest(data: dict[str, Any]) -> str:
    if "slowest" not in data:
        return _missing("slowest")
    ranked = sorted(data["slowest"], key=lambda s: (-s["seconds"], s["source"]))
    rows = [(f"<code>{esc(s['source'])}</code>", f"{s['seconds']:.3f}") for s in ranked]
    return _table(("capture", "seconds"), rows, {1}) if rows else '<p class="none">No captures.</p>'


def render(data: dict[str, Any], *, name: str = "report.json") -> str:
    """The report page for one validated report (see ``load``)."""
    inputs = "".join(f"<li><code>{esc(i)}</code></li>" for i in data.get("inputs", []))
    sections = [
        f"<header><h1>clean-corpus run report</h1><p class=meta>from <code>{esc(name)}</code></p>"
        f"<ul class=inputs>{inputs}</ul></header>",
        "<main>",
        '<div class="pair"><section id="figures"><h2>Figures</h2>' + _figures(data) + "</section>",
        '<section id="share"><h2>Share of text removed per capture</h2>' + _histogram(data) + "</section></div>",
        '<section id="rules"><h2>Lines removed per rule</h2>' + _rules(data) + "</section>",
        '<section id="sites"><h2>Captures per site rule set</h2>' + _counts(data, "sites", "site rule set") + "</section>",
        '<section id="skipped"><h2>Skipped captures by reason</h2>' + _counts(data, "skipped", "reason") + "</section>",
        '<section id="failures"><h2>Failures</h2>' + _failures(data) + "</section>",
        '<section id="slowest"><h2>Slowest captures</h2>' + _slowest(data) + "</section>",
        "</main>",
    ]
    return document(f"clean-corpus report: {name}", "\n".join(sections), css=("base.css", "report.css"))
