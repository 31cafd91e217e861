"""Speed and scale figures of issue 17, each measured the same way every time.

Run on purpose, never by the test suite::

    .venv/bin/python bench/speed.py                      # every section
    .venv/bin/python bench/speed.py throughput startup   # some sections
    .venv/bin/python bench/speed.py scale --scale-lines 20000,200000 --profile

Sections:

- ``throughput``: CPU time (``time.process_time``) per page on ``../shared/devset``, pinned to
  one core, median of ``--rounds`` rounds (default 5); a round times clean-corpus on the text
  dumps, clean-corpus on the HTML and trafilatura ``extract(html)`` on the same HTML, one after
  the other, so load hits all three alike. Printed: ms/page, the ratio of pages/s to
  trafilatura's, and each one's F1 (the devset's own scorer) so speed is never bought with it.
- ``startup``: ``clean-corpus run`` on one small capture and ``clean-corpus --help``, each in
  a fresh process (``--startup-runs``, default 5): median wall time, CPU time and peak RSS
  (``wait4``'s rusage of that child alone). A bare ``python -c pass`` is shown for scale. The
  same two commands again with their byte-code cached (their own ``PYTHONPYCACHEPREFIX``): with
  ``PYTHONDONTWRITEBYTECODE`` set and no cache, every module of the package is compiled from
  source on every run. ``--instructions`` adds each command's instruction count (callgrind).
- ``scale``: a synthetic text capture (seeded, words made up here) of each of
  ``--scale-lines`` lines (default 20,000 and 2,000,000), cleaned in a child process with a
  time limit (``--scale-timeout``): CPU seconds, seconds per 10k lines (flat means linear), and
  peak RSS over the RSS before cleaning per capture byte. ``--profile`` adds cProfile's top
  lines; ``--breakdown`` adds tracemalloc's memory per stage (text, blocks, page, rules, body)
  and the peak of one whole ``clean`` call.
- ``dedup``: the near-duplicate index on ``--dedup-records`` synthetic records (default
  1,000,000; the generator of ``bench/dedup.py``, records made as they are indexed, never held),
  per tenth: records/s of ``add`` alone, the index's bytes per indexed record and the LSH
  candidates per record (they grow with the corpus: see ``bench/dedup.py --candidates``).
- ``jobs``: ``clean-corpus run`` on the devset (text and HTML) with ``--jobs 1`` and
  ``--jobs 2`` (wall time), each right after a pure-CPU control run as 1 or as 2 processes, so
  the control sees the load the run saw: the control's ratio is the parallelism the machine
  had free. Also the CPU time of the main process and of its workers: the parallel run's extra
  CPU (pickling, a second worker's first-use costs) and what the main process does beside the
  workers (reading, marking near-duplicates, writing).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# startup first: a child's peak RSS as the kernel reports it is at least its parent's at fork.
SECTIONS = ("startup", "throughput", "scale", "dedup", "jobs")
DEVSET = ROOT.parent / "shared" / "devset"
PYTHON = sys.executable
CLI = str(Path(PYTHON).parent / "clean-corpus")

SMALL_CAPTURE = (
    "Home | News | Sport\n\n"
    "Bridge to reopen in spring\n\n"
    "By Jane Example\n\n"
    "The council said on Tuesday that the new bridge would open in the spring, after a year of\n"
    "work that had cost more than the city expected and closed the road to traffic.\n\n"
    "Residents said they were glad the work was over and that the buses would return soon.\n\n"
    "Share this article\n"
)


def pin_one_core() -> str:
    """Pin this process to one CPU (so a library cannot spread over two); returns which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def child_usage(cmd: list[str], **kwargs) -> tuple[float, float, int]:
    """Run ``cmd``; wall seconds, CPU seconds (user + system) and peak RSS in bytes of it alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"{' '.join(cmd)}: exit status {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


# --- throughput ----------------------------------------------------------------------------


def read_pages(kind: str) -> dict[str, str]:
    suffix = ".txt" if kind == "txt" else ".html"
    return {p.name[: -len(suffix)]: p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((DEVSET / kind).glob(f"*{suffix}"))}


def throughput(rounds: int) -> None:
    from trafilatura import extract

    from cleaner import clean, load_rulebook

    print(f"== throughput: {DEVSET}, CPU time, {pin_one_core()}, median of {rounds} rounds")
    rules = load_rulebook()
    txt, html = read_pages("txt"), read_pages("html")

    def ours(pages: dict[str, str], kind: str) -> dict[str, str]:
        return {pid: clean(page, source=f"{pid}.{kind}", kind=kind, rules=rules).text for pid, page in pages.items()}

    def theirs(pages: dict[str, str]) -> dict[str, str]:
        return {pid: extract(page) or "" for pid, page in pages.items()}

    runs = {"clean-corpus text dumps": (lambda: ours(txt, "text"), len(txt)),
            "clean-corpus HTML": (lambda: ours(html, "html"), len(html)),
            "trafilatura extract(html)": (lambda: theirs(html), len(html))}
    outputs = {name: run() for name, (run, _) in runs.items()}  # warm-up: lazy imports, tables
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, (run, _) in runs.items():
            start = time.process_time()
            run()
            times[name].append(time.process_time() - start)

    f1 = scores(outputs)
    base = statistics.median(times["trafilatura extract(html)"]) / len(html)
    print(f"{'':<28} {'ms/page':>8} {'x trafilatura':>14} {'F1':>7}   rounds (s)")
    for name, (_, pages) in runs.items():
        per_page = statistics.median(times[name]) / pages
        rounds_s = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:<28} {per_page * 1000:8.2f} {base / per_page:13.2f}x {f1.get(name, float('nan')):7.3f}   {rounds_s}")


def scores(outputs: dict[str, dict[str, str]]) -> dict[str, float]:
    """F1 of each output by the devset's own scorer (all pages with a truth)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "score.py")
    if spec is None or spec.loader is None:
        return {}
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    truth, meta = scorer.load_truth(DEVSET / "truth")
    out = {}
    for name, preds in outputs.items():
        ids = [i for i in preds if i in truth]
        out[name] = scorer.score({i: preds[i] for i in ids}, {i: truth[i] for i in ids}, meta, 0, 0)["f1"]
    return out


