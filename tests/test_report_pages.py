"""The explain and report pages, parsed with lxml: every block once, classes that match the
record, links that land, nothing loaded from outside, bad report files refused in one line."""

from __future__ import annotations

import html
import json
from pathlib import Path

import lxml.html
import pytest

import cleaner
from cleaner.cli import main
from cleaner.report import corpus_page, explain_page
from cleaner.report.output import rule_reasons

from .conftest import SEEDS, seed_paths
from .pages import HOSTILE_TEXT, HTML_CAPTURE, REPORT, report


def _explained(name: str, text: str):
    return cleaner.explain(text, source=name)


def _cases():
    cases = [(p.name, p.read_text(encoding="utf-8")) for p in seed_paths()]
    return cases + [("ferry.html", HTML_CAPTURE), ("pool.txt", HOSTILE_TEXT)]


CASES = _cases()
IDS = [name for name, _ in CASES]


def _page(exp, rulebook=None):
    reasons = rule_reasons(rulebook) if rulebook else {}
    return lxml.html.document_fromstring(explain_page.render(exp, reasons))


def _blocks(doc):
    return doc.xpath('//main[@id="capture"]/div[contains(concat(" ", @class, " "), " blk ")]')


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_every_block_is_on_the_page_once_in_order(name, text):
    exp = _explained(name, text)
    blocks = _blocks(_page(exp))
    assert [b.get("id") for b in blocks] == [f"b{i}" for i in range(len(exp.page.blocks))]
    assert [int(b.get("data-start")) for b in blocks] == [b.start for b in exp.page.blocks]


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_block_classes_match_the_records_removals(name, text):
    """A block is drawn removed (or trimmed) exactly when the record's ``removed`` says a rule
    took it (or part of it), and it names that rule."""
    exp = _explained(name, text)
    removals = exp.record.removed
    for div in _blocks(_page(exp)):
        start, end = int(div.get("data-start")), int(div.get("data-end"))
        status = set(div.get("class").split()) & {"kept", "removed", "trimmed", "restored"}
        assert len(status) == 1
        rules = set(div.get("data-rules").split())
        covering = {r.rule for r in removals if r.start <= start and end <= r.end}
        if status == {"removed"} or status == {"trimmed"}:
            assert covering & rules, f"{name} line {start}: drawn {status} by {rules}, record says {covering}"
        elif exp.page.kind == "text":  # HTML blocks can share a source line; text blocks never do
            assert not covering, f"{name} line {start}: drawn {status}, record says removed by {covering}"
    drawn = {rule for div in _blocks(_page(exp)) if "kept" not in div.get("class").split()
             for rule in div.get("data-rules").split()}
    assert {r.rule for r in removals} <= drawn


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_internal_links_land_and_nothing_is_loaded_from_outside(name, text, rulebook):
    doc = _page(_explained(name, text), rulebook)
    ids = set(doc.xpath("//@id"))
    hrefs = doc.xpath("//@href")
    for href in hrefs:
        assert href.startswith("#") and href[1:] in ids, href
    assert not doc.xpath("//@src | //link | //img | //iframe | //object | //embed | //base")
    assert len(doc.xpath("//script[not(@type)]")) == 1  # ours, inline; the capture's markup is text
    assert doc.xpath("//script[@type]/@type") == ["application/json"]  # the reasons, data only
    assert "url(" not in "".join(doc.xpath("//style/text()"))


def test_fields_link_to_the_block_they_came_from():
    exp = _explained("pool.txt", HOSTILE_TEXT)
    doc = _page(exp)
    links = {a.text_content(): a.get("href") for a in doc.xpath('//table[@class="fields"]//a')}
    assert set(links) == {exp.record.title, "Ines Varga", "2024-06-02"}
    for href in links.values():
        block = doc.get_element_by_id(href[1:])
        assert "blk" in block.get("class")
    assert "By Ines Varga" in doc.get_element_by_id(links["Ines Varga"][1:]).text_content()
    assert "June 2, 2024" in doc.get_element_by_id(links["2024-06-02"][1:]).text_content()


