"""``explain --html``: one capture as it was, every block coloured by what the rules decided.

Text dumps are shown line by line (the capture as it was, blank lines too), each block a box
around its lines; HTML captures one row per text block, numbered by source line, as the text
``explain`` does. Beside each block: the rule, its reason on hover, and why it matched. The
record's fields sit on top, each linked to the block it came from.

Built for big captures: one pass over the lines, string pieces joined once, and the filters are
a single CSS rule the script rewrites (no per-block work in the browser); ``content-visibility``
lets the browser skip laying out what is off screen.
"""

from __future__ import annotations

import json
from collections import Counter

from cleaner.pipeline import Explanation
from cleaner.report.ledger import KEPT, REMOVED, RESTORED, STATUSES, TRIMMED, Decision, decisions
from cleaner.report.page import document, esc
from cleaner.report.sources import field_sources

# Mark, legend label and meaning of each status: the mark keeps a grey printout readable.
STATUS_LEGEND = {
    KEPT: ("+", "kept", "reaches the record's text"),
    REMOVED: ("−", "removed", "a rule dropped the whole block"),
    TRIMMED: ("~", "trimmed", "kept, but a rule cut part of it out (shown as ✂)"),
    RESTORED: ("↺", "taken back", "a rule that sees more of the page kept it over an earlier removal"),
}
# Ids under ``normalize/`` are no rule file's: the extract stage splits such text off.
NORMALIZE_REASON = "split off by the extract stage (cleaner/extract/normalize/), not by a rule file"
# The record's fields shown on top, in the record's order.
FIELDS = ("title", "authors", "agencies", "published", "dateline")


# A "why" longer than this (a pattern rule's whole regular expression) is printed in full once;
# later blocks with the same one show its start and link to it, so a page with thousands of
# menu lines does not repeat a kilobyte of regex on each.
WHY_MAX = 160


def _rule_link(rule: str) -> str:
    """The rule's id, linked to its row in the rules table (its reason shows on hover, set by
    the script from one table instead of repeated on every block)."""
    return f'<a class="rule" href="#rule-{esc(rule)}">{esc(rule)}</a>'


