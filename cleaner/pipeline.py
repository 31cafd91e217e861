"""The whole pipeline, one direction: capture -> blocks -> rules -> body/metadata -> record.

``clean`` is the public entry point; ``explain`` runs the very same steps and keeps the
per-block decisions, so what ``clean-corpus explain`` shows is by construction what ``clean``
did. Every decision, the rules' and the extract stage's, is one ledger entry
(``cleaner.decide.ledger``); the record's ``removed`` and both explain views are read from the
replayed ledger, never from a second account of the same decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cleaner.decide.engine import apply_rulesets
from cleaner.decide.ledger import State, replay
from cleaner.decide.page import Page
from cleaner.decide.rulebook import RuleBook, RuleSet, load_rulebook
from cleaner.extract.body import build_body
from cleaner.extract.metadata import build_metadata
from cleaner.extract.normalize.text import repair
from cleaner.read.capture import (
    Capture,
    CaptureError,
    capture_id,
    decode,
    printable_name,
    read_capture,
    sniff_kind,
    source_lines,
)
from cleaner.record import Record, Removal
from cleaner.segment.blocks import split_blocks


@dataclass(frozen=True, slots=True)
class Explanation:
    """A record together with the page state that produced it (for ``explain``).

    ``state`` is the page's whole ledger (rules, then the extract stage) replayed on the
    captured blocks: the one account of what happened to each block.
    """

    record: Record
    page: Page
    source_text: str
    site: RuleSet | None
    state: State

    @property
    def lines(self) -> tuple[str, ...]:
        """The capture's lines (removal spans count them); split only when ``explain`` asks."""
        return source_lines(self.source_text)


def settle(page: Page) -> State:
    """The page's ledger replayed on its captured blocks (extract-stage trims included)."""
    return replay([block.text for block in page.blocks], page.ledger, repair)


def _removals(page: Page, state: State) -> tuple[Removal, ...]:
    """Every removal in capture order, read from the replayed ledger ``state``; runs of blocks
    dropped by one rule become one entry.

    A block that rules first trimmed and then dropped yields its trims followed by the drop of
    what was left, so each piece of text is attributed to exactly one rule.
    """
    out: list[tuple[int, int, Removal]] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            first, last = page.blocks[run[0]], page.blocks[run[-1]]
            text = "\n".join(line.strip() for i in run for line in page.blocks[i].lines if line.strip())
            out.append((first.start, 0, Removal(state.removed_by[run[0]] or "", first.start, last.end, text)))
            run.clear()

    for i, block in enumerate(page.blocks):
        rule = state.removed_by[i]
        if rule is None or state.trims[i]:
            flush()
            for order, (trim_rule, piece, _) in enumerate(state.trims[i]):
                at = block.text.find(piece)
                out.append((block.start, 1 + (at if at >= 0 else len(block.text) + order),
                            Removal(trim_rule, block.start, block.end, piece)))
            if rule is not None:
                out.append((block.start, len(block.text) + 2, Removal(rule, block.start, block.end, state.text[i])))
            continue
        if run and state.removed_by[run[-1]] != rule:
            flush()
        run.append(i)
    flush()
    out.sort(key=lambda item: (item[0], item[1]))
    return tuple(removal for _, _, removal in out)


def _host(text: str, kind: str, url: str | None) -> str | None:
    if url:
        from urllib.parse import urlsplit

        return urlsplit(url).hostname
    if kind == "html":
        from cleaner.segment import html_blocks

        return html_blocks.page_host(text)
    return None