def test_markup_in_a_capture_is_shown_as_text():
    doc = _page(_explained("pool.txt", HOSTILE_TEXT))
    shown = doc.get_element_by_id("L5").text_content()
    assert 'Tidal pool reopens <script>alert("x")</script> for the summer' in shown
    assert 'src="http://x.example/p.png"' in doc.get_element_by_id("L11").text_content()


def test_a_text_capture_is_shown_line_for_line():
    text = HOSTILE_TEXT.replace("\n", "\r\n", 3) + "\x07 bell\n"
    exp = _explained("pool.txt", text)
    doc = _page(exp)
    lines = exp.lines
    for n, line in enumerate(lines, start=1):
        row = doc.get_element_by_id(f"L{n}")
        assert row.xpath("string(i)") == str(n)
        assert (row.find("i").tail or "") == line.replace("\x07", "\u2407")


def test_html_capture_rows_are_numbered_by_source_line():
    exp = _explained("ferry.html", HTML_CAPTURE)
    doc = _page(exp)
    for block, div in zip(exp.page.blocks, _blocks(doc), strict=True):
        assert div.xpath("string(.//p/i)") == str(block.start)
        assert f"<{block.tag or 'text'}>" in div.text_content()


def test_rule_filter_lists_every_rule_on_the_page_and_the_reasons_are_there(rulebook):
    exp = _explained("ferry.html", HTML_CAPTURE)
    doc = _page(exp, rulebook)
    on_page = {r for div in _blocks(doc) for r in div.get("data-rules").split()}
    options = set(doc.xpath('//select[@id="f-rule"]/option/@value')) - {""}
    assert options == on_page
    reasons = rule_reasons(rulebook)
    assert on_page
    for rule in on_page:
        assert reasons[rule] in doc.get_element_by_id(f"rule-{rule}").text_content()


def test_reasons_for_hover_are_one_table_of_the_rules_on_the_page(rulebook):
    exp = _explained("ferry.html", HTML_CAPTURE)
    doc = _page(exp, rulebook)
    on_page = {r for div in _blocks(doc) for r in div.get("data-rules").split()}
    table = json.loads(doc.get_element_by_id("reasons").text)
    reasons = rule_reasons(rulebook)
    assert table == {rule: reasons[rule] for rule in on_page if rule in reasons}  # no normalize/ here


def test_a_long_why_is_printed_in_full_once():
    """A pattern rule's why is its whole regex: on a page of many menu lines, once is enough."""
    labels = "\n\n".join(("Advertisement", "Read more", "Print", "Comments", "Subscribe", "Tweet"))
    exp = _explained("labels.txt", HOSTILE_TEXT + "\n" + labels + "\n")
    long = [d for d in exp.page.why if len(d) > explain_page.WHY_MAX]
    assert len(long) > 5 and len(set(long)) < len(long)
    page = explain_page.render(exp)
    doc = lxml.html.document_fromstring(page)
    for why in set(long):
        assert page.count(html.escape(why, quote=True)) == 1
    firsts = doc.xpath('//span[starts-with(@id, "w")]/@id')
    assert firsts and {a.get("href")[1:] for a in doc.xpath('//a[@class="same"]')} <= set(firsts)


