"""Start-up cost: what a command imports, and the import-time tables kept small.

``clean-corpus --help`` must not load the pipeline, each command loads its own module only, and
no run imports datasketch/scipy. Checked in a fresh interpreter, since this one has imported
everything already.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from cleaner import cli
from cleaner.segment import html_blocks

HEAVY = ("cleaner.pipeline", "cleaner.decide.engine", "lxml", "ftfy", "numpy", "datasketch", "scipy")


def modules_after(code: str) -> set[str]:
    """Modules loaded by a fresh interpreter after running ``code`` (stdout/exit ignored)."""
    probe = (
        "import sys, contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        f"        {code}\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('\\n'.join(sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_help_loads_no_command_module_and_no_pipeline():
    loaded = modules_after("from cleaner.cli import main; main(['--help'])")
    assert "cleaner.cli" in loaded
    assert not loaded & set(HEAVY)
    assert not {m for m in loaded if m.startswith("cleaner.cli.")}


def test_a_command_loads_only_its_own_module():
    loaded = modules_after("from cleaner.cli import main; main(['rules', '--help'])")
    assert {m for m in loaded if m.startswith("cleaner.cli.")} == {"cleaner.cli.rules"}


def test_import_cleaner_is_lazy_and_its_names_still_resolve():
    assert "cleaner.pipeline" not in modules_after("import cleaner")
    import cleaner

    for name in cleaner.__all__:
        assert getattr(cleaner, name) is not None
    assert set(cleaner.__all__) <= set(dir(cleaner))


def test_summaries_in_the_table_are_what_each_command_registers():
    # --help lists the table's summaries without importing the modules; they must not drift.
    def listed(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return [(a.dest, a.help) for a in sub._choices_actions]

    assert listed(cli.build_parser()) == listed(cli.build_parser(""))
    assert listed(cli.build_parser()) == list(cli.COMMANDS.items())
    assert cli.build_parser().format_help() == cli.build_parser("").format_help()


def test_no_whitespace_above_the_bound_the_html_walk_scans():
    above = [hex(c) for c in range(html_blocks.SPACE_MAX + 1, sys.maxunicode + 1) if chr(c).isspace()]
    assert above == []


def test_run_on_one_capture_loads_no_numpy_and_two_do(tmp_path):
    # One record has nothing to be a near-duplicate of, so the index (numpy) is never loaded.
    story = "".join(
        f"The council said on day {n} that the bridge over the river would open in the spring, "
        f"after {n + 2} months of work that closed the road to traffic and cost more than planned.\n\n"
        for n in range(8)
    )
    (tmp_path / "a.txt").write_text("Bridge to open\n\n" + story, encoding="utf-8")
    one = f"from cleaner.cli import main; main(['run', {str(tmp_path / 'a.txt')!r}, '-o', {str(tmp_path / 'o.jsonl')!r}])"
    loaded = modules_after(one)
    assert "cleaner.pipeline" in loaded
    assert not loaded & {"numpy", "datasketch", "scipy", "cleaner.corpus.minhash"}
    (tmp_path / "b.txt").write_text("Bridge to open soon\n\n" + story, encoding="utf-8")
    two = f"from cleaner.cli import main; main(['run', {str(tmp_path)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}])"
    assert {"numpy", "cleaner.corpus.minhash"} <= modules_after(two)
    assert '"near_duplicate_of":"a"' in (tmp_path / "o.jsonl").read_text(encoding="utf-8").replace(" ", "")


# What only HTML captures or worker pools need: a run over text dumps must not pay for it.
HTML_STAGE = {"lxml", "lxml.etree", "cssselect", "cleaner.segment.html_blocks", "cleaner.segment.html_meta",
              "cleaner.segment.html_limits"}
POOL = {"concurrent.futures.process", "multiprocessing"}


def test_importing_the_detector_table_loads_no_detector():
    loaded = modules_after("import cleaner.decide.detectors")
    assert not {m for m in loaded if m.startswith("cleaner.decide.detectors.")}


def test_every_detector_in_the_table_resolves_to_its_code_and_parameters():
    from cleaner.decide.detectors import DETECTORS
    from cleaner.decide.params import NoParams

    for name, detector in DETECTORS.items():
        assert callable(detector.run), name
        assert detector.doc, name  # SCHEMA.md shows it
        assert detector.params is NoParams or detector.params.__dataclass_params__.frozen, name


def test_run_on_text_loads_no_html_stage_no_pool_and_no_charset_guessing(tmp_path):
    (tmp_path / "a.txt").write_text("Bridge to open\n\nThe council said the bridge would open in the spring.\n",
                                    encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><article><p>The council said the bridge would open in the "
                                     "spring, after a year of work.</p></article></body></html>", encoding="utf-8")
    run = "from cleaner.cli import main; main(['run', {!r}, '-o', {!r}, '-j', '1'])"
    loaded = modules_after(run.format(str(tmp_path / "a.txt"), str(tmp_path / "o.jsonl")))
    assert "cleaner.decide.detectors.header" in loaded  # the text detectors did run
    assert not loaded & (HTML_STAGE | POOL | {"charset_normalizer"})
    # ... and the first HTML capture brings the HTML stage in.
    assert {"lxml.etree", "cleaner.segment.html_blocks"} <= modules_after(
        run.format(str(tmp_path / "b.html"), str(tmp_path / "o.jsonl")))


def test_the_wide_character_class_is_every_character_above_u10ff():
    from cleaner.segment import layout

    assert [c for c in range(sys.maxunicode + 1)
            if bool(layout._MAYBE_WIDE.match(chr(c))) != (c >= 0x1100)] == []


def test_run_on_plain_text_imports_no_ftfy_and_no_dateutil(tmp_path):
    # ftfy (with wcwidth) and dateutil were a third of a one-file run's instructions: a capture
    # ftfy would leave alone (curly quotes are no mojibake) and without a date to parse never
    # imports them; the first paragraph ftfy may change, and the first date line, do.
    (tmp_path / "a.txt").write_text("Bridge to open\n\nBy Jane Example\n\nThe council said the “new” bridge "
                                    "would open in the spring, after a year of work.\n", encoding="utf-8")
    run = "from cleaner.cli import main; main(['run', {!r}, '-o', {!r}])"
    loaded = modules_after(run.format(str(tmp_path / "a.txt"), str(tmp_path / "o.jsonl")))
    assert "cleaner.decide.detectors.header" in loaded
    assert not loaded & {"ftfy", "wcwidth", "dateutil", "dateutil.parser", "zoneinfo", "hashlib"}
    (tmp_path / "b.txt").write_text("Bridge to open\n\nBy Jane Example\n\nMarch 3, 2025 10:30 AM\n\nThe council said "
                                    "the cafÃ© by the bridge would open in the spring, after a year of work.\n",
                                    encoding="utf-8")
    loaded = modules_after(run.format(str(tmp_path / "b.txt"), str(tmp_path / "o.jsonl")))
    assert {"ftfy", "dateutil.parser"} <= loaded
    assert '"published":"2025-03-03"' in (tmp_path / "o.jsonl").read_text(encoding="utf-8").replace(" ", "")
    assert "café" in (tmp_path / "o.jsonl").read_text(encoding="utf-8")
