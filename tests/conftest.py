"""Shared fixtures: paths of the repository's own seeds, goldens and rules."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "golden"
DEVSET = ROOT.parent / "shared" / "devset"


@pytest.fixture(scope="session")
def rulebook():
    from cleaner.decide.rulebook import load_rulebook

    return load_rulebook()


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
