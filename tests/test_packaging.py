"""Packaging (issue 12, item 11): what the package needs, and what the sdist must carry.

Building an sdist needs the build backend from the network, so this checks the configuration
it is built from; the full check (build, unpack, fresh venv, run these tests there) is manual
and described in README's "Development" section.
"""

from __future__ import annotations

import ast
import tomllib

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
BENCH_ONLY = {"trafilatura", "bs4"}


def _imported_top_modules(folder) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_the_package_never_imports_bench_only_libraries():
    imported = _imported_top_modules(ROOT / "cleaner")
    assert {m: sorted(imported[m]) for m in BENCH_ONLY if m in imported} == {}
    assert not _imported_top_modules(ROOT / "tests").keys() & BENCH_ONLY


def test_bench_libraries_are_an_extra_not_a_dependency():
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in PYPROJECT["project"]["dependencies"]}
    assert not names & {"trafilatura", "beautifulsoup4"}
    bench = " ".join(PYPROJECT["project"]["optional-dependencies"]["bench"])
    assert "trafilatura" in bench and "beautifulsoup4" in bench


def test_the_sdist_carries_what_its_tests_read_and_the_license():
    include = PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    # tests/test_precommit_hook.py reads the published hook definition; the licence is MIT.
    for needed in (".pre-commit-hooks.yaml", "LICENSE", "tests", "seeds", "golden", "rules", "cleaner", "README.md"):
        assert needed in include and (ROOT / needed).exists(), needed
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
