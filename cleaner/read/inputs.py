"""Stage 1 for a corpus: what ``run`` is given -> one stream of captures, in a fixed order.

People who build corpora hand over a crawl, not a folder of pages: WARC files (``response``
records holding HTML), WET files (``conversion`` records holding text), JSONL documents as
datatrove and dolma write them, any of them gzip- or zstd-compressed, or standard input. This
module turns all of them into ``Item`` (a capture to clean) and ``Skip`` (something that was not
cleaned, with a reason code) values, streaming: nothing is decompressed to disk and no list of
all captures is built, so memory stays flat however large the crawl.

Kinds are recognised by content (gzip and zstd magic, ``WARC/`` at the start, a JSON object on
the first line) because crawl files are routinely renamed; a name ending in ``.jsonl`` says
JSONL, and one ending in a page suffix (``.txt``, ``.html``) keeps a page that opens with ``{``
a page.
WARC and WET are read with warcio (pure Python, reads and writes WARC, so the tests make their
own WARC files with the same library).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from cleaner.read.capture import HTML_SUFFIXES, WALKED_SUFFIXES, CaptureError, decode, sniff_kind
from cleaner.read.walk import walk_files

# Folders are walked for these suffixes only (each optionally followed by .gz or .zst); a file
# named on the command line is always taken, whatever its name.
CAPTURE_SUFFIXES = WALKED_SUFFIXES  # the page suffixes a folder walk takes (one list, in capture.py)
CONTAINER_SUFFIXES = frozenset({".warc", ".wet", ".jsonl", ".ndjson"})
COMPRESSED_SUFFIXES = frozenset({".gz", ".zst"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

DEFAULT_MAX_BYTES = 32 * 1024 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_READ_CHUNK = 1 << 20
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Item:
    """One capture to clean. ``data`` is raw bytes (encoding still to detect) or decoded text."""

    source: str
    id: str
    data: bytes | str
    kind: str | None = None  # "html" / "text"; None: sniffed from the content
    suffix: str = ""  # the file suffix that helps sniffing
    url: str | None = None
    metadata: dict[str, Any] | None = None

    @property
    def size(self) -> int:
        return len(self.data) if isinstance(self.data, bytes) else len(self.data.encode("utf-8", "replace"))


@dataclass(frozen=True, slots=True)
class Skip:
    """Something read that gives no record. ``failure`` is False for what is skipped by design
    (a WARC's image or redirect); a failure makes ``run`` exit 2."""

    source: str
    code: str  # capture-error, too-large, timeout, not-html, bad-json, no-text, bad-record, ...
    reason: str
    failure: bool = True

    def message(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Fields:
    """How JSONL documents name their parts (``--id-field``, ``--text-field``, ``--html-field``)."""

    id: str = "id"
    text: str = "text"
    html: str = "html"


@dataclass(slots=True)
class Inputs:
    """What the command line named, and how to read it."""

    paths: list[str]
    max_bytes: int = DEFAULT_MAX_BYTES
    fields: Fields = field(default_factory=Fields)


class InputError(Exception):
    """An input that cannot be opened at all (the run refuses before cleaning anything)."""


def item_text(item: Item) -> tuple[str, str]:
    """``(text, kind)`` of a capture as read: bytes decoded (encoding detected), kind sniffed
    when the input did not say. Raises ``CaptureError`` for an empty capture; ``run`` and
    ``explain`` both read an item through here, so both clean the same text."""
    if isinstance(item.data, bytes):
        if not item.data:
            raise CaptureError(item.source, "empty capture (0 bytes)")
        text, _ = decode(item.data, path=item.source)
        return text, item.kind or sniff_kind(item.data, item.suffix)
    if not item.data.strip():
        raise CaptureError(item.source, "empty capture (no text)")
    return item.data, item.kind or sniff_kind(item.data[:4096].encode("utf-8", "replace"), item.suffix)


def find_record(path: str, wanted: str, spec: Inputs | None = None) -> Item | Skip | None:
    """The capture ``wanted`` of one input file (a WARC record id, with or without
    ``<urn:uuid:...>``; a JSONL document id or line number), as ``run`` reads it; None when the
    file holds no such record. Read in file order up to it, nothing else kept."""
    spec = spec or Inputs([path])
    wanted = _record_id(wanted)
    name = Path(path).name if path != "-" else "-"
    for found in _read_entry(path, name, spec):
        source = found.source
        if (isinstance(found, Item) and found.id == wanted) or source in (f"{name}#{wanted}", f"{name}:{wanted}"):
            return found
    return None


# --- naming ------------------------------------------------------------------------------------


def _bare_suffixes(name: str) -> list[str]:
    """The lower-case suffixes of a name without a trailing .gz/.zst."""
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes.pop()
    return suffixes


def walked(name: str) -> bool:
    """Whether a folder walk takes this file name."""
    suffixes = _bare_suffixes(name)
    return bool(suffixes) and (suffixes[-1] in CAPTURE_SUFFIXES or suffixes[-1] in CONTAINER_SUFFIXES)


def capture_name_id(name: str) -> str:
    """A file capture's id: its name without the capture suffix (and .gz/.zst)."""
    base = PurePosixPath(name).name
    lower = base.lower()
    for packed in COMPRESSED_SUFFIXES:
        if lower.endswith(packed):
            base, lower = base[: -len(packed)], lower[: -len(packed)]
            break
    stem, dot, ext = base.rpartition(".")
    return stem if dot and stem and "." + ext.lower() in CAPTURE_SUFFIXES | HTML_SUFFIXES else base


# --- the walk ----------------------------------------------------------------------------------


def entries(paths: list[str]) -> list[tuple[str, str]]:
    """Expand files and folders into ``(path, source)`` entries sorted by ``source``.

    The order is today's: every file by its path relative to the argument that named it, ties
    broken by the full path. A container (WARC, JSONL) is one entry; its captures follow in file
    order when it is read. ``-`` is standard input.
    """
    found: list[tuple[str, str]] = []
    for item in paths:
        if item == "-":
            found.append(("-", "-"))
            continue
        if os.path.isdir(item):
            found.extend((full, rel) for full, rel in walk_files(item) if walked(os.path.basename(full)))
        else:
            found.append((item, Path(item).name))
    return sorted(set(found), key=lambda pair: (pair[1], Path(pair[0]).as_posix()))


# --- opening: decompression by content ---------------------------------------------------------


def _open_raw(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    return open(path, "rb")  # noqa: SIM115 - closed by the caller


class _OneRead(io.RawIOBase):
    """A decompressor seen through ``read1``: each read returns what one step gives, so a
    truncated stream yields everything before the break before it raises."""

    def __init__(self, inner: Any) -> None:  # noqa: ANN401 - GzipFile or a zstd reader
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # noqa: ANN401 - a writable buffer
        data = self._inner.read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Stepwise:
    """What warcio reads from: ``read(n)`` returns what is buffered or one step's worth, never
    waits to fill ``n`` (a truncated file then breaks after its last whole record, not before
    its first)."""

    def __init__(self, stream: io.BufferedReader) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        return self._stream.read1(size) if size and size > 0 else self._stream.read()

    def readline(self, size: int = -1) -> bytes:
        return self._stream.readline(size)


def open_stream(raw: BinaryIO) -> io.BufferedReader:
    """A buffered, decompressed view of ``raw`` (gzip and zstd recognised by their magic)."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    head = buffered.peek(4)[:4]
    if head.startswith(_GZIP_MAGIC):
        return io.BufferedReader(_OneRead(gzip.GzipFile(fileobj=buffered, mode="rb")), _READ_CHUNK)
    if head.startswith(_ZSTD_MAGIC):
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
        return io.BufferedReader(_OneRead(reader), _READ_CHUNK)
    return buffered


def _sniff_container(stream: io.BufferedReader, name: str) -> str:
    """``warc``, ``jsonl`` or ``capture``: by content, the name deciding only when content cannot."""
    head = stream.peek(4096)[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    suffixes = _bare_suffixes(name)
    if suffixes and suffixes[-1] in JSONL_SUFFIXES:
        return "jsonl"
    if suffixes and suffixes[-1] in CAPTURE_SUFFIXES | HTML_SUFFIXES:
        return "capture"  # a page that happens to open with "{" stays a page
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        if b"\n" not in head:
            return "jsonl"  # a first line longer than the peek: no capture starts that way
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "capture"
        except ValueError:
            return "capture"
    return "capture"


_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)


def _read_error(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated (compressed stream ends early)"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0] if text else type(exc).__name__


def _bounded_read(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Read at most ``limit`` bytes; say whether there was more (then the rest is drained)."""
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data, False
    while stream.read(_READ_CHUNK):
        pass
    return b"", True


# --- readers -----------------------------------------------------------------------------------


def read_inputs(spec: Inputs, found: list[tuple[str, str]] | None = None) -> Iterator[Item | Skip]:
    """Every capture of every input in order, or a ``Skip`` saying why one gives no record.

    ``found`` is ``entries(spec.paths)`` when the caller has it already.
    """
    for path, source in entries(spec.paths) if found is None else found:
        yield from _read_entry(path, source, spec)


def _too_large(source: str, size: int | None, limit: int) -> Skip:
    shown = f"{size:,} bytes" if size is not None else "more"
    return Skip(source, "too-large", f"too large ({shown}; --max-bytes is {limit:,})")


def _read_entry(path: str, source: str, spec: Inputs) -> Iterator[Item | Skip]:
    try:
        raw = _open_raw(path)
    except OSError as exc:
        yield Skip(source, "capture-error", f"cannot read: {exc.strerror or exc}")
        return
    try:
        try:
            stream = open_stream(raw)
            kind = _sniff_container(stream, source)
        except _READ_ERRORS as exc:
            yield Skip(source, "capture-error", f"cannot read: {_read_error(exc)}")
            return
        if kind == "warc":
            yield from _read_warc(stream, source, spec)
        elif kind == "jsonl":
            yield from _read_jsonl(stream, source, spec)
        else:
            yield from _read_capture(path, stream, source, spec)
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _read_capture(path: str, stream: io.BufferedReader, source: str, spec: Inputs) -> Iterator[Item | Skip]:
    if path != "-":  # compressed or not, a file already larger on disk is too large
        size = os.path.getsize(path)
        if size > spec.max_bytes:
            yield _too_large(source, size, spec.max_bytes)
            return
    try:
        data, over = _bounded_read(stream, spec.max_bytes)
    except _READ_ERRORS as exc:
        yield Skip(source, "capture-error", f"cannot read: {_read_error(exc)}")
        return
    if over:
        yield _too_large(source, None, spec.max_bytes)
        return
    suffixes = _bare_suffixes(source)
    name = "stdin" if source == "-" else capture_name_id(source)
    yield Item(source=source, id=name, data=data, suffix=suffixes[-1] if suffixes else "")


def _record_id(value: str | None) -> str:
    """A WARC record id without its ``<urn:uuid:...>`` wrapping."""
    value = (value or "").strip().strip("<>")
    return value.removeprefix("urn:uuid:")


def _http_kind(record: Any) -> tuple[str | None, str | None]:  # noqa: ANN401 - warcio's record
    """(kind, reason not to clean) for a WARC response from its HTTP status and content type."""
    http = record.http_headers
    if http is None:
        content_type = (record.rec_headers.get_header("Content-Type") or "").lower()
        status = None
    else:
        content_type = (http.get_header("Content-Type") or "").lower()
        status = http.get_statuscode()
    if status and not status.startswith("2"):
        return None, f"HTTP {status}" + (" (redirect)" if status.startswith("3") else "")
    if content_type and not content_type.startswith(_HTML_TYPES):
        return None, f"not HTML ({content_type.split(';')[0].strip()})"
    return "html", None


def _read_warc(stream: io.BufferedReader, source: str, spec: Inputs) -> Iterator[Item | Skip]:
    from warcio.archiveiterator import ArchiveIterator

    where = source
    records = iter(ArchiveIterator(_Stepwise(stream), no_record_parse=False, arc2warc=True))
    position = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # warcio raises its own and the stream's errors here
            yield Skip(f"{source}@{position + 1}", "bad-record",
                       f"bad WARC record after {where}: {_read_error(exc)}; rest of the file skipped")
            return
        position += 1
        rec_type = record.rec_type
        if rec_type not in ("response", "conversion", "resource"):
            continue
        rid = _record_id(record.rec_headers.get_header("WARC-Record-ID")) or f"record-{position}"
        where = f"{source}#{rid}"
        url = record.rec_headers.get_header("WARC-Target-URI") or None
        length = record.length
        if length is not None and length > spec.max_bytes:
            yield _too_large(where, length, spec.max_bytes)
            continue
        if rec_type == "conversion":
            kind, reason = "text", None
        else:
            kind, reason = _http_kind(record)
        if reason:
            yield Skip(where, "not-html", reason, failure=False)
            continue
        # Like ``_read_capture``'s read, on purpose not shared: a WARC payload that breaks ends
        # the file (warcio raises any error here), a file capture that breaks is one skip.
        try:
            data, over = _bounded_read(record.content_stream(), spec.max_bytes)
        except Exception as exc:
            yield Skip(where, "bad-record", f"cannot read the record: {_read_error(exc)}; rest of the file skipped")
            return
        if over:
            yield _too_large(where, None, spec.max_bytes)
            continue
        if rec_type == "conversion":
            yield Item(source=where, id=rid, data=data.decode("utf-8", "replace"), kind="text", url=url)
        else:
            yield Item(source=where, id=rid, data=data, kind=kind, suffix=".html", url=url)


def _read_line(stream: io.BufferedReader, limit: int) -> tuple[bytes, bool]:
    """One line of at most ``limit`` bytes; a longer one is drained and reported as such."""
    line = stream.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, False
    while True:
        rest = stream.readline(_READ_CHUNK)
        if not rest or rest.endswith(b"\n"):
            return b"", True


def _read_jsonl(stream: io.BufferedReader, source: str, spec: Inputs) -> Iterator[Item | Skip]:
    stem = PurePosixPath(source).name.split(".", 1)[0] if source != "-" else "stdin"
    number = 0
    limit = spec.max_bytes + 4096  # room for the JSON around the text
    fields = spec.fields
    while True:
        number += 1
        where = f"{source}:{number}"
        try:
            line, over = _read_line(stream, limit)
        except _READ_ERRORS as exc:
            yield Skip(where, "bad-record", f"cannot read: {_read_error(exc)}; rest of the file skipped")
            return
        if over:
            yield _too_large(where, None, spec.max_bytes)
            continue
        if not line:
            return
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError as exc:
            yield Skip(where, "bad-json", f"invalid JSON: {str(exc).splitlines()[0]}")
            continue
        if not isinstance(doc, dict):
            yield Skip(where, "bad-json", f"not a JSON object but {type(doc).__name__}")
            continue
        metadata = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else None
        text, kind = doc.get(fields.text), None
        if not isinstance(text, str) or not text.strip():
            text, kind = doc.get(fields.html), "html"
        if not isinstance(text, str) or not text.strip():
            yield Skip(where, "no-text", f"no text (no non-empty '{fields.text}' or '{fields.html}' string)")
            continue
        if len(text) > spec.max_bytes:
            yield _too_large(where, len(text.encode("utf-8", "replace")), spec.max_bytes)
            continue
        url = (metadata or {}).get("url") or doc.get("url")
        raw_id = doc.get(fields.id)
        doc_id = str(raw_id) if raw_id not in (None, "") else f"{stem}-{number}"
        yield Item(source=where, id=doc_id, data=text, kind=kind, url=url if isinstance(url, str) else None,
                   metadata=metadata)
