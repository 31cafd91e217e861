"""Small news pages written for the cluster tests (never taken from a benchmark), and a WARC of them.

Each page has what the rules are there for (a menu, a cookie banner, a footer, a byline), so a
cleaned page differs from its input and the per-rule counters have something to count.
"""

from __future__ import annotations

import io
from pathlib import Path

TOPICS = [
    ("Harbour ferry returns after winter repairs",
     ["The harbour ferry carried its first passengers of the year on Monday after four months in dry dock, "
      "where engineers replaced both engines and the worn steering gear.",
      "The operator said the crossing would run every forty minutes until the end of October and that "
      "season tickets bought last year would still be accepted on board.",
      "Shop owners on the island said the winter had been quiet without the morning crowds and that they "
      "expected a busy Easter if the weather held."]),
    ("Library opens a workshop for repairing bicycles",
     ["The central library has turned a former storeroom into a workshop where residents can borrow tools "
      "and fix their own bicycles with help from volunteers.",
      "Volunteers will be on hand on Saturday mornings, and the librarians said spare parts donated by a "
      "local shop would be handed out for free while they last.",
      "The idea came from a group of students who had been repairing bicycles in a car park behind the "
      "school since the spring."]),
    ("Orchard growers expect an early apple harvest",
     ["Apple growers in the valley say the warm spring has put the harvest about two weeks ahead of an "
      "ordinary year, and some orchards have already hired pickers.",
      "The growers' association warned that a late frost could still damage the fruit, but the forecast "
      "for the coming fortnight is mild.",
      "Prices at the farm gate are expected to stay close to last year's, the association said, because "
      "larger crops elsewhere will keep them down."]),
    ("City council votes to keep the night buses",
     ["The city council voted on Thursday to keep the night bus routes for another two years, reversing a "
      "plan to cut them that had drawn hundreds of letters from shift workers.",
      "Councillors said the money would come from a small rise in parking charges in the city centre, "
      "which takes effect in the summer.",
      "Nurses and cleaners who work late shifts had told the transport committee that without the buses "
      "they would have to walk home or pay for taxis."]),
]

NAV = ["Home", "News", "Sport", "Weather", "Contact us"]


def html_page(index: int) -> str:
    """A whole HTML page: menu, cookie banner, headline, byline, article, footer."""
    title, paragraphs = TOPICS[index % len(TOPICS)]
    menu = "".join(f'<li><a href="/{item.lower().replace(" ", "-")}">{item}</a></li>' for item in NAV)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title} | The Valley Gazette</title></head>\n<body>\n"
        f"<header><nav><ul>{menu}</ul></nav></header>\n"
        '<div class="cookie-banner"><p>We use cookies to improve your experience. '
        "Accept all cookies</p></div>\n"
        f"<main><article><h1>{title}</h1><p class=\"byline\">By Ada Marsh</p>\n{body}\n</article></main>\n"
        "<footer><p>© 2024 The Valley Gazette. All rights reserved.</p>"
        '<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>'
        "</footer>\n</body></html>\n"
    )


def text_page(index: int) -> str:
    """The same kind of page as a text-browser dump."""
    title, paragraphs = TOPICS[index % len(TOPICS)]
    lines = ["Skip to main content", "", *(f"  * {item}" for item in NAV), "", title, "", "By Ada Marsh", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    lines += ["© 2024 The Valley Gazette. All rights reserved.", "Privacy policy | Terms of use", ""]
    return "\n".join(lines)


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    """Write ``(url, kind, payload)`` pages as a gzipped WARC: HTML as HTTP responses (as a
    crawler stores them), text as WET-style ``conversion`` records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, kind, payload in pages:
            data = io.BytesIO(payload.encode("utf-8"))
            if kind == "html":
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=data, http_headers=http)
                record.rec_headers.add_header("WARC-Identified-Payload-Type", "text/html")
            else:
                record = writer.create_warc_record(url, "conversion", payload=data)
                record.rec_headers.add_header("WARC-Identified-Payload-Type", "text/plain")
            writer.write_record(record)
