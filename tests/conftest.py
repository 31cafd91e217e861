"""Shared fixtures: paths of the repository's own seeds, goldens and rules; the test tiers.

Plain ``pytest`` runs the fast tier (daily work); ``pytest -m slow`` the slow tier below, and
``pytest -m "slow or not slow"`` (README's second command, which CI runs) everything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "golden"
DEVSET = ROOT.parent / "shared" / "devset"


# The slow tier: test files or single tests (node ids) and why each is slow. One table, so a
# test file does not need to know about tiers.
SLOW = {
    "tests/test_precommit_hook.py": "makes git repositories and runs pre-commit hooks",
    "tests/test_devset_floor.py": "cleans and scores the whole devset",
    "tests/test_properties.py": "hypothesis over the whole pipeline",
    "tests/test_idempotence.py::test_cleaning_a_mixture_twice_changes_nothing": "3,000 hypothesis mixtures, each cleaned twice",
    "tests/test_normalize_properties.py": "hypothesis over the normalizers",
    "tests/test_fast_paths.py": "each fast path against its reference on many inputs",
    "tests/test_fast_paths_text.py": "each fast path against its reference on many inputs",
    "tests/test_fast_paths_dom.py": "each fast path against its reference on many inputs",
    "tests/test_dedup.py::test_planted_corpus_matches_brute_force": "a brute-force comparison",
    "tests/test_cli.py::test_run_to_stdout": "starts a Python process",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: the slow tier (see tests/conftest.py SLOW); CI runs it")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.nodeid == key or item.nodeid.startswith(key + "::") for key in SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def rulebook():
    from cleaner.decide.rulebook import load_rulebook

    return load_rulebook()


def seed_paths() -> list[Path]:
    """The seed captures: text dumps and HTML pages (each has a golden record)."""
    return sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".html"))
