"""Make the two screenshots README shows (docs/explain.png, docs/report.png), on purpose only.

    .venv/bin/python docs/make_screenshots.py

The explain page is the seed that shows the most kinds of decision. The report page draws a report computed here from the
seeds with the library (the figures ``run --report`` writes, per its JSON format), so the
picture shows real rule ids and counts. Needs Debian's ``chromium``; the tests take their
own screenshots in a temporary folder and never touch docs/.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.cli import main  # noqa: E402
from cleaner.pipeline import explain_file  # noqa: E402
from cleaner.report.ledger import decisions  # noqa: E402
from tests.chromium import chromium, screenshot  # noqa: E402


def seed_report(seeds: list[Path]) -> dict:
    """The report of cleaning ``seeds``, built from their explanations (an example for the picture)."""
    rules: dict[str, dict[str, int]] = {}
    sites: Counter[str] = Counter()
    shares, slowest = [], []
    lines_in = lines_removed = bytes_in = text_out = 0
    started = time.perf_counter()
    for path in seeds:
        t0 = time.perf_counter()
        exp = explain_file(path)
        slowest.append({"source": path.name, "seconds": round(time.perf_counter() - t0, 3)})
        rec = exp.record
        sites[rec.site or "(generic)"] += 1
        n_lines = len(exp.lines)
        gone = len({n for r in rec.removed for n in range(r.start, r.end + 1)})
        for removal in rec.removed:
            entry = rules.setdefault(removal.rule, {"lines": 0, "captures": 0})
            entry["lines"] += removal.end - removal.start + 1
        for rule in {r.rule for r in rec.removed}:
            rules[rule]["captures"] += 1
        lines_in += n_lines
        lines_removed += gone
        bytes_in += path.stat().st_size
        text_out += len(rec.text.encode("utf-8"))
        shares.append(min(gone / n_lines, 1.0) if n_lines else 0.0)
    seconds = time.perf_counter() - started
    counts = [0] * 10
    for share in shares:
        counts[min(int(share * 10), 9)] += 1
    return {
        "format": "clean-corpus-report/1", "inputs": ["seeds/"],
        "captures_in": len(seeds) + 1, "records_out": len(seeds),
        "skipped": {"capture-error": 1},
        "failures": [{"source": "seeds/empty.txt", "reason": "empty file (0 bytes)"}],
        "bytes_in": bytes_in, "text_bytes_out": text_out, "lines_in": lines_in, "lines_removed": lines_removed,
        "removed_share": round(lines_removed / lines_in, 4), "rules": rules, "sites": dict(sites),
        "removed_share_histogram": {"edges": [k / 10 for k in range(11)], "counts": counts},
        "slowest": sorted(slowest, key=lambda s: -s["seconds"])[:20],
        "seconds": round(seconds, 3), "captures_per_second": round(len(seeds) / seconds, 2),
    }


def make() -> None:
    if chromium() is None:
        sys.exit("make_screenshots: no chromium on PATH (apt-get install chromium)")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "explain.html"
        shown = max(seeds, key=lambda p: len({d.status for d in decisions(explain_file(p))}))
        main(["explain", str(shown), "--html", str(page)])
        screenshot(page, ROOT / "docs" / "explain.png", size=(1280, 1300))
        report = Path(tmp) / "report.json"
        report.write_text(json.dumps(seed_report(seeds), indent=2), encoding="utf-8")
        page = Path(tmp) / "report.html"
        main(["report", str(report), "-o", str(page)])
        screenshot(page, ROOT / "docs" / "report.png", size=(1280, 1400))
    print("wrote docs/explain.png, docs/report.png")


if __name__ == "__main__":
    make()
