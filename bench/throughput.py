"""Throughput and memory of ``clean-corpus run`` on crawl-shaped input, trafilatura beside it.

Run on purpose, not by the test suite::

    .venv/bin/python bench/throughput.py                        # 50 MB for speed; RSS at 50 and 200 MB
    .venv/bin/python bench/throughput.py --mb 20 --rss-mb 20,80 # a busy machine

What it does, in one run:

1. Packs the HTML pages of ``../shared/devset`` and ``../shared/trainset`` into a gzipped WARC
   (``response`` records written with warcio, the library ``run`` reads WARC with; the target
   URI is the page's canonical URL when it declares one), their text dumps into a zstd JSONL
   (``{"id", "text", "metadata": {"url"}}``), and the HTML into a folder of files, each
   replicated (copies get their own ids) until it holds ``--mb`` MB of capture bytes.
2. Runs the installed ``clean-corpus run`` on each at ``--jobs 1`` and ``--jobs 2`` and prints
   pages/s and MB/s (capture bytes in, from the run's own ``--report``).
3. Runs it (``--jobs 1``) on WARCs of each ``--rss-mb`` size and prints the peak RSS of the
   process: streaming in and out, it must not grow with the corpus (the near-duplicate index
   aside, which grows by ~2.4 KB per distinct record).
4. Runs trafilatura ``extract(html)`` in this process on the same HTML pages as the speed runs
   and prints its pages/s and MB/s: the peer (it pays no process start-up, reading or writing).

The corpora are written under ``--work`` (default: a temp folder, removed afterwards).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from snapshot import find_command  # noqa: E402 - bench/ is the script's folder, on sys.path

from cleaner.segment.html_blocks import page_url  # noqa: E402

MB = 1_000_000
NAMESPACE = uuid.UUID("6f1c0b1e-8d7a-4d43-9a3e-2f0d7c8b9a10")


def load(shared: Path, kind: str) -> list[tuple[str, bytes]]:
    suffix = ".html" if kind == "html" else ".txt"
    pages = []
    for name in ("devset", "trainset"):
        folder = shared / name / kind
        if not folder.is_dir():
            raise SystemExit(f"{folder}: missing")
        pages += [(p.name[: -len(suffix)], p.read_bytes()) for p in sorted(folder.glob(f"*{suffix}"))]
    return pages


def replicated(pages: list[tuple[str, bytes]], size: int):
    """(copy number, name, data) until ``size`` bytes have been given."""
    total, copy = 0, 0
    while True:
        for name, data in pages:
            if total >= size:
                return
            yield copy, name, data
            total += len(data)
        copy += 1


def make_warc(pages: list[tuple[str, bytes]], size: int, path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for copy, name, data in replicated(pages, size):
            url = page_url(data[:200_000].decode("utf-8", "replace")) or f"https://bench.invalid/{name}"
            rid = uuid.uuid5(NAMESPACE, f"{copy}/{name}")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(data), http_headers=http,
                warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{rid}>", "WARC-Date": "2025-01-01T00:00:00Z"},
            )
            writer.write_record(record)


def make_jsonl_zst(pages: list[tuple[str, bytes]], size: int, path: Path) -> None:
    import zstandard

    with path.open("wb") as raw, zstandard.ZstdCompressor().stream_writer(raw) as out:
        for copy, name, data in replicated(pages, size):
            doc = {"id": f"{name}-{copy}", "text": data.decode("utf-8", "replace"), "metadata": {"copy": copy}}
            out.write(json.dumps(doc, ensure_ascii=False).encode() + b"\n")


def make_folder(pages: list[tuple[str, bytes]], size: int, path: Path) -> None:
    path.mkdir()
    for copy, name, data in replicated(pages, size):
        (path / f"{name}-{copy}.html").write_bytes(data)


def run(command: str, source: Path, work: Path, jobs: int) -> dict:
    """One ``clean-corpus run``: its report, wall seconds and the process's peak RSS (KB)."""
    out, report = work / "out.jsonl", work / "report.json"
    started = time.perf_counter()
    proc = subprocess.Popen([command, "run", str(source), "-o", str(out), "-j", str(jobs), "--no-progress",
                             "--report", str(report)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 2):
        raise SystemExit(f"clean-corpus run {source} failed ({proc.returncode}):\n{err[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    out.unlink()
    return {"report": data, "wall": wall, "rss_kb": usage.ru_maxrss}


def trafilatura_peer(pages: list[tuple[str, bytes]]) -> tuple[float, float]:
    import trafilatura

    texts = [data.decode("utf-8", "replace") for _, data in pages]
    trafilatura.extract(texts[0])  # warm-up
    started = time.perf_counter()
    for text in texts:
        trafilatura.extract(text)
    seconds = time.perf_counter() - started
    return len(texts) / seconds, sum(len(d) for _, d in pages) / MB / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50, help="MB of capture bytes per input for the speed runs")
    parser.add_argument("--rss-mb", default="50,200", help="comma-separated corpus sizes (MB) for peak RSS (empty: none)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values for the speed runs")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the folder holding devset/ and trainset/")
    parser.add_argument("--work", type=Path, help="where to write the corpora (default: a temp folder)")
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args()
    command = find_command()
    html, dumps = load(args.shared, "html"), load(args.shared, "txt")
    work = args.work or Path(tempfile.mkdtemp(prefix="cc-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    size = int(args.mb * MB)
    print(f"pages: {len(html)} HTML ({sum(len(d) for _, d in html) / MB:.1f} MB), "
          f"{len(dumps)} dumps ({sum(len(d) for _, d in dumps) / MB:.1f} MB); corpora of {args.mb:g} MB in {work}")
    try:
        inputs = {
            "warc.gz (HTML)": (make_warc, html, work / "crawl.warc.gz"),
            "jsonl.zst (dumps)": (make_jsonl_zst, dumps, work / "docs.jsonl.zst"),
            "folder (HTML)": (make_folder, html, work / "pages"),
        }
        for maker, pages, path in inputs.values():
            maker(pages, size, path)
        print(f"\n{'input':<20} {'jobs':>4} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'MB/s':>6}")
        for label, (_, _, path) in inputs.items():
            for jobs in (int(j) for j in args.jobs.split(",")):
                result = run(command, path, work, jobs)
                report = result["report"]
                wall = result["wall"]
                print(f"{label:<20} {jobs:>4} {report['records_out']:>7} {wall:>8.1f} "
                      f"{report['captures_in'] / wall:>8.1f} {report['bytes_in'] / MB / wall:>6.2f}", flush=True)
        shutil.rmtree(work / "pages")
        print(f"\n{'WARC corpus':<12} {'pages':>7} {'peak RSS':>10}")
        for mb in (float(m) for m in args.rss_mb.split(",") if m):
            path = work / f"rss-{mb:g}.warc.gz"
            make_warc(html, int(mb * MB), path)
            result = run(command, path, work, 1)
            print(f"{mb:>9g} MB {result['report']['records_out']:>7} {result['rss_kb'] / 1024:>7.0f} MB", flush=True)
            path.unlink()
        if not args.no_trafilatura:
            same = [(name, data) for _, name, data in replicated(html, size)]
            pages_s, mb_s = trafilatura_peer(same)
            print(f"\ntrafilatura extract(html), one process, the same {len(same)} HTML pages: "
                  f"{pages_s:.1f} pages/s, {mb_s:.2f} MB/s")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
