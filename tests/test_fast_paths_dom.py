"""The HTML walk's and the DOM detectors' shortcuts give exactly what the plain code gives.

``_any_strong`` rejects a token set with one regex search before splitting tokens into parts,
and the walk builds each block's ``classes`` once per element from its parent's tuple instead
of climbing the ancestors per block; both are only allowed because the output is unchanged
(the devset and the seeds are also checked byte for byte, see CHANGELOG).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.decide.detectors.dom import ClassTokenParams, _any_strong, _token_hit, _vocab
from cleaner.segment.html_blocks import parse_html

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


def _plain_classes(skeleton, node: int) -> tuple[str, ...]:  # noqa: ANN001
    out: tuple[str, ...] = ()
    for k in skeleton.ancestors(node):
        n = skeleton.nodes[k]
        if n.tag not in ("html", "body"):
            out += n.tokens
    return out


_HTML_PIECES = st.sampled_from(
    ['<div class="a b">', '<div id="main">', "</div>", '<section class="related">', "</section>",
     "<p>", "</p>", '<p class="x">', "<li>", '<ul class="menu">', "</ul>", "<br>", "text ",
     '<a href="#">link</a>', '<span class="s">in</span>', "<table><tr><td>c</td></tr></table>",
     '<body class="home">', "<html>", '<nav class="top">', "</nav>", "word, word "]
)


@SETTINGS
@given(st.lists(_HTML_PIECES, min_size=1, max_size=40).map("".join))
def test_block_classes_are_owner_and_ancestor_tokens(html: str) -> None:
    page = parse_html(html)
    for block, owner in zip(page.blocks, page.skeleton.owner, strict=True):
        assert block.classes == _plain_classes(page.skeleton, owner)
