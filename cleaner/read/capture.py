"""Stage 1: bytes on disk -> a decoded ``Capture``.

Everything that can be wrong with an input file is decided here, once, so later stages only
ever see text. A bad capture raises ``CaptureError`` naming the file and the reason; the run
command reports it and goes on with the rest of the corpus.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

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


def sniff_kind(data: bytes, suffix: str = "") -> str:
    """Say whether raw bytes are HTML or plain text, by content first and suffix second."""
    if _HTML_START.match(data[:4096]):
        return "html"
    return "html" if suffix.lower() in HTML_SUFFIXES else "text"


def decode(data: bytes, *, path: str = "<bytes>") -> tuple[str, str]:
    """Decode capture bytes to text, returning ``(text, encoding)``.

    UTF-8 (with or without BOM) is tried strictly first, because that is what nearly every
    capture is and a detector can misjudge short UTF-8 texts. Anything else goes to
    charset-normalizer. Binary data (NUL bytes, many control characters) is refused rather
    than cleaned into garbage.
    """
    if b"\x00" in data[:65536]:
        raise CaptureError(path, "not a text file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
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
        kind=sniff_kind(data, path.suffix),
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
            for dirpath, dirnames, filenames in os.walk(item):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    if name.startswith("."):
                        continue
                    full = Path(dirpath) / name
                    if full.suffix.lower() not in WALKED_SUFFIXES:
                        continue
                    found.append((full, printable_name(full.relative_to(item).as_posix())))
        else:
            found.append((item, printable_name(item.name)))
    # Two inputs may hold the same relative name; both are kept (nothing is lost), the full
    # path breaking the tie so the order stays the same on every machine.
    return sorted(set(found), key=lambda pair: (pair[1], pair[0].as_posix()))
