"""Snapshot every record the project makes of the seeds, devset and trainset, and compare two snapshots.

A refactor promises "records unchanged"; this is how anyone checks the promise again::

    .venv/bin/python bench/snapshot.py /tmp/before            # on the old commit
    .venv/bin/python bench/snapshot.py /tmp/after --against /tmp/before
    .venv/bin/python bench/snapshot.py /tmp/after --against /tmp/before --ignore-field url

It drives the installed ``clean-corpus run`` command (not the package's internals), so it works
across any reorganisation of the code. Each set is written as ``DIR/<set>.jsonl``; the compare
prints, per set, how many records are identical and, for each that is not, which fields differ.
Exit status 1 when anything differs, 0 when all is byte-identical (after ``--ignore-field``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

SETS = {
    "seeds": ROOT / "seeds",
    "devset-txt": SHARED / "devset" / "txt",
    "devset-html": SHARED / "devset" / "html",
    "trainset-txt": SHARED / "trainset" / "txt",
    "trainset-html": SHARED / "trainset" / "html",
}


def find_command() -> str:
    local = ROOT / ".venv" / "bin" / "clean-corpus"
    if local.exists():
        return str(local)
    found = shutil.which("clean-corpus")
    if not found:
        raise SystemExit("clean-corpus is not installed (no .venv/bin/clean-corpus, none on PATH)")
    return found


def snapshot(out: Path, sets: list[str], jobs: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    command = find_command()
    for name in sets:
        folder = SETS[name]
        if not folder.is_dir():
            print(f"{name}: {folder} missing, skipped", file=sys.stderr)
            continue
        target = out / f"{name}.jsonl"
        result = subprocess.run(
            [command, "run", str(folder), "-o", str(target), "-j", str(jobs), "--no-progress"],
            capture_output=True, text=True,
        )
        # Exit 2 means some captures were refused (reported on stderr); the rest are written.
        if result.returncode not in (0, 2) or not target.exists():
            raise SystemExit(f"{name}: clean-corpus run failed ({result.returncode}):\n{result.stderr}")
        count = sum(1 for _ in target.open(encoding="utf-8"))
        print(f"{name}: {count} records -> {target}")


def read_records(path: Path) -> dict[str, dict]:
    records: dict[str, dict] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records[record.get("source") or record["id"]] = record
    return records


def compare(new: Path, old: Path, sets: list[str], ignore: set[str], show: int) -> int:
    differing = 0
    for name in sets:
        a, b = old / f"{name}.jsonl", new / f"{name}.jsonl"
        if not a.exists() or not b.exists():
            print(f"{name}: not in both snapshots")
            continue
        before, after = read_records(a), read_records(b)
        same, diffs = 0, []
        for key in sorted(before.keys() | after.keys()):
            x, y = before.get(key), after.get(key)
            if x is None or y is None:
                diffs.append((key, ["<only before>" if y is None else "<only after>"]))
                continue
            fields = [f for f in sorted(x.keys() | y.keys()) if f not in ignore and x.get(f) != y.get(f)]
            if fields:
                diffs.append((key, fields))
            else:
                same += 1
        differing += len(diffs)
        print(f"{name}: {same} identical, {len(diffs)} differ")
        for key, fields in diffs[:show]:
            print(f"  {key}: {', '.join(fields)}")
        if len(diffs) > show:
            print(f"  ... {len(diffs) - show} more")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the snapshot into")
    parser.add_argument("--against", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated subset of " + ", ".join(SETS))
    parser.add_argument("--ignore-field", action="append", default=[], help="a record field not compared")
    parser.add_argument("--show", type=int, default=20, help="differing records listed per set")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        parser.error(f"unknown set(s): {', '.join(unknown)}")
    snapshot(args.out, sets, args.jobs)
    if args.against:
        return compare(args.out, args.against, sets, set(args.ignore_field), args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
