"""The command line end to end: run, explain, rules test; bad input and atomic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cleaner.cli import main
from cleaner.record import FIELDS

from .conftest import SEEDS, seed_paths

PROSE = "The council approved the budget on Tuesday after a long debate about school funding and roads.\n"


def test_run_writes_one_sorted_record_per_seed(tmp_path: Path):
    out = tmp_path / "records.jsonl"
    assert main(["run", str(SEEDS), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == sorted(p.name for p in seed_paths())
    assert all(list(r) == list(FIELDS) for r in records)
    assert out.read_bytes().endswith(b"\n")


def test_run_is_byte_for_byte_deterministic(tmp_path: Path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    main(["run", str(SEEDS), "-o", str(a)])
    main(["run", str(SEEDS), "-o", str(b)])
    assert a.read_bytes() == b.read_bytes()


def test_bad_captures_are_reported_and_the_rest_written(tmp_path: Path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\xff\x00garbage")
    (corpus / "latin.txt").write_bytes(("Le conseil a approuvé le budget mardi après un long débat. " * 5).encode("cp1252"))
    out = tmp_path / "out.jsonl"
    assert main(["run", str(corpus), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "empty.txt" in err and "binary.txt" in err and "2 capture(s) skipped" in err
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["good", "latin"]


def test_missing_input_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["run", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


def test_interrupted_run_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    import cleaner.corpus.workers as corpus

    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus, "clean", boom)
    assert main(["run", str(SEEDS), "-o", str(out)]) == 130
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_run_to_stdout(tmp_path: Path):
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "run", str(tmp_path), "-o", "-"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(proc.stdout)["text"] == PROSE.strip()


def test_explain_marks_dropped_lines_with_their_rule(capsys):
    seed = sorted(SEEDS.glob("000_*.txt"))[0]
    assert main(["explain", str(seed)]) == 0
    out = capsys.readouterr().out
    assert "- generic/bullet-menu" in out
    assert "↳" in out
    kept = [line for line in out.splitlines() if line[6:8] == "+ "]
    assert any("China said it has forcefully cracked down" in line for line in kept)


def test_rules_test_passes_on_builtin_and_fails_on_a_wrong_example(tmp_path: Path, capsys):
    assert main(["rules", "test"]) == 0
    (tmp_path / "generic.toml").write_text(
        '[ruleset]\nid = "generic"\n[[rules]]\nid = "promo"\nreason = "r"\npattern = "^Buy"\n'
        'drops = ["Buy now"]\nkeeps = ["Buy the dip, he said."]\n',
        encoding="utf-8",
    )
    assert main(["rules", "test", str(tmp_path)]) == 1
    assert "should keep 'Buy the dip, he said.'" in capsys.readouterr().out


def test_parallel_run_writes_the_same_bytes(tmp_path: Path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["run", str(SEEDS), "-o", str(one), "-j", "1"]) == 0
    assert main(["run", str(SEEDS), "-o", str(two), "-j", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_output_file_gets_ordinary_permissions(tmp_path: Path):
    import os

    out = tmp_path / "out.jsonl"
    assert main(["run", str(SEEDS), "-o", str(out)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_explain_html_shows_blocks_not_markup(tmp_path: Path, capsys):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><script>var x = 1;</script></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></nav>\n"
        "<article><h1>Council approves the school budget</h1>\n"
        f"<p>{PROSE.strip()}</p>\n<p>{PROSE.strip().replace('council', 'board')}</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    assert main(["explain", str(page)]) == 0
    out = capsys.readouterr().out
    assert "one row per text block" in out
    assert "var x = 1" not in out
    assert "<p> The council approved the budget" in out
    assert any(line.split()[1:2] == ["-"] and "Home" in line for line in out.splitlines())
