"""The decisions an explain page shows, read from the pipeline's ``Explanation`` in one place.

``decisions`` is the only function the pages use to learn what happened to a block, and it reads
the decision ledger (``cleaner.decide.ledger``): the replayed ledger gives each block's final
fate and its cuts (the extract stage's dateline and credit included), and the block's own
entries say whether a rule took it back over another's removal.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.decide.ledger import RESTORE, TRIM, Entry
from cleaner.pipeline import Explanation

# The four fates of a block, in the order the legend lists them.
KEPT, REMOVED, TRIMMED, RESTORED = "kept", "removed", "trimmed", "restored"
STATUSES = (KEPT, REMOVED, TRIMMED, RESTORED)



@dataclass(frozen=True, slots=True)
class Cut:
    """Part of a block's text that a rule took out, the rest of the block staying."""

    rule: str
    text: str
    why: str


@dataclass(frozen=True, slots=True)
class Decision:
    """What happened to one block, with every rule involved.

    ``rule`` is the rule that removed the block (``removed``) or took it back (``restored``);
    ``over`` the rule it was taken back from.
    """

    index: int
    start: int
    end: int
    tag: str | None
    text: str
    status: str
    rule: str | None
    over: str | None
    why: str
    cuts: tuple[Cut, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule that touched the block, each once, in the order they show."""
        seen = [r for r in (self.rule, self.over, *(c.rule for c in self.cuts)) if r]
        return tuple(dict.fromkeys(seen))


def decisions(exp: Explanation) -> list[Decision]:
    """One ``Decision`` per block of the capture, in capture order, from the ledger."""
    page, state = exp.page, exp.state
    last: dict[int, Entry] = {}  # each block's last decision other than a trim
    for entry in page.ledger:
        if entry.action != TRIM:
            last[entry.block] = entry
    out = []
    for i, block in enumerate(page.blocks):
        rule, why, over = state.removed_by[i], state.why[i], None
        cuts = tuple(Cut(r, piece, reason) for r, piece, reason in state.trims[i])
        final = last.get(i)
        if rule is not None:
            status = REMOVED
        elif final is not None and final.action == RESTORE:
            status, rule, over, why = RESTORED, final.rule, final.over, final.why
        else:
            status = TRIMMED if cuts else KEPT
        out.append(Decision(i, block.start, block.end, block.tag, block.text, status, rule, over, why, cuts))
    return out
