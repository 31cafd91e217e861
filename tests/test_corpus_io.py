"""``run``'s corpus inputs and outputs: WARC/WET, JSONL, gzip/zstd, stdin, formats, the report.

Every input file here is made by the test itself (WARC files with warcio, the reader ``run``
uses); the pages are text written for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.cli import main
from cleaner.record import FIELDS

PARAGRAPHS = [
    "The harbour board voted on Thursday to close the old ferry pier for repairs over the winter, "
    "a decision that will send commuters on a longer route through the northern terminal.",
    "Board members said the timber piles had rotted faster than engineers expected and that a "
    "partial collapse during the autumn storms had made the work impossible to postpone.",
    "Local shop owners near the pier warned that the closure would cost them much of their "
    "trade, and asked the board to pay for extra bus services while the repairs went on.",
]


def page(n: int, url: str) -> str:
    """A small news page: navigation, headline, byline, three paragraphs, a footer."""
    body = "".join(f"<p>{p} (story {n})</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html><head><title>Pier closes {n}</title>'
        f'<link rel="canonical" href="{url}"></head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/sport">Sport</a></li></ul></nav>'
        f'<article><h1>Old ferry pier to close for winter repairs {n}</h1>'
        f'<p class="byline">By Ada Wren</p>{body}</article>'
        '<footer><p>Copyright 2025 The Harbour Gazette. All rights reserved.</p></footer>'
        "</body></html>"
    )


def dump(n: int) -> str:
    return f"Old ferry pier to close for winter repairs {n}\n\nBy Ada Wren\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], *, gz: bool = True) -> None:
    """``records``: (WARC type, target URI, payload, HTTP status line or content type for conversions)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for n, (kind, uri, payload, extra) in enumerate(records, 1):
            headers = {"WARC-Record-ID": f"<urn:uuid:{uuid(n)}>", "WARC-Date": "2025-01-02T03:04:05Z"}
            if kind == "response":
                status, content_type = extra.split("|")
                http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                   http_headers=http, warc_headers_dict=headers)
            else:
                record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload),
                                                   warc_content_type=extra, warc_headers_dict=headers)
            writer.write_record(record)


def crawl(tmp_path: Path) -> Path:
    """A WARC with two HTML responses, a redirect and a PDF."""
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("response", "https://gazette.example/pier-1", page(1, "https://gazette.example/pier-1").encode(),
         "200 OK|text/html; charset=utf-8"),
        ("response", "https://gazette.example/old", b"", "301 Moved Permanently|text/html"),
        ("response", "https://gazette.example/report.pdf", b"%PDF-1.4 not really", "200 OK|application/pdf"),
        ("response", "https://gazette.example/pier-2", page(2, "https://gazette.example/pier-2").encode(),
         "200 OK|text/html"),
    ])
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_warc_html_responses_become_records_and_the_rest_is_skipped_and_counted(tmp_path: Path, capsys):
    out, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    assert main(["run", str(crawl(tmp_path)), "-o", str(out), "--report", str(report)]) == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [uuid(1), uuid(4)]
    assert [r["source"] for r in records] == [f"crawl.warc.gz#{uuid(1)}", f"crawl.warc.gz#{uuid(4)}"]
    assert [r["url"] for r in records] == ["https://gazette.example/pier-1", "https://gazette.example/pier-2"]
    assert all(list(r) == list(FIELDS) for r in records)
    assert records[0]["title"] and PARAGRAPHS[1] in records[0]["text"] and "Sport" not in records[0]["text"]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["captures_in"], data["records_out"], data["skipped"], data["failures"]) == (4, 2, {"not-html": 2}, [])
    assert "not-html" in capsys.readouterr().err


def test_records_from_a_warc_equal_those_from_the_same_pages_as_files(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"pier-{n}.html").write_text(page(n, f"https://gazette.example/pier-{n}"), encoding="utf-8")
    from_files, from_warc = tmp_path / "files.jsonl", tmp_path / "warc.jsonl"
    assert main(["run", str(folder), "-o", str(from_files)]) == 0
    assert main(["run", str(crawl(tmp_path)), "-o", str(from_warc)]) == 0
    a, b = read_jsonl(from_files), read_jsonl(from_warc)
    assert len(a) == len(b) == 2
    same = ("id", "source", "near_duplicate_of")  # ids differ by construction; the rest must not
    for x, y in zip(a, b, strict=True):
        assert {k: v for k, v in x.items() if k not in same} == {k: v for k, v in y.items() if k not in same}
    assert [r["near_duplicate_of"] for r in a] == [None, "pier-1"]
    assert [r["near_duplicate_of"] for r in b] == [None, uuid(1)]


