"""``run`` under faults: SIGTERM, output paths that cannot work, a disk that fails mid-write.

In every case the old output stays as it was, no temp file is left, the error is one line
(never a traceback) and the exit status says what happened.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.cli import main

from .conftest import SEEDS
from .test_corpus_io import dump

PREVIOUS = "previous\n"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_sigterm_stops_workers_keeps_old_output_and_exits_143(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # One capture that takes seconds to clean, then small ones: the run is mid-way when stopped.
    (corpus / "a_big.txt").write_text("".join(dump(n) + "\n" for n in range(3000)), encoding="utf-8")
    for n in range(10):
        (corpus / f"b{n}.txt").write_text(dump(n), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(PREVIOUS, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner.cli", "run", str(corpus), "-o", str(out), "-j", "2",
         "--timeout", "600", "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the worker processes never started"
        time.sleep(1.0)
        assert proc.poll() is None, "the run ended before it could be stopped"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143
    assert "terminated" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.jsonl"]
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)], "worker processes outlived the run"


@pytest.mark.parametrize("make, expected", [
    (lambda tmp: tmp / "folder", "is a folder, not a file"),
    (lambda tmp: tmp / "missing" / "out.jsonl", "does not exist"),
    (lambda tmp: tmp / "afile" / "out.jsonl", "is a file, not a folder"),
    (lambda tmp: tmp / "afile" / "deeper" / "out.jsonl", "is a file, not a folder"),
])
def test_an_output_path_that_cannot_work_is_refused_before_cleaning(tmp_path: Path, capsys, monkeypatch,
                                                                    make, expected):
    import cleaner.corpus.workers as workers

    (tmp_path / "folder").mkdir()
    (tmp_path / "afile").write_text("x", encoding="utf-8")

    def never(*args, **kwargs):
        raise AssertionError("cleaned a capture although the output cannot be written")

    monkeypatch.setattr(workers, "clean", never)
    target = make(tmp_path)
    assert main(["run", str(SEEDS), "-o", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and expected in err[0] and str(target) in err[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "folder"]


def test_a_report_path_that_cannot_work_is_refused_before_cleaning(tmp_path: Path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text(PREVIOUS, encoding="utf-8")
    assert main(["run", str(SEEDS), "-o", str(out), "--report", str(tmp_path / "nope" / "r.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == PREVIOUS


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_output_folder_is_refused(tmp_path: Path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["run", str(SEEDS), "-o", str(locked / "out.jsonl")]) == 2
        assert "cannot write in folder" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


def _limit_file_size() -> None:
    # Past this size a write fails with EFBIG, as a full disk fails with ENOSPC.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_a_disk_error_while_writing_is_one_line_exit_2_and_old_output_intact(tmp_path: Path, name):
    out = tmp_path / name
    out.write_text(PREVIOUS, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "run", str(SEEDS), "-o", str(out), "--no-progress"],
        capture_output=True, text=True, preexec_fn=_limit_file_size, timeout=300,
    )
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert "Traceback" not in proc.stderr
    assert len(err) == 1 and str(out) in err[0] and "File too large" in err[0] and "left unchanged" in err[0]
    assert out.read_text(encoding="utf-8") == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("command", ["run", "dedup"])
def test_a_pipe_or_device_as_output_is_written_into_not_replaced(tmp_path: Path, command):
    """``-o /dev/null`` (or a FIFO) must stay what it is: a temp file renamed over it would
    replace the device with a plain file, machine-wide when run as root. A FIFO stands in for
    the device here, so a regression cannot damage the machine running the tests."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    if command == "run":
        argv = ["run", str(SEEDS / "002_b358a0a52f46cd95.txt"), "-o", str(fifo), "--no-progress"]
    else:
        records = tmp_path / "in.jsonl"
        main(["run", str(SEEDS / "002_b358a0a52f46cd95.txt"), "-o", str(records), "--no-progress"])
        argv = ["dedup", str(records), "-o", str(fifo)]
    code = main(argv)
    reader.join(timeout=30)
    assert code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the pipe was replaced by a plain file"
    assert received and received[0].count(b"\n") == 1 and b'"id": "002_b358a0a52f46cd95"' in received[0]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
