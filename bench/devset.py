"""Score the project's pipeline on the devset (text dumps and HTML), trafilatura beside it.

Run on purpose, not by the test suite::

    .venv/bin/python bench/devset.py                       # ../shared/devset, txt + html + trafilatura
    .venv/bin/python bench/devset.py --devset DIR --kind txt --worst 15
    .venv/bin/python bench/devset.py --no-trafilatura --json

Every page is cleaned in-process with ``cleaner.clean`` from text already in memory (reading and
decoding files is not timed, as in the devset's own baselines), then scored with the devset's
``score.py`` (imported, so the numbers are by construction the scorer's). Printed: F1 /
precision / recall / page-F1 mean for the text dumps overall and per renderer (w3m, lynx), for
the HTML pages, and for trafilatura ``extract(html)`` on the same HTML, with pages/s of each
and the speed ratio. The machine may be noisy: each is timed over ``--repeat`` passes (default
3) and the fastest counts; the HTML passes of both alternate.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import clean  # noqa: E402
from cleaner.decide.rulebook import load_rulebook  # noqa: E402


def load_scorer(devset: Path):
    spec = importlib.util.spec_from_file_location("devset_score", devset / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{devset}: no score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_inputs(devset: Path, kind: str) -> dict[str, str]:
    folder = devset / kind
    suffix = ".txt" if kind == "txt" else ".html"
    return {p.name[: -len(suffix)]: p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(folder.glob(f"*{suffix}"))}


# A short text dump for the warm-up: text dumps always reach the block classifier, whose
# one-time set-up (reading and indexing ~100 stop-word lists) an HTML page reaches only when
# it has no clear article container, so the first HTML page may not pay it.
WARM_UP_TEXT = (
    "Home\nNews\n\nA headline for the warm-up\n\n"
    "The council said on Tuesday that the new bridge would open in the spring, after a year of "
    "work that had cost more than the city expected and closed the road to traffic.\n\n"
    "Residents said they were glad that the work was over and that the buses would return.\n"
)


def run_pipeline(inputs: dict[str, str], kind: str) -> tuple[dict[str, str], float]:
    rules = load_rulebook()
    capture_kind = "text" if kind == "txt" else "html"
    # Untimed warm-up (rule compilation, lazy imports, one-time tables), as trafilatura gets
    # below: the first page of the set and a text dump, so every lazy path is warm whatever the
    # first page is. Per-page work stays in the timing; no page's result is reused.
    clean(WARM_UP_TEXT, source="warm-up.txt", kind="text", rules=rules)
    if inputs:
        first = next(iter(inputs))
        clean(inputs[first], source=f"{first}.{kind}", kind=capture_kind, rules=rules)
    out: dict[str, str] = {}
    start = time.perf_counter()
    for pid, text in inputs.items():
        out[pid] = clean(text, source=f"{pid}.{kind}", kind=capture_kind, rules=rules).text
    return out, time.perf_counter() - start


def run_trafilatura(inputs: dict[str, str]) -> tuple[dict[str, str], float]:
    from trafilatura import extract

    if inputs:
        extract(next(iter(inputs.values())))
    out: dict[str, str] = {}
    start = time.perf_counter()
    for pid, html in inputs.items():
        out[pid] = extract(html) or ""
    return out, time.perf_counter() - start


def summarize(scorer, preds: dict[str, str], truth: dict[str, str], meta: dict, ids: list[str]) -> dict:
    sub_truth = {i: truth[i] for i in ids if i in truth}
    result = scorer.score({i: preds.get(i, "") for i in sub_truth}, sub_truth, meta, 0, 0)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--kind", choices=("txt", "html", "all"), default="all")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura comparison")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of each input kind")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed passes over the pages (pages/s from the fastest; HTML passes of "
                         "clean-corpus and trafilatura alternate, so load spikes hit both alike)")
    a = ap.parse_args(argv)
    if not a.no_trafilatura and importlib.util.find_spec("trafilatura") is None:
        # trafilatura is a bench-only dependency: pip install -e ".[bench]" brings it.
        print("trafilatura is not installed (pip install -e '.[bench]'): comparison skipped", file=sys.stderr)
        a.no_trafilatura = True
    devset = a.devset.resolve()
    if not (devset / "score.py").is_file():
        print(f"{devset}: not a devset folder (no score.py)", file=sys.stderr)
        return 2
    scorer = load_scorer(devset)
    truth, meta = scorer.load_truth(devset / "truth")
    renderer = {p["id"]: p.get("renderer") for p in meta.get("pages", [])}
    urls = {p["id"]: p.get("url") for p in meta.get("pages", [])}

    rows: list[dict] = []
    worst: dict[str, list[dict]] = {}

    def add(name: str, result: dict, pages: int, seconds: float | None) -> None:
        rows.append({
            "method": name, "pages": pages, "f1": result["f1"], "precision": result["precision"],
            "recall": result["recall"], "page_f1_mean": result["page_f1_mean"],
            "empty": result["empty_predictions"],
            "pages_per_s": (pages / seconds) if seconds else None,
        })

    html_inputs: dict[str, str] = {}
    if a.kind in ("txt", "all"):
        inputs = read_inputs(devset, "txt")
        preds, seconds = run_pipeline(inputs, "txt")
        for _ in range(a.repeat - 1):
            seconds = min(seconds, run_pipeline(inputs, "txt")[1])
        ids = sorted(i for i in inputs if i in truth)
        overall = summarize(scorer, preds, truth, meta, ids)
        add("clean-corpus txt (all)", overall, len(ids), seconds)
        for name in ("w3m", "lynx"):
            sub = [i for i in ids if renderer.get(i) == name]
            if sub:
                add(f"clean-corpus txt ({name})", summarize(scorer, preds, truth, meta, sub), len(sub), None)
        worst["txt"] = sorted(overall["per_page"], key=lambda r: r["f1"])
    if a.kind in ("html", "all"):
        html_inputs = read_inputs(devset, "html")
        ids = sorted(i for i in html_inputs if i in truth)
        scored = {i: html_inputs[i] for i in ids}
        seconds = tseconds = float("inf")
        for _ in range(max(1, a.repeat)):
            preds, took = run_pipeline(html_inputs, "html")
            seconds = min(seconds, took)
            if not a.no_trafilatura:
                tpreds, took = run_trafilatura(scored)
                tseconds = min(tseconds, took)
        result = summarize(scorer, preds, truth, meta, ids)
        add("clean-corpus html", result, len(ids), seconds)
        worst["html"] = sorted(result["per_page"], key=lambda r: r["f1"])
        if not a.no_trafilatura:
            add("trafilatura extract(html)", summarize(scorer, tpreds, truth, meta, ids), len(ids), tseconds)

    if a.json:
        print(json.dumps({"devset": str(devset), "rows": rows}, indent=2))
        return 0
    print(f"devset: {devset} (split {meta.get('split')})")
    print(f"{'method':<28} {'pages':>5} {'F1':>6} {'P':>6} {'R':>6} {'pF1':>6} {'empty':>5} {'pages/s':>8}")
    for row in rows:
        speed = f"{row['pages_per_s']:8.0f}" if row["pages_per_s"] else f"{'':>8}"
        print(f"{row['method']:<28} {row['pages']:>5} {row['f1']:6.3f} {row['precision']:6.3f} "
              f"{row['recall']:6.3f} {row['page_f1_mean']:6.3f} {row['empty']:>5} {speed}")
    by_name = {row["method"]: row for row in rows}
    ours, theirs = by_name.get("clean-corpus html"), by_name.get("trafilatura extract(html)")
    if ours and theirs and ours["pages_per_s"] and theirs["pages_per_s"]:
        print(f"html: clean-corpus / trafilatura  F1 ratio {ours['f1'] / theirs['f1']:.3f}, "
              f"speed ratio {ours['pages_per_s'] / theirs['pages_per_s']:.2f}x")
    for kind, ranked in worst.items():
        for row in ranked[: a.worst]:
            print(f"  {kind} {row['f1']:.3f} P{row['precision']:.3f} R{row['recall']:.3f} "
                  f"{row['pred_tokens']:>5}/{row['truth_tokens']:<5} {row['id'][:16]} "
                  f"{renderer.get(row['id']) or '':<4} {urls.get(row['id']) or ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
