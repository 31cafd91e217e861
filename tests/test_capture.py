"""Reading captures: encodings, bad input, discovery order."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.read.capture import CaptureError, decode, discover, read_capture, sniff_kind


def test_utf8_with_bom_is_decoded_without_the_bom():
    text, enc = decode("\ufeffCafé crème".encode("utf-8"))
    assert text == "Café crème" and enc == "utf-8"


def test_legacy_encoding_is_detected():
    data = ("Le président a déclaré que la réforme était nécessaire. " * 20).encode("cp1252")
    text, enc = decode(data)
    assert "président" in text and enc != "utf-8"


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"   \n\t\n", "empty"), (b"\x00\x01\x02binary\x00", "NUL"), (bytes(range(1, 32)) * 50, "control")],
)
def test_bad_bytes_raise_with_reason(data, reason):
    with pytest.raises(CaptureError) as err:
        decode(data, path="x.txt")
    assert "x.txt" in str(err.value) and reason in str(err.value)


def test_unreadable_file_names_the_file(tmp_path: Path):
    with pytest.raises(CaptureError, match="cannot read"):
        read_capture(tmp_path / "missing.txt")


def test_sniff_html_by_content_not_suffix():
    assert sniff_kind(b"<!DOCTYPE html><html><body>x</body></html>", ".txt") == "html"
    assert sniff_kind(b"Just text about <html> tags.", ".txt") == "text"
    assert sniff_kind(b"plain", ".html") == "html"


def test_discover_is_recursive_sorted_and_relative(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "c.html").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.json").write_text("{}")
    sources = [source for _, source in discover([tmp_path])]
    assert sources == ["a.txt", "b/2.txt", "c.html"]


def test_discover_keeps_same_name_from_two_folders(tmp_path: Path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page.txt").write_text(name)
    pairs = discover([tmp_path / "two", tmp_path / "one"])
    assert [s for _, s in pairs] == ["page.txt", "page.txt"]
    assert [p.parent.name for p, _ in pairs] == ["one", "two"]


def test_one_walk_lists_a_folder_for_run_discover_and_check(tmp_path: Path):
    """``entries`` (run), ``discover`` (library, golden tests) and ``check``'s inventory all
    walk through ``cleaner.read.walk``: same files, same order, hidden ones and the golden
    folder left out; each then keeps what it reads."""
    from cleaner.goldens.inventory import scan
    from cleaner.read.inputs import entries
    from cleaner.read.walk import walk_files

    for rel in ("b/2.txt", "a.txt", "c.html", "b/crawl.warc.gz", ".git/x.txt", "b/.hidden.md",
                "golden/a.json", "z/notes.json", "y.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    walked = [rel for _, rel in walk_files(tmp_path, skip=tmp_path / "golden")]
    assert walked == ["a.txt", "c.html", "y.md", "b/2.txt", "b/crawl.warc.gz", "z/notes.json"]
    pages = ["a.txt", "b/2.txt", "c.html", "y.md"]
    assert [s for _, s in discover([tmp_path])] == pages
    assert [s for _, s in entries([str(tmp_path)])] == ["a.txt", "b/2.txt", "b/crawl.warc.gz", "c.html", "y.md"]
    inventory = scan(tmp_path, tmp_path / "golden")
    assert [c.source for c in inventory.captures] == pages and inventory.others == ["b/crawl.warc.gz", "z/notes.json"]
