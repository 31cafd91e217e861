"""The decision ledger: every decision on a block is one ordered entry; replaying the ledger on
the captured blocks gives the page's state back (as ftfy's ``apply_plan`` gives its output), a
take-back shows as its own entry in ``explain``, and only declared take-backs are allowed."""

from __future__ import annotations

import pytest

from cleaner import explain
from cleaner.cli.explain import render
from cleaner.decide.detectors.classifier import CATALOGUE, MainBlockParams, catalogue_blocks
from cleaner.decide.engine import apply_rulesets
from cleaner.decide.ledger import REASSIGN, REMOVE, RESTORE, TRIM, replay
from cleaner.decide.page import Page
from cleaner.decide.rulebook import Rule, load_rulebook
from cleaner.extract.body import CREDIT_RULE, DATELINE_RULE
from cleaner.extract.normalize.text import repair
from cleaner.pipeline import settle
from cleaner.segment.blocks import split_blocks
from cleaner.segment.html_blocks import parse_html

from .conftest import SEEDS
from .test_catalogue import page as catalogue_page
from .test_layout import ARTICLE, RAIL, SECOND, _side_by_side, _wrap

HTML = """<!doctype html><html><head><title>Bridge opens</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>The new bridge opens to buses and bikes</h1>
<p>The council said on Tuesday that the new bridge would open in the spring, after a year of work
that had cost more than the city had expected and had closed the road to all traffic.</p>
<p>Engineers said the steel had come from three countries and that the deck had been lifted into
place in a single night in October, watched by hundreds of people from both banks.</p>
<ul><li>Buses every ten minutes in the morning and the evening</li>
<li>A lane for bikes on each side of the deck, apart from the road</li></ul></article>
<aside><h2>Most read</h2><p><a href="/a">Another story</a></p></aside>
<footer><p>© 2026 Example Media</p></footer></body></html>"""


def _decided(blocks, structure=None, kind="text") -> Page:
    page = Page(blocks, kind=kind, structure=structure)
    return apply_rulesets(page, [load_rulebook().generic])


def _pages():
    for path in sorted(SEEDS.glob("*.txt")):
        yield path.name, _decided(split_blocks(path.read_text(encoding="utf-8")))
    yield "catalogue", _decided(split_blocks(catalogue_page()))
    parsed = parse_html(HTML)
    yield "html", _decided(parsed.blocks, parsed.skeleton, "html")


@pytest.mark.parametrize("name, page", list(_pages()), ids=lambda v: v if isinstance(v, str) else "")
def test_replaying_the_ledger_gives_the_page_back(name, page):
    state = replay([b.text for b in page.blocks], page.ledger)
    assert state.text == page.text
    assert state.removed_by == page.removed_by
    assert state.why == page.why
    assert state.trims == [[(t.rule, t.text, t.why) for t in trims] for trims in page.trims]
    assert sum(r is not None for r in page.removed_by) <= sum(e.action == REMOVE for e in page.ledger), name


# A page written for this test: a dateline opens the body, an agency credit closes it.
WIRE = """Harbour board votes to rebuild the old pier

WELLINGTON (Reuters) - The harbour board voted on Monday to rebuild the old pier at the end of
the main wharf, after a survey found that the timber piles had rotted below the waterline.

The work will take two years and will close the ferry berth for most of that time, the board
said, and the ferries will use a temporary landing near the fish market. REUTERS
"""


def _explained():
    for path in sorted(SEEDS.iterdir()):
        yield path.name, explain(path.read_text(encoding="utf-8"), source=path.name)
    yield "wire", explain(WIRE, source="wire.txt")
    yield "html", explain(HTML, source="bridge.html")


