"""The one folder walk: every file below a folder, in a fixed order, hidden ones left out.

``run`` (``cleaner.read.inputs.entries``), the library's ``discover`` and ``check``'s inventory
each list a folder's files and then keep the ones they want (captures, crawl files, goldens);
the walk itself is here once, so they cannot disagree about what lies in a folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def walk_files(root: str | Path, skip: Path | None = None) -> Iterator[tuple[str, str]]:
    """``(path, relative)`` for every file below ``root``, folders and files in sorted order.

    ``path`` is the folder joined with the file name as ``os.walk`` gives it; ``relative`` is the
    path relative to ``root``, ``/``-separated, so a record says the same on every machine.
    Hidden files and folders (``.git``) are skipped, and so is the folder ``skip`` (the golden
    folder may live inside the captures folder).
    """
    skip_real = os.path.realpath(skip) if skip is not None else None
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and (skip_real is None or os.path.realpath(os.path.join(dirpath, d)) != skip_real)
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                full = os.path.join(dirpath, name)
                yield full, Path(full).relative_to(root).as_posix()