# --- start-up -------------------------------------------------------------------------------


def startup(runs: int, instructions: bool = False) -> None:
    print(f"== startup: fresh processes, median of {runs}")
    cached = os.environ.get("PYTHONDONTWRITEBYTECODE") is None
    print(f"byte-code: {'written as usual' if cached else 'PYTHONDONTWRITEBYTECODE is set (modules without a cache compile every run)'}"
          "; 'cached' rows read it from a cache of their own (PYTHONPYCACHEPREFIX, filled by a first run not counted)")
    with tempfile.TemporaryDirectory() as tmp:
        capture = Path(tmp) / "small.txt"
        capture.write_text(SMALL_CAPTURE, encoding="utf-8")
        out = str(Path(tmp) / "out.jsonl")
        warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        # (command, environment); the run's --timeout is lifted so a slow machine or valgrind
        # never turns the run into a skipped capture.
        run = [CLI, "run", str(capture), "-o", out, "--timeout", "100000"]
        cases = {
            "python -c pass": ([PYTHON, "-c", "pass"], None),
            "clean-corpus --help": ([CLI, "--help"], None),
            "clean-corpus run (1 small file)": (run, None),
            "  --help, byte-code cached": ([CLI, "--help"], warm),
            "  run, byte-code cached": (run, warm),
        }
        for cmd, env in cases.values():
            if env is not None:
                child_usage(cmd, env=env)  # fills the cache
        print(f"{'':<34} {'wall s':>7} {'CPU s':>7} {'peak RSS MB':>12}   wall of each run")
        for name, (cmd, env) in cases.items():
            got = [child_usage(cmd, env=env) for _ in range(runs)]
            wall = statistics.median(g[0] for g in got)
            cpu = statistics.median(g[1] for g in got)
            rss = max(g[2] for g in got)
            each = " ".join(f"{g[0]:.2f}" for g in got)
            print(f"{name:<34} {wall:7.3f} {cpu:7.3f} {rss / 1e6:12.1f}   {each}")
        if instructions:
            # CPU time drifts 20-30% on a shared machine; the count of instructions does not.
            print(f"{'instructions (callgrind, once)':<34}")
            for name, (cmd, env) in cases.items():
                print(f"{name:<34} {instructions_of(cmd, env):>15,}")


def instructions_of(cmd: list[str], env: dict[str, str] | None) -> int:
    """Instructions ``cmd`` executes (valgrind's callgrind, about 50 times slower than the run)."""
    env = dict(os.environ if env is None else env, PYTHONHASHSEED="0")  # the same dict layouts every run
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          capture_output=True, text=True, env=env, check=True)
    refs = [line for line in done.stderr.splitlines() if "refs:" in line]
    return int(refs[-1].split("refs:")[1].strip().replace(",", ""))


