"""The decisions an explain page shows, read from the pipeline's ``Explanation`` in one place.

``decisions`` is the only function that knows how a ``Page`` stores what rules did
(``removed_by``, ``why``, ``trims``, the "kept by X over Y" note of ``Page.restore``): when the
decision stage keeps an ordered ledger instead, only this module changes, not the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.pipeline import Explanation

# The four fates of a block, in the order the legend lists them.
KEPT, REMOVED, TRIMMED, RESTORED = "kept", "removed", "trimmed", "restored"
STATUSES = (KEPT, REMOVED, TRIMMED, RESTORED)

# ``Page.restore`` writes why a block was taken back as "kept by <rule> over <rule>: <why>".
_RESTORED = re.compile(r"^kept by (?P<rule>\S+) over (?P<over>\S+): ?(?P<why>.*)$", re.S)


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
    """One ``Decision`` per block of the capture, in capture order."""
    page = exp.page
    out = []
    for i, block in enumerate(page.blocks):
        rule, why, over = page.removed_by[i], page.why[i], None
        cuts = tuple(Cut(t.rule, t.text, t.why) for t in page.trims[i])
        if rule is not None:
            status = REMOVED
        else:
            taken_back = _RESTORED.match(why)
            if taken_back:
                status, rule, over, why = RESTORED, taken_back["rule"], taken_back["over"], taken_back["why"]
            else:
                status = TRIMMED if cuts else KEPT
        out.append(Decision(i, block.start, block.end, block.tag, block.text, status, rule, over, why, cuts))
    return out