@pytest.mark.parametrize("name, exp", list(_explained()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_whole_ledger_replays_to_the_record(name, exp):
    """Rules and extract stage alike: replaying the page's ledger on the captured blocks gives
    the record's text (kept blocks, repaired, empty ones left out) and its ``removed``."""
    state = replay([b.text for b in exp.page.blocks], exp.page.ledger, repair)
    kept = (repair(state.text[i]) for i, rule in enumerate(state.removed_by) if rule is None)
    assert "\n\n".join(p for p in kept if p) == exp.record.text, name
    removed = [(rule, piece) for trims in state.trims for rule, piece, _ in trims]
    assert [(r.rule, r.text) for r in exp.record.removed if r.rule.startswith("normalize/")] == \
        [t for t in removed if t[0].startswith("normalize/")]
    # the decide stage's index never holds the extract stage's trims: the ledger does
    assert not any(t.rule.startswith("normalize/") for trims in exp.page.trims for t in trims)


def test_extract_stage_trims_are_ledger_entries():
    exp = explain(WIRE, source="wire.txt")
    trims = [e for e in exp.page.ledger if e.rule in (DATELINE_RULE, CREDIT_RULE)]
    assert [(e.action, e.rule, e.piece) for e in trims] == [
        (TRIM, DATELINE_RULE, "WELLINGTON (Reuters) -"), (TRIM, CREDIT_RULE, "REUTERS")]
    assert exp.page.ledger[-2:] == trims  # appended after every rule's decision
    assert exp.state == settle(exp.page)
    assert exp.record.text.startswith("The harbour board voted") and exp.record.text.endswith("fish market.")
    with pytest.raises(ValueError, match="repair"):
        replay([b.text for b in exp.page.blocks], exp.page.ledger)


def test_explain_shows_every_column_of_a_shared_line():
    """Side-by-side columns are separate streams: one source line holds a kept article half and
    a dropped rail half, and ``explain`` shows both blocks' decisions."""
    left = _wrap(ARTICLE, 56) + [""] + _wrap(SECOND, 56)
    page = "Town news    Sport    Weather\n\n" + _side_by_side(left, RAIL, 56) + "\n\nContact us\n"
    exp = explain(page, source="columns.txt")
    rail = next(i for i, b in enumerate(exp.page.blocks) if b.text == "Most read")
    assert exp.state.removed_by[rail] is not None  # the test needs a dropped rail beside kept prose
    lines = render(exp).splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(f"{exp.page.blocks[rail].start:>5} "))
    assert lines[at].split()[1] == "±"
    parts = lines[at + 1:at + 3]
    assert parts[0].split()[0] == "+" and parts[0].endswith("│ " + _wrap(ARTICLE, 56)[0])
    assert parts[1].split()[:2] == ["-", exp.state.removed_by[rail]] and parts[1].endswith("│ Most read")
    dropped = render(exp, only_dropped=True)
    assert "│ Most read" in dropped and "│ " + _wrap(ARTICLE, 56)[0] not in dropped


def test_a_take_back_is_its_own_entry_after_the_removal():
    page = _decided(split_blocks(catalogue_page()))
    restores = [e for e in page.ledger if e.action == RESTORE]
    assert restores and all(e.over for e in restores)
    for e in restores:
        history = page.history(e.block)
        assert history[0].action == REMOVE and history[0].rule == e.over
        assert page.removed_by[e.block] is None


def test_explain_prints_both_decisions_of_a_take_back():
    rendered = render(explain(catalogue_page(), source="deals.txt"))
    lines = rendered.splitlines()
    at = next(n for n, line in enumerate(lines) if "↳ kept by generic/outside-main-block over generic/bullet-menu" in line)
    assert "↳ removed by generic/bullet-menu" in lines[at - 1]


def _rule(**params) -> Rule:
    return Rule("generic", "outside-main-block", "r", "outside-main-block", detector="outside-main-block",
                params=MainBlockParams(**params), drops=("x",))


def test_only_a_declared_take_back_is_allowed():
    page = Page(split_blocks("Home\n\nA second block"))
    page.remove(0, "generic/bullet-menu", "a menu")
    with pytest.raises(ValueError, match="declares no take-back"):
        page.restore(0, _rule(overrule=("repeated-block",)), "no")
    page.restore(0, _rule(overrule=("bullet-menu",)), "a field")
    assert [e.action for e in page.history(0)] == [REMOVE, RESTORE]
    page.remove(1, "generic/bullet-menu", "a menu")
    with pytest.raises(ValueError, match="declares no take-back"):
        page.reassign(1, _rule(), "mine")


def test_trims_and_reassigns_replay_in_order():
    page = Page(split_blocks("Photo: Jane Doe The mayor spoke on Monday.\n\nBridge opens"))
    page.strip(0, "generic/photo-credit", 0, len("Photo: Jane Doe"), "a credit")
    page.remove(1, "generic/repeated-block", "a repeat")
    page.reassign(1, Rule("generic", "headline", "r", "headline", detector="headline",
                          params=__import__("cleaner.decide.detectors.header", fromlist=["x"]).HeadlineParams(
                              reclaim=("repeated-block",)), drops=("x",)), "the headline")
    assert [e.action for e in page.ledger] == [TRIM, REMOVE, REASSIGN]
    state = replay([b.text for b in page.blocks], page.ledger)
    assert state.text[0] == "The mayor spoke on Monday." == page.text[0]
    assert state.removed_by == page.removed_by == [None, "generic/headline"]


def test_the_catalogue_cache_key_holds_the_rules_parameters():
    page = Page(split_blocks(catalogue_page()))
    found = catalogue_blocks(page, _rule(template_min_records=4, template_max_prose=0.4))
    assert found and page.memo[CATALOGUE] == found
    # other thresholds are looked for again, not served from the first rule's cache
    assert catalogue_blocks(page, _rule(template_min_records=99)) == set()
