"""The pages in a real browser: headless Chromium (Debian's package) opens each page from a
file:// URL, takes a screenshot and dumps the DOM after the scripts ran. The test checks the
page rendered (many colours, not a blank sheet), logged nothing to the console, and that the
filter script ran to its end. Skipped where Chromium is absent; CI installs it (``.ci/run``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli import main

from .chromium import chromium, dump_dom, png_colours, screenshot
from .conftest import seed_paths
from .pages import HTML_CAPTURE, REPORT

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium is not installed")


def _rendered(page: Path, png: Path) -> None:
    console = screenshot(page, png, size=(1000, 700))
    assert console == [], console
    width, height, colours = png_colours(png)
    assert (width, height) == (1000, 700)
    # A blank or unstyled page has a handful of colours; ours has status backgrounds, text
    # anti-aliasing and coloured marks.
    assert len(colours) > 40, f"{png.name}: only {len(colours)} colours"


def _explain_page(capture: Path, tmp_path: Path) -> Path:
    page = tmp_path / f"{capture.stem}.html"
    assert main(["explain", str(capture), "--html", str(page)]) == 0
    return page


@pytest.mark.parametrize("kind", ["text", "html"])
def test_explain_page_renders_without_console_errors(kind: str, tmp_path: Path):
    if kind == "text":
        capture = seed_paths()[0]
    else:
        capture = tmp_path / "ferry.html"
        capture.write_text(HTML_CAPTURE, encoding="utf-8")
    page = _explain_page(capture, tmp_path)
    _rendered(page, tmp_path / "shot.png")
    dom, console = dump_dom(page)
    assert console == [], console
    assert 'data-filters="ready"' in dom  # the filter script ran to its last line


def test_report_page_renders_without_console_errors(tmp_path: Path):
    src, page = tmp_path / "report.json", tmp_path / "report.html"
    src.write_text(json.dumps(REPORT), encoding="utf-8")
    assert main(["report", str(src), "-o", str(page)]) == 0
    _rendered(page, tmp_path / "shot.png")
