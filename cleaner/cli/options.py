"""Argument types shared by several commands, so each refuses bad values the same way."""

from __future__ import annotations

import argparse


def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None


def jobs(value: str) -> int:
    """``-j N`` where N must be a number of processes (1 or more)."""
    number = _whole(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def jobs_or_auto(value: str) -> int:
    """``-j N`` where 0 means "choose for me" and a negative count is refused, not read as 1."""
    number = _whole(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or a number of processes")
    return number
