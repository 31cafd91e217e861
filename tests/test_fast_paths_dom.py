"""The HTML walk's and the DOM detectors' shortcuts give exactly what the plain code gives.

``_any_strong`` rejects a token set with one regex search before splitting tokens into parts,
which is only allowed because the output is unchanged (the devset and the seeds are also
checked byte for byte, see CHANGELOG). A site set's selectors find their nodes by a second walk
that must visit the same elements as the walk that made the nodes.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.decide.detectors.dom import ClassTokenParams, _any_strong, _token_hit, _vocab
from cleaner.segment.html_blocks import _block_elements, parse_html

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that build tokens near the strong words: case, separators, camel case, non-ASCII.
_PIECES = st.sampled_from(
    ["comment", "Comments", "related", "RELATED", "disqus", "has", "is", "article", "box", "-", "_",
     " ", "\u03a3", "\u0130", "ß", "ﬁ", "K", "k", "cookie", "consent", "breadcrumb", "x", "9", "é"]
)
_TOKEN = st.lists(_PIECES, min_size=1, max_size=5).map("".join)
_STRONGS = st.one_of(
    st.just(_vocab(ClassTokenParams().strong)),
    st.frozensets(st.sampled_from(["comment", "related", "k", "ß", "x-y", "", "box"]), max_size=4),
)


def _plain_any_strong(tokens: tuple[str, ...], strong: frozenset[str]) -> bool:
    empty: frozenset[str] = frozenset()
    return any(_token_hit(t, empty, empty, empty, strong) for t in tokens)


@SETTINGS
@given(st.lists(_TOKEN, max_size=4).map(tuple), _STRONGS)
def test_any_strong_prefilter_is_exact(tokens: tuple[str, ...], strong: frozenset[str]) -> None:
    assert _any_strong(tokens, strong) == _plain_any_strong(tokens, strong)


_HTML_PIECES = st.sampled_from(
    ['<div class="a b">', '<div id="main">', "</div>", '<section class="related">', "</section>",
     "<p>", "</p>", '<p class="x">', "<li>", '<ul class="menu">', "</ul>", "<br>", "text ",
     '<a href="#">link</a>', '<span class="s">in</span>', "<table><tr><td>c</td></tr></table>",
     '<body class="home">', "<html>", '<nav class="top">', "</nav>", "word, word "]
)


@SETTINGS
@given(st.lists(_HTML_PIECES, min_size=1, max_size=40).map("".join))
def test_the_selectors_walk_visits_the_nodes_of_the_block_walk(html: str) -> None:
    skeleton = parse_html(html).skeleton
    if skeleton.root is None:
        return
    elements = _block_elements(skeleton.root)
    assert [e.tag for e in elements[1:]] == [n.tag for n in skeleton.nodes[1:]]
    assert [e.sourceline or 1 for e in elements[1:]] == [n.line for n in skeleton.nodes[1:]]
    assert skeleton.nodes_of(elements) == set(range(len(skeleton.nodes)))
