"""The generic boilerplate classifier: pages nobody wrote rules for.

Pattern rules name chrome that every site has; what is left on an unknown page is judged here,
block by block and as a whole, in the manner of jusText (Pomikálek 2011) plus a choice of the
main region:

1. **Language** (``cleaner.decide.language``): chosen from the page's own text, for the stop-word
   signal. Running text is dense in function words; menus, teasers, tables and credits are not.
2. **Block class** (``classify``), from the block's own features (``cleaner.decide.features``):

   * ``bad``: mostly link text (HTML), or long enough to judge yet poor in stop words;
   * ``short``: too short to judge on its own (subheadings, labels, names, captions);
   * ``near``: rich in stop words but short, or not quite rich enough;
   * ``good``: long and rich in stop words: a paragraph of running text.

3. **Main region** (``outside_main_block``): every block gets a signed weight (good and near
   blocks count their length, bad blocks and blocks already removed as chrome count against,
   short ones a little against) and the contiguous run of blocks with the largest total is the
   article. Everything still kept outside it goes, with the rule id and the region in the
   ``why``. That is what removes teaser rails, comment threads and footers that read like
   prose: they are prose, but they are not *this* prose.
   Rows of a table (the same number of aligned columns, line after line) and the items of a
   numbered run (1, 2, 3, ... at the start of consecutive blocks) weigh as running text
   (``record_rows``): standings, calendars and "the 21 best deals" are the article although no
   row is a sentence. Their penalty as ``bad`` blocks made the region land on the footer. Lines
   of one paragraph broken line by line with the same first separator (a tour's dates) count
   as rows too.
   So do the blocks of a catalogue that follows running text (``catalogue_blocks``: product
   cards, a meal plan; ``cleaner.decide.detectors.catalogues`` finds their rhythm), and inside the
   chosen region the catalogue's feature bullets and repeated fields that one-line rules took
   for a menu or a repeat are taken back (``overrule``).
   The region then reaches past its last block over a paragraph that only lacks its full stop
   when a sentence follows it (``bridge_unended``), and over a list its last words introduce
   with a colon (``introduced_list``).
4. **Inside the region** (``boilerplate_block``): blocks that are mostly links, or that have
   hardly any stop words and are not sentences, go; other ``bad`` blocks stay (a list or table
   inside the article is poor in stop words too).

Every threshold is a rule parameter in ``rules/generic.toml``; every removal's ``why`` names the
class and the features that decided it, so ``clean-corpus explain`` shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.decide.detectors.catalogues import Template, find_templates
from cleaner.decide.detectors.dom import in_main_container
from cleaner.decide.features import Features, block_features, ends_like_sentence, word_units
from cleaner.decide.language import Language, choose_language
from cleaner.decide.page import Page, is_prose
from cleaner.decide.params import Strings, Table, param
from cleaner.decide.rulebook import Rule

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


@dataclass(frozen=True, slots=True)
class JudgeParams:
    """What both classifier rules share: the block judge and the DOM deferral."""

    top_n: int = param(100, "language choice: top entries of each stop-word list compared")
    head_k: int = param(30, "language choice: how many of the most frequent must occur on the page")
    max_link_density: float = param(0.5, "a block with more link text than this share is bad (HTML)")
    short_words: float = param(5.0, "below this many word units a block is too short to judge alone")
    long_words: float = param(15.0, "from this many word units a stop-word-rich sentence block is a paragraph")
    unended_words: float = param(60.0, "from this many word units, text without a sentence end still counts")
    stop_low: float = param(0.25, "stop-word density below which a sentence has few stop words")
    stop_high: float = param(0.32, "stop-word density of running text")
    defer_to: Strings = param((), "rules that, once they removed a block, mean the DOM chose the article "
                                  "(then only the DOM-safe part of this rule runs)", refs=True)


@dataclass(frozen=True, slots=True)
class RecordParams(JudgeParams):
    """Tables, numbered runs and line groups that weigh as text although no row is a sentence."""

    table_min_rows: int = param(4, "fewest rows of a table")
    table_min_columns: int = param(3, "fewest aligned columns of a table row")
    numbered_min_items: int = param(6, "fewest items of a numbered run")
    group_min_lines: int = param(0, "fewest lines of a paragraph broken line by line with one separator (0: off)")


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


@dataclass(frozen=True, slots=True)
class BoilerplateParams(RecordParams):
    max_stop_density: float = param(0.1, "a bad block below this stop-word density that is no sentence goes")
    keep_records: bool = param(False, "leave table rows, numbered items and catalogue fields alone")


@dataclass(frozen=True, slots=True)
class ArticleTailParams:
    openers: Table = param((), "named lists of patterns of a block that opens the box after an article",
                           regex=True)
    about_heading: str | None = param(None, "an 'About <subject>' heading (group 'subject') that opens a box",
                                      regex=True)
    about_generic: str = param("(?!)", "subjects of an 'About' heading that need no box after them", regex=True)
    about_look: int = param(3, "kept blocks after an 'About' heading searched for its subject")
    opener_max_words: float = param(120.0, "a block longer than this many word units opens nothing")
    opener_rules: Strings = param((), "rules whose removals open the box after an article", refs=True)
    min_article_words: float = param(150.0, "word units of kept text needed before the opener")
    max_tail_share: float = param(0.3, "kept text after the opener, at most this share of the text before")
    defer_to: Strings = param((), "rules that, once they removed a block, mean the DOM chose the article: "
                                  "do nothing", refs=True)


@dataclass(frozen=True, slots=True)
class Judgement:
    cls: str
    features: Features
    reason: str


def _page_state(page: Page, rule: Rule) -> tuple[Language, dict[tuple[int, str], Features]]:
    """The page's language and its block features so far (keyed by block and current text).

    Both classifier rules need them, and a block's features depend only on its text and the
    page's language, so they are kept on the page (``Page.memo``), never across pages.
    """
    key = ("classifier", rule.params.top_n, rule.params.head_k)
    state = page.memo.get(key)
    if state is None:
        language = choose_language((block.text for block in page.blocks), top_n=key[1], head_k=key[2])
        state = page.memo[key] = (language, {})
    return state


def page_language(page: Page, rule: Rule) -> Language:
    """The page's language, from every block's text (chrome included: it is the same language)."""
    return _page_state(page, rule)[0]


def judge(features: Features, rule: Rule) -> Judgement:
    """Class of one block from its own features (jusText's context-free step).

    A sentence end matters as much as the stop words: on news pages most blocks of any length
    that do not end like a sentence are titles, menus, teaser links or credits.
    """
    f = features
    if f.link_density > rule.params.max_link_density:
        return Judgement(BAD, f, "mostly link text")
    if f.units < rule.params.short_words:
        return Judgement(SHORT, f, "too short to judge alone")
    stop_low, stop_high = rule.params.stop_low, rule.params.stop_high
    if not f.sentence_end:
        if f.stop_density >= stop_high and f.units >= rule.params.unended_words:
            return Judgement(NEAR, f, "long text without a sentence end")
        return Judgement(BAD, f, "does not end like a sentence")
    if f.stop_density >= stop_high and f.units >= rule.params.long_words:
        return Judgement(GOOD, f, "running text")
    if f.stop_density >= stop_low:
        return Judgement(NEAR, f, "a sentence, short or few stop words")
    return Judgement(NEAR, f, f"a sentence with few stop words (< {stop_low:.2f})")


def classify(page: Page, rule: Rule) -> dict[int, Judgement]:
    """Judge every kept block of the page."""
    language, cache = _page_state(page, rule)
    judged = {}
    for i in page.kept():
        key = (i, page.text[i])
        features = cache.get(key)
        if features is None:
            features = cache[key] = block_features(page.blocks[i], page.text[i], language)
        judged[i] = judge(features, rule)
    return judged


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


# Two or more spaces between non-space characters: a column gap as text browsers lay out tables.
_COLUMN_GAP = re.compile(r"\S\s{2,}(?=\S)")
# An item number at the start of a block: "1.", "2)", "3a etapa", "4  Kyle Busch" (after a bullet).
_ITEM_NUMBER = re.compile(r"^\s*(?:[•*+#o-]\s+)?(\d{1,3})(?:[.)]|[a-zªº°]?\b)")


def _columns(page: Page, i: int) -> int:
    """Aligned columns of a one-line block (1 for a wrapped block: prose, not a table row)."""
    lines = page.blocks[i].lines
    return len(_COLUMN_GAP.findall(lines[0].strip())) + 1 if len(lines) == 1 else 1


def record_rows(page: Page, kept: list[int], rule: Rule) -> set[int]:
    """Kept blocks that are rows of a table or items of a numbered run (see the module doc).

    A table: at least ``table_min_rows`` one-line blocks in a row (blank lines and a removed
    block between them allowed) with the same number (>= ``table_min_columns``) of aligned
    columns. A numbered run: blocks numbered 1, 2, 3, ... (other blocks may sit between two
    items, such as an item's link) with at least ``numbered_min_items`` items; a "most read"
    rail numbers its five teasers too, so a short run proves nothing.
    """
    min_rows = rule.params.table_min_rows
    min_cols = rule.params.table_min_columns
    min_items = rule.params.numbered_min_items
    rows: set[int] = set()
    run: list[int] = []
    cols = 0
    for i in [*kept, -1]:
        c = _columns(page, i) if i >= 0 else 0
        if c >= min_cols and c == cols and i - run[-1] <= 2:
            run.append(i)
            continue
        if len(run) >= min_rows:
            rows.update(run)
        run, cols = ([i], c) if c >= min_cols else ([], 0)
    items: list[int] = []
    expect = 0
    for i in [*kept, -1]:
        m = _ITEM_NUMBER.match(page.text[i]) if i >= 0 else None
        if m and items and int(m.group(1)) == expect and i - items[-1] <= 3:
            items.append(i)
            expect += 1
            continue
        if i >= 0 and m is None and items and i - items[-1] <= 2:
            continue  # a block between two items (the item's link, its second line)
        if len(items) >= min_items:
            rows.update(items)
        items, expect = ([i], int(m.group(1)) + 1) if m and int(m.group(1)) <= 1 else ([], 0)
    rows.update(_line_group_rows(page, kept, rule.params.group_min_lines))
    return rows


# What separates a record's fields: a run of punctuation other than a sentence's end or brackets.
_SEPARATOR = re.compile(r"[^\w\s.!?'’\"“”()\[\]]+")


def _signature(text: str) -> str:
    """The line's first field separator ("--" in "June 9 -- Arena, Tampa, FL"), or ""."""
    m = _SEPARATOR.search(text)
    return m.group() if m else ""


def _line_group_rows(page: Page, kept: list[int], min_lines: int) -> set[int]:
    """Lines of one paragraph broken line by line (no blank line between them) that share their
    punctuation ("June 9 – Tampa, FL @ Arena"): a schedule, a line-up or a results list set with
    line breaks instead of a table. Each line alone is a "bad" block; ``min_lines`` or more of
    them in a row, none a bullet or a sentence, with the same first separator (lines may differ
    in their later fields: "... Arena – Chicago, Tinley Park, IL"), are records."""
    if not min_lines:
        return set()
    rows: set[int] = set()
    run: list[int] = []
    sig = ""
    for i in [*kept, -1]:
        block = page.blocks[i] if i >= 0 else None
        fits = (block is not None and block.bullet is None and len(block.lines) == 1
                and not ends_like_sentence(page.text[i]))
        s = _signature(page.text[i]) if fits else ""
        if fits and s and s == sig and run and i == run[-1] + 1 and not block.blank_before:
            run.append(i)
            continue
        if len(run) >= min_lines:
            rows.update(run)
        run, sig = ([i], s) if fits and s else ([], "")
    return rows


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


def _main_indent(page: Page, judged: dict[int, Judgement], first: int, last: int) -> int | None:
    """The indent of the region's longest run of consecutive paragraphs (in words).

    An article's paragraphs follow one another; a rail's summaries each sit between a title and
    a name, so even a rail with more words in total has only short runs.
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
    return best[1]


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


def page_templates(page: Page, rule: Rule) -> list[Template]:
    """The page's catalogues (``cleaner.decide.detectors.catalogues``), found once per page."""
    key = ("templates", rule.params.template_min_records,
           rule.params.template_min_gap, rule.params.template_max_gap)
    found = page.memo.get(key)
    if found is None:
        found = page.memo[key] = find_templates(page.blocks, min_records=key[1], min_gap=key[2], max_gap=key[3])
    return found


# ``Page.memo`` key of the page's catalogue blocks: one set per page, found by the rule that
# carries the ``template_*`` parameters (``outside-main-block``) and read by the later rules.
CATALOGUE = "catalogue"


def catalogue_blocks(page: Page, rule: Rule) -> set[int]:
    """Blocks (kept or not) of the page's catalogues that follow running text.

    A catalogue counts when its anchor comes back at least ``template_min_records`` times, a
    kept running-text block (its intro) sits at most ``template_reach`` blocks before its first
    record or inside the stretch before its first anchor, and at most ``template_max_prose`` of
    its words are running text (comments and teaser summaries are prose; a catalogue's fields
    are names, bullets and prices) and at most ``template_max_bullets`` of its blocks are list
    items (a menu printed several times has the rhythm too, but is all bullets). A teaser rail
    or a comment thread follows the article's end after other chrome, not its last paragraph.
    Other anchors of the same catalogue (each record has several fixed lines) whose run overlaps
    a counted one count too, from its intro on.
    """
    if not rule.params.template_min_records:
        return set()
    # Cached per rule and parameters (another rule with other thresholds finds its own); the
    # plain ``CATALOGUE`` key holds the last one found, for the later rules' ``found_catalogue``.
    key = (CATALOGUE, rule.qualified_id, rule.params)
    cached = page.memo.get(key)
    if cached is not None:
        return cached
    reach = rule.params.template_reach
    min_records = rule.params.template_min_records
    max_prose = rule.params.template_max_prose
    max_bullets = rule.params.template_max_bullets
    blocks = page.blocks

    def record_like(first: int, last: int) -> bool:
        """Few words of running text, and not a list that is all bullets (a menu)."""
        span = range(first, last + 1)
        words = sum(blocks[i].words for i in span)
        prose = sum(blocks[i].words for i in span if is_prose(blocks[i].text))
        bullets = sum(1 for i in span if blocks[i].bullet is not None)
        return prose <= max_prose * words and bullets <= max_bullets * len(span)

    spans: list[tuple[int, int]] = []
    rest = []
    for t in page_templates(page, rule):
        if t.records < min_records:
            continue
        intro = max((i for i in range(max(t.first - reach, 0), t.first_anchor)
                     if page.is_kept(i) and is_prose(page.text[i])), default=-1)
        if intro >= 0 and record_like(intro + 1, t.last):
            spans.append((intro + 1, t.last))
        else:
            rest.append(t)
    grew = bool(spans)
    while grew:
        grew = False
        for t in list(rest):
            for first, last in spans:
                if t.first <= last and t.last >= first and record_like(max(t.first, first), t.last):
                    spans.append((max(t.first, first), t.last))
                    rest.remove(t)
                    grew = True
                    break
    out = {i for first, last in spans for i in range(first, last + 1)}
    page.memo[key] = page.memo[CATALOGUE] = out
    return out


def found_catalogue(page: Page) -> set[int]:
    """The catalogue blocks the main-region rule found (empty before it ran, or when it had no
    need to look): later rules leave a catalogue's fields alone, as they leave a table's rows."""
    return page.memo.get(CATALOGUE, set())


def reclaim_catalogue(page: Page, first: int, last: int, rule: Rule) -> None:
    """Take back the removals of one-line rules named in ``overrule`` inside the main region's
    catalogue: in its rhythm, the feature bullets that looked like a menu and the "Buy Now" that
    looked like a repeat are the records' fields."""
    overrule = {f"{rule.ruleset}/{name}" for name in rule.params.overrule}
    if not any(page.removed_by[i] in overrule for i in range(first, last + 1)):
        return  # nothing to take back: no need to look for a catalogue
    for i in sorted(catalogue_blocks(page, rule)):
        if first <= i <= last and page.removed_by[i] in overrule:
            page.restore(i, rule, "a field of a catalogue inside the main text")


def _label_only(text: str) -> bool:
    """Every word capitalised and no figure ("Jane Doe", "World News"): a list of names or
    sections (a staff box, a tag list), not a list of points, which has running words."""
    words = [w for w in text.split() if w[0].isalnum()]
    return bool(words) and all(w[0].isupper() for w in words)


def reclaim_list_items(page: Page, rule: Rule) -> None:
    """Inside the article container the DOM chose, take back list items that a text-dump rule
    named in ``dom_overrule`` took for a menu but that are not links: on HTML a menu's items are
    links, and the DOM says so; an article's list of points is text (also when it closes the
    article). Items that are only capitalised words (a staff box's names) stay out."""
    overrule = {f"{rule.ruleset}/{name}" for name in rule.params.dom_overrule}
    if not overrule:
        return
    most = rule.params.max_link_density
    for i in range(len(page.blocks)):
        block = page.blocks[i]
        if (page.removed_by[i] in overrule and block.link_density <= most and in_main_container(page, i)
                and not _label_only(block.content)):
            page.restore(i, rule, f"a list item inside the article container, not a link ({block.link_density:.2f})")


def deferred(page: Page, rule: Rule) -> bool:
    """True when a rule named in ``params.defer_to`` already chose the page's main content.

    On HTML the DOM detectors (``html-main``) see the article's container; a region chosen again
    from the text alone can only undo part of that choice (on the devset it cost HTML 0.02 F1).
    On text dumps those rules never fire, and the classifier decides.
    """
    names = {f"{rule.ruleset}/{name}" for name in rule.params.defer_to}
    return bool(names) and any(r in names for r in page.removed_by)


def outside_main_block(page: Page, rule: Rule) -> None:
    """Drop kept blocks outside the page's main run of running text (see the module doc).

    Text browsers show nesting by indentation (lynx indents body text by 3 and a teaser rail's
    summaries deeper), so the region is chosen twice: once on the weights alone, then again with
    text indented deeper than the first region's running text counted against, as a nested box.
    Quotes inside an article are indented too, but they sit between paragraphs that keep the
    region together. Text indented less is not counted against: when the longest run of
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
    first, last, total = best_region(weights)
    if first < 0 or total < rule.params.min_region_words:
        return  # no run of text worth the name: judge nothing rather than guess
    indent = _main_indent(page, judged, first, last)
    off_indent = rule.params.off_indent_weight
    if indent is not None and off_indent:
        shifted = list(weights)
        for i, j in judged.items():
            if shifted[i] > 0 and not j.features.bullet and page.blocks[i].indent - indent > 1:
                shifted[i] = off_indent * j.features.units
        first, last, total = best_region(shifted)
        if first < 0:
            return
    last = bridge_unended(judged, last, rule)
    last = introduced_list(page, judged, last, rule)
    reclaim_catalogue(page, first, last, rule)
    where = f"main text is lines {page.blocks[first].start}-{page.blocks[last].end}"
    for i in kept:
        if first <= i <= last:
            continue
        j = judged[i]
        side = "before" if i < first else "after"
        page.remove(i, rule, f"{side} the main text ({where}); {j.cls}: {j.features.describe()}")


def boilerplate_block(page: Page, rule: Rule) -> None:
    """Drop blocks inside the main text that are mostly links, or nearly free of stop words and
    not a sentence (a row of menu words, a tag cloud, a code of a widget).

    Deliberately narrow: other ``bad`` blocks inside the article are as often its lists, tables
    and subheadings as chrome (on the devset, removing every ``bad`` block inside the region
    cost more recall than it bought precision). On HTML whose article container the DOM chose
    (``defer_to``) only the link test applies (``_link_blocks``).
    """
    if deferred(page, rule):
        _link_blocks(page, rule)
        return
    judged = classify(page, rule)
    max_stop = rule.params.max_stop_density
    # Table rows and numbered items have few stop words by nature: they are not a menu.
    rows = record_rows(page, sorted(judged), rule) | found_catalogue(page) if rule.params.keep_records else set()
    for i, j in judged.items():
        if j.cls != BAD:
            continue
        f = j.features
        if f.link_density > rule.params.max_link_density:
            page.remove(i, rule, f"{j.reason}: {f.describe()}")
        elif i in rows:
            continue
        elif f.stop_density < max_stop and not f.sentence_end and f.units >= rule.params.short_words:
            page.remove(i, rule, f"hardly any stop words (< {max_stop:.2f}), not a sentence: {f.describe()}")


# A link whose text is its own address ("http://example.com/x"): the author printed it, as
# part of the text; a teaser's link text is a headline.
_PRINTED_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*$")


def _link_blocks(page: Page, rule: Rule) -> None:
    """Inside an article container the DOM chose: drop only the blocks that are mostly link text
    and not a sentence (teaser headlines and link lists the container also holds). The link
    density is the DOM's own, so no language or stop words are needed: HTML pages skip them."""
    most = rule.params.max_link_density
    catalogue = found_catalogue(page)
    for i in page.kept():
        block = page.blocks[i]
        text = page.text[i]
        if (block.link_density > most and i not in catalogue and not ends_like_sentence(text)
                and not _PRINTED_URL.match(text)):
            page.remove(i, rule, f"mostly link text, not a sentence (links {block.link_density:.2f})")


# --- the article's tail -------------------------------------------------------------------------

_TAIL_PATTERNS: dict[str, re.Pattern[str]] = {}  # the rule's patterns, compiled once


def _tail_pattern(pattern: str) -> re.Pattern[str]:
    compiled = _TAIL_PATTERNS.get(pattern)
    if compiled is None:
        compiled = _TAIL_PATTERNS[pattern] = re.compile(pattern)
    return compiled


_NAME_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def _about_box(page: Page, i: int, after: list[int], about: re.Pattern[str], generic: re.Pattern[str],
               look: int) -> bool:
    """True when block ``i`` is an "About <name>" heading whose box follows: one of the next
    ``look`` kept blocks names the same subject ("About Acme" / "Acme is a ..."), or the heading
    names the author in general ("About the author")."""
    m = about.match(page.text[i].strip())
    if m is None:
        return False
    subject = m.group("subject").strip()
    if generic.fullmatch(subject):
        return True
    names = [w.casefold() for w in _NAME_WORD.findall(subject)]
    if not names:
        return False
    for j in after[:look]:
        text = page.text[j].casefold()
        if all(name in text for name in names):
            return True
    return False


def article_tail(page: Page, rule: Rule) -> None:
    """End the main text where a block in its last part opens the box that follows an article.

    The main region (``outside-main-block``) ends at the last run of prose, and the prose that
    pages print under an article is often long enough to belong to it: an author's bio ("Jane
    Doe is a reporter covering ..."), a press release's "About Acme" boilerplate, a donation
    appeal, the fine print of a comment form. A block that opens such a box (a pattern of
    ``params.openers``, or a block an earlier rule of ``params.opener_rules`` removed as one)
    ends the article when it sits in the article's tail: at least ``min_article_words`` of kept
    text before it, and what is kept after it no more than ``max_tail_share`` of that (an
    author note or a sign-up box in the middle of an article is followed by more article).
    """
    if deferred(page, rule):
        return
    kept = page.kept()
    if not kept:
        return
    params: ArticleTailParams = rule.params
    openers = [(kind, _tail_pattern(p)) for kind, patterns in params.openers for p in patterns]
    about = _tail_pattern(params.about_heading) if params.about_heading is not None else None
    generic_subject = _tail_pattern(params.about_generic)
    look = params.about_look
    max_words = params.opener_max_words
    opener_rules = {f"{rule.ruleset}/{name}" for name in params.opener_rules}
    min_before = params.min_article_words
    max_share = params.max_tail_share
    units = {i: word_units(page.text[i]) for i in kept}
    total = sum(units.values())
    kept_set = set(kept)
    before = 0.0
    pos = 0
    for i in range(kept[0], kept[-1] + 1):
        if i in kept_set:
            after = kept[pos + 1:]
            kind = None
            if units[i] <= max_words:
                text = page.text[i].strip()
                kind = next((k for k, p in openers if p.search(text)), None)
                if kind is None and about is not None and _about_box(page, i, after, about, generic_subject, look):
                    kind = "an 'About' box"
            rest = total - before - units[i]
            if kind and before >= min_before and rest <= max_share * before:
                why = (f"{kind} opens here ({page.text[i].strip()[:60]!r}): the end of the article "
                       f"({before:.0f} words before, {units[i]:.0f} in this block, {rest:.0f} after)")
                for j in kept[pos:]:
                    page.remove(j, rule, why)
                return
            before += units[i]
            pos += 1
        elif page.removed_by[i] in opener_rules:
            rest = total - before
            if before >= min_before and rest <= max_share * before:
                why = (f"after {page.removed_by[i]} ({page.blocks[i].text.strip()[:60]!r}): the end "
                       f"of the article ({before:.0f} words before, {rest:.0f} after)")
                for j in kept[pos:]:
                    page.remove(j, rule, why)
                return
