"""Cleaning a record's text again changes nothing, one test per cause found on real dumps by
``bench/idempotence.py`` (issue 12 item 8); the generated mixtures are in test_idempotence.py.
All text here is written for the test.
"""

from __future__ import annotations

import cleaner

_ARTICLE = "\n\n".join([
    "The river festival will return to the old harbour this summer, the organisers said on Monday, "
    "after two years in which the event had been moved to the park because of the works on the quay.",
    "The brass band that opened the first festival will play again on the first night, and the boat "
    "parade will start from the new pier at the end of the market street, as it did in the early years.",
    "Tickets for the evening concerts go on sale next week, and the organisers said that the afternoon "
    "shows on the green will stay free for everyone who comes to watch them with their families.",
])
_SCHEDULE = "\n".join([
    "The festival's concert dates:",
    "May 3 -- Harbour Stage, Millbrook, ME",
    "May 4 -- Quay Hall, Millbrook, ME",
    "May 10 -- Old Mill Yard, Eastport, ME",
    "May 11 -- Town Green, Eastport, ME",
    "May 17 -- Lighthouse Lawn, Seabrook, NH",
    "May 18 -- Pier Pavilion, Seabrook, NH",
    "May 24 -- Market Square, Portsmouth, NH",
])


def test_a_schedule_set_line_by_line_stays_when_its_text_is_cleaned_again():
    # The schedule's lines stand together in the dump (one group of rows); in the record's text
    # each is its own paragraph, and the second cleaning must still read them as one group.
    once = cleaner.clean(_ARTICLE + "\n\n" + _SCHEDULE + "\n", source="x.txt").text
    assert "May 24 -- Market Square, Portsmouth, NH" in once
    assert cleaner.clean(once, source="x.txt").text == once


_CLAUSES = "\n".join([
    "Under the agreement the costs of the footbridge are borne by:",
    "a. the owner of the bridge, for the steel and the deck;",
    "b. the town that pays for its upkeep, for the lights and the paint;",
    "c. the water board, for the banks on both sides of the river;",
    "d. the county, for the road that leads up to it from the south;",
    "e. and the railway, for the part of the bridge that crosses its line.",
])


def test_a_list_of_clauses_set_line_by_line_stays_when_its_text_is_cleaned_again():
    # A text set line by line (a poem, clauses ending in ";") weighs as running text when its
    # lines stand together; in the record's text they stand apart, and must still weigh so.
    intro = ("The town council agreed on Monday that the costs of the new footbridge over the river would be "
             "shared between the parties that use it, after a long debate about who should pay for the upkeep.")
    once = cleaner.clean(intro + "\n\n" + _CLAUSES + "\n", source="x.txt").text
    assert "e. and the railway, for the part of the bridge that crosses its line." in once
    assert cleaner.clean(once, source="x.txt").text == once


def test_an_image_stub_with_html_entities_goes_in_the_first_cleaning():
    # The dump kept the image's query string with its entities ("&amp;"), too long for a stub
    # until the record's text decoded them; the second cleaning then took it as a stub.
    stub = "[?m=07&amp;d=20240612&amp;t=2&amp;i=99887766&amp;r=QWERTYUIOPASD&amp;w=20]"
    first, rest = _ARTICLE.split("\n\n", 1)
    once = cleaner.clean(first + "\n\n" + stub + "\n\n" + rest + "\n", source="x.txt").text
    assert "QWERTYUIOPASD" not in once
    assert cleaner.clean(once, source="x.txt").text == once
