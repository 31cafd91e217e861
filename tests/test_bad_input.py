"""Issue 12, faults and bad input: nothing lost, no traceback, no silent deletion.

One section per item of the issue; each test failed before its fix.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.cli import main
from cleaner.read.capture import discover

PROSE = (
    "The council approved the budget on Tuesday after a long debate about school funding and roads. "
    "Members said the plan would take three years to finish and cost less than last year's.\n"
)


def cli(capsys, *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse errors
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def write_bytes_name(folder: Path, name: bytes, data: bytes) -> None:
    """Create a file whose name is raw bytes (not UTF-8), as a Linux file system allows."""
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(data)


# --- item 1: file names that are not UTF-8 -----------------------------------------------------


def test_run_keeps_a_record_whose_file_name_is_not_utf8(tmp_path: Path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PROSE, encoding="utf-8")
    write_bytes_name(corpus, b"caf\xe9.txt", PROSE.replace("council", "board").encode())
    out = tmp_path / "out.jsonl"
    code, _ = cli(capsys, "run", str(corpus), "-o", str(out))
    assert code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["source"]) for r in records] == [("caf\\xe9", "caf\\xe9.txt"), ("good", "good.txt")]


def test_library_escapes_a_surrogate_source():
    record = cleaner.clean(PROSE, source="x\udcff.txt")
    assert (record.id, record.source) == ("x\\xff", "x\\xff.txt")
    record.to_json().encode("utf-8")  # the line run writes: no UnicodeEncodeError


def test_printable_name_leaves_utf8_names_alone():
    from cleaner.read.capture import printable_name

    assert printable_name("Zürich 東京.txt") == "Zürich 東京.txt"
    assert printable_name("a\ud800b") == "a\\ud800b"


def test_check_reports_a_non_utf8_name_without_a_traceback(tmp_path: Path):
    seeds, golden = tmp_path / "seeds", tmp_path / "golden"
    seeds.mkdir()
    golden.mkdir()
    write_bytes_name(seeds, b"bad\xffname.txt", PROSE.encode())
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "check", "--captures", str(seeds), "--golden", str(golden)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "bad\\xffname.txt: [bad-name]" in proc.stdout


# --- item 2: a wrong --captures never deletes goldens ------------------------------------------


def _goldens(tmp_path: Path) -> Path:
    seeds, golden = tmp_path / "seeds", tmp_path / "golden"
    seeds.mkdir()
    (seeds / "a.txt").write_text(PROSE, encoding="utf-8")
    assert main(["check", "--captures", str(seeds), "--golden", str(golden), "--update"]) == 0
    assert (golden / "a.json").exists()
    return golden


def test_check_with_a_missing_captures_folder_is_an_error_and_deletes_nothing(tmp_path: Path, capsys):
    golden = _goldens(tmp_path)
    code, out = cli(capsys, "check", "--captures", str(tmp_path / "seedz"), "--golden", str(golden),
                    "--update", "--prune")
    assert code == 2 and "seedz does not exist" in out
    assert (golden / "a.json").exists()


def test_prune_deletes_nothing_when_the_captures_folder_is_empty(tmp_path: Path, capsys):
    golden = _goldens(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = cli(capsys, "check", "--captures", str(empty), "--golden", str(golden), "--update", "--prune")
    assert code == 1 and "[orphan-golden]" in out and "--prune deletes nothing" in out
    assert (golden / "a.json").exists()


# --- item 10: what the docs promise ------------------------------------------------------------


def test_folder_walk_takes_only_the_documented_suffixes(tmp_path: Path):
    for name in ("a.txt", "b.text", "c.md", "d.html", "e.htm", "README", "f.xhtml", "g.json"):
        (tmp_path / name).write_text(PROSE, encoding="utf-8")
    assert [s for _, s in discover([tmp_path])] == ["a.txt", "b.text", "c.md", "d.html", "e.htm"]
    # A file named on the command line is still read, whatever its suffix.
    assert [s for _, s in discover([tmp_path / "f.xhtml"])] == ["f.xhtml"]


def test_check_path_that_does_not_exist_is_an_error(tmp_path: Path, capsys):
    golden = _goldens(tmp_path)
    code, out = cli(capsys, "check", "--captures", str(tmp_path / "seeds"), "--golden", str(golden),
                    str(tmp_path / "seeds" / "typo.txt"))
    assert code == 2 and "no such file or folder" in out and "typo.txt" in out


def test_rules_test_on_a_folder_without_rule_files_is_an_error(tmp_path: Path, capsys):
    code, out = cli(capsys, "rules", "test", str(tmp_path))
    assert code == 2 and "no rule files" in out


@pytest.mark.parametrize("command", ["run", "check"])
def test_negative_jobs_are_refused(tmp_path: Path, capsys, command: str):
    args = ["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl")] if command == "run" else ["check"]
    code, out = cli(capsys, *args, "-j", "-1")
    assert code == 2 and "-j/--jobs" in out


# --- item 7: dedup refuses records with wrong field types --------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [("text", None), ("text", ["a", "list"]), ("id", 7), ("authors", "Ann Lee"), ("near_duplicate_of", 3),
     ("removed", [{"rule": "r", "start": "1", "end": 2, "text": "t"}]), ("dateline", "LONDON")],
)
def test_dedup_names_the_line_of_a_field_with_the_wrong_type(tmp_path: Path, capsys, field: str, value):
    good = cleaner.clean(PROSE, source="a.txt").to_dict()
    bad = dict(good, **{field: value})
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    code, err = cli(capsys, "dedup", str(records), "-o", str(out))
    assert code == 2 and f"in.jsonl:2: not a record: field '{field}'" in err
    assert out.read_text(encoding="utf-8") == "previous\n"


# --- item 6: a closed pipe never turns a failure into success -----------------------------------


def _with_closed_stdout(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI with its stdout a pipe whose reader has already gone (``| head -0``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)


def test_failing_check_into_a_closed_pipe_still_fails(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(PROSE, encoding="utf-8")  # no golden: a failing check
    proc = _with_closed_stdout("check", "--captures", str(seeds), "--golden", str(tmp_path / "golden"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "Exception" not in proc.stderr


@pytest.mark.parametrize("command", ["rules list", "dedup"])
def test_other_commands_into_a_closed_pipe_exit_141(tmp_path: Path, command: str):
    records = tmp_path / "in.jsonl"
    records.write_text(cleaner.clean(PROSE, source="a.txt").to_json() + "\n", encoding="utf-8")
    args = command.split() + ([str(records)] if command == "dedup" else [])
    proc = _with_closed_stdout(*args)
    assert proc.returncode == 141, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception" not in proc.stderr and "Broken pipe" not in proc.stderr


# --- item 9: encodings ---------------------------------------------------------------------------

UNICODE_PROSE = "Le président a dit « oui » à Zürich; 東京 aussi. " * 4


@pytest.mark.parametrize(
    "bom, codec",
    [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
     (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be")],
)
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, bom: bytes, codec: str):
    from cleaner.read.capture import decode

    text, encoding = decode(bom + UNICODE_PROSE.encode(codec), path="x.txt")
    assert text == UNICODE_PROSE and encoding == codec[:6]
    page = f"<!DOCTYPE html><html><body><article><p>{PROSE}</p></article></body></html>"
    (tmp_path / "page.txt").write_bytes(bom + page.encode(codec))  # HTML sniffed after decoding
    assert cleaner.clean_file(tmp_path / "page.txt").text == PROSE.strip()


def test_mostly_utf8_capture_is_kept_with_a_warning_naming_the_offsets(tmp_path: Path, caplog):
    from cleaner.read.capture import decode

    good = UNICODE_PROSE.encode("utf-8")
    cut = "—".encode()[:2]  # a multi-byte character cut short, as lynx does in form fields
    data = good + cut + b" " + good + b"\xff\n"
    with caplog.at_level("WARNING", logger="cleaner"):
        text, encoding = decode(data, path="dump.txt")
    assert text == UNICODE_PROSE + "\ufffd " + UNICODE_PROSE + "\ufffd\n" and encoding == "utf-8"
    assert f"dump.txt: 2 invalid UTF-8 byte sequence(s) replaced by U+FFFD at byte offset(s) {len(good)}, " \
           f"{2 * len(good) + 3}" in caplog.text
    (tmp_path / "dump.txt").write_bytes(PROSE.encode() + data)
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "run", str(tmp_path / "dump.txt"), "-o", "-"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0 and "byte offset(s)" in proc.stderr
    assert json.loads(proc.stdout)["text"].startswith(PROSE.strip())


def test_a_legacy_encoding_is_not_mistaken_for_damaged_utf8():
    from cleaner.read.capture import decode

    data = ("The committee met in the café on Tuesday to discuss the budget and the roads. " * 6).encode("cp1252")
    text, _ = decode(data, path="x.txt")
    assert "café" in text and "\ufffd" not in text


# --- item 3: no HTML text vanishes at the parser's limits ---------------------------------------

_WORD = re.compile(r"\bw\d+\b")


def _words_lost(html: str) -> list[str]:
    """Marked words (``w<n>``) of the page found neither in the record's text nor in ``removed``."""
    record = cleaner.clean(html, kind="html")
    seen = set(_WORD.findall(record.text)) | {w for r in record.removed for w in _WORD.findall(r.text)}
    return sorted(set(_WORD.findall(re.sub(r"<[^>]*>", " ", html))) - seen)


