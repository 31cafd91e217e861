"""Stage 6: write records. Atomic, so an interrupted run never leaves a half-written file."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TextIO

from cleaner.record import Record
from cleaner.write.output import atomic_output


def atomic_writer(target: str | Path) -> contextlib.AbstractContextManager[TextIO]:
    """``atomic_output`` for goldens, ``dedup`` and the HTML pages: missing folders are made.

    One atomic writer for every command (``cleaner.write.output``): a temp file beside the
    target, renamed into place only when the block succeeds; devices and pipes written directly.
    """
    return atomic_output(str(target), make_parents=True)


def golden_json(record: Record) -> str:
    """The pretty-printed form of a record used for reviewed golden files."""
    return record.to_json(indent=2) + "\n"