# --- scale ------------------------------------------------------------------------------------


def synthetic_capture(lines: int, seed: int = 17) -> str:
    """A text dump of about ``lines`` lines: wrapped article paragraphs, menus, a footer.

    Made-up words (seeded), so the page's size is the only thing that grows: every 40
    paragraphs a short menu of bullet links and a heading, as long pages of live blogs have.
    """
    rng = random.Random(seed)
    syllables = "ka to ri men sa lo pe dra vin ul or es tan bri que lu an mo ste gar il nu".split()
    vocab = ["".join(rng.choices(syllables, k=rng.choice((1, 2, 2, 3)))) for _ in range(3000)]
    vocab += ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on", "said"] * 40
    out = ["Home", "News", "Sport", "", "A very long page for the scale check", ""]
    paragraph = 0
    while len(out) < lines:
        paragraph += 1
        if paragraph % 40 == 0:
            out += [f"Update {paragraph // 40}", "", "* Home", "* World", "* Business", "* Sport", ""]
            continue
        words = rng.choices(vocab, k=rng.randint(30, 90))
        text = " ".join(words).capitalize() + "."
        row = ""
        for word in text.split(" "):
            if row and len(row) + 1 + len(word) > 76:
                out.append(row)
                row = word
            else:
                row = f"{row} {word}" if row else word
        out += [row, ""]
    out += ["Share this article", "© 2026 Example Media"]
    return "\n".join(out[: max(lines, 10)]) + "\n"


def scale_child(lines: int, profile: bool, breakdown: bool) -> None:
    """In a child process: clean one synthetic capture; print one JSON line of figures."""
    import resource

    from cleaner import clean, load_rulebook

    rules = load_rulebook()
    clean(SMALL_CAPTURE, source="warm.txt", kind="text", rules=rules)
    text = synthetic_capture(lines)
    size = len(text.encode("utf-8"))
    if breakdown:
        print(json.dumps({"breakdown": stage_memory(text, rules)}), flush=True)
        return
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    profiler = cProfile.Profile() if profile else None
    start = time.process_time()
    if profiler:
        profiler.enable()
    record = clean(text, source="scale.txt", kind="text", rules=rules)
    if profiler:
        profiler.disable()
    cpu = time.process_time() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result = {"lines": text.count("\n"), "bytes": size, "cpu": cpu, "rss_before": rss_before,
              "rss_peak": rss_after, "text_out": len(record.text)}
    print(json.dumps(result), flush=True)
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(12)


def stage_memory(text: str, rules) -> dict[str, float]:
    """tracemalloc: bytes held after each stage, and the peak within it, per capture byte."""
    import tracemalloc

    from cleaner.decide.engine import _Words, apply_rule
    from cleaner.decide.page import Page
    from cleaner.extract.body import build_body
    from cleaner.segment.blocks import split_blocks

    size = len(text.encode("utf-8"))
    out: dict[str, float] = {}
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    copy = "".join(text)  # the capture's str as the pipeline holds it (it is the input here)
    out["capture str (held)"] = (tracemalloc.get_traced_memory()[0] - base) / size
    tracemalloc.reset_peak()
    blocks = split_blocks(copy)
    held, peak = tracemalloc.get_traced_memory()
    out["split_blocks: blocks held"] = (held - base) / size
    out["split_blocks: peak"] = (peak - base) / size
    tracemalloc.reset_peak()
    page = Page(blocks, kind="text", structure=None)
    held, peak = tracemalloc.get_traced_memory()
    out["Page: held (with blocks)"] = (held - base) / size
    words = _Words(page)
    rule_peaks = {}
    for rule in rules.generic.rules:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        apply_rule(page, rule, words)
        rule_peaks[rule.qualified_id] = (tracemalloc.get_traced_memory()[1] - before) / size
    held, _ = tracemalloc.get_traced_memory()
    out["rules: held after"] = (held - base) / size
    for name, value in sorted(rule_peaks.items(), key=lambda kv: -kv[1])[:5]:
        out[f"rule peak over held: {name}"] = value
    tracemalloc.reset_peak()
    body = build_body(page)
    held, peak = tracemalloc.get_traced_memory()
    out["body: peak"] = (peak - base) / size
    tracemalloc.stop()
    del body, words, page, blocks, copy
    # The stages above keep what each made (the rules' facts too) to show it; the pipeline frees
    # what it no longer needs, so its own peak is lower than the sum.
    from cleaner import clean

    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    clean(text, source="scale.txt", kind="text", rules=rules)
    out["clean(): peak over the capture (the pipeline)"] = (tracemalloc.get_traced_memory()[1] - base) / size
    tracemalloc.stop()
    return out


