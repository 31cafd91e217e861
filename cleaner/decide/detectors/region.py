"""The main region: the contiguous run of blocks with the largest signed weight is the article
(``outside-main-block``), reaching over an unended paragraph and an introduced list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from cleaner.decide.detectors.judge import BAD, GOOD, NEAR, SHORT, Judgement, classify, deferred
from cleaner.decide.detectors.reclaim import reclaim_catalogue, reclaim_list_items
from cleaner.decide.detectors.records import RecordParams, catalogue_blocks, record_rows, together
from cleaner.decide.detectors.threads import thread_start
from cleaner.decide.page import Page
from cleaner.decide.params import Strings, param
from cleaner.decide.rulebook import Rule


@dataclass(frozen=True, slots=True)
class MainBlockParams(RecordParams):
    good_weight: float = param(1.0, "weight per word unit of a good block")
    near_weight: float = param(0.2, "weight per word unit of a near block")
    short_weight: float = param(-1.0, "weight per word unit of a short block")
    bad_weight: float = param(-0.5, "weight per word unit of a bad block")
    bullet_factor: float = param(0.5, "a positive weight of a list item is multiplied by this")
    removed_weight: float = param(-1.0, "weight per word of a block an earlier rule removed")
    removed_cap: float = param(10.0, "words of a removed block counted at most")
    min_region_words: float = param(20.0, "a main region weighing less than this is no article: judge nothing")
    neutral_rules: Strings = param((), "rules whose removals weigh nothing (the header's)", refs=True)
    off_indent_weight: float = param(0.0, "weight per word unit of text indented deeper than the region (0: off)")
    ragged_share: float = param(0.0, "share of neighbouring paragraphs of the region at different indents from which "
                                     "the page's indent is ragged and says nothing (0: always trust it)")
    thread_signature: str | None = param(None, "a comment's signature: a date or a time in a short line that is no "
                                               "sentence (None: no thread search)", regex=True)
    thread_heading: str | None = param(None, "the heading of a comment thread ('Comments', '12 Responses'): where "
                                             "a thread signed under its posts begins (None: at its first signature)",
                                       regex=True)
    thread_min_posts: int = param(3, "fewest signed posts, and different signers, of a comment thread")
    thread_max_gap: int = param(12, "most blocks from one signature to the next in a comment thread")
    thread_max_words: float = param(25.0, "most word units of a signature line")
    thread_min_article: float = param(40.0, "weight of the best run before a comment thread from which that run is "
                                            "the article and the thread its comments")
    weak_region: float = param(0.0, "a main region weighing less than this is no sure choice: it is chosen again with "
                                    "unended running text counted whole (`weak_unended_words`; 0: off)")
    weak_unended_words: float = param(30.0, "word units from which running text that does not end like a sentence "
                                            "counts whole when the region is weak")
    weak_not_prose: str | None = param(None, "the end of a block that is no paragraph even then (a caption's credit, "
                                             "a teaser's 'Read more')", regex=True)
    line_run: int = param(0, "fewest one-line blocks of a text set line by line (a poem, a list of clauses) that "
                                 "weighs as running text (0: off)")
    section_weight: float = param(0.0, "another run of running text outside the main one that weighs this much on its "
                                       "own stays too (a page of several sections; 0: one region)")
    rows_weight: float = param(0.0, "weight per word unit of a table row, numbered item or catalogue field (0: off)")
    bridge_words: float = param(0.0, "an unended paragraph of this many word units may bridge to more text (0: off)")
    bridge_short: int = param(1, "short blocks a bridge may step over")
    list_min_items: int = param(0, "fewest items of a list the region's last words introduce (0: off)")
    template_min_records: int = param(0, "fewest records of a catalogue (0: no catalogue search)")
    template_min_gap: int = param(4, "fewest blocks between two records of a catalogue")
    template_max_gap: int = param(40, "most blocks between two records of a catalogue")
    template_reach: int = param(3, "how far before a catalogue's first record its intro may be")
    template_max_prose: float = param(0.3, "most share of a catalogue's words that is running text")
    template_max_bullets: float = param(0.8, "most share of a catalogue's blocks that are list items")
    overrule: Strings = param((), "rules whose removals inside the region's catalogue are taken back",
                              takes_back=True)
    dom_overrule: Strings = param((), "rules whose removals of non-link list items inside the DOM's article "
                                      "container are taken back", takes_back=True)


@lru_cache(maxsize=8)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- the main region ----------------------------------------------------------------------------


def _weights(page: Page, rule: Rule, judged: dict[int, Judgement]) -> list[float]:
    """Signed weight of every block of the page for the choice of the main region."""
    params: MainBlockParams = rule.params
    per_unit = {
        GOOD: params.good_weight,
        NEAR: params.near_weight,
        SHORT: params.short_weight,
        BAD: params.bad_weight,
    }
    bullet_factor = params.bullet_factor
    removed_weight = params.removed_weight
    removed_cap = params.removed_cap
    neutral = set(params.neutral_rules)
    rows_weight = params.rows_weight
    rows = record_rows(page, sorted(judged), rule) if rows_weight else set()
    catalogue = catalogue_blocks(page, rule) if rows_weight else set()
    overrule = set(params.overrule)
    weights = []
    for i in range(len(page.blocks)):
        j = judged.get(i)
        if j is None:
            by = page.removed_by[i] or ""
            if i in catalogue and by.split("/")[-1] in overrule:
                weights.append(rows_weight * max(page.blocks[i].words, 1))
            elif by.split("/")[-1] in neutral:
                weights.append(0.0)
            else:
                weights.append(removed_weight * min(max(page.blocks[i].words, 1), removed_cap))
            continue
        w = per_unit[j.cls] * max(j.features.units, 1.0)
        if w > 0 and j.features.bullet:
            w *= bullet_factor
        if i in rows or i in catalogue:  # a table row, numbered item or catalogue field weighs as text
            w = max(w, rows_weight * max(j.features.units, 1.0))
        weights.append(w)
    return weights


# A line that stops inside its sentence: a comma, a semicolon, a colon or a dash at its end.
_CLAUSE_END = re.compile(r"[,;:\u2013\u2014-]$")


def _line_by_line(page: Page, judged: dict[int, Judgement], rule: Rule) -> list[list[int]]:
    """Runs of text set line by line: ``line_run`` or more one-line blocks with no blank line
    between (any on a ``records.spaced`` page, such as a record's own text), at least half of them ending inside their sentence (``_CLAUSE_END``), the last
    one ending like a sentence, rich in stop words together.

    A poem (centred, each line at its own indent, so no line continues another), or a list of
    clauses ("a. the owner of the bridge;" / "b. the town that pays for its upkeep;"): each
    line is a block too short to judge alone, and the whole poem weighed as chrome (a post
    that is one poem lost to the sidebar's archive). A menu, a list of headlines or a box of
    widget messages ("Saved." / "Try again later.") does not break its sentences at the ends
    of its lines.
    """
    least = rule.params.line_run
    if not least:
        return []
    runs: list[list[int]] = []
    run: list[int] = []
    for i in sorted(judged):
        block = page.blocks[i]
        one_line = not judged[i].features.bullet and len(block.lines) == 1
        if one_line and run and together(page, i, run[-1]):
            run.append(i)
            continue
        runs.append(run)
        run = [i] if one_line else []
    runs.append(run)
    found = []
    for run in runs:
        if len(run) < least:
            continue
        features = [judged[i].features for i in run]
        units = sum(f.units for f in features)
        stop = sum(f.stop_density * f.units for f in features) / max(units, 1.0)
        clauses = sum(1 for i in run if _CLAUSE_END.search(page.text[i].rstrip()))
        if (features[-1].sentence_end and 2 * clauses >= len(run) and units >= rule.params.long_words
                and stop >= rule.params.stop_high):
            found.append(run)
    return found


def best_region(weights: list[float]) -> tuple[int, int, float]:
    """The contiguous run with the largest sum (Kadane): (first, last, total); (-1, -1, 0) if none."""
    best = (-1, -1, 0.0)
    start, total = 0, 0.0
    for i, w in enumerate(weights):
        if total <= 0:
            start, total = i, w
        else:
            total += w
        if total > best[2]:
            best = (start, i, total)
    return best


def _main_indent(page: Page, judged: dict[int, Judgement], first: int, last: int, ragged: float) -> int | None:
    """The indent of the region's longest run of consecutive paragraphs (in words), or None when
    the region's indent is ragged.

    An article's paragraphs follow one another; a rail's summaries each sit between a title and
    a name, so even a rail with more words in total has only short runs. Some dumps indent
    paragraphs at random (a table cell's text printed justified: 3, 5, 4, 6 columns, a
    paragraph's last line far to the right): there the longest run is a couple of paragraphs,
    and counting the text deeper than it against the region cut the article to pieces (whole
    articles lost). An article beside a rail changes indent once, where the rail begins; ragged
    text changes it between most neighbouring paragraphs: from ``ragged`` of them (at least
    five pairs of ``good`` paragraphs) the indent says nothing.
    """
    best: tuple[float, int | None] = (0.0, None)
    run_indent, run_words = None, 0.0
    for i in range(first, last + 1):
        j = judged.get(i)
        indent = page.blocks[i].indent
        if j is not None and j.cls in (GOOD, NEAR) and not j.features.bullet:
            if indent != run_indent:
                run_indent, run_words = indent, 0.0
            run_words += j.features.units
            best = max(best, (run_words, run_indent), key=lambda item: item[0])
        else:
            run_indent, run_words = None, 0.0
    indent = best[1]
    if indent is None or not ragged:
        return indent
    paragraphs = [i for i in range(first, last + 1)
                  if i in judged and judged[i].cls == GOOD and not judged[i].features.bullet]
    steps = [page.blocks[a].indent != page.blocks[b].indent for a, b in pairwise(paragraphs)]
    return None if len(steps) >= 5 and sum(steps) >= ragged * len(steps) else indent


def _main_span(page: Page, judged: dict[int, Judgement], first: int, last: int, indent: int) -> tuple[int, int]:
    """The first and last paragraph of the region at its main indent (within a column).

    Text indented deeper between them is quoted by the article (a blog post quoting a press
    release at length, a letter, a poem): counted against the region, a long quote cut the
    article after it away. A nested box (a teaser rail, the comments) stands at the region's
    edge, before its first paragraph or after its last, and only there is deeper text held
    against the region. A line at the main indent that ends in a colon counts as a paragraph
    here, also when it is the last kept block before the region (too short to join it): what
    it introduces ("From the engineers' report:" above a quoted summary) is the article's,
    even when the quote opens the post and the comments under it set the region's indent.
    """
    before = [i for i in judged if i < first]
    if before and page.text[before[-1]].rstrip().endswith(":"):
        first = before[-1]  # the line that introduces the region's first block
    at_main = [i for i in range(first, last + 1) if i in judged
               and (judged[i].cls in (GOOD, NEAR) or page.text[i].rstrip().endswith(":"))
               and not judged[i].features.bullet and abs(page.blocks[i].indent - indent) <= 1]
    return (at_main[0], at_main[-1]) if at_main else (len(page.blocks), -1)


def bridge_unended(judged: dict[int, Judgement], last: int, rule: Rule) -> int:
    """The region's last block, moved past paragraphs that merely lack their final full stop.

    A paragraph of running text (rich in stop words, ``bridge_words`` or more) that does not end
    like a sentence weighs as ``bad``, so the region stops in front of it even when the article
    goes on after it: the dump cut it from its last line, or the writer left the full stop out.
    When such a block comes right after the region and a sentence (``good`` or ``near``) follows
    it, with at most ``bridge_short`` short blocks (a subheading) between, the region takes both.
    Only a bridge: an unended block with no sentence after it stays outside, since as a class
    (all of them as ``near``) it cost as much precision as it bought recall on the devset.
    """
    min_words = rule.params.bridge_words
    if not min_words:
        return last
    max_short = rule.params.bridge_short
    stop_high = rule.params.stop_high
    after = [i for i in sorted(judged) if i > last]
    k = 0
    while k < len(after):
        f = judged[after[k]].features
        if f.sentence_end or f.stop_density < stop_high or f.units < min_words or f.link_density:
            break
        m = k + 1
        while m < len(after) and m - k - 1 < max_short and judged[after[m]].cls == SHORT:
            m += 1
        if m >= len(after) or judged[after[m]].cls not in (GOOD, NEAR):
            break
        last, k = after[m], m + 1
    return last


def introduced_list(page: Page, judged: dict[int, Judgement], last: int, rule: Rule) -> int:
    """The region's last block, moved past a list that the article's last block introduces.

    The items of a list of points ("The game has:" / "Hundreds of tasks that will make ...") are
    phrases, not sentences: each weighs as ``bad``, so the region ends in front of the list. When
    the kept block right after the region (or the region's last block) ends in a colon and is
    followed by at least ``list_min_items`` list items in a row, each rich in stop words (a
    phrase of running language, not a menu of names) and at least ``short_words`` long, the
    region takes the lead-in and those items.
    """
    min_items = rule.params.list_min_items
    if not min_items:
        return last
    stop_high, short = rule.params.stop_high, rule.params.short_words
    after = [i for i in sorted(judged) if i > last]
    if page.text[last].rstrip().endswith(":"):
        start = 0
    elif after and page.text[after[0]].rstrip().endswith(":"):
        start = 1
    else:
        return last
    items = []
    for i in after[start:]:
        f = judged[i].features
        if not f.bullet or f.link_density or f.stop_density < stop_high or f.units < short:
            break
        items.append(i)
    return items[-1] if len(items) >= min_items else last


def _prose_weights(judged: dict[int, Judgement], weights: list[float], rule: Rule) -> list[float]:
    """``weights`` with every block of running text (rich in stop words, ``long_words`` or more)
    weighing as ``good``, whether or not it ends like a sentence.

    A blog post's paragraphs often end in what the dump glued to them (an image's name, the
    blogger's signature "xoxo. Jane"), so they are judged ``near`` or ``bad`` and a short post
    weighed less than ``thread_min_article``: the comments under it were taken for the page.
    """
    params: MainBlockParams = rule.params
    prose = list(weights)
    for i, j in judged.items():
        f = j.features
        if f.stop_density >= params.stop_high and f.units >= params.long_words and not f.link_density:
            prose[i] = max(prose[i], params.good_weight * f.units)
    return prose


def _weak_weights(page: Page, judged: dict[int, Judgement], weights: list[float], rule: Rule) -> list[float]:
    """``weights`` with every long block of unended running text weighing as ``good``: for a
    page whose best run of ended sentences weighs under ``weak_region``.

    A short post whose one paragraph the dump printed without its last full stop ("... and look
    at the slides below for the figures"), or ended with a credit ("... came down to swim.
    (Town Weekly)"), is judged ``bad``, and a box of a few sentences elsewhere (a comment
    form's fine print, two video blurbs) won the page. Justified text in a table cell is cut
    into blocks mid-sentence ("... the steel of the bridge and"), and each fragment is ``bad``
    too: the region kept one or two of them. Only where a run of sentences was found but is not
    sure of itself: on a long article the same rule drew teasers and captions into the region
    (tried as a class: trainset text cleanportaleval 0.932 -> 0.829), and a page with no run
    worth ``min_region_words`` is still judged nothing (so that its text, cleaned again, stays
    whole). List items (teaser cards) and blocks that end in a caption's credit or a link label
    (``weak_not_prose``) never count.
    """
    params: MainBlockParams = rule.params
    not_prose = _compiled(params.weak_not_prose) if params.weak_not_prose else None
    weak = list(weights)
    for i, j in judged.items():
        f = j.features
        if (not f.sentence_end and f.units >= params.weak_unended_words and f.stop_density >= params.stop_high
                and not f.link_density and not f.bullet
                and not (not_prose and not_prose.search(page.text[i].rstrip()))):
            weak[i] = max(weak[i], params.good_weight * f.units)
    return weak


def _headed_start(page: Page, start: int, params: MainBlockParams) -> int:
    """Where a thread whose posts are signed *under* them begins: at its heading ("Comments",
    "12 Responses") when one stands within ``thread_max_gap`` blocks before the first signature
    with text between them (the first comment, above its signature); else at ``start``.

    The first signature ends the first comment, not the article: taken as the thread's start,
    it left that comment to join the article above it.
    """
    heading = _compiled(params.thread_heading)
    for k in range(start - 1, max(start - params.thread_max_gap, 0) - 1, -1):
        if heading.search(page.blocks[k].text.strip()):
            if any(len(page.blocks[m].text.split()) >= 3 for m in range(k + 1, start)):
                return k
            break
    return start


def _comment_thread(page: Page, rule: Rule, judged: dict[int, Judgement], weights: list[float],
                    last: int) -> tuple[int, int, int] | None:
    """The page's comment thread (``cleaner.decide.detectors.threads``) after an article, as the
    best run before the thread and the thread's first block: ``(first, last, start)``, with
    ``first`` = -1 when the chosen region ends before the thread anyway; else None.

    The best run before the thread's first signature must weigh ``thread_min_article``, its
    running text counted whole (``_prose_weights``); failing that, the run before the second
    signature when the first is the article's byline (with a date). With no article before
    them, the thread is the page (a forum's posts) and the choice stands.
    """
    params: MainBlockParams = rule.params
    if params.thread_signature is None or page.kind == "html":
        return None  # HTML: the DOM names its comment boxes (class-token); a thread's rhythm is the dump's only sign
    signatures = thread_start(page, params.thread_signature, params.thread_min_posts, params.thread_max_gap,
                              params.thread_max_words)
    prose = _prose_weights(judged, weights, rule) if signatures else []
    # The thread's first signature may be the article's byline (read as such by ``byline``):
    # then the article is the first post, and the thread begins at the second signature.
    starts = signatures[:2] if signatures and page.text[signatures[0]] in page.fields.bylines else signatures[:1]
    if len(starts) == 1 and params.thread_heading:
        starts = [_headed_start(page, starts[0], params)]
    for start in starts:
        for signed in (weights, prose):
            first, end, total = best_region(signed[:start])
            if first >= 0 and total >= params.thread_min_article:
                return (first, end, start) if last >= start else (-1, -1, start)
    return None


def _sections(weights: list[float], lo: int, hi: int, least: float) -> list[tuple[int, int]]:
    """Runs of running text between blocks ``lo`` and ``hi`` (exclusive) that weigh ``least`` or
    more on their own: the best one, then again on each side of it."""
    if not least or hi <= lo:
        return []
    first, last, total = best_region(weights[lo:hi])
    if first < 0 or total < least:
        return []
    first, last = first + lo, last + lo
    return [(first, last), *_sections(weights, lo, first, least), *_sections(weights, last + 1, hi, least)]


def outside_main_block(page: Page, rule: Rule) -> None:
    """Drop kept blocks outside the page's main run of running text (see the module doc).

    Text browsers show nesting by indentation (lynx indents body text by 3 and a teaser rail's
    summaries deeper), so the region is chosen twice: once on the weights alone, then again with
    text indented deeper than the first region's running text counted against, as a nested box,
    where it stands at the region's edge. Quotes inside an article are indented too, but they
    sit between paragraphs at the article's indent and are not counted against it.
    A region that weighs under ``weak_region`` (but ``min_region_words`` or more) is chosen again
    with long unended running text counted whole (``_weak_weights``). A comment thread after the article ends the region (``_comment_thread``). Other runs that
    weigh ``section_weight`` on their own (before the thread) stay too: a page of several
    sections of running text keeps them, a teaser or a caption never weighs that much. Text indented less is not counted against: when the longest run of
    paragraphs is itself a run of quotes (a post made of readers' reviews), the article's own
    intro and outro sit at the shallower indent around it.
    """
    kept = page.kept()
    if not kept:
        return
    if deferred(page, rule):
        # The DOM chose the article's container; a catalogue inside it is still the article.
        reclaim_catalogue(page, kept[0], kept[-1], rule)
        reclaim_list_items(page, rule)
        return
    judged = classify(page, rule)
    weights = _weights(page, rule, judged)
    for run in _line_by_line(page, judged, rule):  # a poem, a list of clauses: running text
        for i in run:
            weights[i] = max(weights[i], rule.params.good_weight * judged[i].features.units)
    first, last, total = best_region(weights)
    shape = judged  # the blocks that count as paragraphs for the region's indent
    if rule.params.min_region_words <= total < rule.params.weak_region:
        weak = _weak_weights(page, judged, weights, rule)
        shape = {i: Judgement(GOOD, j.features, j.reason) if weak[i] > weights[i] else j for i, j in judged.items()}
        weights = weak
        first, last, total = best_region(weights)
    if first < 0 or total < rule.params.min_region_words:
        return  # no run of text worth the name: judge nothing rather than guess
    indent = _main_indent(page, shape, first, last, rule.params.ragged_share)
    off_indent = rule.params.off_indent_weight
    if indent is not None and off_indent:
        shifted = list(weights)
        lo, hi = _main_span(page, shape, first, last, indent)
        for i, j in shape.items():
            if lo <= i <= hi:
                continue  # between two paragraphs at the article's indent: a quote, not a box
            if shifted[i] > 0 and not j.features.bullet and page.blocks[i].indent - indent > 1:
                shifted[i] = off_indent * j.features.units
        first, last, total = best_region(shifted)
        if first < 0:
            return
        weights = shifted
    end = len(page.blocks)
    thread = _comment_thread(page, rule, judged, weights, last)
    if thread is not None:
        end = thread[2]
        if thread[0] >= 0:
            first, last = thread[0], thread[1]
    last = bridge_unended(judged, last, rule)
    last = introduced_list(page, judged, last, rule)
    reclaim_catalogue(page, first, last, rule)
    least = rule.params.section_weight
    spans = [*_sections(weights, 0, first, least), (first, last), *_sections(weights, last + 1, end, least)]
    inside = {i for a, b in spans for i in range(a, b + 1)}
    where = f"main text is lines {page.blocks[first].start}-{page.blocks[last].end}"
    if len(spans) > 1:
        where = "main text is lines " + ", ".join(f"{page.blocks[a].start}-{page.blocks[b].end}" for a, b in sorted(spans))
    for i in kept:
        if i in inside:
            continue
        j = judged[i]
        side = "before" if i < first else "after"
        page.remove(i, rule, f"{side} the main text ({where}); {j.cls}: {j.features.describe()}")
