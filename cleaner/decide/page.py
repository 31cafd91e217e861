"""The working state of one capture while rules run: its blocks and what was decided about each.

Rules and detectors never edit blocks; they call ``remove``/``strip``/``restore``/``reassign``
here, which append the decision to the page's ledger (``cleaner.decide.ledger``) with the rule
that made it. That one choke point is why every removal has provenance and why ``explain`` can
show every decision on a block, including one rule taking back another's removal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_
from typing import TYPE_CHECKING, Any

from cleaner.decide.features import ends_like_sentence, word_units
from cleaner.decide.ledger import REASSIGN, REMOVE, RESTORE, TRIM, Entry, leaves_nothing, trim_text
from cleaner.decide.rulebook import Rule
from cleaner.segment.blocks import Block

if TYPE_CHECKING:  # a text dump's page has no skeleton, and its run never imports lxml
    from cleaner.segment.html_blocks import Skeleton

# A block this long that ends like a sentence is article prose, not a label or a link.
PROSE_MIN_WORDS = 15


def is_prose(text: str) -> bool:
    """Cheap test for "this is a paragraph of running text", shared by all rules and detectors.

    Length is in word units (``cleaner.decide.features.word_units``), not spaces: Japanese and Chinese
    write a whole paragraph without one, and counting by spaces made every CJK paragraph look
    like a label (the header zone then ran to the page's end).
    """
    words = word_units(text)
    if words >= PROSE_MIN_WORDS and ends_like_sentence(text):
        return True
    return words >= 2 * PROSE_MIN_WORDS


@dataclass(slots=True)
class Trim:
    """Part of a block's text taken out by a rule, the rest of the block staying."""

    rule: str
    text: str
    why: str = ""


@dataclass(slots=True)
class Fields:
    """Raw strings that detectors picked out for the record's metadata, not yet normalised."""

    title: str | None = None
    bylines: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # credit lines under the article
    bios: list[str] = field(default_factory=list)  # names of one-line bios under the article
    outlet: list[str] = field(default_factory=list)  # the site's host and declared name, as known


@dataclass(slots=True)
class Page:
    """Blocks of one capture plus every decision made about them, in order."""

    blocks: list[Block]
    kind: str = "text"
    # What the input format knows beyond the blocks: for HTML, the element skeleton the DOM
    # detectors reason about (``cleaner.segment.html_blocks.Skeleton``); None for text dumps. It rides
    # on the page, never in a module-level cache, so no page can see another's structure.
    structure: Skeleton | None = None
    text: list[str] = field(default_factory=list)
    removed_by: list[str | None] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    trims: list[tuple[Trim, ...]] = field(default_factory=list)
    fields: Fields = field(default_factory=Fields)
    # Every decision, in order: the page's true history. ``removed_by``, ``why`` and ``trims``
    # above are the index of the decide stage's entries (what ``ledger.replay`` gives back), kept
    # current for the rules' loops; the extract stage's trims are appended to the ledger after
    # the rules ran (``cleaner.pipeline``), so read the replayed ledger for the final state.
    ledger: list[Entry] = field(default_factory=list)
    # Values derived from this page that several detectors need (the classifier's language and
    # block features), computed by the first that asks. They live and die with the page, so no
    # page can see another's. Keys are chosen by the detectors that fill them.
    memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # ``kept()`` as last computed, or None once a block has been removed since: rules ask for
    # the kept blocks 30+ times per page, and most rules remove nothing. Only ``remove``
    # changes which blocks are kept (``removed_by`` is written nowhere else).
    _kept: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    # Index of the first block (as captured) that is prose, for ``prose_before``; -1: not yet known.
    _first_prose: int = field(default=-1, init=False, repr=False, compare=False)
    # Each block's index, the blocks' own int objects where they can be: lists of kept blocks
    # share them instead of making an int (28 bytes) per block each time.
    _ids: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.blocks)
        self.text = [b.text for b in self.blocks]
        self.removed_by = [None] * n
        self.why = [""] * n
        self.trims = [()] * n  # one shared empty tuple: most blocks are never trimmed
        self._ids = [b.index if b.index == k else k for k, b in enumerate(self.blocks)]

    def kept(self) -> list[int]:
        """Indices of the blocks no rule has removed yet, in capture order (a new list: callers
        iterate it while removing blocks, and may change it)."""
        if self._kept is None:
            self._kept = list(compress(self._ids, map(is_, self.removed_by, repeat(None))))
        return self._kept[:]

    def is_kept(self, i: int) -> bool:
        return self.removed_by[i] is None

    def remove(self, i: int, rule: Rule | str, why: str = "") -> None:
        """Drop block ``i``; the first rule to remove a block is the one recorded."""
        if self.removed_by[i] is None:
            rule_id = rule if isinstance(rule, str) else rule.qualified_id
            self.removed_by[i] = rule_id
            self.why[i] = why
            self._kept = None
            self.ledger.append(Entry(i, REMOVE, rule_id, why))

    def reassign(self, i: int, rule: Rule | str, why: str = "") -> None:
        """Give an already removed block to a more specific rule that claims it after the fact.

        Only for a rule that explains the same removal better (a headline the page prints
        twice was first dropped as a repeat): the block stays out of the text either way.
        """
        before = self.removed_by[i]
        if before is None:
            raise ValueError(f"block {i} is kept; remove() it instead")
        rule_id = rule if isinstance(rule, str) else rule.qualified_id
        _check_declared(rule, before, "reassign")
        self.removed_by[i] = rule_id
        self.why[i] = why
        self.ledger.append(Entry(i, REASSIGN, rule_id, why, over=before))

    def restore(self, i: int, rule: Rule | str, why: str = "") -> None:
        """Take back an earlier rule's removal when a rule that sees more of the page overrules it.

        Only for rules that judge a block in its context (a catalogue's feature bullets looked
        like a menu to ``bullet-menu``, which sees one line): the block is kept again and its
        ``why`` says who kept it over whom, so ``explain`` still shows both decisions.
        """
        before = self.removed_by[i]
        if before is None:
            return
        rule_id = rule if isinstance(rule, str) else rule.qualified_id
        _check_declared(rule, before, "restore")
        self.removed_by[i] = None
        self.why[i] = f"kept by {rule_id} over {before}: {why}"
        self._kept = None
        self.ledger.append(Entry(i, RESTORE, rule_id, why, over=before))

    def strip(self, i: int, rule: Rule | str, start: int, end: int, why: str = "") -> None:
        """Take ``text[start:end]`` out of block ``i``; drop the block if nothing is left."""
        rule_id = rule if isinstance(rule, str) else rule.qualified_id
        piece, rest = trim_text(self.text[i], start, end)
        if leaves_nothing(rest):
            self.remove(i, rule_id, why)
            return
        if piece:
            self.trims[i] = (*self.trims[i], Trim(rule_id, piece, why))
        self.text[i] = rest
        self.ledger.append(Entry(i, TRIM, rule_id, why, start, end, piece))

    def history(self, i: int) -> list[Entry]:
        """The ledger's entries about block ``i``, in order."""
        return [e for e in self.ledger if e.block == i]

    def words(self, i: int) -> int:
        return len(self.text[i].split())

    def prose_before(self, i: int) -> bool:
        """True when running text appears earlier on the page (the article has begun).

        Judged on the blocks as captured, which never change: so the first prose block is
        found once per page, not once per call (pattern rules ask for every block they match).
        """
        if self._first_prose < 0:
            self._first_prose = next((j for j, b in enumerate(self.blocks) if is_prose(b.text)), len(self.blocks))
        return self._first_prose < i


def _check_declared(rule: Rule | str, before: str, what: str) -> None:
    """A rule may change another rule's removal only when its rule file says so: one of its
    parameters declared with ``takes_back=True`` (``overrule``, ``reclaim``, ``from_rules``...)
    names that rule, and the loader checked the name. Anything else is a detector's bug."""
    if isinstance(rule, str):
        return
    from cleaner.decide.params import taken_back

    if before.split("/", 1)[0] != rule.ruleset or before.split("/", 1)[1] not in taken_back(rule.params):
        raise ValueError(f"{rule.qualified_id} may not {what} a removal by {before}: "
                         "its rule file declares no take-back of that rule")
