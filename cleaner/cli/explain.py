"""``clean-corpus explain``: show a capture line by line, kept or dropped, and by which rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaner.decide.ledger import TRIM, Entry
from cleaner.decide.rulebook import RuleBook, RuleError, load_rulebook
from cleaner.pipeline import Explanation, explain, explain_file
from cleaner.read.capture import CaptureError
from cleaner.read.inputs import Skip, find_record, item_text
from cleaner.segment.blocks import Block

RULE_WIDTH = 30


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "explain",
        help="show which rule dropped each line of a capture",
        description=(
            "Print the capture line by line: '+' kept, '-' dropped (with the rule id and, "
            "indented below, why it matched), '~' kept but trimmed (the trimmed text is shown). "
            "HTML captures are shown one text block per row, numbered by source line. Then the "
            "record's metadata. The decisions are the ones 'run' makes. A capture inside a WARC, "
            "WET or JSONL file is named with --record ID or as FILE#ID."
        ),
    )
    parser.add_argument("capture", metavar="FILE", help="one capture file, or FILE#ID: one record of a crawl file")
    parser.add_argument("--record", metavar="ID",
                        help="the record of a WARC/WET file (its WARC-Record-ID) or of a JSONL file "
                             "(its document id or line number) to explain")
    parser.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR",
                        help="extra rule sets, as for 'run'")
    parser.add_argument("--dropped", action="store_true", help="print only dropped or trimmed lines")
    parser.add_argument("--no-why", dest="why", action="store_false", help="do not print why a rule matched")
    parser.add_argument("--json", action="store_true", help="print the record as JSON after the lines")
    parser.add_argument("--html", type=Path, metavar="OUT.html",
                        help="write a self-contained page instead: every block coloured by decision, "
                             "rules and why beside it, filters (opens from disk, no network)")
    parser.set_defaults(handler=handle)


def _decisions(exp: Explanation) -> dict[int, list[str]]:
    """Per block, the ``↳`` lines: its one decision's why, or, when a rule took back or took over
    another's removal, every ledger entry in order (both decisions are shown)."""
    entries: dict[int, list[Entry]] = {}
    for e in exp.page.ledger:
        if e.action != TRIM:
            entries.setdefault(e.block, []).append(e)
    out = {}
    for i in range(len(exp.page.blocks)):
        mine = entries.get(i, [])
        if len(mine) > 1:
            out[i] = [e.describe() for e in mine]
        elif exp.state.why[i]:
            out[i] = [exp.state.why[i]]
    return out


def _block_rows(exp: Explanation, only_dropped: bool, why: bool) -> list[str]:
    """One row per block (HTML: the source lines are markup, the blocks are what was read)."""
    page, state = exp.page, exp.state
    decisions = _decisions(exp) if why else {}
    out = []
    for i, block in enumerate(page.blocks):
        rule = state.removed_by[i]
        if rule is None and not state.trims[i] and only_dropped:
            continue
        mark, label = ("-", rule) if rule else ("~", "kept, trimmed") if state.trims[i] else ("+", "")
        out.append(f"{block.start:>5} {mark} {label:<{RULE_WIDTH}} <{block.tag or 'text'}> {block.text}")
        for line in decisions.get(i, ()):  # why it went, or every decision when one was taken back
            out.append(f"{'':>5}   {'':<{RULE_WIDTH}}   ↳ {line}")
        for trim_rule, piece, _ in state.trims[i]:
            out.append(f"{'':>5}   {trim_rule:<{RULE_WIDTH}}   ✂ {piece!r}")
    return out


def _part(block: Block, n: int) -> str:
    """What block ``block`` read of capture line ``n`` (its own column of a side-by-side row)."""
    at = n - block.start
    if len(block.lines) == block.end - block.start + 1 and 0 <= at < len(block.lines):
        return block.lines[at].strip()
    return block.text


def _mark(exp: Explanation, i: int) -> tuple[str, str]:
    """A block's mark and label on its rows: dropped by a rule, kept but trimmed, or kept."""
    rule = exp.state.removed_by[i]
    if rule is not None:
        return "-", rule
    return ("~", "kept, trimmed") if exp.state.trims[i] else ("+", "")


def _line_rows(exp: Explanation, n: int, line: str, i: int, decisions: dict[int, list[str]],
               only_dropped: bool) -> list[str]:
    """The rows of capture line ``n``, read by block ``i`` alone."""
    page, state = exp.page, exp.state
    shown = line.rstrip()
    rule = state.removed_by[i]
    first = page.blocks[i].start == n
    out = []
    if rule is not None:
        out.append(f"{n:>5} - {rule:<{RULE_WIDTH}} {shown}")
        if first:
            out.extend(f"{'':>5}   {'':<{RULE_WIDTH}}   ↳ {why}" for why in decisions.get(i, ()))
            for trim_rule, piece, _ in state.trims[i]:
                out.append(f"{'':>5}   {trim_rule:<{RULE_WIDTH}}   ✂ {piece!r} (before the drop)")
    elif state.trims[i] and first:
        out.append(f"{n:>5} ~ {'kept, trimmed':<{RULE_WIDTH}} {shown}")
        for trim_rule, piece, _ in state.trims[i]:
            out.append(f"{'':>5}   {trim_rule:<{RULE_WIDTH}}   ✂ {piece!r}")
    elif not only_dropped:
        out.append(f"{n:>5} + {'':<{RULE_WIDTH}} {shown}")
        if first:  # kept again over an earlier rule: both decisions (the ledger)
            out.extend(f"{'':>5}   {'':<{RULE_WIDTH}}   ↳ {why}" for why in decisions.get(i, ()))
    return out


