"""Why a golden differs from the cleaned capture, field by field, in lines a reviewer can read:
a paragraph diff for ``text`` (with the words that changed), an entry diff for ``removed``."""

from __future__ import annotations

import difflib
import json

from cleaner.goldens.problems import BAD_GOLDEN, STALE
from cleaner.record import FIELDS


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _paragraphs(text: object) -> list[str]:
    if not isinstance(text, str):
        return [_compact(text)]
    # One paragraph a diff line; a line break inside a paragraph is shown, not followed.
    return [p.replace("\n", "⏎") for p in text.split("\n\n")] if text else []


def word_changes(old: str, new: str, context: int = 3, limit: int = 6) -> str:
    """The changed words of two versions of a paragraph, with a little context:
    ``...said that {teh -> the} country...``; empty when they share too little to say."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:
        return ""
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - context):i1])
        after = " ".join(a[i2:i2 + context])
        gone, came = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        change = f"{{{gone} -> {came}}}" if gone and came else (f"{{-{gone}}}" if gone else f"{{+{came}}}")
        pieces.append(" ".join(x for x in ("..." + before if before else "", change, after + "..." if after else "") if x))
    shown = pieces[:limit] + ([f"(+{len(pieces) - limit} more)"] if len(pieces) > limit else [])
    return " | ".join(shown)


def sequence_diff(old: list[str], new: list[str], unit: str = "paragraphs") -> list[str]:
    """A unified diff of items (paragraphs, removal entries), one a line, one item of context;
    an item that was edited rather than replaced gets a ``~`` line naming the words that changed."""
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        lines.append(f"@@ {unit} -{i1 + 1},{i2 - i1} +{j1 + 1},{j2 - j1} @@")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines.extend(f"  {p}" for p in old[a1:a2])
                continue
            lines.extend(f"- {p}" for p in old[a1:a2])
            lines.extend(f"+ {p}" for p in new[b1:b2])
            if tag == "replace" and a2 - a1 == b2 - b1:
                for p, q in zip(old[a1:a2], new[b1:b2], strict=True):
                    if words := word_changes(p, q):
                        lines.append(f"~ {words}")
    return lines


def diff_records(golden: dict, cleaned: dict) -> list[tuple[str, list[str]]]:
    """``[(field, diff lines)]`` for every field that differs, in ``FIELDS`` order, then any
    field the golden has that a record does not. ``-`` is the golden, ``+`` the cleaned record."""
    out: list[tuple[str, list[str]]] = []
    names = list(FIELDS) + [k for k in golden if k not in FIELDS]
    absent = object()
    for name in names:
        old, new = golden.get(name, absent), cleaned.get(name, absent)
        if old == new:
            continue
        if old is absent or new is absent:
            lines = [f"- {_compact(old)}"] if old is not absent else ["- (field missing)"]
            lines += [f"+ {_compact(new)}"] if new is not absent else ["+ (no such field in a record)"]
        elif name == "text":
            lines = sequence_diff(_paragraphs(old), _paragraphs(new), "paragraphs")
        elif name == "removed" and isinstance(old, list) and isinstance(new, list):
            lines = sequence_diff([_compact(r) for r in old], [_compact(r) for r in new], "entries")
        else:
            lines = [f"- {_compact(old)}", f"+ {_compact(new)}"]
        out.append((name, lines))
    return out


def render_diff(diffs: list[tuple[str, list[str]]], max_lines: int | None = None) -> tuple[str, ...]:
    """Indented, readable lines: a header per field, then its diff."""
    legend = {"text": "text (paragraph diff)", "removed": "removed (entry diff)"}
    lines: list[str] = []
    for name, body in diffs:
        lines.append(f"  {legend.get(name, name)}:")
        lines.extend(f"    {line}" for line in body)
    if max_lines is not None and len(lines) > max_lines:
        more = len(lines) - max_lines
        lines = lines[:max_lines] + [f"  ... {more} more line(s); see them all with --update and git diff"]
    return tuple(lines)


def compare(new_json: str, old: bytes, max_lines: int | None = None) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """Explain why golden bytes ``old`` differ from ``new_json``:
    ``(kind, message, diff lines, changed fields)``."""
    try:
        golden = json.loads(old.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return BAD_GOLDEN, f"not a JSON record ({exc}); --update rewrites it", (), ()
    if not isinstance(golden, dict):
        return BAD_GOLDEN, f"not a JSON record (a {type(golden).__name__}); --update rewrites it", (), ()
    diffs = diff_records(golden, json.loads(new_json))
    if not diffs:
        return STALE, "same record, but not in the golden format (2-space JSON, field order, " \
                      "unescaped UTF-8, final newline); --update rewrites it", (), ()
    fields = tuple(name for name, _ in diffs)
    return STALE, f"differs from the cleaned capture in {', '.join(fields)}", render_diff(diffs, max_lines), fields
