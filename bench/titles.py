"""How often the title of a capture is the page's real headline (run on purpose, not a test).

The devset has no title truth, but every dump has its HTML beside it, and the HTML says what
its headline is: the ``<h1>``, ``og:title`` and ``<title>`` elements. A dump title counts as
right when, after folding case, punctuation and spaces, it equals one of the ``<h1>`` texts or
is contained in ``og:title``/``<title>`` (sites append " | Site name"). A null title is neither
right nor wrong: it is counted apart, because "when unsure, null" is the policy.

    python bench/titles.py [--devset DIR] [--show N]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

import cleaner

ROOT = Path(__file__).resolve().parent.parent
_FOLD = re.compile(r"[\W_]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def fold(text: str) -> str:
    return _FOLD.sub(" ", text.casefold()).strip()


def references(page: Path) -> tuple[set[str], list[str]]:
    """(exact headline candidates, longer strings a headline may sit inside)."""
    text = page.read_text(encoding="utf-8", errors="replace")
    try:
        tree = lxml_html.fromstring(text)
    except ValueError:  # lxml refuses a decoded string that declares its encoding (XHTML)
        tree = lxml_html.fromstring(_XML_DECL.sub("", text, count=1))
    except etree.ParserError:  # an empty page: no reference
        return set(), []
    exact = {fold(h.text_content()) for h in tree.iter("h1") if h.text_content().strip()}
    loose = [fold(t.text_content()) for t in tree.iter("title")]
    loose += [fold(m.get("content", "")) for m in tree.xpath('//meta[@property="og:title" or @name="twitter:title"]')]
    exact |= {s for s in loose if s}
    return exact, [s for s in loose if s]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument("--show", type=int, default=15, help="how many wrong titles to print")
    args = parser.parse_args()
    txt_dir, html_dir = args.devset / "txt", args.devset / "html"
    if not txt_dir.is_dir():
        print(f"no devset at {args.devset}", file=sys.stderr)
        return 2
    for kind, folder, suffix in (("txt", txt_dir, ".txt"), ("html", html_dir, ".html")):
        right, wrong, null, no_ref = 0, [], 0, 0
        for capture in sorted(folder.glob(f"*{suffix}")):
            exact, loose = references(html_dir / f"{capture.stem}.html")
            title = cleaner.clean_file(capture).title
            if not exact:
                no_ref += 1
                continue
            if title is None:
                null += 1
                continue
            got = fold(title)
            if got and (got in exact or any(got in s for s in loose)):
                right += 1
            else:
                wrong.append((capture.stem[:8], title))
        judged = right + len(wrong)
        print(f"{kind}: pages {right + len(wrong) + null + no_ref}: title right {right}, wrong {len(wrong)}, "
              f"null {null}, no reference in the HTML {no_ref}")
        if judged:
            print(f"  precision of non-null titles {right / judged:.3f}; share of pages with a right title "
                  f"{right / (judged + null):.3f}")
        for page_id, title in wrong[: args.show]:
            print(f"  wrong {page_id}: {title[:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
