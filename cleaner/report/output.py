"""Writing a page: atomically (a failed write never leaves half a page), always valid UTF-8."""

from __future__ import annotations

from pathlib import Path

from cleaner.decide.rulebook import RuleBook
from cleaner.write.jsonl import atomic_writer


def write_page(page: str, target: Path) -> int:
    """Write ``page`` to ``target`` (``-``: stdout) and return its size in bytes.

    A lone surrogate (from a capture decoded with escapes) becomes U+FFFD, so the file is
    always UTF-8 a browser can read.
    """
    data = page.encode("utf-8", "replace")
    with atomic_writer(target) as handle:
        handle.write(data.decode("utf-8"))
    return len(data)


def rule_reasons(book: RuleBook) -> dict[str, str]:
    """Each rule's qualified id -> the reason its rule file gives, for hover text and tables."""
    return {rule.qualified_id: rule.reason for ruleset in book.all_sets() for rule in ruleset.rules}
