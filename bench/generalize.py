"""Score the pipeline on pages nobody tuned it on: per family and renderer, text and HTML, peers beside it.

Run on purpose, not by the test suite (a full run takes a few minutes on one core)::

    .venv/bin/python bench/generalize.py                          # trainset + devset, txt + html + peers
    .venv/bin/python bench/generalize.py --sets trainset --kinds txt --no-peers --worst 10
    .venv/bin/python bench/generalize.py --leave-out --json out.json
    .venv/bin/python bench/generalize.py --shared /path/to/shared  # default: ../shared, or $CLEAN_CORPUS_SHARED

The peers are bench-only dependencies, not runtime ones; install them into the same venv::

    .venv/bin/pip install readability-lxml html-text trafilatura

(trafilatura is already there as a dependency of the project.) Without them ``--no-peers`` is
implied and a note says so.

Why this exists: the devset is where the generic method was developed, so its figure says little
about a new user's pages. The trainset (``../shared/trainset``) holds pages of six other
benchmarks, each annotated under its own convention (its README says how), so every figure is
printed per family: a change is kept only when it helps most families and hurts none beyond
noise, never judged on the pooled number alone. Pages are cleaned in-process with
``cleaner.clean_file`` exactly as ``clean-corpus run`` reads them (a capture the reader refuses
scores as an empty record, as it would in a run), and scored with the sets' own scorer
(``devset/score.py``, imported), so the numbers are by construction the scorer's. The peers are
run on the same HTML in the same run: readability-lxml ``Document(html).summary(html_partial=True)``
turned into text by html-text, and trafilatura ``extract(html)`` with its defaults, as in the
trainset's ``baselines.py``.

``--leave-out`` adds, per family, the micro F1 of all the *other* families of the trainset: the
figure to quote when a threshold was chosen with that family held out.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import CaptureError, clean_file  # noqa: E402
from cleaner.decide.rulebook import load_rulebook  # noqa: E402

SETS = ("trainset", "devset")
KINDS = ("txt", "html")


def default_shared() -> Path:
    env = os.environ.get("CLEAN_CORPUS_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not path.is_file():
        raise SystemExit(f"{path}: not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_meta(set_dir: Path) -> dict[str, dict]:
    """Family and renderer of every page: the trainset's manifest, the devset's truth metadata."""
    manifest = set_dir / "truth" / "manifest.json"
    pages = json.loads(manifest.read_text(encoding="utf-8")).get("pages", []) if manifest.is_file() else []
    out = {p["id"]: {"family": p.get("source") or set_dir.name, "renderer": p.get("renderer")} for p in pages}
    return out


def run_clean_corpus(folder: Path, suffix: str) -> tuple[dict[str, str], float]:
    rules = load_rulebook()
    out: dict[str, str] = {}
    start = time.perf_counter()
    for path in sorted(folder.glob(f"*{suffix}")):
        try:
            out[path.name[: -len(suffix)]] = clean_file(path, source=path.name, rules=rules).text
        except CaptureError:
            out[path.name[: -len(suffix)]] = ""   # refused by the reader: an empty record, as in a run
    return out, time.perf_counter() - start


def peer_readability(html: str) -> str:
    import html_text
    from readability import Document

    return html_text.extract_text(Document(html).summary(html_partial=True)) or ""


def peer_trafilatura(html: str) -> str:
    from trafilatura import extract

    return extract(html) or ""


PEERS: dict[str, Callable[[str], str]] = {"readability-lxml": peer_readability, "trafilatura": peer_trafilatura}


def peers_available() -> bool:
    try:
        import html_text  # noqa: F401
        import readability  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def run_peer(fn: Callable[[str], str], folder: Path) -> tuple[dict[str, str], float]:
    out: dict[str, str] = {}
    start = time.perf_counter()
    for path in sorted(folder.glob("*.html")):
        try:
            out[path.stem] = fn(path.read_text(encoding="utf-8", errors="replace"))
        except Exception:  # a peer that fails on a page scores it empty, as the baselines do
            out[path.stem] = ""
    return out, time.perf_counter() - start


def group_scores(scorer, rows: list[dict], key: Callable[[dict], str | None]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        name = key(row)
        if name:
            groups.setdefault(name, []).append(row)
    return {name: dict(scorer.aggregate(group), pages=len(group)) for name, group in sorted(groups.items())}


def score_method(scorer, set_dir: Path, meta: dict[str, dict], preds: dict[str, str], kind: str) -> dict:
    """Pooled, per family, and for text dumps per renderer (an HTML page has no renderer: the
    manifest's ``renderer`` is the one its dump was made with)."""
    if kind == "html":
        meta = {pid: {"family": m["family"], "renderer": None} for pid, m in meta.items()}
    truth, truth_meta = scorer.load_truth(set_dir / "truth")
    ids = sorted(i for i in truth if i in preds)
    res = scorer.score({i: preds[i] for i in ids}, {i: truth[i] for i in ids}, truth_meta, 0, 0)
    rows = res["per_page"]
    fam = group_scores(scorer, rows, lambda r: meta.get(r["id"], {}).get("family"))
    out = {
        "all": {k: res[k] for k in ("f1", "precision", "recall")} | {"pages": res["pages"]},
        "macro": {k: statistics.fmean(v[k] for v in fam.values()) for k in ("f1", "precision", "recall")},
        "families": fam,
        "renderers": group_scores(scorer, rows, lambda r: meta.get(r["id"], {}).get("renderer")),
        "family_renderer": group_scores(
            scorer, rows, lambda r: "{} / {}".format(meta.get(r["id"], {}).get("family"), meta.get(r["id"], {}).get("renderer"))
            if meta.get(r["id"], {}).get("renderer") else None),
        "per_page": rows,
    }
    if len(fam) > 1:
        out["leave_out"] = {
            name: scorer.aggregate([r for r in rows if meta.get(r["id"], {}).get("family") != name])["f1"]
            for name in fam
        }
    return out


def print_table(title: str, results: dict[str, dict], leave_out: bool) -> None:
    families = sorted({f for r in results.values() for f in r["families"]})
    print(f"\n## {title}")
    head = ["method", *families, "all (micro)", "P / R", "macro", "s"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for method, r in results.items():
        cells = [method]
        cells += [f"{r['families'][f]['f1']:.3f}" if f in r["families"] else "" for f in families]
        a = r["all"]
        cells += [f"{a['f1']:.3f}", f"{a['precision']:.2f} / {a['recall']:.2f}", f"{r['macro']['f1']:.3f}",
                  f"{r['seconds']:.0f}"]
        print("| " + " | ".join(cells) + " |")
    for method, r in results.items():
        if r["renderers"]:
            rend = ", ".join(f"{k} {v['f1']:.3f} (P {v['precision']:.2f} R {v['recall']:.2f}, {v['pages']})"
                             for k, v in r["renderers"].items())
            print(f"- {method} by renderer: {rend}")
            if len(r["families"]) > 1:
                fr = ", ".join(f"{k} {v['f1']:.3f}" for k, v in r["family_renderer"].items())
                print(f"  - by family and renderer: {fr}")
        if leave_out and "leave_out" in r:
            lo = ", ".join(f"without {k} {v:.3f}" for k, v in r["leave_out"].items())
            print(f"- {method} left-one-family-out micro F1: {lo}")


def print_worst(title: str, r: dict, meta: dict[str, dict], n: int) -> None:
    rows = sorted(r["per_page"], key=lambda row: (row.get("f1", 0.0), row["id"]))[:n]
    print(f"\n### {title}: {n} worst pages")
    for row in rows:
        m = meta.get(row["id"], {})
        print(f"- {row['id']} {m.get('family', '')} {m.get('renderer') or ''}: F1 {row.get('f1', 0):.3f} "
              f"P {row.get('precision', 0):.2f} R {row.get('recall', 0):.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=default_shared(), help="folder holding trainset/ and devset/")
    ap.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    ap.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    ap.add_argument("--no-peers", action="store_true", help="skip readability-lxml and trafilatura")
    ap.add_argument("--leave-out", action="store_true", help="print left-one-family-out micro F1")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages per set and kind")
    ap.add_argument("--json", type=Path, help="also write every figure (per page too) to this file")
    a = ap.parse_args(argv)

    scorer = load_module(a.shared / "devset" / "score.py", "devset_score")
    with_peers = not a.no_peers and "html" in a.kinds
    if with_peers and not peers_available():
        print("note: readability-lxml / html-text / trafilatura not installed: peers skipped "
              "(.venv/bin/pip install readability-lxml html-text trafilatura)", file=sys.stderr)
        with_peers = False
    everything: dict[str, dict] = {}
    for set_name in a.sets:
        set_dir = a.shared / set_name
        if not (set_dir / "truth").is_dir():
            print(f"{set_dir}: missing, skipped", file=sys.stderr)
            continue
        meta = page_meta(set_dir)
        for kind in a.kinds:
            folder = set_dir / kind
            results: dict[str, dict] = {}
            preds, seconds = run_clean_corpus(folder, "." + kind)
            results["clean-corpus"] = score_method(scorer, set_dir, meta, preds, kind) | {"seconds": seconds}
            if kind == "html" and with_peers:
                for name, fn in PEERS.items():
                    preds, seconds = run_peer(fn, folder)
                    results[name] = score_method(scorer, set_dir, meta, preds, kind) | {"seconds": seconds}
            print_table(f"{set_name} {kind}", results, a.leave_out)
            if a.worst:
                shown = meta if kind == "txt" else {pid: {"family": m["family"]} for pid, m in meta.items()}
                print_worst(f"{set_name} {kind} clean-corpus", results["clean-corpus"], shown, a.worst)
            everything[f"{set_name}/{kind}"] = results
            sys.stdout.flush()
    if a.json:
        a.json.write_text(json.dumps(everything, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