def _unclosed(count: int, tag: str) -> str:
    return "<html><body><article>" + "\n".join(
        f"<p>Paragraph w{i} tells the council story about roads and schools in full detail today.</p><{tag}>"
        for i in range(count)
    ) + "</article></body></html>"


@pytest.mark.parametrize("tag", ["span", "font"])
def test_400_unclosed_inline_tags_lose_no_paragraph(tag: str):
    assert _words_lost(_unclosed(400, tag)) == []


def test_nesting_past_the_parser_limit_is_reported_not_cut(tmp_path: Path, capsys):
    page = tmp_path / "deep.html"
    page.write_text(_unclosed(2100, "span"), encoding="utf-8")
    with pytest.raises(cleaner.CaptureError, match="nested deeper than 2048 elements"):
        cleaner.clean_file(page)
    code, err = cli(capsys, "run", str(page), "-o", str(tmp_path / "out.jsonl"))
    assert code == 2 and "deep.html: HTML nested deeper than 2048 elements" in err


def test_a_text_node_over_10_mb_is_kept():
    from cleaner.segment.html_blocks import parse_html

    words = "council " * 1_400_000  # 11.2 MB in one text node
    page = parse_html(f"<html><body><p>{words}</p></body></html>")
    assert sum(len(b.text) for b in page.blocks) == len(words) - 1


