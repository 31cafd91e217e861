"""How long `explain --html` takes to write, and how big the page is, for big captures.

    .venv/bin/python bench/explain_html.py [--mb 5] [--keep DIR]

Measures the largest devset text dump and HTML page (when ../shared/devset is there) and a
generated text capture of about --mb megabytes (menus, bylines and paragraphs written here),
each split into the pipeline's own time (explain) and the page's (render + write).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from cleaner.decide.rulebook import load_rulebook
from cleaner.pipeline import explain_file
from cleaner.report import explain_page
from cleaner.report.output import rule_reasons, write_page

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"

CHUNK = """• Home
• World
• Business

Section {n}: lighthouse keepers vote on new rota

By Staff Reporter {n}

April {day}, 2024

Keepers at the northern lighthouses voted on Monday to accept a new rota that gives each of them two full weekends off a month, the union said, ending a dispute that began last winter.

The agreement, reached after eleven meetings, also pays for a second boat so that relief crews can reach the outer rocks when the weather closes the harbour for more than three days.

Share this article
Related: Ferry timetable changes for the spring ({n})

"""


def generated(mb: float) -> str:
    parts, size, n = [], 0, 0
    while size < mb * 1_000_000:
        chunk = CHUNK.format(n=n, day=n % 28 + 1)
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
        n += 1
    return "".join(parts)


def measure(path: Path, out_dir: Path, reasons: dict[str, str]) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    exp = explain_file(path)
    t1, c1 = time.perf_counter(), time.process_time()
    size = write_page(explain_page.render(exp, reasons), out_dir / f"{path.stem}.html")
    t2, c2 = time.perf_counter(), time.process_time()
    print(f"{path.name[:40]:<42} {path.stat().st_size / 1e6:>6.2f} MB in  {len(exp.page.blocks):>7,} blocks  "
          f"pipeline {t1 - t0:6.2f} s (cpu {c1 - c0:5.2f})  page {t2 - t1:6.2f} s (cpu {c2 - c1:5.2f})  "
          f"-> {size / 1e6:6.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the generated capture")
    parser.add_argument("--keep", type=Path, help="write the pages to this folder (else a temporary one)")
    args = parser.parse_args()
    reasons = rule_reasons(load_rulebook())
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for sub in ("txt", "html"):
            folder = DEVSET / sub
            if folder.is_dir():
                largest = max(folder.iterdir(), key=lambda p: (p.stat().st_size, p.name))
                measure(largest, out, reasons)
        big = out / f"generated-{args.mb:g}mb.txt"
        big.write_text(generated(args.mb), encoding="utf-8")
        measure(big, out, reasons)


if __name__ == "__main__":
    main()
