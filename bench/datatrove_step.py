"""The datatrove step against datatrove's own Trafilatura extractor, on the devset packed as a WARC.

Run on purpose, not by the test suite; needs ``pip install -e ".[datatrove]"`` and trafilatura
(a dependency of clean-corpus today)::

    .venv/bin/python bench/datatrove_step.py                  # ../shared/devset/html
    .venv/bin/python bench/datatrove_step.py --repeat 1 --json

1. Packs every ``html/*.html`` page of the devset into ``--tasks`` gzipped WARC files under ``--work`` (default
   a folder in /tmp), as HTTP responses with the page's own URL (``truth/truth.json``) and
   ``WARC-Identified-Payload-Type: text/html``, as a crawler stores them.
2. Reads the WARC once with datatrove's ``WarcReader`` and runs ``CleanCorpusExtractor`` and
   ``Trafilatura`` over the same documents in the same process, alternating, ``--repeat`` times;
   the fastest pass of each counts. Both run in datatrove's extractor sandbox (a child process
   per step), with the same ``--timeout``. Prints time per document of each and the ratio.
3. Runs the whole pipeline (``WarcReader`` -> ``CleanCorpusExtractor`` -> ``JsonlWriter``) with
   ``LocalPipelineExecutor`` and prints the step's statistics from the run's ``stats.json``:
   documents, bytes, and lines removed per rule.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pack_warc(devset: Path, folder: Path, files: int) -> int:
    from warcio.warcwriter import WARCWriter

    truth = json.loads((devset / "truth" / "truth.json").read_text("utf-8"))
    pages = sorted((devset / "html").glob("*.html"))
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        with (folder / f"devset-{n}.warc.gz").open("wb") as out:
            write_pages(WARCWriter(out, gzip=True), pages[n::files], truth)
    return len(pages)


def write_pages(writer, pages: list[Path], truth: dict) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    for page in pages:
            url = truth.get(page.stem, {}).get("url") or f"https://devset.invalid/{page.stem}"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(page.read_bytes()),
                                               http_headers=http)
            record.rec_headers.add_header("WARC-Identified-Payload-Type", "text/html")
            writer.write_record(record)


def counts(value) -> tuple[int, int]:
    """(total, documents) of a stats.json entry, which leaves out what it can infer: a plain
    number, or no "n", means every update added 1 (n = total) unless the mean says otherwise."""
    if not isinstance(value, dict):
        return value, value
    mean = value.get("mean", 1)
    return value["total"], value.get("n", value["total"] if mean == 1 else 1)


def timed(step, docs) -> tuple[float, int]:
    docs = copy.deepcopy(docs)  # steps change documents in place
    started = time.perf_counter()
    out = sum(1 for _ in step.run(iter(docs)))
    return time.perf_counter() - started, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--work", type=Path, default=None, help="folder for the WARC and the run (default: a temp folder)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60.0, help="per-document timeout of both steps")
    ap.add_argument("--tasks", type=int, default=2, help="WARC files packed, and tasks of the stats run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanCorpusExtractor

    work = args.work or Path(tempfile.mkdtemp(prefix="clean-corpus-datatrove-"))
    warcs = work / "warc"
    pages = pack_warc(args.devset, warcs, args.tasks)
    docs = list(WarcReader(str(warcs))())
    size = sum(p.stat().st_size for p in warcs.glob("*.warc.gz"))
    print(f"{pages} pages -> {args.tasks} WARC file(s) in {warcs} ({size:,} bytes); WarcReader read {len(docs)} "
          "documents", file=sys.stderr)

    best: dict[str, tuple[float, int]] = {}
    for _ in range(args.repeat):
        for name, make in (("clean-corpus", lambda: CleanCorpusExtractor(timeout=args.timeout)),
                           ("trafilatura", lambda: Trafilatura(timeout=args.timeout))):
            seconds, out = timed(make(), docs)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, out)
    per_doc = {name: seconds / len(docs) for name, (seconds, _) in best.items()}

    logs = work / "logs"
    LocalPipelineExecutor(
        [WarcReader(str(warcs)), CleanCorpusExtractor(timeout=args.timeout),
         JsonlWriter(str(work / "clean"), compression=None)],
        tasks=args.tasks, workers=min(args.tasks, 2), logging_dir=str(logs), skip_completed=False,
    ).run()
    stats = json.loads((logs / "stats.json").read_text("utf-8"))
    step = next(s["stats"] for s in stats if "clean-corpus" in s["name"])
    totals = {key: counts(value) for key, value in step.items()}

    result = {
        "documents": len(docs),
        "ms_per_document": {name: round(1000 * v, 2) for name, v in per_doc.items()},
        "documents_out": {name: out for name, (_, out) in best.items()},
        "ratio_trafilatura_over_clean_corpus": round(per_doc["trafilatura"] / per_doc["clean-corpus"], 2),
        "stats": {key: {"total": total, "documents": n} for key, (total, n) in sorted(totals.items())},
        "work": str(work),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"\n{len(docs)} documents, fastest of {args.repeat} pass(es), both in datatrove's extractor sandbox:")
    for name in ("clean-corpus", "trafilatura"):
        print(f"  {name:<13} {1000 * per_doc[name]:7.2f} ms/document  ({best[name][1]} forwarded)")
    print(f"  clean-corpus takes {per_doc['clean-corpus'] / per_doc['trafilatura']:.2f}x trafilatura's time "
          f"per document")
    print(f"\nclean-corpus step, {args.tasks} tasks ({logs / 'stats.json'}):")
    for key in ("total", "forwarded", "dropped", "capture_error", "timeout", "empty_text", "bytes_in", "bytes_out",
                "lines_removed"):
        if key in totals:
            print(f"  {key:<16} {totals[key][0]:>12,}")
    for key, (total, n) in sorted(totals.items(), key=lambda item: -item[1][0]):
        if key.startswith(("rule:", "site:")):
            print(f"  {key:<40} {total:>8,} lines" if key.startswith("rule:") else f"  {key:<40} {total:>8,} docs",
                  f" in {n} documents" if key.startswith("rule:") else "")


if __name__ == "__main__":
    main()