def _shared_line_rows(exp: Explanation, n: int, line: str, blocks: list[int],
                      decisions: dict[int, list[str]], only_dropped: bool) -> list[str]:
    """A line that side-by-side columns share (each column is its own stream of blocks): the
    line once, then every block's part of it with that block's own decision."""
    if only_dropped and all(_mark(exp, i)[0] == "+" for i in blocks):
        return []
    marks = {_mark(exp, i) for i in blocks}
    mark, label = next(iter(marks)) if len(marks) == 1 else ("±", f"{len(blocks)} columns")
    out = [f"{n:>5} {mark} {label:<{RULE_WIDTH}} {line.rstrip()}"]
    for i in blocks:
        own_mark, own_label = _mark(exp, i)
        if only_dropped and own_mark == "+":
            continue
        out.append(f"{'':>5} {own_mark} {own_label:<{RULE_WIDTH}}   │ {_part(exp.page.blocks[i], n)}")
        if exp.page.blocks[i].start == n:
            out.extend(f"{'':>5}   {'':<{RULE_WIDTH}}     ↳ {why}" for why in decisions.get(i, ()))
            for trim_rule, piece, _ in exp.state.trims[i]:
                out.append(f"{'':>5}   {trim_rule:<{RULE_WIDTH}}     ✂ {piece!r}")
    return out


def render(exp: Explanation, *, only_dropped: bool = False, why: bool = True) -> str:
    """The human-readable explanation: one row per capture line (per block for HTML).

    A line that side-by-side layout columns share is read by one block per column; it is
    printed once, then each block's part of it with that block's decision (a kept article half
    and a dropped sidebar half both show).
    """
    page = exp.page
    by_line: dict[int, list[int]] = {}
    for i, block in enumerate(page.blocks):
        for n in range(block.start, block.end + 1):
            by_line.setdefault(n, []).append(i)
    rec = exp.record
    decisions = _decisions(exp) if why else {}
    out = [f"# {rec.source}  site rules: {exp.site.id if exp.site else 'none (generic only)'}"]
    if page.kind == "html":
        out.append("# HTML: one row per text block, numbered by its source line")
        out.extend(_block_rows(exp, only_dropped, why))
    for n, line in enumerate(() if page.kind == "html" else exp.lines, start=1):
        blocks = by_line.get(n)
        if blocks is None:
            if not only_dropped:
                out.append(f"{n:>5}   {'':<{RULE_WIDTH}} {line.rstrip()}")
        elif len(blocks) == 1:
            out.extend(_line_rows(exp, n, line, blocks[0], decisions, only_dropped))
        else:
            out.extend(_shared_line_rows(exp, n, line, blocks, decisions, only_dropped))
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


def _target(args: argparse.Namespace) -> tuple[str, str | None]:
    """``(path, record id or None)`` from ``FILE``, ``FILE --record ID`` or ``FILE#ID`` (a file
    whose own name holds ``#`` is taken whole when it exists)."""
    path, record = args.capture, args.record
    if record is None and "#" in path and not Path(path).exists():
        path, _, record = path.rpartition("#")
    return path, record


def _explain_record(path: str, record: str, rules: RuleBook) -> Explanation:
    """One capture of a crawl file, read as ``run`` reads it (``cleaner.read.inputs``)."""
    if not Path(path).is_file():
        raise CaptureError(path, "no such file")
    found = find_record(path, record)
    if found is None:
        raise CaptureError(path, f"holds no record {record!r} (a WARC record id, a JSONL document id or line)")
    if isinstance(found, Skip):
        raise CaptureError(found.source, f"not cleaned by 'run': {found.reason}")
    text, kind = item_text(found)
    return explain(text, source=found.source, kind=kind, id=found.id, url=found.url, rules=rules)


def handle(args: argparse.Namespace) -> int:
    path, record = _target(args)
    try:
        rules = load_rulebook(tuple(args.rules))
        if record is None:
            exp = explain_file(Path(path), source=Path(path).name, rules=rules)
        else:
            exp = _explain_record(path, record, rules)
    except (CaptureError, RuleError) as exc:
        print(f"clean-corpus explain: {exc}", file=sys.stderr)
        return 2
    if args.html is not None:
        return _write_html(exp, rules, args.html)
    print(render(exp, only_dropped=args.dropped, why=args.why))
    if args.json:
        print(exp.record.to_json(indent=2))
    return 0
