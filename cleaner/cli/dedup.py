"""``clean-corpus dedup``: mark near-duplicates in a records file that was cleaned elsewhere.

The run command marks near-duplicates as it writes; this command does the same for a JSONL file
that already exists (cleaned by another pipeline, or merged from several runs), so the marking
never needs the captures again. It reads what ``run`` writes in either ``--format``: a record
keeps its ``metadata`` field (``--format records`` of an input with metadata), and a document
(``--format documents``: ``{"id", "text", "metadata"}``) gets its mark inside ``metadata``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cleaner.corpus.dedup import DEFAULT_MIN_WORDS, DEFAULT_THRESHOLD, mark_near_duplicates, parse_threshold
from cleaner.record import Record
from cleaner.write.formats import line as record_line
from cleaner.write.jsonl import atomic_writer

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """The input cannot be read as records; the message names the file and line."""


# The JSON type each record field must have (None: null allowed). A record with ``"text": null``
# or ``"id": 7`` would otherwise fail deep inside the marking, or be written back as if valid.
_STR, _OPT_STR, _STR_LIST = ("string",), ("string", "null"), ("list of strings",)
FIELD_TYPES: dict[str, tuple[str, ...]] = {
    "id": _STR, "source": _STR, "site": _OPT_STR, "title": _OPT_STR, "authors": _STR_LIST,
    "agencies": _STR_LIST, "published": _OPT_STR, "dateline": ("object", "null"), "text": _STR,
    "removed": ("list of removals",), "near_duplicate_of": _OPT_STR,
}
REMOVAL_TYPES = {"rule": str, "start": int, "end": int, "text": str}


def _is(value: object, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "null":
        return value is None
    if kind == "object":
        return isinstance(value, dict) and all(isinstance(v, str | None) for v in value.values())
    if kind == "list of strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, list) and all(  # list of removals
        isinstance(r, dict) and all(
            isinstance(r.get(key), want) and not isinstance(r.get(key), bool) for key, want in REMOVAL_TYPES.items()
        ) for r in value
    )


def field_type_error(data: dict) -> str | None:
    """The first field of a record whose JSON type is wrong, said in one phrase; None when all fit."""
    for name, kinds in FIELD_TYPES.items():
        if name in data and not any(_is(data[name], kind) for kind in kinds):
            return f"field {name!r} must be {' or '.join(kinds)}, not {json.dumps(data[name])[:40]}"
    return None


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "dedup",
        help="mark near-duplicates in an existing records file",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Read a JSONL file of records (as written by 'clean-corpus run') and write the same\n"
            "records, in the same order and serialisation, with near_duplicate_of recomputed:\n"
            "the id of the EARLIEST earlier record whose text contains most of this record's\n"
            "text, or null. 'Most' is the share of this text's word 5-grams (lower-cased,\n"
            "punctuation ignored) found in the earlier text; a record whose share reaches the\n"
            f"threshold (default {DEFAULT_THRESHOLD}) is marked. Records under {DEFAULT_MIN_WORDS} "
            "words are never marked and\nnever a target.\n\n"
            "Candidates come from MinHash LSH and every mark is confirmed by an exact count, so\n"
            "no mark is a sketch's false positive. One streaming pass: memory grows by under 1 KB\n"
            "per record (shingle hashes, not texts, are kept: past 16 MiB in a temporary file).\n\n"
            "The output file is replaced atomically: on any error it is left as it was (on\n"
            "stdout, the records before the error have already been written). A line that is\n"
            "not a JSON record stops the command with its file and line number (exit 2).\n\n"
            "Both of run's --format outputs are read: a record's 'metadata' field is kept, and a\n"
            "document ({id, text, metadata}) gets near_duplicate_of inside its metadata."
        ),
    )
    parser.add_argument("records", metavar="RECORDS.jsonl", help="records to de-duplicate; '-' for stdin")
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="OUT",
        help="where to write the records (JSONL); '-' for stdout (the default). May be the input file.",
    )
    parser.add_argument(
        "--near-duplicate-threshold",
        type=parse_threshold,
        default=DEFAULT_THRESHOLD,
        metavar="X",
        help=f"share of a text's 5-grams that must occur in an earlier text, in (0, 1] (default {DEFAULT_THRESHOLD})",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: only when stderr is a terminal)",
    )
    parser.set_defaults(handler=handle)


@dataclass(frozen=True, slots=True)
class Row:
    """One input line: the record to mark, and what its line carried beside the record.

    ``metadata``: a record's ``metadata`` field (written back after the record's fields, as
    ``run`` does); ``document``: the whole line when it was a document, whose ``metadata`` gets
    the mark.
    """

    record: Record
    metadata: dict[str, Any] | None = None
    document: dict[str, Any] | None = None

    def line(self, marked: Record) -> str:
        """The line to write back, with ``marked``'s ``near_duplicate_of``."""
        if self.document is None:
            return record_line(marked, self.metadata)
        meta = {**self.document["metadata"], "near_duplicate_of": marked.near_duplicate_of}
        return json.dumps({**self.document, "metadata": meta}, ensure_ascii=False)


