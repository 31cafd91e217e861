"""Stage 6: write records. Atomic, so an interrupted run never leaves a half-written file."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from cleaner.record import Record


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_writer(target: str | Path) -> Iterator[TextIO]:
    """Open a temp file beside ``target`` and move it into place only when the block succeeds.

    ``-`` writes to stdout (nothing to make atomic there).
    """
    if str(target) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); the result should have the permissions a
        # plain open() would give: the old file's, or the umask's for a new one.
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_jsonl(records: Iterable[Record], handle: TextIO) -> int:
    """One compact JSON record a line, trailing newline; returns how many were written."""
    count = 0
    for record in records:
        handle.write(record.to_json())
        handle.write("\n")
        count += 1
    return count


def golden_json(record: Record) -> str:
    """The pretty-printed form of a record used for reviewed golden files."""
    return record.to_json(indent=2) + "\n"
