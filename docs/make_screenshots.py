"""Make the two screenshots README shows (docs/explain.png, docs/report.png), on purpose only.

    .venv/bin/python docs/make_screenshots.py

The explain page is the seed that shows the most kinds of decision. The report page draws the
report that ``clean-corpus run seeds/ --report`` writes (nothing computed here), so the
picture shows real rule ids and counts. Needs Debian's ``chromium``; the tests take their
own screenshots in a temporary folder and never touch docs/.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.cli import main  # noqa: E402
from cleaner.pipeline import explain_file  # noqa: E402
from cleaner.report.ledger import decisions  # noqa: E402
from tests.chromium import chromium, screenshot  # noqa: E402


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
        os.chdir(ROOT)  # the report names its input as given: "seeds/", not this machine's path
        status = main(["run", "seeds/", "-o", str(Path(tmp) / "records.jsonl"), "--report", str(report),
                       "--no-progress"])
        if status != 0:
            sys.exit(f"make_screenshots: clean-corpus run seeds/ --report failed ({status})")
        page = Path(tmp) / "report.html"
        main(["report", str(report), "-o", str(page)])
        screenshot(page, ROOT / "docs" / "report.png", size=(1280, 1400))
    print("wrote docs/explain.png, docs/report.png")


if __name__ == "__main__":
    make()
