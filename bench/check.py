"""Benchmark ``clean-corpus check`` on a synthetic folder of captures and goldens.

Run on purpose, not by the test suite::

    .venv/bin/python bench/check.py                   # 1,000 captures of ~10 KB
    .venv/bin/python bench/check.py --captures 200    # quicker
    .venv/bin/python bench/check.py --jobs 1          # one process only

Captures look like text-browser dumps of news pages: a bullet menu, a headline, a byline and
date, 15-25 paragraphs of seeded made-up prose, chrome lines in between (share buttons,
"Advertisement", newsletter boxes, "Recommended Video") and a footer. Each is about 10 KB.
Goldens are made by ``check --update`` (timed too), then ``check`` is timed with all goldens
matching: in-process (``run_check``, one process and the default pool) and as a subprocess of
the installed ``clean-corpus`` script (what pre-commit runs). Reported: captures/s, next to a
baseline of ``clean_file`` alone in one process, so the cost of checking itself (reading,
validating, hashing, comparing) is the difference.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.corpus.workers import default_jobs  # noqa: E402
from cleaner.decide.rulebook import load_rulebook  # noqa: E402
from cleaner.goldens.check import run_check  # noqa: E402
from cleaner.pipeline import clean_file  # noqa: E402

SYLLABLES = "ka to ri men sa lo pe dra vin ul or es tan bri que lu an mo ste gar il nu fe pol".split()
STOCK = (
    "said on Tuesday", "according to people familiar with the matter", "did not immediately respond "
    "to a request for comment", "in a statement", "the ministry said", "analysts expect", "last year",
)
MENU = ("Home", "Latest", "World", "Business", "Markets", "Tech", "Politics", "Opinion", "Lifestyle")
CHROME = (
    "Advertisement", "Share this article", "Recommended Video", "Sign up for our daily newsletter",
    "Follow us on Twitter", "Read more:", "Story continues below advertisement",
)
FOOTER = ("© 2025 Example Media. All rights reserved.", "Privacy Policy", "Terms of Use", "Contact Us")


def _word(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.choice((1, 2, 2, 3))))


def _sentence(rng: random.Random) -> str:
    words = [_word(rng) for _ in range(rng.randint(10, 26))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(STOCK))
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice((".", ".", ".", "?", "!"))


def make_capture(rng: random.Random, target: int = 10_000) -> str:
    lines = [f"  • {m}" for m in MENU]
    lines += ["", " ".join(_word(rng).capitalize() for _ in range(rng.randint(6, 11))), ""]
    lines += ["By", f"{_word(rng).capitalize()} {_word(rng).capitalize()}",
              f"March {rng.randint(1, 28)}, 2025, {rng.randint(1, 12)}:{rng.randint(0, 59):02d} AM ET", ""]
    size = sum(len(x) + 1 for x in lines)
    while size < target:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        lines += [para, ""]
        size += len(para) + 2
        if rng.random() < 0.2:
            chrome = rng.choice(CHROME)
            lines += [chrome, ""]
            size += len(chrome) + 2
    lines += list(FOOTER)
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--captures", type=int, default=1000)
    parser.add_argument("--size", type=int, default=10_000, help="bytes per capture (about)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: as check)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="clean-corpus-bench-check-"))
    try:
        seeds, golden = root / "seeds", root / "golden"
        seeds.mkdir()
        total = 0
        for i in range(args.captures):
            data = make_capture(rng, args.size).encode("utf-8")
            (seeds / f"{i:05d}_bench.txt").write_bytes(data)
            total += len(data)
        n = args.captures
        print(f"{n} captures, {total / n / 1000:.1f} KB on average, in {root}")
        jobs = default_jobs() if args.jobs is None else args.jobs

        def timed(label: str, fn) -> None:
            start = time.perf_counter()
            result = fn()
            took = time.perf_counter() - start
            print(f"{label:<44} {took:6.2f} s  {n / took:8.0f} captures/s")
            return result

        report = timed(f"check --update (create goldens, jobs={jobs})",
                       lambda: run_check(seeds, golden, update=True, jobs=jobs))
        assert len(report.created) == n and not report.problems, report.problems[:3]
        rules = load_rulebook()
        paths = sorted(seeds.iterdir())
        timed("baseline: clean_file alone, one process",
              lambda: [clean_file(p, source=p.name, rules=rules) for p in paths])
        report = timed("check in-process, jobs=1", lambda: run_check(seeds, golden, jobs=1))
        assert report.matched == n and not report.problems
        report = timed(f"check in-process, jobs={jobs}", lambda: run_check(seeds, golden, jobs=jobs))
        assert report.matched == n and not report.problems
        script = Path(sys.executable).parent / "clean-corpus"
        command = [str(script)] if script.exists() else [sys.executable, "-m", "cleaner.cli"]
        command += ["check", "--captures", str(seeds), "--golden", str(golden)]
        if args.jobs is not None:
            command += ["--jobs", str(args.jobs)]
        proc = timed("clean-corpus check (subprocess)",
                     lambda: subprocess.run(command, capture_output=True, text=True))
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        print(proc.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
