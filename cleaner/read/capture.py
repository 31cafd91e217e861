"""Stage 1: bytes on disk -> a decoded ``Capture``.

Everything that can be wrong with an input file is decided here, once, so later stages only
ever see text. A bad capture raises ``CaptureError`` naming the file and the reason; the run
command reports it and goes on with the rest of the corpus.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from cleaner.read.walk import walk_files

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
CAPTURE_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES
# What a folder walk picks up: the suffixes the README documents. A file named on the command
# line is read whatever its suffix (``CAPTURE_SUFFIXES`` then decides its id).
WALKED_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm"})

# Sniffing beats trusting the suffix: copy-pasted HTML often lands in a .txt file.
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
# C0 controls other than tab/newline/CR/form feed: real text almost never has them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Lone surrogates: what Python makes of file-name bytes that are not UTF-8 (U+DC80..U+DCFF), or
# what a caller passed in. No UTF-8 output can carry them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def printable_name(name: str) -> str:
    """``name`` with every lone surrogate spelled out, so it can be written as UTF-8.

    A file name's byte that is not UTF-8 becomes ``\\xNN`` (the byte, as Python prints it), any
    other lone surrogate ``\\uNNNN``; every other name comes back unchanged. Without this one
    such name in a folder made ``run`` fail at the write and lose every record.
    """
    return _SURROGATE.sub(_escape_surrogate, name) if _SURROGATE.search(name) else name


class CaptureError(Exception):
    """A capture that cannot be cleaned; ``str()`` names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Capture:
    """A decoded capture. ``kind`` is ``"text"`` (a dump or paste) or ``"html"``."""

    id: str
    source: str
    text: str
    kind: str
    encoding: str = "utf-8"


def source_lines(text: str) -> tuple[str, ...]:
    """The physical lines of a capture (CRLF and CR ending a line too), as ``explain`` shows
    them and block spans count them. Made on demand: a long page has thousands of lines and
    only ``explain`` reads them."""
    return tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def sniff_kind(data: bytes, suffix: str = "", encoding: str = "utf-8") -> str:
    """Say whether raw bytes are HTML or plain text, by content first and suffix second.

    The bytes are read as they are, which works for every ASCII-compatible encoding; UTF-16
    and UTF-32 are re-encoded first (``encoding`` as ``decode`` returned it).
    """
    if encoding in _WIDE:
        data = data[:16384].decode(encoding, errors="replace").encode("utf-8")
    if _HTML_START.match(data[:4096]):
        return "html"
    return "html" if suffix.lower() in HTML_SUFFIXES else "text"


# Byte-order marks that name their encoding; UTF-32's come first (UTF-16 LE's is a prefix of one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_WIDE = frozenset(encoding for _, encoding in _BOMS)
# "Mostly UTF-8": at most this many bad bytes, and at least this many good non-ASCII characters
# per bad byte. A text browser cuts a multi-byte character now and then (lynx, in form fields);
# a legacy-encoded page has no valid multi-byte character at all, so it still goes to detection.
MAX_BAD_UTF8 = 64
GOOD_PER_BAD_UTF8 = 10
_SHOWN_OFFSETS = 10

log = logging.getLogger("cleaner")


def _bad_utf8_offsets(data: bytes) -> list[int] | None:
    """Byte offsets of the invalid UTF-8 sequences in ``data``; None past ``MAX_BAD_UTF8``."""
    offsets: list[int] = []
    start = 0
    while True:
        try:
            data[start:].decode("utf-8")
            return offsets
        except UnicodeDecodeError as exc:
            offsets.append(start + exc.start)
            if len(offsets) > MAX_BAD_UTF8:
                return None
            start += exc.end


