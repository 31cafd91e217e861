"""``clean-corpus explain``: show a capture line by line, kept or dropped, and by which rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaner.decide.rulebook import RuleBook, RuleError, load_rulebook
from cleaner.pipeline import Explanation, explain_file
from cleaner.read.capture import CaptureError

RULE_WIDTH = 30


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "explain",
        help="show which rule dropped each line of a capture",
        description=(
            "Print the capture line by line: '+' kept, '-' dropped (with the rule id and, "
            "indented below, why it matched), '~' kept but trimmed (the trimmed text is shown). "
            "HTML captures are shown one text block per row, numbered by source line. Then the "
            "record's metadata. The decisions are the ones 'run' makes."
        ),
    )
    parser.add_argument("capture", type=Path, metavar="FILE", help="one capture file")
    parser.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR",
                        help="extra rule sets, as for 'run'")
    parser.add_argument("--dropped", action="store_true", help="print only dropped or trimmed lines")
    parser.add_argument("--no-why", dest="why", action="store_false", help="do not print why a rule matched")
    parser.add_argument("--json", action="store_true", help="print the record as JSON after the lines")
    parser.add_argument("--html", type=Path, metavar="OUT.html",
                        help="write a self-contained page instead: every block coloured by decision, "
                             "rules and why beside it, filters (opens from disk, no network)")
    parser.set_defaults(handler=handle)


def _decisions(page) -> dict[int, list[str]]:  # noqa: ANN001 - a decide.page.Page
    """Per block, the ``↳`` lines: its one decision's why, or, when a rule took back or took over
    another's removal, every ledger entry in order (both decisions are shown)."""
    entries: dict[int, list] = {}
    for e in page.ledger:
        if e.action != "trim":
            entries.setdefault(e.block, []).append(e)
    out = {}
    for i in range(len(page.blocks)):
        mine = entries.get(i, [])
        if len(mine) > 1:
            out[i] = [e.describe() for e in mine]
        elif page.why[i]:
            out[i] = [page.why[i]]
    return out


def _block_rows(exp: Explanation, only_dropped: bool, why: bool) -> list[str]:
    """One row per block (HTML: the source lines are markup, the blocks are what was read)."""
    page = exp.page
    decisions = _decisions(page) if why else {}
    out = []
    for i, block in enumerate(page.blocks):
        rule = page.removed_by[i]
        if rule is None and not page.trims[i] and only_dropped:
            continue
        mark, label = ("-", rule) if rule else ("~", "kept, trimmed") if page.trims[i] else ("+", "")
        out.append(f"{block.start:>5} {mark} {label:<{RULE_WIDTH}} <{block.tag or 'text'}> {block.text}")
        for line in decisions.get(i, ()):  # why it went, or every decision when one was taken back
            out.append(f"{'':>5}   {'':<{RULE_WIDTH}}   ↳ {line}")
        for trim in page.trims[i]:
            out.append(f"{'':>5}   {trim.rule:<{RULE_WIDTH}}   ✂ {trim.text!r}")
    return out


def render(exp: Explanation, *, only_dropped: bool = False, why: bool = True) -> str:
    """The human-readable explanation: one row per capture line (per block for HTML)."""
    page = exp.page
    by_line: dict[int, int] = {}
    for i, block in enumerate(page.blocks):
        for n in range(block.start, block.end + 1):
            by_line.setdefault(n, i)
    rec = exp.record
    decisions = _decisions(page) if why else {}
    out = [f"# {rec.source}  site rules: {exp.site.id if exp.site else 'none (generic only)'}"]
    if page.kind == "html":
        out.append("# HTML: one row per text block, numbered by its source line")
        out.extend(_block_rows(exp, only_dropped, why))
    for n, line in enumerate(() if page.kind == "html" else exp.lines, start=1):
        i = by_line.get(n)
        shown = line.rstrip()
        if i is None:
            if not only_dropped:
                out.append(f"{n:>5}   {'':<{RULE_WIDTH}} {shown}")
            continue
        rule = page.removed_by[i]
        first = page.blocks[i].start == n
        if rule is not None:
            out.append(f"{n:>5} - {rule:<{RULE_WIDTH}} {shown}")
            if first:
                out.extend(f"{'':>5}   {'':<{RULE_WIDTH}}   ↳ {line}" for line in decisions.get(i, ()))
                for trim in page.trims[i]:
                    out.append(f"{'':>5}   {trim.rule:<{RULE_WIDTH}}   ✂ {trim.text!r} (before the drop)")
        elif page.trims[i] and first:
            out.append(f"{n:>5} ~ {'kept, trimmed':<{RULE_WIDTH}} {shown}")
            for trim in page.trims[i]:
                out.append(f"{'':>5}   {trim.rule:<{RULE_WIDTH}}   ✂ {trim.text!r}")
        elif not only_dropped:
            out.append(f"{n:>5} + {'':<{RULE_WIDTH}} {shown}")
            if first:  # kept again over an earlier rule: both decisions (the ledger)
                out.extend(f"{'':>5}   {'':<{RULE_WIDTH}}   ↳ {line}" for line in decisions.get(i, ()))
    out.append("")
    out.append(f"title:     {rec.title!r}")
    out.append(f"authors:   {list(rec.authors)!r}")
    out.append(f"agencies:  {list(rec.agencies)!r}")
    out.append(f"published: {rec.published!r}")
    out.append(f"dateline:  {rec.dateline.to_dict() if rec.dateline else None!r}")
    paragraphs = rec.text.count("\n\n") + 1 if rec.text else 0
    out.append(f"text:      {paragraphs} paragraph(s), {len(rec.text.split())} words; {len(rec.removed)} removal(s)")
    return "\n".join(out)


def _write_html(exp: Explanation, rules: RuleBook, target: Path) -> int:
    """``--html OUT``: the page instead of the printout (imported here: only this path needs it)."""
    from cleaner.report import explain_page
    from cleaner.report.output import rule_reasons, write_page

    try:
        size = write_page(explain_page.render(exp, rule_reasons(rules)), target)
    except OSError as exc:
        print(f"clean-corpus explain: {target}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if str(target) != "-":
        print(f"clean-corpus explain: wrote {target} ({size:,} bytes, {len(exp.page.blocks)} blocks)", file=sys.stderr)
    return 0


def handle(args: argparse.Namespace) -> int:
    try:
        rules = load_rulebook(tuple(args.rules))
        exp = explain_file(args.capture, source=args.capture.name, rules=rules)
    except (CaptureError, RuleError) as exc:
        print(f"clean-corpus explain: {exc}", file=sys.stderr)
        return 2
    if args.html is not None:
        return _write_html(exp, rules, args.html)
    print(render(exp, only_dropped=args.dropped, why=args.why))
    if args.json:
        print(exp.record.to_json(indent=2))
    return 0
