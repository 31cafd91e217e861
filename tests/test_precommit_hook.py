"""The pre-commit hook, run by the REAL pre-commit tool in a temporary git repository.

The hook is this project's published definition (``.pre-commit-hooks.yaml``: ``files``,
``pass_filenames``, ``require_serial``), declared as a ``repo: local`` hook with
``language: system`` and the ``clean-corpus`` script of the running virtual environment, so
nothing is installed and nothing touches the network. The temporary repository holds captures in
``seeds/``, goldens made by cleaning them, and a user rules folder ``rules/`` passed with
``--rules rules``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.decide.rulebook import load_rulebook
from cleaner.pipeline import clean_file
from cleaner.write.jsonl import golden_json

from .conftest import ROOT

yaml = pytest.importorskip("yaml")
pytest.importorskip("pre_commit")
if shutil.which("git") is None:
    pytest.skip("git is not available", allow_module_level=True)

SCRIPT = Path(sys.executable).parent / "clean-corpus"
if not SCRIPT.exists():
    pytest.skip(f"{SCRIPT} not found: run `pip install -e .` in this environment", allow_module_level=True)

PAPERS = {
    "a": ("harbour", "The harbour authority"),
    "b": ("railway", "The railway company"),
    "c": ("museum", "The museum board"),
}
LIBRARY = "Residents can read the full minutes at the city hall library on any weekday morning."
RULES = """[ruleset]
id = "generic"

