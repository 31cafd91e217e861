"""What lies in the captures folder and the golden folder, by name only (nothing read yet).

A name is valid when the id (file name without extension) and every folder between the captures
folder and the file match ``ID_PATTERN``: an ASCII letter or digit, then letters, digits, ``.``,
``_`` or ``-``. That keeps golden names portable (no spaces, no leading dot or dash, nothing a
shell or another file system reads differently).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.read.capture import WALKED_SUFFIXES, capture_id
from cleaner.read.walk import walk_files

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
GOLDEN_SUFFIX = ".json"


@dataclass(frozen=True, slots=True)
class CaptureFile:
    path: Path
    source: str  # relative to the captures folder, '/'-separated: the record's ``source``
    key: str  # the golden's path relative to the golden folder, without ``.json``


@dataclass(slots=True)
class Inventory:
    """Everything in the two folders, by name only (nothing read yet)."""

    captures: list[CaptureFile] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # sources of non-capture files
    goldens: dict[str, Path] = field(default_factory=dict)  # key -> golden path
    strays: list[str] = field(default_factory=list)  # golden-folder files that are not .json


def valid_name(source: str) -> bool:
    """True when the id and every folder of ``source`` (relative, '/'-separated) match ``ID_PATTERN``."""
    parts = source.split("/")
    *folders, name = parts
    return all(ID_PATTERN.fullmatch(p) for p in folders) and bool(ID_PATTERN.fullmatch(capture_id(Path(name))))


def golden_key(source: str) -> str:
    """``sub/page.txt`` -> ``sub/page``: where the capture's golden lives, minus ``.json``."""
    folder, _, name = source.rpartition("/")
    stem = capture_id(Path(name))
    return f"{folder}/{stem}" if folder else stem


def real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def walk(root: Path, skip: Path | None = None) -> Iterable[tuple[Path, str]]:
    """Files under ``root`` as ``(path, relative posix)``: the project's one folder walk
    (``cleaner.read.walk``), hidden files and folders and ``skip`` left out."""
    if not root.is_dir():
        return
    for full, rel in walk_files(root, skip):
        yield Path(full), rel


def scan(captures_dir: Path, golden_dir: Path) -> Inventory:
    """List both folders. Capture discovery follows ``clean-corpus run`` (same suffixes, same
    ``source``), so a golden says exactly what ``run`` writes for that capture."""
    inv = Inventory()
    for path, rel in walk(captures_dir, skip=golden_dir):  # the goldens may live inside it
        if path.suffix.lower() in WALKED_SUFFIXES:
            inv.captures.append(CaptureFile(path, rel, golden_key(rel)))
        else:
            inv.others.append(rel)
    inv.captures.sort(key=lambda c: c.source)
    for path, rel in walk(golden_dir):
        if rel.endswith(GOLDEN_SUFFIX):
            inv.goldens[rel[: -len(GOLDEN_SUFFIX)]] = path
        else:
            inv.strays.append(rel)
    return inv