def test_explain_html_cli_writes_the_same_bytes_twice(tmp_path: Path, capsys):
    seed = seed_paths()[0]
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["explain", str(seed), "--html", str(a)]) == 0
    assert main(["explain", str(seed), "--html", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert capsys.readouterr().out == ""  # the page replaces the printout


def test_explain_html_cli_cannot_write(tmp_path: Path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["explain", str(SEEDS / seed_paths()[0].name), "--html", str(blocker / "out.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("clean-corpus explain: ") and "out.html" in err and "\n" not in err


def test_explain_html_of_a_bad_capture_is_one_line_and_writes_nothing(tmp_path: Path, capsys):
    empty, out = tmp_path / "empty.txt", tmp_path / "out.html"
    empty.write_bytes(b"")
    assert main(["explain", str(empty), "--html", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty.txt" in err
    assert not out.exists()


# --- the run report --------------------------------------------------------------------------

def _report_page(data) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(corpus_page.render(corpus_page.validate(data, "r.json")))


def test_report_draws_every_rule_site_and_bin():
    doc = _report_page(REPORT)
    bars = doc.xpath('//section[@id="rules"]//svg/g')
    assert [g.xpath("string(text[1])") for g in bars] == [
        "generic/bullet-menu", "generic/outside-main-block", "fortune.com/latest-rail", "generic/cookie-notice"]
    widths = [float(g.xpath("string(rect/@width)")) for g in bars]
    assert widths[0] > widths[1] > widths[2] > widths[3] == 0
    assert widths[1] / widths[0] == pytest.approx(90_000 / 120_000, rel=0.01)
    hist = doc.xpath('//section[@id="share"]//svg/g')
    assert [int(g.xpath("string(text)").replace(",", "")) for g in hist] == REPORT["removed_share_histogram"]["counts"]
    heights = [float(g.xpath("string(rect/@height)")) for g in hist]
    assert heights.index(max(heights)) == 5
    sites = doc.xpath('//section[@id="sites"]//svg/g/text[1]/text()')
    assert sites == ["(generic)", "fortune.com"]
    failures = doc.xpath('//section[@id="failures"]//tbody/tr')
    assert [tr.xpath("string(td[2])") for tr in failures] == [f["reason"] for f in REPORT["failures"]]
    slowest = doc.xpath('//section[@id="slowest"]//tbody/tr/td[1]/code/text()')
    assert slowest == ["captures/big.html", "captures/long.txt"]
    assert not doc.xpath("//script | //@src | //link | //img")
    assert all(h.startswith("#") for h in doc.xpath("//@href"))


def test_report_says_when_failures_were_capped_and_when_a_section_is_missing():
    doc = _report_page(report(failures_total=5000, slowest=None))
    assert "2 of 5,000 shown" in doc.get_element_by_id("failures").text_content()
    assert "no slowest" in doc.get_element_by_id("slowest").text_content()
    assert doc.xpath('//section[@id="figures"]//tr[th="failures"]/td/text()') == ["5,000"]


def test_report_ignores_keys_it_does_not_know():
    doc = _report_page(report(workers=4, new_section={"x": 1}))
    assert doc.get_element_by_id("rules") is not None


@pytest.mark.parametrize(("content", "reason"), [
    (b"{not json", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[]", "a JSON object is expected"),
    (json.dumps(report(format="clean-corpus-report/9")).encode(), "format is 'clean-corpus-report/9'"),
    (json.dumps(report(rules=[1, 2])).encode(), "'rules' must be an object"),
    (json.dumps(report(rules={"generic/x": {"lines": "many", "captures": 1}})).encode(), "'rules[generic/x].lines'"),
    (json.dumps(report(captures_in=True)).encode(), "'captures_in' must be an integer"),
    (json.dumps(report(failures=[{"source": "a"}])).encode(), "'failures[0].reason' must be a string"),
    (json.dumps(report(removed_share_histogram={"edges": [0, 1], "counts": [1, 2]})).encode(), "one more than"),
    (json.dumps(report(sites={"a.com": 1.5})).encode(), "'sites[a.com]' must be an integer"),
])
def test_a_bad_report_is_one_line_naming_the_file_and_nothing_is_written(tmp_path: Path, capsys, content, reason):
    src, out = tmp_path / "report.json", tmp_path / "report.html"
    src.write_bytes(content)
    assert main(["report", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"clean-corpus report: {src}: ") and reason in err
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_report_cli_missing_file(tmp_path: Path, capsys):
    assert main(["report", str(tmp_path / "none.json"), "-o", str(tmp_path / "r.html")]) == 2
    assert "none.json: cannot read" in capsys.readouterr().err


def test_report_cli_writes_a_page(tmp_path: Path):
    src, out = tmp_path / "report.json", tmp_path / "report.html"
    src.write_text(json.dumps(REPORT), encoding="utf-8")
    assert main(["report", str(src), "-o", str(out)]) == 0
    doc = lxml.html.document_fromstring(out.read_bytes())
    assert doc.xpath("string(//title)") == "clean-corpus report: report.json"
    assert "<script>alert(1)</script>" in doc.get_element_by_id("failures").text_content()
