"""README's Spark / Beam / Ray Data recipes, run from README itself, and the rule book from texts.

Spark, Beam and Ray Data are not installed here: what is tested is each recipe's function as the
README shows it (the engine lines are left out), after a cloudpickle round trip as the engines
ship it, against ``cleaner.clean`` on the same page.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cleaner
from cleaner.decide.rulebook import builtin_rules_dir

from .cluster_pages import html_page

ROOT = Path(__file__).resolve().parent.parent
PAGES = [(f"https://news.example/{i}", html_page(i)) for i in range(3)]


def recipe_functions() -> dict:
    """The functions of the python blocks of README's "On a cluster" section, with the imports of
    ``cleaner`` they use; imports of the engines and the lines that call them are left out."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## On a cluster\n", 1)[1].split("\n## ", 1)[0]
    namespace: dict = {"__name__": "recipes"}
    for block in section.split("```python\n")[1:]:
        tree = ast.parse(block.split("\n```", 1)[0])
        keep = [node for node in tree.body
                if isinstance(node, ast.FunctionDef)
                or (isinstance(node, ast.Import) and all(a.name == "cleaner" for a in node.names))]
        exec(compile(ast.Module(body=keep, type_ignores=[]), "README.md", "exec"), namespace)  # noqa: S102
    return {name: f for name, f in namespace.items() if callable(f) and name.startswith("clean_")}


def expected(url: str, html: str) -> str:
    return cleaner.clean(html, kind="html", url=url).to_json()


def run_spark(clean_partition) -> list[str]:
    return list(clean_partition(iter(PAGES)))


def run_beam(clean_page) -> list[str]:
    return [clean_page({"url": url, "html": html}) for url, html in PAGES]


def run_ray_data(clean_batch) -> list[str]:
    np = pytest.importorskip("numpy", reason="numpy not installed (Ray Data's batch format)")
    batch = {"url": np.array([u for u, _ in PAGES]), "html": np.array([h for _, h in PAGES], dtype=object)}
    out = clean_batch(batch)
    assert list(out["text"]) == [cleaner.clean(html, kind="html", url=url).text for url, html in PAGES]
    return list(out["record"])


RECIPES = {"clean_partition": run_spark, "clean_page": run_beam, "clean_batch": run_ray_data}


def test_readme_has_the_three_recipes():
    assert set(recipe_functions()) == set(RECIPES)


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_recipe_gives_the_records_clean_gives(name: str):
    assert RECIPES[name](recipe_functions()[name]) == [expected(url, html) for url, html in PAGES]


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_recipe_works_after_a_cloudpickle_round_trip(name: str):
    """As an engine ships it: pickled by value on the driver, unpickled on a worker."""
    cloudpickle = pytest.importorskip("cloudpickle", reason="cloudpickle not installed: pip install -e '.[datatrove-test]'")
    shipped = cloudpickle.loads(cloudpickle.dumps(recipe_functions()[name]))
    assert RECIPES[name](shipped) == [expected(url, html) for url, html in PAGES]


def test_clean_pickles_by_reference():
    import pickle

    assert pickle.loads(pickle.dumps(cleaner.clean)) is cleaner.clean


def test_rule_book_from_texts_is_the_book_from_folders(tmp_path: Path):
    mine = tmp_path / "mine"
    (mine / "sites").mkdir(parents=True)
    (mine / "sites" / "gazette.toml").write_text(
        (builtin_rules_dir() / "sites" / "fortune.com.toml").read_text("utf-8").replace(
            'id = "fortune.com"', 'id = "gazette.example"', 1), encoding="utf-8")
    (mine / "generic.toml").write_text(
        '[ruleset]\nid = "generic"\n\n[[rules]]\nid = "mine"\nreason = "A test rule."\n'
        "pattern = '^Read the gazette'\ndrops = [\"Read the gazette daily\"]\n", encoding="utf-8")
    texts = cleaner.read_rule_texts((mine,))
    assert list(texts) == [str(mine.resolve() / "generic.toml"), str(mine.resolve() / "sites" / "gazette.toml")]
    from_texts = cleaner.load_rulebook_from_texts(texts)
    assert from_texts == cleaner.load_rulebook((mine,))
    assert from_texts.generic.rules[-1].qualified_id == "generic/mine"
    assert from_texts.sites[0].id == "gazette.example"  # a user's site set is tried first


def test_rule_text_errors_name_the_file():
    with pytest.raises(cleaner.RuleError, match=r"^sites/x\.toml: not valid TOML"):
        cleaner.load_rulebook_from_texts({"sites/x.toml": "[ruleset\n"})
    with pytest.raises(cleaner.RuleError, match=r"^a\.toml:1: unknown top-level key 'x'"):
        cleaner.load_rulebook_from_texts({"a.toml": "x = 1\n"})
    with pytest.raises(cleaner.RuleError, match=r"^b\.toml:1: needs a \[ruleset\] table"):
        cleaner.load_rulebook_from_texts({"b.toml": "[[rules]]\nid = 'r'\n"})