def _run(capture: Capture, rules: RuleBook, url: str | None) -> Explanation:
    html_meta = None
    structure = None
    if capture.kind == "html":
        # The HTML stage (and lxml) is imported by the first HTML capture: text runs never pay.
        from cleaner.segment import html_blocks
        from cleaner.segment.html_limits import HtmlLimitError

        try:
            parsed = html_blocks.parse_html(capture.text)
        except HtmlLimitError as exc:  # reported with the capture's name, never cleaned short
            raise CaptureError(capture.source, str(exc)) from None
        blocks, html_meta, structure = parsed.blocks, parsed.meta, parsed.skeleton
    else:
        blocks = split_blocks(capture.text)
    page = Page(blocks, kind=capture.kind, structure=structure)
    if html_meta is not None:
        # What the page declares (meta tags, JSON-LD) comes first; header detectors add to it.
        page.fields.title = html_meta.title
        page.fields.bylines.extend(html_meta.authors)
        page.fields.dates.extend(html_meta.dates)
    # Fingerprints are text a site's pages show, so for HTML they are looked for in the visible
    # text, not in the markup (faster, and a script's string is no fingerprint).
    visible = capture.text if capture.kind == "text" else "\n".join(block.text for block in blocks)
    host = _host(capture.text, capture.kind, url)
    page.fields.outlet.extend(n for n in (host, html_meta.site_name if html_meta else None) if n)
    site = rules.site_for(visible, host)
    apply_rulesets(page, [site, rules.generic] if site else [rules.generic])
    body = build_body(page)
    page.ledger.extend(body.trims)  # the extract stage's decisions join the ledger here, and only here
    state = settle(page)
    meta = build_metadata(page.fields, body)
    record = Record(
        id=capture.id,
        source=capture.source,
        url=url or (html_blocks.page_url(capture.text) if capture.kind == "html" else None),
        site=site.id if site else None,
        title=meta.title,
        authors=meta.authors,
        agencies=meta.agencies,
        published=meta.published,
        dateline=meta.dateline,
        text="\n\n".join(p.text for p in body.paragraphs if p.text),
        removed=_removals(page, state),
    )
    return Explanation(record, page, capture.text, site, state)


def _capture_from_text(text: str, source: str | None, kind: str | None, record_id: str | None) -> Capture:
    if record_id is None:
        if source:
            record_id = capture_id(Path(PurePosixPath(source).name))
        else:
            import hashlib  # only a capture without a name needs it (OpenSSL's load is felt at start-up)

            record_id = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if kind is None:
        kind = sniff_kind(text[:4096].encode("utf-8", "replace"), PurePosixPath(source or "").suffix)
    # A name that is not UTF-8 (a file name's bytes, as os gives them) is escaped, not fatal.
    record_id = printable_name(record_id)
    return Capture(id=record_id, source=printable_name(source) if source else record_id, text=text, kind=kind)


def clean(
    text: str,
    *,
    source: str | None = None,
    kind: str | None = None,
    id: str | None = None,  # noqa: A002 - matches the record field name
    url: str | None = None,
    rules: RuleBook | None = None,
) -> Record:
    """Clean one capture given as text and return its record.

    ``source`` names the capture (the record's ``id`` is its file name without extension);
    ``kind`` is ``"text"`` or ``"html"`` (sniffed when omitted); ``url``, when known, lets a
    site rule set recognise its domain; ``rules`` defaults to the built-in rule book.
    """
    return explain(text, source=source, kind=kind, id=id, url=url, rules=rules).record


def explain(
    text: str,
    *,
    source: str | None = None,
    kind: str | None = None,
    id: str | None = None,  # noqa: A002
    url: str | None = None,
    rules: RuleBook | None = None,
) -> Explanation:
    """Like ``clean``, but keep every per-block decision for display."""
    capture = _capture_from_text(text, source, kind, id)
    return _run(capture, rules or load_rulebook(), url)


def clean_bytes(
    data: bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    rules: RuleBook | None = None,
) -> Record:
    """Clean raw capture bytes: the encoding is detected (UTF-8 first), HTML is sniffed.

    Raises ``cleaner.CaptureError`` for empty or binary input.
    """
    text, encoding = decode(data, path=source or "<bytes>")
    kind = sniff_kind(data, PurePosixPath(source or "").suffix, encoding)
    return clean(text, source=source, kind=kind, url=url, rules=rules)


def explain_file(path: Path, *, source: str | None = None, rules: RuleBook | None = None) -> Explanation:
    """Read, decode and clean one capture file, keeping the decisions."""
    capture = read_capture(path, source=source or path.name)
    return _run(capture, rules or load_rulebook(), None)


def clean_file(path: Path, *, source: str | None = None, rules: RuleBook | None = None) -> Record:
    """Read, decode and clean one capture file. Raises ``CaptureError`` for unusable files."""
    return explain_file(path, source=source, rules=rules).record
