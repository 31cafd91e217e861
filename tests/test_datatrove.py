"""The datatrove step: the same records as ``cleaner.clean`` / ``run``, statistics, drops, pickling.

Needs ``pip install -e ".[datatrove-test]"``; skipped (with that reason) without datatrove.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="datatrove not installed: pip install -e '.[datatrove-test]'")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import cleaner  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.integrations.datatrove import CaptureReader, CleanCorpusExtractor, sniff  # noqa: E402

from .cluster_pages import html_page, text_page, write_warc  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
METADATA_FIELDS = ("source", "site", "title", "authors", "agencies", "published", "dateline", "removed")

# A site rule set of the user's own, to show that rules travel with the step.
USER_RULES = """\
[ruleset]
id = "valley-gazette"
reason = "The Valley Gazette's pages."
domains = ["valley-gazette.example"]

[[rules]]
id = "season-tickets"
reason = "Test rule: a sentence about tickets, removed to show the user's rules ran."
pattern = '^The operator said the crossing'
drops = ["The operator said the crossing would run every forty minutes."]
keeps = ["The crossing is forty minutes long."]
"""


def read_jsonl(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text("utf-8").splitlines()]


def expected_record(text: str, kind: str, url: str, doc_id: str, rules=None) -> cleaner.Record:
    return cleaner.clean(text, kind=kind, url=url, id=doc_id, source=url, rules=rules)


def spans(record: cleaner.Record) -> list[dict]:
    return [{"rule": r.rule, "start": r.start, "end": r.end} for r in record.removed]


def rule_lines(records: list[cleaner.Record]) -> Counter:
    lines: Counter = Counter()
    for record in records:
        for removal in record.removed:
            lines[f"rule:{removal.rule}"] += removal.text.count("\n") + 1
    return lines


def test_warc_pipeline_in_spawned_workers_gives_the_records_clean_gives(tmp_path: Path):
    pages = {
        f"https://news.example/{kind}/{i}": (kind, html_page(i) if kind == "html" else text_page(i))
        for i in range(4) for kind in ("html", "text")
    }
    urls = sorted(pages)
    (tmp_path / "crawl").mkdir()
    for n, half in enumerate((urls[::2], urls[1::2])):  # two files: one per task
        write_warc(tmp_path / "crawl" / f"part{n}.warc.gz", [(u, *pages[u]) for u in half])
    LocalPipelineExecutor(
        [WarcReader(str(tmp_path / "crawl")), CleanCorpusExtractor(), JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2, workers=2, start_method="spawn", logging_dir=str(tmp_path / "logs"),
    ).run()

    docs = read_jsonl(tmp_path / "out")
    assert sorted(d["metadata"]["url"] for d in docs) == urls
    records = []
    for doc in docs:
        kind, payload = pages[doc["metadata"]["url"]]
        record = expected_record(payload, kind, doc["metadata"]["url"], doc["id"])
        records.append(record)
        assert record.text and doc["text"] == record.text
        assert doc["text"] != payload
        want = record.to_dict() | {"removed": spans(record)}
        assert {k: doc["metadata"][k] for k in METADATA_FIELDS} == {k: want[k] for k in METADATA_FIELDS}
        assert doc["metadata"]["file_path"].endswith(".warc.gz")  # what the reader put there stays

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))
    step = next(s["stats"] for s in stats if "clean-corpus" in s["name"])
    counters = {k: v["total"] if isinstance(v, dict) else v for k, v in step.items()}
    want_rules = rule_lines(records)
    assert want_rules and {k: v for k, v in counters.items() if k.startswith("rule:")} == dict(want_rules)
    assert counters["forwarded"] == len(urls) and counters["site:(generic)"] == len(urls)
    assert counters["lines_removed"] == sum(want_rules.values())
    assert counters["bytes_out"] == sum(len(r.text.encode()) for r in records)


def test_capture_files_give_the_records_run_gives(tmp_path: Path):
    captures = tmp_path / "captures"
    (captures / "sub").mkdir(parents=True)
    (captures / "harbour.html").write_text(html_page(0), encoding="utf-8")
    (captures / "sub" / "library.txt").write_text(text_page(1), encoding="utf-8")
    (captures / "sub" / "orchard.htm").write_bytes(html_page(2).encode("cp1252"))
    (captures / "notes.json").write_text("{}", encoding="utf-8")  # not a capture: skipped, as by run
    (captures / ".hidden.txt").write_text(text_page(3), encoding="utf-8")
    (captures / "empty.txt").write_bytes(b"")  # refused, as by run
    out = tmp_path / "run.jsonl"
    assert main(["run", str(captures), "-o", str(out), "--no-near-duplicates"]) == 2
    by_run = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}

    reader = CaptureReader(str(captures))
    step = CleanCorpusExtractor(removed="full")
    docs = list(step(reader()))
    assert sorted(d.id for d in docs) == sorted(by_run) == ["harbour", "library", "orchard"]
    for doc in docs:
        run = by_run[doc.id]
        assert doc.text == run["text"]
        assert {k: doc.metadata[k] for k in METADATA_FIELDS} == {k: run[k] for k in METADATA_FIELDS}
    assert reader.stats["capture_error"].total == 1


class BreaksWhenAsked:
    """A rule book with a bug that shows on pages that ask for it (the internal-error path)."""

    def __init__(self, book):
        self.book = book
        self.generic = book.generic

    def site_for(self, text, host=None):
        if "PLEASE-BREAK" in text:
            raise RuntimeError("a bug in a detector")
        return self.book.site_for(text, host)


class TroubleExtractor(CleanCorpusExtractor):
    """Takes far longer than its timeout on a page that asks for it (the timeout path), and
    breaks on another (a bug)."""

    def rulebook(self):
        return BreaksWhenAsked(super().rulebook())

    def clean_one(self, text, *args, **kwargs):
        if "PLEASE-TAKE-FOREVER" in text:
            time.sleep(60)
        return super().clean_one(text, *args, **kwargs)


def test_timeouts_capture_errors_and_bugs_are_counted_dropped_and_excluded(tmp_path: Path):
    docs = [
        Document(html_page(0), "first", metadata={"url": "https://news.example/a"}),
        Document("PLEASE-TAKE-FOREVER\n" + text_page(1), "slow", metadata={"url": "https://news.example/b"}),
        Document("\x00\x01binary\x00" * 20, "binary", metadata={"url": "https://news.example/c"}),
        Document("PLEASE-BREAK\n" + text_page(3), "bug", metadata={"url": "https://news.example/e"}),
        Document(text_page(2), "after", metadata={"url": "https://news.example/d"}),
    ]
    step = TroubleExtractor(timeout=3, exclusion_writer=JsonlWriter(str(tmp_path / "excluded"), compression=None))
    started = time.monotonic()
    kept = list(step.run(iter(docs)))
    assert time.monotonic() - started < 30  # the slow page was given up, not waited for
    assert [d.id for d in kept] == ["first", "after"]  # the sandbox was replaced after the timeout
    assert kept[1].text == cleaner.clean(text_page(2), kind="text", url="https://news.example/d").text
    stats = step.stats
    assert (stats["timeout"].total, stats["capture_error"].total, stats["clean_error"].total) == (1, 1, 1)
    assert (stats["dropped"].total, stats["forwarded"].total) == (3, 2)
    excluded = {d["id"]: d["metadata"] for d in read_jsonl(tmp_path / "excluded")}
    assert excluded["slow"]["filter_reason"] == "timeout"
    assert excluded["binary"]["filter_reason"] == "capture_error"
    assert "not a text file" in excluded["binary"]["filter_detail"]
    assert excluded["bug"]["filter_reason"] == "clean_error"
    assert "internal error: RuntimeError: a bug in a detector" in excluded["bug"]["filter_detail"]


def test_warm_up_and_removed_forms():
    assert CleanCorpusExtractor().extract("") == ""  # datatrove's sandbox warm-up must not raise
    assert CleanCorpusExtractor().extract(text_page(0)) == cleaner.clean(text_page(0), kind="text").text
    record = cleaner.clean(text_page(0), kind="text", id="p", source="p")
    for removed, want in (("full", [r.to_dict() for r in record.removed]), ("spans", spans(record))):
        (doc,) = CleanCorpusExtractor(removed=removed).run(iter([Document(text_page(0), "p")]))
        assert doc.metadata["removed"] == want
    (doc,) = CleanCorpusExtractor(removed="none").run(iter([Document(text_page(0), "p")]))
    assert "removed" not in doc.metadata and doc.text == record.text
    with pytest.raises(ValueError, match="removed must be one of"):
        CleanCorpusExtractor(removed="some")


@pytest.mark.parametrize(("text", "source", "kind"), [
    (html_page(0), "https://news.example/a", "html"),                       # a WARC response
    ('<?xml version="1.0"?>\n<div><p>Story</p></div>', "https://news.example/b", "html"),  # no <html>
    (text_page(0), "https://news.example/c", "text"),                       # a WET conversion
    ("<b>Bold</b> claims in a pasted capture.\n", "notes/a.txt", "text"),   # a .txt file stays text
    ("A plain story.\n", "pages/a.html", "html"),                           # as run: the suffix decides
])
def test_sniff(text: str, source: str, kind: str):
    assert sniff(text, source) == kind


def test_a_broken_user_rule_file_fails_when_the_step_is_built(tmp_path: Path):
    (tmp_path / "generic.toml").write_text("[ruleset]\nid = 'generic'\n[[rules]]\nid = 'x'\n", encoding="utf-8")
    with pytest.raises(cleaner.RuleError, match="generic.toml"):
        CleanCorpusExtractor(rules=[tmp_path])


@pytest.mark.parametrize("library", ["dill", "cloudpickle"])
def test_step_pickles_and_carries_its_rules_to_a_fresh_process(tmp_path: Path, library: str):
    pickler = pytest.importorskip(library, reason=f"{library} not installed: pip install -e '.[datatrove-test]'")
    rules = tmp_path / "my-rules"
    (rules / "sites").mkdir(parents=True)
    (rules / "sites" / "valley-gazette.toml").write_text(USER_RULES, encoding="utf-8")
    step = CleanCorpusExtractor(rules=[rules], timeout=5)
    (rules / "sites" / "valley-gazette.toml").unlink()  # as on a worker that never had the folder
    rules.joinpath("sites").rmdir()
    rules.rmdir()
    blob = tmp_path / "step.pkl"
    blob.write_bytes(pickler.dumps(step))
    assert b"RuleBook" not in blob.read_bytes()  # plain values only; the book is built on the worker

    page = tmp_path / "page.html"
    page.write_text(html_page(0), encoding="utf-8")
    script = (
        f"import sys, {library}\n"
        "from datatrove.data import Document\n"
        "step = {0}.loads(open(sys.argv[1], 'rb').read())\n"
        "doc = Document(open(sys.argv[2], encoding='utf-8').read(), 'p', metadata={{'url': sys.argv[3]}})\n"
        "(out,) = step.run(iter([doc]))\n"
        "print(out.metadata['site'])\n"
        "sys.stdout.write(out.text)\n"
    ).format(library)
    result = subprocess.run(
        [sys.executable, "-c", script, str(blob), str(page), "https://www.valley-gazette.example/ferry"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    site, text = result.stdout.split("\n", 1)
    assert site == "valley-gazette"
    assert "The harbour ferry carried" in text and "The operator said the crossing" not in text


@pytest.mark.parametrize("start_method", ["forkserver", "spawn"])
def test_sandbox_child_starts_under_forkserver_and_spawn(tmp_path: Path, start_method: str):
    """Python 3.14 starts processes with forkserver: the sandbox's child then gets the step by
    plain pickle (exclusion writer included) and builds its rule book itself."""
    script = (
        "import json, multiprocessing, sys\n"
        "from datatrove.data import Document\n"
        "from datatrove.pipeline.writers import JsonlWriter\n"
        "from cleaner.integrations.datatrove import CleanCorpusExtractor\n"
        "if __name__ == '__main__':\n"
        "    multiprocessing.set_start_method(sys.argv[1])\n"
        "    step = CleanCorpusExtractor(exclusion_writer=JsonlWriter('excluded', compression=None))\n"
        "    docs = [Document(open('page.html', encoding='utf-8').read(), 'a'), Document('\\x00' * 50, 'b')]\n"
        "    out = list(step.run(iter(docs)))\n"
        "    print(json.dumps({'ids': [d.id for d in out], 'text': out[0].text,\n"
        "                      'capture_error': step.stats['capture_error'].total}))\n"
    )
    (tmp_path / "page.html").write_text(html_page(1), encoding="utf-8")
    (tmp_path / "job.py").write_text(script, encoding="utf-8")
    result = subprocess.run([sys.executable, "job.py", start_method], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out == {"ids": ["a"], "text": cleaner.clean(html_page(1), kind="html").text, "capture_error": 1}


def test_readme_local_pipeline_runs_as_written(tmp_path: Path):
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = readme.split("```python\n")[1:]
    (code,) = [b.split("\n```", 1)[0] for b in blocks if "LocalPipelineExecutor(pipeline" in b]
    (tmp_path / "pipeline.py").write_text(code, encoding="utf-8")
    (tmp_path / "crawl").mkdir()
    pages = [(f"https://news.example/{i}", "html", html_page(i)) for i in range(3)]
    write_warc(tmp_path / "crawl" / "part0.warc.gz", pages)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run([sys.executable, "pipeline.py"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    docs = read_jsonl_gz(tmp_path / "clean")
    assert sorted(d["text"] for d in docs) == sorted(
        expected_record(html, "html", url, "x").text for url, _, html in pages
    )
    assert any(k.startswith("rule:") for s in json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))
               for k in s["stats"])


def read_jsonl_gz(folder: Path) -> list[dict]:
    import gzip

    return [json.loads(line) for path in sorted(folder.glob("*.jsonl.gz"))
            for line in gzip.open(path, "rt", encoding="utf-8")]


def test_ray_executor(tmp_path: Path):
    ray = pytest.importorskip("ray", reason="ray not installed (a large optional install: pip install ray)")
    from datatrove.executor import RayPipelineExecutor

    pages = [(f"https://news.example/{i}", "html", html_page(i)) for i in range(4)]
    (tmp_path / "crawl").mkdir()
    write_warc(tmp_path / "crawl" / "a.warc.gz", pages[:2])
    write_warc(tmp_path / "crawl" / "b.warc.gz", pages[2:])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        RayPipelineExecutor(
            [WarcReader(str(tmp_path / "crawl")), CleanCorpusExtractor(),
             JsonlWriter(str(tmp_path / "out"), compression=None)],
            tasks=2, workers=2, logging_dir=str(tmp_path / "logs"),
        ).run()
    finally:
        ray.shutdown()
    docs = read_jsonl(tmp_path / "out")
    assert sorted(d["text"] for d in docs) == sorted(
        expected_record(html, "html", url, "x").text for url, _, html in pages
    )
