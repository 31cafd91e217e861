"""The decision ledger: every decision about a block, as one ordered entry.

Rules used to take back each other's removals by overwriting ``removed_by``: the first decision
was lost, and "the first rule to remove a block owns it" silently did not hold. Now each
decision (removed, trimmed, taken back, given to a rule that explains it better) is appended
here, in the order it was made, and ``replay`` turns the captured blocks plus the ledger into
the page's state again (the model is ftfy's ``fix_and_explain``/``apply_plan``: a plan that,
applied to the input, gives the output). ``Page`` keeps ``removed_by``/``why``/``trims`` as an
index of the decide stage's entries for the rules' hot loops; the tests check that replaying the
ledger gives that index back. The extract stage's trims (a dateline, a trailing credit) join the
ledger after the rules ran (``cleaner.pipeline``), so the record's ``removed``, ``explain`` and
the explain page all read one history: the replayed ledger.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

REMOVE, TRIM, RESTORE, REASSIGN = "remove", "trim", "restore", "reassign"

# How each action reads in ``explain`` (``{rule}``: the entry's rule, ``{over}``: the rule whose
# decision it changed).
PHRASES = {
    REMOVE: "removed by {rule}",
    TRIM: "trimmed by {rule}",
    RESTORE: "kept by {rule} over {over}",
    REASSIGN: "given to {rule} (first removed by {over})",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One decision: what ``rule`` did to block ``block`` and why.

    A trim takes ``text[start:end]`` out of the block's text as it was then (``piece``: what it
    took, stripped); ``over`` is the rule whose removal a restore or reassign changed.
    ``repaired``: the offsets index the block's text as the extract stage reads it (repaired:
    ftfy, NFC, whitespace collapsed), not as the rules saw it.
    """

    block: int
    action: str
    rule: str
    why: str = ""
    start: int = 0
    end: int = 0
    piece: str = ""
    over: str = ""
    repaired: bool = False

    def describe(self) -> str:
        """One line for ``explain``."""
        head = PHRASES[self.action].format(rule=self.rule, over=self.over)
        if self.action == TRIM:
            head += f" {self.piece!r}"
        return f"{head}: {self.why}" if self.why else head


def trim_text(current: str, start: int, end: int) -> tuple[str, str]:
    """``(piece, rest)`` of taking ``current[start:end]`` out (the one place this is computed)."""
    piece = current[start:end].strip()
    rest = (current[:start].rstrip() + " " + current[end:].lstrip()).strip()
    return piece, rest


def leaves_nothing(rest: str) -> bool:
    """A trim that leaves no word drops the block instead."""
    return not re.search(r"\w", rest)


@dataclass(slots=True)
class State:
    """The page's decisions as the rules see them: per block, its current text, the rule that
    removed it (None: kept), why, and the trims it carries."""

    text: list[str]
    removed_by: list[str | None]
    why: list[str]
    trims: list[list[tuple[str, str, str]]] = field(default_factory=list)  # (rule, piece, why)


def replay(texts: list[str], entries: list[Entry], repair: Callable[[str], str] | None = None) -> State:
    """The state that the blocks' captured ``texts`` reach under ``entries``, applied in order.

    ``repair`` is the extract stage's paragraph repair: a ``repaired`` trim applies to the
    block's text once repaired (the decide stage cannot import the extract stage, so it is
    handed in; a ledger with such entries cannot be replayed without it).
    """
    n = len(texts)
    state = State(list(texts), [None] * n, [""] * n, [[] for _ in range(n)])
    repaired: set[int] = set()
    for e in entries:
        i = e.block
        if e.action == REMOVE:
            state.removed_by[i], state.why[i] = e.rule, e.why
        elif e.action == TRIM:
            if e.repaired and i not in repaired:
                if repair is None:
                    raise ValueError(f"block {i}: a trim of repaired text needs the repair function")
                state.text[i] = repair(state.text[i])
                repaired.add(i)
            piece, rest = trim_text(state.text[i], e.start, e.end)
            if piece:  # as ``Page.strip``: a trim that took only spaces is no removal
                state.trims[i].append((e.rule, piece, e.why))
            state.text[i] = rest
        elif e.action == RESTORE:
            state.removed_by[i], state.why[i] = None, f"kept by {e.rule} over {e.over}: {e.why}"
        elif e.action == REASSIGN:
            state.removed_by[i], state.why[i] = e.rule, e.why
        else:
            raise ValueError(f"unknown ledger action {e.action!r}")
    return state