def _document(data: dict[str, Any], where: str) -> Row:
    """A ``--format documents`` line: ``id`` and ``text`` on top, everything else in ``metadata``."""
    for key in ("id", "text"):
        if not isinstance(data.get(key), str):
            shown = json.dumps(data.get(key))[:40]
            raise BadInput(f"{where}: not a document: field {key!r} must be string, not {shown}")
    return Row(Record(id=data["id"], source=data["id"], text=data["text"]), document=data)


def read_rows(stream: BinaryIO, name: str) -> Iterator[Row]:
    """Parse one record or document a line, lazily; blank lines are skipped. Raises
    ``BadInput`` at ``name:line``.

    A line without ``source`` whose ``metadata`` is an object is a document (``run --format
    documents``); any other line is a record, with an optional ``metadata`` object. Lines are
    decoded one by one (not through a text wrapper) so that a bad UTF-8 byte is also reported
    with its line number.
    """
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadInput(f"{name}:{number}: not UTF-8: {exc}") from None
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{name}:{number}: malformed JSON: {exc}") from None
        if not isinstance(data, dict):
            raise BadInput(f"{name}:{number}: expected a JSON object (a record), got {type(data).__name__}")
        metadata = data.get("metadata")
        if "metadata" in data and not isinstance(metadata, dict):
            raise BadInput(f"{name}:{number}: field 'metadata' must be object, not {json.dumps(metadata)[:40]}")
        if metadata is not None and "source" not in data:
            yield _document(data, f"{name}:{number}")
            continue
        data = {key: value for key, value in data.items() if key != "metadata"}
        wrong = field_type_error(data)
        if wrong:
            raise BadInput(f"{name}:{number}: not a record: {wrong}")
        try:
            yield Row(Record.from_dict(data), metadata)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BadInput(f"{name}:{number}: not a record: {type(exc).__name__}: {exc}") from None


def mark_rows(rows: Iterator[Row], threshold: float) -> Iterator[tuple[Record, str]]:
    """Each row's marked record and line, ``near_duplicate_of`` recomputed, lazily and in order."""
    pending: deque[Row] = deque()

    def records() -> Iterator[Record]:
        for row in rows:
            pending.append(row)
            yield row.record

    for marked in mark_near_duplicates(records(), threshold=threshold):
        yield marked, pending.popleft().line(marked)


def handle(args: argparse.Namespace) -> int:
    name = "<stdin>" if args.records == "-" else args.records
    try:
        stream = open(args.records, "rb") if args.records != "-" else None
    except OSError as exc:
        print(f"clean-corpus dedup: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    marked = 0
    written = 0
    try:
        with stream if stream is not None else contextlib.nullcontext(sys.stdin.buffer) as source:
            rows: Iterator[Row] = read_rows(source, name)
            if progress:
                from tqdm import tqdm

                rows = iter(tqdm(rows, unit="record", file=sys.stderr))
            with atomic_writer(args.output) as out:
                for record, text in mark_rows(rows, args.near_duplicate_threshold):
                    out.write(text)
                    out.write("\n")
                    written += 1
                    marked += record.near_duplicate_of is not None
    except BadInput as exc:
        print(f"clean-corpus dedup: {exc}", file=sys.stderr)
        if args.output != "-":
            print(f"clean-corpus dedup: {args.output} left unchanged", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        raise  # the reader went away: the command line's exit status for that (141)
    except OSError as exc:
        print(f"clean-corpus dedup: {exc}", file=sys.stderr)
        return 1
    print(
        f"clean-corpus dedup: {written} record(s) written to {args.output}, "
        f"{marked} marked as near-duplicates",
        file=sys.stderr,
    )
    return 0