def test_line_numbers_go_past_65535():
    prose = "<p>The council approved the budget on Tuesday after a long debate about roads.</p>\n"
    html = ("<html><body><article>" + prose + "<p>A second paragraph about the school plan.</p>"
            + "\n" * 70_000 + "<p>A late paragraph.</p>" + "\n" * 70_000
            + "<footer><a href='/'>Home</a> | <a href='/c'>Contact us</a></footer></article></body></html>")
    footer_line = html.count("\n", 0, html.index("<footer>")) + 1
    assert footer_line > 2 * 65535
    record = cleaner.clean(html, kind="html")
    assert [(r.start, r.end) for r in record.removed if "Contact us" in r.text] == [(footer_line, footer_line)]


# Generated pages: nested block and inline elements, some left unclosed, text everywhere.
_BLOCKS = ["div", "p", "section", "article", "blockquote", "li", "td", "h2"]
_INLINE = ["span", "font", "b", "i", "em", "a", "strong"]


@st.composite
def nested_pages(draw) -> str:
    counter = iter(range(1_000_000))

    def text() -> str:
        n = draw(st.integers(1, 12))
        return " ".join(f"w{next(counter)}" if k % 3 == 0 else draw(st.sampled_from(_FILLER)) for k in range(n))

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_BLOCKS + _INLINE))
        inner = []
        for _ in range(draw(st.integers(0, 3 if depth < 8 else 0))):
            inner.append(element(depth + 1) if draw(st.booleans()) else text())
        inner.append(text())
        closed = draw(st.integers(0, 9)) > 0
        return f"<{tag}>" + " ".join(inner) + (f"</{tag}>" if closed else "")

    parts = []
    for _ in range(draw(st.integers(1, 6))):
        parts.append(element(0))
        parts.append(f"<{draw(st.sampled_from(_INLINE))}>" * draw(st.sampled_from([0, 0, 5, 120, 300])))
    return "<html><body>" + "\n".join(parts) + "</body></html>"


_FILLER = "the council said on Tuesday that roads and schools would get more money".split()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nested_pages())
def test_every_word_of_generated_nested_html_is_in_text_or_removed(html: str):
    try:
        lost = _words_lost(html)
    except cleaner.CaptureError:  # reported, not cut short
        return
    assert lost == []
