"""Which captures give a record whose text, cleaned again as a capture, changes (run on purpose,
not a test; issue 12).

Cleaning its own output should change nothing: what the first cleaning kept is article text,
and the second has no more chrome to find. The property test (``tests/test_idempotence.py``)
runs on generated pages; this runs on the measuring set's real dumps and prints, for each one
that is not stable, the paragraphs the second cleaning drops or adds, so that the first
cleaning can be fixed where that is the general fix.

    python bench/idempotence.py [--folder DIR] [--show N]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import cleaner

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLEAN_CORPUS_SHARED") or ROOT.parent / "shared")


def unstable(folder: Path) -> list[tuple[str, list[str], list[str]]]:
    """(capture name, paragraphs the second cleaning drops, paragraphs it adds) for each capture
    of ``folder`` whose record text changes when cleaned again."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        try:
            first = cleaner.clean_file(path)
        except cleaner.CaptureError:
            continue
        if not first.text:
            continue
        second = cleaner.clean(first.text, source=path.name)
        if second.text != first.text:
            before, after = first.text.split("\n\n"), second.text.split("\n\n")
            found.append((path.name, [p for p in before if p not in after], [p for p in after if p not in before]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=SHARED / "devset" / "txt", help="a folder of text dumps")
    parser.add_argument("--show", type=int, default=3, help="paragraphs to print per capture and side")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"no folder at {args.folder}", file=sys.stderr)
        return 2
    found = unstable(args.folder)
    for name, dropped, added in found:
        print(f"{name}: {len(dropped)} paragraph(s) dropped, {len(added)} added")
        for paragraph in dropped[:args.show]:
            print(f"  - {paragraph[:100]}")
        for paragraph in added[:args.show]:
            print(f"  + {paragraph[:100]}")
    total = sum(1 for _ in args.folder.glob("*.txt"))
    print(f"{len(found)} of {total} captures change when their text is cleaned again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
