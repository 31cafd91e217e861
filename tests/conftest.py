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
    "tests/test_datatrove.py": "datatrove pipelines in spawned worker processes (and Ray)",
    "tests/test_report_browser.py": "starts headless Chromium",
    "tests/test_run_faults.py": "signals, worker processes and disk limits in child processes",
    "tests/test_startup.py": "fresh Python processes to see what each command imports",
    "tests/test_corpus_io.py::test_a_capture_past_the_timeout_is_skipped_and_the_others_kept": "waits for timeouts",
    "tests/test_corpus_io.py::test_stdin_is_read_for_a_capture_and_for_jsonl": "starts Python processes",
    "tests/test_bad_input.py::test_check_reports_a_non_utf8_name_without_a_traceback": "starts a Python process",
    "tests/test_bad_input.py::test_failing_check_into_a_closed_pipe_still_fails": "starts a Python process",
    "tests/test_bad_input.py::test_other_commands_into_a_closed_pipe_exit_141": "starts Python processes",
    "tests/test_bad_input.py::test_mostly_utf8_capture_is_kept_with_a_warning_naming_the_offsets": "starts a Python process",
    "tests/test_packaging.py::test_the_package_never_imports_bench_only_libraries": "starts a Python process",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: the slow tier (see tests/conftest.py SLOW); CI runs it")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.nodeid == key or item.nodeid.startswith((key + "::", key + "[")) for key in SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def rulebook():
    from cleaner.decide.rulebook import load_rulebook

    return load_rulebook()


def seed_paths() -> list[Path]:
    """The seed captures: text dumps and HTML pages (each has a golden record)."""
    return sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".html"))
