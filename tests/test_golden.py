"""Every seed cleans to its reviewed golden record, byte for byte."""

from __future__ import annotations

import pytest

from cleaner.output import golden_json
from cleaner.pipeline import clean_file

from .conftest import GOLDEN, seed_paths


@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.stem)
def test_seed_matches_golden(seed):
    golden = GOLDEN / f"{seed.stem}.json"
    assert golden.exists(), f"no golden record for {seed.name}"
    assert golden_json(clean_file(seed, source=seed.name)) == golden.read_text(encoding="utf-8")


def test_every_golden_has_a_seed():
    seeds = {p.stem for p in seed_paths()}
    assert {p.stem for p in GOLDEN.glob("*.json")} == seeds
