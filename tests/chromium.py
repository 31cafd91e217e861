"""Headless Chromium for the page tests and docs/make_screenshots.py: screenshot, DOM, console.

Debian's ``chromium`` is run once per call with a throw-away profile (engineers and CI share
the machine) and ``--no-sandbox`` (CI runs as root, where the sandbox refuses to start). Every
``console.*`` message and uncaught error appears on its stderr as a ``CONSOLE`` line; a page
of ours logs nothing, so any such line is a failure.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

TIMEOUT = 120


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(page: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    binary = chromium()
    assert binary, "chromium is not installed"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-extensions", "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
             *flags, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def screenshot(page: Path, out: Path, size: tuple[int, int] = (1280, 900)) -> list[str]:
    """Write a PNG of ``page`` to ``out``; return the console lines the page produced."""
    done = _run(page, f"--screenshot={out.resolve()}", f"--window-size={size[0]},{size[1]}")
    assert out.exists(), f"chromium wrote no screenshot: {done.stderr[-2000:]}"
    return console_lines(done.stderr)


def dump_dom(page: Path) -> tuple[str, list[str]]:
    """The DOM after the page's scripts ran, and the console lines."""
    done = _run(page, "--dump-dom")
    return done.stdout, console_lines(done.stderr)


def png_colours(path: Path) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct pixel values of an 8-bit RGB/RGBA PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6) and header[12] == 0, "only 8-bit RGB(A), non-interlaced"
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, colours, pos = bytearray(stride), set(), 0
    for _ in range(height):
        kind, row = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):  # undo the PNG row filter (spec section 9)
            a = row[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                row[i] = (row[i] + a) & 255
            elif kind == 2:
                row[i] = (row[i] + b) & 255
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(row[i:i + 3]) for i in range(0, stride, bpp))
        prev = row
    return width, height, colours