def scale(sizes: list[int], timeout: float, profile: bool, breakdown: bool) -> None:
    print(f"== scale: synthetic text captures, one child process each, limit {timeout:.0f} s")
    print(f"{'lines':>10} {'MB':>7} {'CPU s':>8} {'s/10k lines':>12} {'peak RSS - before, x capture':>30}")
    for lines in sizes:
        cmd = [PYTHON, __file__, "--scale-child", str(lines)] + (["--profile"] if profile else [])
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
        except subprocess.TimeoutExpired:
            print(f"{lines:>10,} {'':>7} {'>' + format(timeout, '.0f'):>8}  (stopped at the time limit)")
            continue
        except subprocess.CalledProcessError as exc:
            print(f"{lines:>10,}  failed: {exc.stderr.strip().splitlines()[-1:]}")
            continue
        first, _, rest = done.stdout.partition("\n")
        r = json.loads(first)
        ratio = (r["rss_peak"] - r["rss_before"]) / r["bytes"]
        print(f"{r['lines']:>10,} {r['bytes'] / 1e6:7.1f} {r['cpu']:8.2f} {r['cpu'] / r['lines'] * 1e4:12.3f} "
              f"{ratio:29.1f}x")
        if profile:
            print("\n".join(line for line in rest.splitlines() if line.strip())[:4000])
    if breakdown:
        lines = min(sizes)
        cmd = [PYTHON, __file__, "--scale-child", str(lines), "--breakdown"]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
        print(f"memory by stage, tracemalloc, {lines:,} lines (bytes per capture byte):")
        for name, value in json.loads(done.stdout)["breakdown"].items():
            print(f"  {name:<48} {value:6.2f}")


# --- near-duplicate index -------------------------------------------------------------------


