"""Where ``run`` writes: a checked path, a temp file beside it, compression by suffix, atomic.

The output path is checked before any capture is cleaned (a directory, a missing parent, a
parent that is a file, an unwritable folder), so an hour of cleaning is never lost to a typo.
The records go to a temp file in the target's folder, gzip- or zstd-compressed when the name
ends in ``.gz`` / ``.zst``, and replace the target only when everything succeeded: an
interruption, a full disk or a signal leaves the old output as it was and no temp file behind.
Compressed output is deterministic byte for byte (gzip without a name or time stamp).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

ZSTD_LEVEL = 3


class OutputError(OSError):
    """The output cannot be written; ``str()`` is one line naming the file and the reason.

    An ``OSError``, so callers that already catch those report it as they always did."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output(target: str) -> None:
    """Refuse an output path that cannot work, before any work is done."""
    if target == "-":
        return
    path = Path(target)
    if path.is_dir():
        raise OutputError(f"{target}: is a folder, not a file")
    parent = path.parent
    if not parent.exists():
        # A parent that is a file makes exists() False on some of its descendants: name it.
        for ancestor in parent.parents:
            if ancestor.exists() and not ancestor.is_dir():
                raise OutputError(f"{target}: {ancestor} is a file, not a folder")
        raise OutputError(f"{target}: folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{target}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: cannot write in folder {parent} (permission denied)")


def _compressor(raw: BinaryIO, name: str) -> BinaryIO:
    lower = name.lower()
    if lower.endswith(".gz"):
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)  # type: ignore[return-value]
    if lower.endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor(level=ZSTD_LEVEL).stream_writer(raw, closefd=False)  # type: ignore[return-value]
    return raw


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


@contextlib.contextmanager
def _special_file(target: str) -> Iterator[TextIO]:
    """Write straight into an existing device or pipe (``/dev/null``, ``/dev/stdout``, a FIFO).

    A temp file renamed over it would replace the device itself with a plain file, machine-wide
    when run as root; there is nothing to keep intact in a device, so no temp file is needed."""
    try:
        raw = open(target, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise OutputError(f"{target}: {_reason(exc)}") from None
    with raw:
        packed = _compressor(raw, Path(target).name)
        text = io.TextIOWrapper(packed, encoding="utf-8", newline="\n", write_through=False)
        try:
            yield text
            text.flush()
            if packed is not raw:
                packed.close()
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {_reason(exc)}") from None
        finally:
            with contextlib.suppress(Exception):
                text.detach()


@contextlib.contextmanager
def atomic_output(target: str, *, make_parents: bool = False) -> Iterator[TextIO]:
    """A text stream that becomes ``target`` when the block succeeds; ``-`` is stdout.

    Any ``OSError`` of the output (creating the temp file, writing, closing, renaming) comes out
    as ``OutputError``; on any exception the temp file is removed and ``target`` is untouched.
    ``make_parents`` creates missing folders first (a new golden's folder); ``run`` refuses them
    instead, since a missing folder there is more often a typo.
    """
    target = str(target)
    if target == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    if path.exists() and not path.is_file() and not path.is_dir():
        with _special_file(target) as text:
            yield text
        return
    if make_parents:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{target}: cannot create folder {path.parent}: {_reason(exc)}") from None
    check_output(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot create a file in {path.parent}: {_reason(exc)}") from None
    try:
        try:
            # mkstemp makes the file private (0600); the result gets what a plain open() would.
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
            raw = os.fdopen(fd, "wb")
        except OSError as exc:
            os.close(fd)
            raise OutputError(f"{target}: {_reason(exc)}") from None
        with raw:
            packed = _compressor(raw, path.name)
            text = io.TextIOWrapper(packed, encoding="utf-8", newline="\n", write_through=False)
            try:
                yield text
                text.flush()
                if packed is not raw:
                    packed.close()  # writes the compressed stream's end
                raw.flush()
                os.fsync(raw.fileno())
            except OSError as exc:
                raise OutputError(f"{target}: cannot write: {_reason(exc)}") from None
            finally:
                with contextlib.suppress(Exception):
                    text.detach()
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"{target}: cannot replace: {_reason(exc)}") from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