def _mostly_utf8(data: bytes, path: str) -> str | None:
    """``data`` decoded with U+FFFD for its few invalid bytes, and a warning naming their
    offsets; None when it does not look like damaged UTF-8."""
    offsets = _bad_utf8_offsets(data)
    if not offsets:
        return None
    text = data.decode("utf-8-sig", errors="replace")
    good = sum(1 for ch in text if ord(ch) > 127) - len(offsets)
    if good < GOOD_PER_BAD_UTF8 * len(offsets):
        return None
    shown = ", ".join(str(o) for o in offsets[:_SHOWN_OFFSETS]) + (", ..." if len(offsets) > _SHOWN_OFFSETS else "")
    log.warning("clean-corpus: warning: %s: %d invalid UTF-8 byte sequence(s) replaced by U+FFFD "
                "at byte offset(s) %s", path, len(offsets), shown)
    return text


def _unicode_with_bom(data: bytes, path: str) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding  # the codec reads and drops the BOM
            except UnicodeDecodeError as exc:
                raise CaptureError(path, f"starts with a {encoding.upper()} byte-order mark but is not "
                                         f"valid {encoding.upper()} (at byte offset {exc.start})") from None
    return None


def decode(data: bytes, *, path: str = "<bytes>") -> tuple[str, str]:
    """Decode capture bytes to text, returning ``(text, encoding)``.

    A UTF-16 or UTF-32 byte-order mark is believed. Then UTF-8 (with or without BOM) is tried
    strictly, because that is what nearly every capture is and a detector can misjudge short
    UTF-8 texts; UTF-8 with a few invalid bytes is kept (U+FFFD, and a warning naming the byte
    offsets) rather than losing the page. Anything else goes to charset-normalizer. Binary data
    (NUL bytes, many control characters) is refused rather than cleaned into garbage.
    """
    found = _unicode_with_bom(data, path)
    if found is None and b"\x00" in data[:65536]:
        raise CaptureError(path, "not a text file (contains NUL bytes)")
    if found is not None:
        text, encoding = found
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            damaged = _mostly_utf8(data, path)
            if damaged is not None:
                text, encoding = damaged, "utf-8"
            else:
                import charset_normalizer  # only for the rare capture that is not UTF-8

                best = charset_normalizer.from_bytes(data).best()
                if best is None:
                    raise CaptureError(path, "not a text file (no text encoding fits)") from None
                text, encoding = str(best), best.encoding
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise CaptureError(path, "not a text file (too many control characters)")
    if not text.strip():
        raise CaptureError(path, "empty capture (no text)")
    return text, encoding


def capture_id(path: Path) -> str:
    """The record id: the file name without its extension."""
    return path.stem if path.suffix.lower() in CAPTURE_SUFFIXES else path.name


def read_capture(path: Path, *, source: str | None = None) -> Capture:
    """Read and decode one capture file; raise ``CaptureError`` for anything unusable."""
    shown = printable_name(source or str(path))
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CaptureError(shown, "is a directory, not a capture") from None
    except OSError as exc:
        raise CaptureError(shown, f"cannot read: {exc.strerror or exc}") from None
    if not data:
        raise CaptureError(shown, "empty capture (0 bytes)")
    text, encoding = decode(data, path=shown)
    return Capture(
        id=printable_name(capture_id(path)),
        source=shown,
        text=text,
        kind=sniff_kind(data, path.suffix, encoding),
        encoding=encoding,
    )


def discover(inputs: list[Path]) -> list[tuple[Path, str]]:
    """Expand files and folders into ``(path, source)`` pairs in sorted ``source`` order.

    ``source`` is the path relative to the input argument it came from, ``/``-separated, so a
    record says the same thing on every machine. Folders are walked recursively; hidden files
    and folders (``.git``) are skipped, and only ``WALKED_SUFFIXES`` are taken from a folder. A
    named file is always taken, whatever its suffix. A name that is not UTF-8 is escaped
    (``printable_name``), so its record can still be written.
    """
    found: list[tuple[Path, str]] = []
    for item in inputs:
        if item.is_dir():
            for full, rel in walk_files(item):
                if Path(full).suffix.lower() in WALKED_SUFFIXES:
                    found.append((Path(full), printable_name(rel)))
        else:
            found.append((item, printable_name(item.name)))
    # Two inputs may hold the same relative name; both are kept (nothing is lost), the full
    # path breaking the tie so the order stays the same on every machine.
    return sorted(set(found), key=lambda pair: (pair[1], pair[0].as_posix()))