def dedup(records: int, steps: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from dedup import Corpus  # bench/dedup.py's generator

    from cleaner.corpus.dedup import NearDuplicateIndex

    print(f"== dedup: {records:,} synthetic records streamed into one index (CPU time of add only)")
    corpus = Corpus(7)
    originals: list[str] = []
    index = NearDuplicateIndex()
    step = max(1, records // steps)
    spent = 0.0
    marked = 0
    candidates = 0
    print(f"{'records':>10} {'records/s (add)':>16} {'index bytes/record':>19} {'on disk/record':>15} {'marked':>8} "
          f"{'candidates/record':>18}")
    for i in range(records):
        if originals and corpus.rng.random() < 0.10:
            text = corpus.edit(corpus.rng.choice(originals))
        else:
            text = corpus.article()
            if len(originals) < 5000:
                originals.append(text)
            else:
                originals[corpus.rng.randrange(5000)] = text
        start = time.process_time()
        marked += index.add(f"r{i:07d}", text) is not None
        spent += time.process_time() - start
        if (i + 1) % step == 0:
            indexed = max(1, len(index))
            print(f"{i + 1:>10,} {step / spent:16,.0f} {index.nbytes() / indexed:19,.0f} "
                  f"{index.spilled_bytes() / indexed:15,.0f} {marked:>8,} "
                  f"{(index.candidates - candidates) / step:18.2f}", flush=True)
            spent = 0.0
            candidates = index.candidates


# --- jobs -------------------------------------------------------------------------------------


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def control(processes: int, n: int) -> float:
    """Wall seconds for ``processes`` processes each burning the same pure-Python CPU work."""
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); from speed import _burn; _burn({n})"
    start = time.perf_counter()
    procs = [subprocess.Popen([PYTHON, "-c", code]) for _ in range(processes)]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


# Runs the CLI in this process and writes its exit code and the CPU seconds of the process itself
# and of its (reaped) worker processes to argv[1].
_RUN_WITH_USAGE = """import json, resource, sys
from cleaner.cli import main
code = main(sys.argv[2:])
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump([code, own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime], out)
"""


def run_jobs(inputs: list[str], jobs_n: int, tmp: Path) -> tuple[float, float, float]:
    """Wall seconds of ``clean-corpus run --jobs N``, and CPU seconds of its main process and workers."""
    usage = tmp / "usage.json"
    cmd = [PYTHON, "-c", _RUN_WITH_USAGE, str(usage), "run", *inputs, "-o", str(tmp / f"j{jobs_n}.jsonl"),
           "--jobs", str(jobs_n), "--no-progress"]
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    code, own, workers = json.loads(usage.read_text())
    if code != 0:
        raise SystemExit(f"clean-corpus run --jobs {jobs_n}: exit status {code}")
    return wall, own, workers


def jobs(rounds: int) -> None:
    inputs = [str(DEVSET / "txt"), str(DEVSET / "html")]
    print(f"== jobs: clean-corpus run on {', '.join(inputs)}, wall time, {rounds} rounds; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
    controls: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            # Alternate which goes first, and run each control right before its run.
            for jobs_n in (1, 2) if r % 2 == 0 else (2, 1):
                controls[jobs_n].append(control(jobs_n, 20_000_000))
                runs[jobs_n].append(run_jobs(inputs, jobs_n, Path(tmp)))
            ratio = runs[1][-1][0] / runs[2][-1][0]
            free = 2 * controls[1][-1] / controls[2][-1]
            print(f"  round {r + 1}: --jobs 1 {runs[1][-1][0]:.2f} s, --jobs 2 {runs[2][-1][0]:.2f} s -> {ratio:.2f}x; "
                  f"control {free:.2f}x", flush=True)
        same = (Path(tmp) / "j1.jsonl").read_bytes() == (Path(tmp) / "j2.jsonl").read_bytes()
    one = statistics.median(w for w, _, _ in runs[1])
    two = statistics.median(w for w, _, _ in runs[2])
    free = 2 * statistics.median(controls[1]) / statistics.median(controls[2])
    print(f"--jobs 1: {one:.2f} s, --jobs 2: {two:.2f} s -> {one / two:.2f}x (same bytes: {same})")
    print(f"pure-CPU control, same rounds: 1 process {statistics.median(controls[1]):.2f} s, 2 processes "
          f"{statistics.median(controls[2]):.2f} s -> free parallelism {free:.2f}x")
    print(f"--jobs 2 speed-up as a share of the free parallelism: {one / two / free:.0%}")
    cpu1 = statistics.median(own + workers for _, own, workers in runs[1])
    own2 = statistics.median(own for _, own, _ in runs[2])
    workers2 = statistics.median(workers for _, _, workers in runs[2])
    print(f"CPU: --jobs 1 {cpu1:.2f} s; --jobs 2 {own2 + workers2:.2f} s ({own2:.2f} s main process, "
          f"{workers2:.2f} s workers): {(own2 + workers2) / cpu1 - 1:+.0%} for running in parallel")
    # With two free cores and the main process's work spread over both beside the workers',
    # the best --jobs 2 can do is total CPU / 2; start-up before the pool is serial on top.
    print(f"ceiling on two free cores from these CPU times: {cpu1 / ((own2 + workers2) / 2):.2f}x "
          f"(less the serial start-up before the workers begin)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sections", nargs="*", default=list(SECTIONS), metavar="SECTION",
                    help=f"any of {', '.join(SECTIONS)} (default: all)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--startup-runs", type=int, default=5)
    ap.add_argument("--instructions", action="store_true",
                    help="startup: also count each command's instructions once (needs valgrind)")
    ap.add_argument("--scale-lines", default="20000,2000000")
    ap.add_argument("--scale-timeout", type=float, default=300.0)
    ap.add_argument("--profile", action="store_true", help="scale: cProfile's top lines per size")
    ap.add_argument("--breakdown", action="store_true", help="scale: tracemalloc memory per stage")
    ap.add_argument("--dedup-records", type=int, default=1_000_000)
    ap.add_argument("--dedup-steps", type=int, default=10, help="dedup: lines printed (records/s over each)")
    ap.add_argument("--jobs-rounds", type=int, default=3)
    ap.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.scale_child is not None:
        scale_child(a.scale_child, a.profile, a.breakdown)
        return 0
    unknown = [s for s in a.sections if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    run = {
        "throughput": lambda: throughput(a.rounds),
        "startup": lambda: startup(a.startup_runs, a.instructions),
        "scale": lambda: scale([int(n) for n in a.scale_lines.split(",")], a.scale_timeout, a.profile, a.breakdown),
        "dedup": lambda: dedup(a.dedup_records, a.dedup_steps),
        "jobs": lambda: jobs(a.jobs_rounds),
    }
    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    for section in a.sections:
        run[section]()
        if cpus is not None:  # a section may have pinned this process to one core
            os.sched_setaffinity(0, cpus)
        print(flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
