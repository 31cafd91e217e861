"""Captures and a run report written for the page tests (our own text, no benchmark page)."""

from __future__ import annotations

import copy
from typing import Any

HTML_CAPTURE = """<!doctype html>
<html><head><title>Harbour ferry returns after winter repairs | The Quayside Courier</title>
<link rel="stylesheet" href="https://static.quayside.example/site.css">
<script src="https://ads.quayside.example/track.js"></script></head>
<body>
<nav><ul><li><a href="https://quayside.example/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<article>
<h1>Harbour ferry returns after winter repairs</h1>
<p class="byline">By Maren Holt</p>
<time datetime="2024-03-05T09:30:00+00:00">March 5, 2024</time>
<img src="https://img.quayside.example/ferry.jpg" alt="The ferry at the north pier">
<p>The harbour ferry carried its first passengers of the year on Tuesday morning, after three months in the dry dock at the north pier where its hull and engines were overhauled.</p>
<p>Crew members said the crossing to the island took eleven minutes, two fewer than last summer, because the new propellers bite better in the shallow channel near the lighthouse.</p>
<p>The council expects about four hundred daily passengers by June, when the timetable adds evening sailings for people who work late shifts at the fish market &amp; the boatyard.</p>
<p>Fares stay the same this year, the operator said, although a monthly pass for students will cost a little less than it did &lt;before&gt; the repairs began.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm closes coastal road</a></li>
<li><a href="/b">New bakery opens on Quay Street</a></li><li><a href="/c">Lifeboat crew honoured</a></li></ul></aside>
<footer><p>© 2024 The Quayside Courier. All rights reserved.</p><p><a href="/privacy">Privacy</a> · <a href="/cookies">Cookies</a></p></footer>
</body></html>
"""

# A text dump carrying markup as text: the page must show it, never run or load it.
HOSTILE_TEXT = """• Home
• News
• Sport

Tidal pool reopens <script>alert("x")</script> for the summer

By Ines Varga

June 2, 2024

The tidal pool below the cliff path reopened on Saturday after volunteers cleared the winter's sand and weed, and the first swimmers were in before eight <img src="http://x.example/p.png"> o'clock.

Lifeguards will sit at the pool every weekend until September, and on weekdays during the school holidays, the town's leisure department said in a statement on Friday.

Share this article
"""

REPORT: dict[str, Any] = {
    "format": "clean-corpus-report/1",
    "inputs": ["captures/<week 12>/"],
    "captures_in": 1200, "records_out": 1187,
    "skipped": {"capture-error": 9, "too-large": 3, "timeout": 1},
    "failures": [{"source": "captures/a.html", "reason": "empty file (0 bytes)"},
                 {"source": "captures/<b>.txt", "reason": "binary data <script>alert(1)</script>"}],
    "bytes_in": 61_234_567, "text_bytes_out": 9_876_543,
    "lines_in": 480_000, "lines_removed": 301_000, "removed_share": 0.627,
    "rules": {"generic/bullet-menu": {"lines": 120_000, "captures": 1100},
              "generic/outside-main-block": {"lines": 90_000, "captures": 950},
              "fortune.com/latest-rail": {"lines": 4_000, "captures": 40},
              "generic/cookie-notice": {"lines": 0, "captures": 0}},
    "sites": {"fortune.com": 40, "(generic)": 1147},
    "removed_share_histogram": {"edges": [k / 10 for k in range(11)],
                                "counts": [12, 30, 55, 140, 260, 300, 210, 120, 50, 10]},
    "slowest": [{"source": "captures/big.html", "seconds": 2.5}, {"source": "captures/long.txt", "seconds": 1.25}],
    "seconds": 95.5, "captures_per_second": 12.57,
}


def report(**changes: Any) -> dict[str, Any]:
    """A copy of ``REPORT`` with keys replaced (a value of None deletes the key)."""
    data = copy.deepcopy(REPORT)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
