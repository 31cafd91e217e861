"""Cleaning its own output changes nothing, on mixtures of prose and the page furniture that
leaks through most often (menus, teaser headlines, dates, image stubs, names): issue 12 item 8.

The property runs a few thousand examples, so it is in the slow tier (tests/conftest.py).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner

# Prose in English function words and news vocabulary, so that the classifier judges it as it
# judges an article (random letters have no stop words: every block would be "bad").
_FUNCTION = ("the", "of", "and", "to", "in", "a", "that", "was", "for", "on", "it", "with", "as", "he",
             "she", "they", "said", "by", "at", "from", "this", "had", "were", "which", "would", "not")
_CONTENT = ("council", "bridge", "river", "mayor", "spring", "works", "buses", "money", "report", "city",
            "engineers", "residents", "shops", "year", "plan", "road", "week", "meeting", "officials", "park")
_word = st.sampled_from(_FUNCTION + _CONTENT)
_sentence = st.lists(_word, min_size=8, max_size=22, unique=True).map(lambda ws: " ".join(ws).capitalize() + ".")
_title_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
_paragraph = st.lists(_sentence, min_size=2, max_size=4).map(" ".join)
_name = st.sampled_from(["Jane Doe", "John Roe", "Anna Schmidt", "Marco Rossi", "Li Wei", "Pat Smith"])
_section = st.sampled_from(["News", "World", "Business", "Sport", "Culture", "Opinion", "Tech", "Video",
                            "Health", "Science", "Travel", "Podcasts", "Markets", "Politics"])
_title = st.lists(_title_word, min_size=3, max_size=10).map(lambda ws: " ".join(w.capitalize() for w in ws))
_menu = st.one_of(
    st.lists(_section, min_size=2, max_size=8).map(" ".join),
    _section.map(lambda s: f"  • {s}"),
    _section,
    st.lists(_section, min_size=2, max_size=5).map(" | ".join),
)
_teaser = st.one_of(
    _title,
    _title.map(lambda t: f"  • {t}"),
    st.tuples(_title, _name).map(lambda p: f"{p[0]}\n{p[1]}"),
    _section.map(lambda s: f"More from {s}"),
    st.sampled_from(["Most Popular", "Related articles", "Read more", "Trending Now", "Share", "Comments"]),
)
_date = st.one_of(
    st.tuples(st.sampled_from(["January", "March", "June", "November"]), st.integers(1, 28),
              st.integers(2015, 2025)).map(lambda d: f"{d[0]} {d[1]}, {d[2]}"),
    st.sampled_from(["2 hours ago", "Updated 10:32 AM EST", "2019-11-19T08:57:40+01:00", "Yesterday"]),
)
_stub = st.one_of(
    st.sampled_from(["[logo]", "[IMG]", "[image]", "(BUTTON) Menu", "[photo.jpg]", "Image", "Photo: Getty Images"]),
    _name.map(lambda n: f"Photo: {n}"),
    _name.map(lambda n: f"By {n}"),
    _name,
)
_junk = st.one_of(_menu, _teaser, _date, _stub)


def _interleave(parts: tuple[list[str], list[str], list[str], object]) -> str:
    """The paragraphs in order, the junk lines shuffled in between, each followed by a line break
    or a blank line."""
    paragraphs, junk, separators, rnd = parts
    pieces = [(0, p) for p in paragraphs] + [(1, j) for j in junk]
    rnd.shuffle(pieces)  # type: ignore[attr-defined]
    order = iter(paragraphs)
    pieces = [next(order) if kind == 0 else text for kind, text in pieces]
    return "".join(piece + sep for piece, sep in zip(pieces, separators * 2, strict=False)).strip()


# Distinct paragraphs, as in test_properties.py: a paragraph printed twice word for word is
# page chrome by design of generic/repeated-block.
_mixture = st.tuples(st.lists(_paragraph, min_size=2, max_size=8, unique=True), st.lists(_junk, max_size=22),
                     st.lists(st.sampled_from(["\n", "\n\n"]), min_size=30, max_size=30), st.randoms()).map(_interleave)


# Derandomized: the same 3,000 mixtures on every run, so that CI does not flap on the rare
# degenerate mixture a fresh search may still find (see CHANGELOG: what is left).
@settings(max_examples=3000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_mixture)
def test_cleaning_a_mixture_twice_changes_nothing(text):
    once = cleaner.clean(text, source="x.txt").text
    assert cleaner.clean(once, source="x.txt").text == once


_LEDE = ("The council said on Tuesday that the new bridge would open in the spring, after a year of work that had "
         "cost more than the city had expected and had closed the road to all traffic for months.")


def test_a_menu_line_between_two_printings_of_the_article_goes_in_the_first_pass():
    # The second printing goes as repeated text before the region is chosen, so the region does
    # not reach over the menu line to it and leave the menu line as its last line.
    more = ("Residents said they were glad that the work was over and that the buses would return to the "
            "street, although some shops had lost customers during the works.")
    # the second printing as pages print one: a word differs, so it is no exact repeat
    capture = "\n".join([_LEDE + " " + more, "World | Video", _LEDE + " " + more.replace("works.", "works there.")])
    once = cleaner.clean(capture, source="x.txt").text
    assert "World | Video" not in once
    assert cleaner.clean(once, source="x.txt").text == once