[[rules]]
id = "promo"
reason = "A house promotion line."
pattern = '{pattern}'
drops = ["Zebra Weekly promo: subscribe today"]
"""


def capture(word: str, who: str, extra: str = "") -> str:
    """A small capture whose sentences depend on ``word`` and ``who``: distinct stories, so no
    capture of the test repository is a near-duplicate of another."""
    rng = random.Random(f"{word}/{who}")
    vocab = ("residents members costs timing jobs weather repairs review money spring city officials "
             "traffic hospital teachers parents farmers drivers tenants workers visitors planners").split()
    glue = "the of and to in that with for on after before about from".split()

    def sentence() -> str:
        n = rng.randint(12, 18)
        return " ".join(rng.choice(vocab) if i % 2 == 0 else rng.choice(glue) for i in range(n)).capitalize() + "."

    paragraphs = [f"{who} approved the {word} plan on Tuesday. " + sentence()]
    if extra:
        paragraphs.append(extra)
    paragraphs += [sentence() + " " + sentence() for _ in range(2)]
    return f"{who} approves the {word} plan after a long debate\n\n" + "\n\n".join(paragraphs) + "\n"


def hook_config() -> str:
    """This project's published hook, as a local hook running this environment's script."""
    (published,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {
        key: published[key]
        for key in ("id", "name", "files", "pass_filenames", "require_serial")
        if key in published
    }
    assert published["entry"] == "clean-corpus check"
    hook.update(language="system", entry=f"{SCRIPT} check", args=["--rules", "rules"])
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False)


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"}
    env.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
    )
    return env


class Repo:
    def __init__(self, root: Path, home: Path) -> None:
        self.root = root
        self.env = env_for(home)
        self.initial = ""

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=120)

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        proc = self.run("git", *args)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "pre_commit", *args)

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        return self.run("git", "commit", "-q", "-m", message)

    def make_golden(self, name: str) -> None:
        source = f"{name}.txt"
        record = clean_file(self.root / "seeds" / source, source=source,
                            rules=load_rulebook((self.root / "rules",)))
        (self.root / "golden" / f"{name}.json").write_text(golden_json(record), encoding="utf-8")

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("captures-repo")
    home = tmp_path_factory.mktemp("home")
    r = Repo(root, home)
    r.git("init", "-q", "-b", "main")
    r.git("config", "user.name", "Hook Test")
    r.git("config", "user.email", "hook-test@example.invalid")
    r.git("config", "commit.gpgsign", "false")
    for folder in ("seeds", "golden", "rules"):
        (root / folder).mkdir()
    (root / "rules" / "generic.toml").write_text(RULES.format(pattern="^Zebra Weekly promo:"), encoding="utf-8")
    for name, (word, who) in PAPERS.items():
        extra = LIBRARY if name == "c" else ""
        (root / "seeds" / f"{name}.txt").write_text(capture(word, who, extra), encoding="utf-8")
        r.make_golden(name)
    (root / ".pre-commit-config.yaml").write_text(hook_config(), encoding="utf-8")
    r.git("add", "-A")
    r.git("commit", "-q", "--no-verify", "-m", "captures and reviewed goldens")
    installed = r.pre_commit("install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    r.initial = r.head()
    return r


@pytest.fixture
def clean_repo(repo):
    yield repo
    repo.git("reset", "-q", "--hard", repo.initial)  # every test starts from the reviewed state
    repo.git("clean", "-qfdx")


def test_clean_state_passes_all_files_and_a_commit(clean_repo):
    r = clean_repo
    proc = r.pre_commit("run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "clean-corpus check" in proc.stdout and "Passed" in proc.stdout
    # A new capture with its golden, committed through the installed git hook.
    (r.root / "seeds" / "d.txt").write_text(capture("library", "The library trust"), encoding="utf-8")
    r.make_golden("d")
    r.git("add", "-A")
    before = r.head()
    proc = r.commit("add capture d")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert r.head() != before


def test_stale_golden_blocks_the_commit_with_a_diff(clean_repo):
    r = clean_repo
    path = r.root / "golden" / "a.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["title"] = "An old headline"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    r.git("add", "golden/a.json")
    before = r.head()
    proc = r.commit("stale golden")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "Failed" in out
    assert "golden/a.json: [stale-golden] differs from the cleaned capture in title" in out
    assert '    - "An old headline"' in out
    assert r.head() == before


def test_missing_golden_fails(clean_repo):
    r = clean_repo
    (r.root / "seeds" / "d.txt").write_text(capture("tunnel", "The tunnel agency"), encoding="utf-8")
    r.git("add", "seeds/d.txt")
    proc = r.pre_commit("run")
    assert proc.returncode == 1
    assert "seeds/d.txt: [missing-golden] no golden record (golden/d.json)" in proc.stdout


def test_orphan_golden_fails(clean_repo):
    r = clean_repo
    shutil.copy(r.root / "golden" / "a.json", r.root / "golden" / "ghost.json")
    r.git("add", "golden/ghost.json")
    proc = r.pre_commit("run")
    assert proc.returncode == 1
    assert "golden/ghost.json: [orphan-golden] no capture" in proc.stdout


def test_invalid_utf8_capture_fails(clean_repo):
    r = clean_repo
    (r.root / "seeds" / "latin.txt").write_bytes(capture("café", "Le conseil").encode("cp1252"))
    r.git("add", "seeds/latin.txt")
    proc = r.pre_commit("run")
    assert proc.returncode == 1
    assert "seeds/latin.txt: [invalid-utf8] not valid UTF-8: byte 0xe9 at line 1" in proc.stdout


def test_duplicate_capture_fails(clean_repo):
    r = clean_repo
    shutil.copy(r.root / "seeds" / "b.txt", r.root / "seeds" / "b-copy.txt")
    r.make_golden("b-copy")
    r.git("add", "-A")
    proc = r.pre_commit("run")
    assert proc.returncode == 1
    assert "seeds/b-copy.txt: [duplicate-capture] same bytes as seeds/b.txt" in proc.stdout


def test_rule_change_checks_every_capture(clean_repo):
    r = clean_repo
    # The user's rule now drops c.txt's library line; only the rule file is staged.
    (r.root / "rules" / "generic.toml").write_text(
        RULES.format(pattern="^(?:Zebra Weekly promo:|Residents can read the full minutes)"), encoding="utf-8")
    r.git("add", "rules/generic.toml")
    proc = r.pre_commit("run")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "golden/c.json: [stale-golden] differs from the cleaned capture in text, removed" in proc.stdout
    assert f"    - {LIBRARY}" in proc.stdout
    assert "3 capture(s) cleaned, 2 match their golden" in proc.stdout
    # Updating the goldens makes the same commit pass.
    update = r.run(str(SCRIPT), "check", "--rules", "rules", "--update")
    assert update.returncode == 0 and "updated golden/c.json (text, removed)" in update.stdout
    r.git("add", "-A")
    proc = r.commit("drop the library line")
    assert proc.returncode == 0, proc.stdout + proc.stderr