class _Whys:
    """Long whys seen so far on this page: the first is printed in full with an anchor."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def show(self, why: str) -> str:
        if len(why) <= WHY_MAX:
            return esc(why)
        k = self.seen.get(why)
        if k is None:
            k = self.seen[why] = len(self.seen)
            return f'<span id="w{k}">{esc(why)}</span>'
        return f'{esc(why[:WHY_MAX // 2])}… <a class="same" href="#w{k}">(as above)</a>'


def _note(d: Decision, whys: _Whys) -> str:
    """The side column of one block: who decided, and why."""
    parts = []
    if d.status == REMOVED:
        parts.append(_rule_link(d.rule or ""))
    elif d.status == RESTORED:
        parts.append(f"kept by {_rule_link(d.rule or '')} over {_rule_link(d.over or '')}")
    if d.why:
        parts.append(f'<span class="why">↳ {whys.show(d.why)}</span>')
    for cut in d.cuts:
        why = f' <span class="why">{whys.show(cut.why)}</span>' if cut.why else ""
        parts.append(f'<span class="cut">{_rule_link(cut.rule)} ✂ <q>{esc(cut.text)}</q>{why}</span>')
    return "<br>".join(parts)


def _open_block(d: Decision) -> str:
    rules = esc(" ".join(d.rules))
    return (f'<div class="blk {d.status}" id="b{d.index}" data-start="{d.start}" data-end="{d.end}" '
            f'data-rules="{rules}"><b class="mark">{STATUS_LEGEND[d.status][0]}</b>')


def _line(n: int, text: str) -> str:
    """One line of the capture: ``<p id="L12"><i>12</i>text</p>``. Terse on purpose: a 5 MB
    capture has ~100,000 of them, and every byte of markup here is 100 kB of page."""
    return f'<p id="L{n}"><i>{n}</i>{esc(text)}</p>'


def _text_rows(exp: Explanation, ledger: list[Decision], whys: _Whys) -> list[str]:
    """Every line of the dump once, each block a box around its lines; blank lines between."""
    lines = exp.lines
    out: list[str] = []
    cursor = 1
    for d in sorted(ledger, key=lambda d: (d.start, d.index)):
        if cursor < d.start:
            out.append('<div class="gap">')
            out.extend(_line(n, lines[n - 1]) for n in range(cursor, min(d.start, len(lines) + 1)))
            out.append("</div>")
        out.append(_open_block(d))
        out.append('<div class="src">')
        shown = range(max(cursor, d.start), min(d.end, len(lines)) + 1)
        out.extend(_line(n, lines[n - 1]) for n in shown)
        if not shown:  # lines already shown by an overlapping block: show what this one read
            out.append(f"<p><i>{d.start}</i>{esc(d.text)}</p>")
        out.append(f'</div><div class="note">{_note(d, whys)}</div></div>')
        cursor = max(cursor, d.end + 1)
    if cursor <= len(lines):
        out.append('<div class="gap">')
        out.extend(_line(n, lines[n - 1]) for n in range(cursor, len(lines) + 1))
        out.append("</div>")
    return out


def _html_rows(ledger: list[Decision], whys: _Whys) -> list[str]:
    """HTML: the source lines are markup, the blocks are what was read; one row per block."""
    out = []
    for d in ledger:
        tag = f'<span class="tag">&lt;{esc(d.tag or "text")}&gt;</span> '
        out.append(_open_block(d))
        out.append(f'<div class="src"><p><i>{d.start}</i>{tag}{esc(d.text)}</p></div>')
        out.append(f'<div class="note">{_note(d, whys)}</div></div>')
    return out


def _fields(exp: Explanation, ledger: list[Decision]) -> str:
    rec = exp.record
    values: dict[str, list[str]] = {name: [] for name in FIELDS}
    for fv in field_sources(exp, ledger):
        if fv.block is None:
            values[fv.field].append(f'<span class="unlinked" title="not shown in any block">{esc(fv.value)}</span>')
        else:
            start = ledger[fv.block].start
            values[fv.field].append(f'<a href="#b{fv.block}" title="line {start}">{esc(fv.value)}</a>')
    rows = [f"<tr><th>{name}</th><td>{', '.join(values[name]) or '<span class=none>none</span>'}</td></tr>"
            for name in FIELDS]
    words = len(rec.text.split())
    paragraphs = rec.text.count("\n\n") + 1 if rec.text else 0
    rows.append(f"<tr><th>text</th><td>{paragraphs} paragraph(s), {words} words; "
                f"{len(rec.removed)} removal(s)</td></tr>")
    return '<table class="fields">' + "".join(rows) + "</table>"


def _reason(rule: str, reasons: dict[str, str]) -> str:
    return reasons.get(rule) or (NORMALIZE_REASON if rule.startswith("normalize/") else "")


def _rules_table(ledger: list[Decision], reasons: dict[str, str]) -> tuple[str, list[tuple[str, int]]]:
    counts: Counter[str] = Counter(r for d in ledger for r in d.rules)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rows = "".join(
        f'<tr id="rule-{esc(rule)}"><td><code>{esc(rule)}</code></td><td class="num">{n}</td>'
        f"<td>{esc(_reason(rule, reasons))}</td></tr>"
        for rule, n in ordered
    )
    table = ('<table class="rules"><thead><tr><th>rule</th><th>blocks</th><th>reason</th></tr></thead>'
             f"<tbody>{rows}</tbody></table>")
    return table, ordered


def _legend(ledger: list[Decision]) -> str:
    counts = Counter(d.status for d in ledger)
    items = "".join(
        f'<li class="{status}"><span class="mark">{mark}</span> <b>{label}</b> ({counts[status]}): {meaning}</li>'
        for status, (mark, label, meaning) in STATUS_LEGEND.items()
    )
    return f'<ul class="legend">{items}</ul>'


def _filters(rules: list[tuple[str, int]]) -> str:
    show = "".join(f'<option value="{s}">only {STATUS_LEGEND[s][1]}</option>' for s in STATUSES)
    options = "".join(f'<option value="{esc(rule)}">{esc(rule)} ({n})</option>' for rule, n in rules)
    return ('<form class="filters" id="filters">'
            '<label>show <select id="f-show"><option value="">every block</option>'
            f'<option value="dropped">only removed or trimmed</option>{show}</select></label> '
            f'<label>rule <select id="f-rule"><option value="">any rule</option>{options}</select></label> '
            '<output id="f-count"></output></form><style id="f-style"></style>')


def render(exp: Explanation, reasons: dict[str, str] | None = None) -> str:
    """The explain page for one capture. ``reasons`` maps a rule id to its rule file's reason."""
    reasons = reasons or {}
    ledger = decisions(exp)
    rec = exp.record
    site = exp.site.id if exp.site else "none (generic only)"
    rules_table, rules = _rules_table(ledger, reasons)
    whys = _Whys()
    rows = _html_rows(ledger, whys) if exp.page.kind == "html" else _text_rows(exp, ledger, whys)
    # Reasons for the hover text, once per rule; "</" escaped so no text can close the script.
    hover = json.dumps({rule: _reason(rule, reasons) for rule, _ in rules if _reason(rule, reasons)},
                       ensure_ascii=False)
    hover = hover.replace("</", "<\\/")
    how = ("HTML: one row per text block, numbered by its source line" if exp.page.kind == "html"
           else "text: every line of the capture, each block boxed")
    head = [
        "<header>",
        f"<h1>{esc(rec.source)}</h1>",
        f'<p class="meta">site rules: <b>{esc(site)}</b> · {how} · {len(ledger)} blocks</p>',
        _fields(exp, ledger),
        _legend(ledger),
        f"<details open><summary>rules that decided ({len(rules)})</summary>{rules_table}</details>",
        _filters(rules),
        "</header>",
        f'<main class="capture {esc(exp.page.kind)}" id="capture">',
    ]
    tail = f'</main>\n<script type="application/json" id="reasons">{hover}</script>'
    body = "\n".join(head) + "\n" + "\n".join(rows) + "\n" + tail
    return document(f"explain: {rec.source}", body, css=("base.css", "explain.css"), js=("explain.js",))
