"""Which captures and goldens the PATHS given to ``check`` mean (pre-commit passes staged files).

A rule file, or the cleaning code itself, can change any golden, so naming one selects
everything; a capture or a golden selects that pair; anything else is ignored and said so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.decide.rulebook import builtin_rules_dir
from cleaner.goldens.inventory import GOLDEN_SUFFIX, CaptureFile, golden_key, real
from cleaner.read.capture import WALKED_SUFFIXES


@dataclass(slots=True)
class Selection:
    everything: bool = False
    sources: set[str] = field(default_factory=set)  # captures named (existing or deleted)
    keys: set[str] = field(default_factory=set)  # goldens named (existing or deleted)
    others: set[str] = field(default_factory=set)  # non-capture files named in the captures folder
    strays: set[str] = field(default_factory=set)  # non-.json files named in the golden folder
    folders: set[str] = field(default_factory=set)  # sub-folders named: every capture/golden under them
    ignored: list[str] = field(default_factory=list)

    def wants(self, cap: CaptureFile) -> bool:
        return (cap.source in self.sources or cap.key in self.keys
                or any(cap.key.startswith(folder) for folder in self.folders))


def _inside(path: Path, folder: Path) -> str | None:
    """``path`` relative to ``folder`` ('/'-separated) when it is inside it, else None."""
    try:
        rel = path.relative_to(folder)
    except ValueError:
        return None
    return rel.as_posix() if rel.parts else None


def trigger_dirs(rule_dirs: Sequence[Path] = ()) -> list[Path]:
    """Folders whose change can change any golden: the built-in rules, each ``--rules DIR`` and
    the cleaning code itself (relevant in a checkout of this project)."""
    dirs = [Path(d) for d in rule_dirs]
    try:
        dirs.append(builtin_rules_dir())
    except Exception:  # noqa: BLE001 - a broken install is reported when the rules load
        pass
    dirs.append(Path(__file__).resolve().parent.parent)  # the cleaner package
    return dirs


def select(
    paths: Sequence[Path], captures_dir: Path, golden_dir: Path, triggers: Sequence[Path] = ()
) -> Selection:
    """Sort the paths pre-commit passes: captures, goldens, rule files (-> check everything),
    and anything else (ignored)."""
    sel = Selection()
    caps, golds = real(captures_dir), real(golden_dir)
    trig = [real(t) for t in triggers]
    for given in paths:
        resolved = real(given)
        in_golden = _inside(resolved, golds)
        if any(resolved == t or _inside(resolved, t) for t in trig) or resolved in (caps, golds):
            sel.everything = True
        elif resolved.is_dir() and ((rel := _inside(resolved, caps)) is not None or (rel := in_golden) is not None):
            sel.folders.add(rel + "/")  # a human naming a sub-folder: everything under it
        elif (rel := _inside(resolved, caps)) is not None and (in_golden is None or _inside(caps, golds) is not None):
            if rel.rsplit("/", 1)[-1].startswith("."):
                sel.ignored.append(str(given))
            elif Path(rel).suffix.lower() in WALKED_SUFFIXES:
                sel.sources.add(rel)
                sel.keys.add(golden_key(rel))
            else:
                sel.others.add(rel)
        elif (rel := in_golden) is not None:
            if rel.endswith(GOLDEN_SUFFIX):
                sel.keys.add(rel[: -len(GOLDEN_SUFFIX)])
            elif not rel.rsplit("/", 1)[-1].startswith("."):
                sel.strays.add(rel)
        else:
            sel.ignored.append(str(given))
    return sel