def test_wet_conversion_records_are_cleaned_as_text(tmp_path: Path):
    wet = tmp_path / "crawl.warc.wet.gz"
    write_warc(wet, [
        ("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
        ("conversion", "https://gazette.example/pier-1", dump(1).encode(), "text/plain"),
    ])
    out = tmp_path / "out.jsonl"
    assert main(["run", str(wet), "-o", str(out)]) == 0
    [record] = read_jsonl(out)
    assert record["source"] == f"crawl.warc.wet.gz#{uuid(2)}"
    assert record["url"] == "https://gazette.example/pier-1"
    assert record["text"].split("\n\n")[-1] == PARAGRAPHS[-1]


def test_gzipped_jsonl_with_a_broken_line_keeps_the_rest_and_carries_metadata(tmp_path: Path, capsys):
    docs = tmp_path / "docs.jsonl.gz"
    lines = [
        json.dumps({"id": "d1", "text": dump(1), "metadata": {"url": "https://fortune.com/x", "dump": "CC-1"}}),
        '{"id": "d2", "text": "cut off',
        json.dumps({"id": "d3", "metadata": {}}),
        json.dumps({"id": "d4", "text": dump(4)}),
    ]
    docs.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    out = tmp_path / "out.jsonl"
    assert main(["run", str(docs), "-o", str(out)]) == 2
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["d1", "d4"]
    assert records[0]["url"] == "https://fortune.com/x" and records[0]["site"] == "fortune.com"
    assert records[0]["metadata"] == {"url": "https://fortune.com/x", "dump": "CC-1"}
    assert "metadata" not in records[1]
    assert [r["source"] for r in records] == ["docs.jsonl.gz:1", "docs.jsonl.gz:4"]
    err = capsys.readouterr().err
    assert "docs.jsonl.gz:2: invalid JSON" in err and "docs.jsonl.gz:3: no text" in err


def test_jsonl_field_names_can_be_mapped(tmp_path: Path):
    docs = tmp_path / "docs.ndjson"
    docs.write_text(json.dumps({"doc_id": 7, "body_html": page(1, "https://gazette.example/pier-1")}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", str(docs), "-o", str(out), "--id-field", "doc_id", "--html-field", "body_html"]) == 0
    [record] = read_jsonl(out)
    assert record["id"] == "7" and PARAGRAPHS[0] in record["text"]


def test_zstd_inputs_are_read_by_content(tmp_path: Path):
    """A zstd JSONL and a zstd page whose names say nothing about either."""
    docs = tmp_path / "docs.zst"
    docs.write_bytes(zstandard.ZstdCompressor().compress((json.dumps({"id": "z", "text": dump(1)}) + "\n").encode()))
    page_file = tmp_path / "page.html.zst"
    page_file.write_bytes(zstandard.ZstdCompressor().compress(page(2, "https://gazette.example/pier-2").encode()))
    out = tmp_path / "out.jsonl"
    assert main(["run", str(docs), str(page_file), "-o", str(out)]) == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["z", "page"]
    assert PARAGRAPHS[2] in records[0]["text"] and PARAGRAPHS[2] in records[1]["text"]


def test_stdin_is_read_for_a_capture_and_for_jsonl(tmp_path: Path):
    def run(data: bytes) -> list[dict]:
        proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "run", "-", "-o", "-"],
                              input=data, capture_output=True, check=True)
        return [json.loads(line) for line in proc.stdout.decode().splitlines()]

    [single] = run(dump(1).encode())
    assert single["source"] == "-" and single["id"] == "stdin" and PARAGRAPHS[0] in single["text"]
    docs = run(gzip.compress(b"".join(json.dumps({"id": f"s{n}", "text": dump(n)}).encode() + b"\n"
                                      for n in (1, 2))))
    assert [d["id"] for d in docs] == ["s1", "s2"] and docs[1]["source"] == "-:2"


def test_a_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path, capsys):
    path = crawl(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    out = tmp_path / "out.jsonl"
    assert main(["run", str(path), "-o", str(out)]) == 2
    assert [r["id"] for r in read_jsonl(out)] == [uuid(1)]
    assert "crawl.warc.gz" in capsys.readouterr().err


def test_jobs_do_not_change_the_bytes_of_a_mixed_corpus(tmp_path: Path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    crawl(folder)
    for n in range(12):
        (folder / f"p{n:02d}.txt").write_text(dump(n), encoding="utf-8")
    (folder / "docs.jsonl").write_text(
        "".join(json.dumps({"id": f"j{n}", "text": dump(n)}) + "\n" for n in range(20)), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["run", str(folder), "-o", str(one), "-j", "1"]) == 0
    assert main(["run", str(folder), "-o", str(two), "-j", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(read_jsonl(one)) == 2 + 12 + 20


def test_colliding_ids_are_made_distinct_and_never_self_duplicates(tmp_path: Path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(dump(1), encoding="utf-8")
    (tmp_path / "a" / "story.html").write_text(page(1, "https://gazette.example/pier-1"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out)]) == 0
    records = read_jsonl(out)
    ids = [r["id"] for r in records]
    assert ids == ["story", "story-2", "story-3"]
    assert all(r["near_duplicate_of"] != r["id"] for r in records)
    assert [r["near_duplicate_of"] for r in records][1:] == ["story", "story"]


def test_documents_format_and_removed_spans(tmp_path: Path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": dump(1), "metadata": {"lang": "en", "title": "kept"}}) + "\n",
                    encoding="utf-8")
    full, documents, none = tmp_path / "full.jsonl", tmp_path / "docs-out.jsonl", tmp_path / "none.jsonl"
    assert main(["run", str(docs), "-o", str(full)]) == 0
    assert main(["run", str(docs), "-o", str(documents), "--format", "documents", "--removed", "spans"]) == 0
    assert main(["run", str(docs), "-o", str(none), "--removed", "none"]) == 0
    [record], [document], [bare] = read_jsonl(full), read_jsonl(documents), read_jsonl(none)
    assert list(document) == ["id", "text", "metadata"]
    assert document["id"] == "d1" and document["text"] == record["text"]
    meta = document["metadata"]
    assert meta["lang"] == "en" and meta["title"] == "kept"  # the input's metadata goes through untouched
    assert meta["removed"] == [{k: r[k] for k in ("rule", "start", "end")} for r in record["removed"]]
    assert meta["removed"] and "text" not in meta["removed"][0]
    assert "removed" not in bare and bare["text"] == record["text"]


@pytest.mark.parametrize("suffix, unpack", [
    (".gz", gzip.decompress),
    (".zst", lambda data: zstandard.ZstdDecompressor().decompressobj().decompress(data)),
])
def test_compressed_output_is_deterministic(tmp_path: Path, suffix, unpack):
    from .conftest import SEEDS

    plain, a, b = tmp_path / "plain.jsonl", tmp_path / f"a.jsonl{suffix}", tmp_path / f"b.jsonl{suffix}"
    for target in (plain, a, b):
        assert main(["run", str(SEEDS), "-o", str(target)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert unpack(a.read_bytes()) == plain.read_bytes()


def test_report_counts_match_the_output(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    crawl(folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "story.txt").write_text(dump(3), encoding="utf-8")
    out, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    assert main(["run", str(folder), "-o", str(out), "--report", str(report)]) == 2
    data = json.loads(report.read_text(encoding="utf-8"))
    records = read_jsonl(out)
    assert data["format"] == "clean-corpus-report/1" and data["inputs"] == [str(folder)]
    assert data["records_out"] == len(records) == 3
    assert data["captures_in"] == data["records_out"] + sum(data["skipped"].values()) == 6
    assert data["skipped"] == {"capture-error": 1, "not-html": 2}
    assert data["failures"] == [{"source": "empty.txt", "reason": "empty capture (0 bytes)"}]
    assert data["text_bytes_out"] == sum(len(r["text"].encode()) for r in records)
    removed_lines = sum(sum(1 for ln in x["text"].split("\n") if ln.strip()) for r in records for x in r["removed"])
    assert data["lines_removed"] == removed_lines == sum(rule["lines"] for rule in data["rules"].values())
    assert sum(data["removed_share_histogram"]["counts"]) == 3
    assert sum(data["sites"].values()) == 3
    assert len(data["slowest"]) == 4 and data["seconds"] > 0


def test_a_capture_over_max_bytes_is_skipped_and_the_rest_kept(tmp_path: Path, capsys):
    (tmp_path / "big.txt").write_text(dump(1) * 50, encoding="utf-8")
    (tmp_path / "small.txt").write_text(dump(2), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", str(tmp_path / "big.txt"), str(tmp_path / "small.txt"), "-o", str(out),
                 "--max-bytes", "5000"]) == 2
    assert [r["id"] for r in read_jsonl(out)] == ["small"]
    assert "big.txt: too large" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_capture_past_the_timeout_is_skipped_and_the_others_kept(tmp_path: Path, monkeypatch, jobs):
    """A capture that hangs (made to, by a wrapper around the cleaner) is cut off by --timeout,
    in this process and in worker processes alike, without losing its neighbours."""
    import time

    import cleaner.corpus.workers as workers

    real_clean = workers.clean

    def hanging(text, **kwargs):
        if "hangs forever" in text:
            time.sleep(60)
        return real_clean(text, **kwargs)

    monkeypatch.setattr(workers, "clean", hanging)
    for n in range(6):
        (tmp_path / f"p{n}.txt").write_text(dump(n) + ("\nThis one hangs forever.\n" if n == 2 else ""),
                                            encoding="utf-8")
    out, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    started = time.perf_counter()
    assert main(["run", str(tmp_path), "-o", str(out), "--timeout", "1", "-j", jobs, "--report", str(report)]) == 2
    assert time.perf_counter() - started < 30
    assert [r["id"] for r in read_jsonl(out)] == ["p0", "p1", "p3", "p4", "p5"]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["skipped"] == {"timeout": 1}
    assert data["failures"] == [{"source": "p2.txt", "reason": "took longer than --timeout 1 s"}]


def test_a_worker_that_dies_costs_only_its_own_batch(tmp_path: Path, monkeypatch, capsys):
    """A capture that kills its worker process (as a crash in C or the OOM killer would) is
    reported with the captures of its batch; every other capture still gets its record."""
    import os

    import cleaner.corpus.workers as workers

    real_clean = workers.clean

    def crashing(text, **kwargs):
        if "kills its worker" in text:
            os._exit(1)
        return real_clean(text, **kwargs)

    monkeypatch.setattr(workers, "clean", crashing)
    for n in range(40):
        (tmp_path / f"p{n:02d}.txt").write_text(dump(n) + ("\nThis one kills its worker.\n" if n == 20 else ""),
                                                encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", str(tmp_path), "-o", str(out), "-j", "2"]) == 2
    ids = [r["id"] for r in read_jsonl(out)]
    size = workers.BATCH  # captures go to workers in batches: p20's batch-mates are lost with it
    batch = set(range(20 // size * size, (20 // size + 1) * size))
    assert ids == [f"p{n:02d}" for n in range(40) if n not in batch]
    assert capsys.readouterr().err.count("the worker process died") == len(batch)


def test_folders_are_walked_for_the_documented_suffixes_only(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    for name in ("a.txt", "b.html.gz", "c.xhtml", "README", "d.jsonl"):
        data = dump(1).encode()
        if name.endswith(".gz"):
            data = gzip.compress(page(1, "https://gazette.example/pier-1").encode())
        if name.endswith(".jsonl"):
            data = (json.dumps({"id": "doc", "text": dump(2)}) + "\n").encode()
        (folder / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    assert main(["run", str(folder), "-o", str(out)]) == 0
    assert [r["source"] for r in read_jsonl(out)] == ["a.txt", "b.html.gz", "d.jsonl:1"]
    assert main(["run", str(folder / "README"), str(folder / "c.xhtml"), "-o", str(out)]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["README", "c"]


def test_explain_a_record_inside_a_warc_or_jsonl_as_run_cleans_it(tmp_path: Path, capsys):
    warc, out = crawl(tmp_path), tmp_path / "out.jsonl"
    assert main(["run", str(warc), "-o", str(out), "--no-near-duplicates"]) == 0
    second = read_jsonl(out)[1]
    capsys.readouterr()
    for argv in (["explain", str(warc), "--record", uuid(4), "--json"],
                 ["explain", f"{warc}#{uuid(4)}", "--json"],
                 ["explain", str(warc), "--record", f"<urn:uuid:{uuid(4)}>", "--json"]):
        assert main(argv) == 0
        printed = capsys.readouterr().out
        assert printed.startswith(f"# crawl.warc.gz#{uuid(4)}  site rules:")
        assert json.loads(printed[printed.index("\n{") + 1:]) == second  # the very record run wrote
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "first", "text": dump(1)}) + "\n"
                    + json.dumps({"id": "second", "text": dump(2), "metadata": {"url": "https://gazette.example/2"}})
                    + "\n", encoding="utf-8")
    for target in ("second", "2"):
        assert main(["explain", f"{docs}#{target}", "--dropped"]) == 0
        printed = capsys.readouterr().out
        assert printed.startswith("# docs.jsonl:2  site rules:") and "repairs 2" in printed


def test_explain_a_missing_or_skipped_record_is_one_line(tmp_path: Path, capsys):
    warc = crawl(tmp_path)
    assert main(["explain", str(warc), "--record", "no-such-id"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"clean-corpus explain: {warc}: holds no record 'no-such-id'") and "\n" not in err
    assert main(["explain", f"{warc}#{uuid(2)}"]) == 2  # a redirect: run skips it too
    err = capsys.readouterr().err.strip()
    assert err == f"clean-corpus explain: crawl.warc.gz#{uuid(2)}: not cleaned by 'run': HTTP 301 (redirect)"
    assert main(["explain", str(tmp_path / "nope.warc#x")]) == 2
    assert "no such file" in capsys.readouterr().err
