"""Every seed cleans to its reviewed golden record, byte for byte.

The seeds are cleaned as one corpus (as ``run`` does), because ``near_duplicate_of`` is a fact
about the corpus: 003 is an edited copy of 000.
"""

from __future__ import annotations

import pytest

from cleaner.corpus.workers import clean_files
from cleaner.read.capture import discover
from cleaner.write.jsonl import golden_json

from .conftest import GOLDEN, SEEDS, seed_paths


@pytest.fixture(scope="module")
def seed_records():
    failures: list[str] = []
    records = list(clean_files(discover([SEEDS]), on_failure=failures.append))
    assert not failures
    return {record.id: record for record in records}


@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.stem)
def test_seed_matches_golden(seed, seed_records):
    golden = GOLDEN / f"{seed.stem}.json"
    assert golden.exists(), f"no golden record for {seed.name}"
    assert golden_json(seed_records[seed.stem]) == golden.read_text(encoding="utf-8")


def test_every_golden_has_a_seed():
    seeds = {p.stem for p in seed_paths()}
    assert {p.stem for p in GOLDEN.glob("*.json")} == seeds
