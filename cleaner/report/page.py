"""The frame every page shares: escaping, the HTML skeleton, assets inlined from package data.

Everything from a capture or a report passes through ``esc`` before it reaches the page, so no
text can open a tag, a script or a link. C0 control characters are shown as their Unicode
pictures (U+2400...), which keeps the page valid and still shows that they were there.
"""

from __future__ import annotations

import html
import re
from importlib import resources

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROLS = {c: 0x2400 + c for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))} | {0x7F: 0x2421}


def esc(text: object) -> str:
    """Text for an element's content or a quoted attribute value."""
    escaped = html.escape(str(text), quote=True)
    return escaped.translate(_CONTROLS) if _CONTROL.search(escaped) else escaped


def asset(name: str) -> str:
    """A CSS or JS file shipped in ``cleaner/report/assets/``."""
    return resources.files("cleaner.report").joinpath("assets", name).read_text(encoding="utf-8")


def document(title: str, body: str, *, css: tuple[str, ...], js: tuple[str, ...] = ()) -> str:
    """A whole self-contained page. No ``src`` or external ``href`` anywhere: assets are inlined."""
    style = "\n".join(asset(name) for name in css)
    script = "\n".join(asset(name) for name in js)
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{style}</style>",
        "</head>",
        "<body>",
        body,
    ]
    if script:
        parts.append(f"<script>\n{script}</script>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
