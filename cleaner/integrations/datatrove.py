"""clean-corpus as a step of a Hugging Face datatrove pipeline (local, Slurm or Ray executors).

datatrove already reads WARC/WET/JSONL/Parquet, shards work over a cluster and merges per-step
statistics; this module only adds what it lacks: our cleaning as an extractor, and a reader for
captures kept as files. ``pip install 'clean-corpus[datatrove]'``.

Executors ship steps to workers by pickling them (Slurm with dill, Ray with cloudpickle, the
local executor under fork, forkserver or spawn), so a step holds plain values only: the user
rule files travel as their text, and the rule book is built from it lazily, once per worker
process.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
    from datatrove.pipeline.readers.base import BaseDiskReader
    from datatrove.pipeline.writers.disk_base import DiskWriter
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "cleaner.integrations.datatrove needs datatrove: pip install 'clean-corpus[datatrove]'"
    ) from exc

from cleaner.decide.rulebook import RuleBook, load_rulebook, load_rulebook_from_texts, read_rule_texts
from cleaner.pipeline import clean
from cleaner.read.capture import CAPTURE_SUFFIXES, CaptureError, capture_id, decode, sniff_kind
from cleaner.record import Record, Removal

__all__ = ["CaptureReader", "CleanCorpusExtractor"]

# How ``removed`` travels in a document's metadata. Spans (rule and capture lines) answer "which
# rule took what" without repeating the page's markup; "full" is the record's own list.
REMOVED_FORMS: dict[str, Callable[[tuple[Removal, ...]], list[dict[str, Any]]] | None] = {
    "spans": lambda removed: [{"rule": r.rule, "start": r.start, "end": r.end} for r in removed],
    "full": lambda removed: [r.to_dict() for r in removed],
    "none": None,
}

# Record fields that do not go to metadata: ``text`` is the document's text, ``id`` its id, and
# ``near_duplicate_of`` is decided over a whole corpus (datatrove has its own dedup steps).
_NOT_METADATA = ("id", "text", "near_duplicate_of")

# A payload that opens with a tag is markup even without <html> (WARC responses starting with
# "<?xml ...>" or a bare "<div>"); files named .txt/.md keep the verdict ``run`` gives them.
_LEADING_TAG = re.compile(r"\s*<[A-Za-z!?]")
_TEXT_FILE_SUFFIXES = frozenset({".txt", ".text", ".md"})


def sniff(text: str, source: str | None = None) -> str:
    """``"html"`` or ``"text"`` for a document's text: ``run``'s own sniffing, then a leading tag.

    WARC responses are HTML, WET conversions and most JSONL datasets are text; a reader does not
    say which, so the payload does.
    """
    suffix = PurePosixPath(source or "").suffix.lower()
    kind = sniff_kind(text[:4096].encode("utf-8", "replace"), suffix)
    if kind == "text" and suffix not in _TEXT_FILE_SUFFIXES and _LEADING_TAG.match(text[:256]):
        return "html"
    return kind


def _rule_texts(rules: Iterable[str | Path] | Mapping[str, str]) -> dict[str, str]:
    if isinstance(rules, Mapping):
        return {str(name): str(text) for name, text in rules.items()}
    if isinstance(rules, (str, Path)):  # one folder, not its characters
        rules = [rules]
    return read_rule_texts(tuple(Path(r) for r in rules))


class CleanCorpusExtractor(BaseExtractor):
    """Clean each document as ``clean-corpus run`` cleans a capture; the record goes to metadata.

    ``rules``: the user's rule folders (read now, on the machine that builds the pipeline) or a
    mapping of rule file name to text. ``timeout``: seconds per document, in datatrove's extractor
    sandbox (a child process that is replaced after a timeout; its start-up counts against the
    same budget, as for datatrove's own extractors). ``removed``: ``"spans"`` (rule, start, end),
    ``"full"`` (with the removed text, as in a record) or ``"none"``. ``kind``: ``"html"`` or
    ``"text"`` to skip sniffing. Dropped documents (capture errors, timeouts, empty text) go to
    ``exclusion_writer`` when given, with ``filter_reason`` set, as datatrove's filters do.
    """

    name = "🧹 clean-corpus"

    def __init__(
        self,
        rules: Iterable[str | Path] | Mapping[str, str] = (),
        timeout: float = 10.0,
        removed: str = "spans",
        kind: str | None = None,
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__(timeout)
        if removed not in REMOVED_FORMS:
            raise ValueError(f"removed must be one of {sorted(REMOVED_FORMS)}, not {removed!r}")
        if kind not in (None, "html", "text"):
            raise ValueError(f"kind must be 'html', 'text' or None, not {kind!r}")
        self.rule_texts = _rule_texts(rules)
        if self.rule_texts:
            load_rulebook_from_texts(self.rule_texts)  # a broken rule file fails here, not on a worker
        self.removed = removed
        self.kind = kind
        self.exclusion_writer = exclusion_writer

    def rulebook(self) -> RuleBook:
        """The rule book for this step, built once per process from the texts it carries."""
        return load_rulebook_from_texts(self.rule_texts) if self.rule_texts else load_rulebook()

    def clean_one(
        self,
        text: str,
        kind: str | None = None,
        url: str | None = None,
        source: str | None = None,
        doc_id: str | None = None,
    ) -> Record | tuple[str, str]:
        """One capture's record, or ``(reason, one-line message)`` when there is none.

        Runs in the sandbox's child process: what it returns is pickled back, and an exception
        would kill the child, so failures come back as values (``capture_error`` for what ``run``
        refuses, ``clean_error`` for a bug). The text gets the checks ``run`` gives a file's bytes
        (binary, control characters, empty), so ``extract("")`` (datatrove's warm-up) is a
        refusal, not an error.
        """
        rules = self.rulebook()  # first, so that the warm-up builds it
        where = source or doc_id or "<document>"
        try:
            text, _ = decode(text.encode("utf-8", "surrogatepass"), path=where)
            return clean(text, source=source, kind=kind or sniff(text, source), id=doc_id, url=url, rules=rules)
        except CaptureError as exc:
            return ("capture_error", str(exc))
        except Exception as exc:  # a bug must not cost the rest of the shard
            return ("clean_error", f"{where}: internal error: {type(exc).__name__}: {exc}")

    def extract(self, text: str) -> str:
        """The cleaned text alone (datatrove's extractor interface); "" for an unusable capture."""
        result = self.clean_one(text, self.kind)
        return result.text if isinstance(result, Record) else ""

    def _job(self, doc: Document) -> tuple[str, str | None, str | None, str, str]:
        url = doc.metadata.get("url")
        source = doc.metadata.get("source") or url or doc.id
        return (doc.text, self.kind, url, str(source), str(doc.id))

    def _metadata(self, record: Record) -> dict[str, Any]:
        fields = record.to_dict()
        for key in _NOT_METADATA:
            del fields[key]
        form = REMOVED_FORMS[self.removed]
        if form is None:
            del fields["removed"]
        else:
            fields["removed"] = form(record.removed)
        return fields

    def _count(self, record: Record, text_in: str) -> None:
        """Statistics that add up over a cluster run's ``stats.json``: per rule, the lines of
        text it removed (``n`` = documents it removed from; lines of the removed text, not of the
        capture, so an HTML page's one-line markup does not hide them), per site set, bytes."""
        lines: Counter[str] = Counter()
        for removal in record.removed:
            lines[removal.rule] += removal.text.count("\n") + 1 if removal.text else 0
        for rule, count in sorted(lines.items()):
            self.stat_update(f"rule:{rule}", value=count)
        self.stat_update(f"site:{record.site or '(generic)'}")
        self.stat_update("lines_removed", value=sum(lines.values()))
        self.stat_update("bytes_in", value=len(text_in.encode("utf-8", "surrogatepass")), unit="doc")
        self.stat_update("bytes_out", value=len(record.text.encode("utf-8")), unit="doc")

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """BaseExtractor's loop (sandbox, timeout, per-document timing), with the whole record kept."""
        writer_context = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer_context as writer, ExtractorSandbox(timeout=self.timeout, warmup_text="") as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                reason, detail = None, ""
                with self.track_time():
                    try:
                        result = sandbox.process_document(self._job(doc), self.clean_one)
                    except TimeoutError:
                        reason, detail = "timeout", f"took longer than {self.timeout} s"
                    except EOFError:
                        reason, detail = "broken_process", "the cleaning process died"
                    except Exception as exc:  # a bug must not cost the rest of the shard
                        reason, detail = "clean_error", f"{type(exc).__name__}: {exc}"
                if reason is None:
                    if not isinstance(result, Record):
                        reason, detail = result
                    elif not result.text:
                        self._count(result, doc.text)
                        reason, detail = "empty_text", "no article text left"
                if reason is not None:
                    self._drop(doc, reason, detail, writer, rank)
                    continue
                self._count(result, doc.text)
                doc.text = result.text
                doc.metadata.update(self._metadata(result))
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc

    def _drop(self, doc: Document, reason: str, detail: str, writer: DiskWriter | None, rank: int) -> None:
        self.stat_update(StatHints.dropped, reason)
        if reason != "empty_text":
            logger.warning(f"clean-corpus: {doc.id}: {reason}: {detail}")
        if writer is not None:
            doc.metadata["filter_reason"] = reason
            doc.metadata["filter_detail"] = detail
            writer.write(doc, rank)


class CaptureReader(BaseDiskReader):
    """One document per capture file (``.txt``, ``.text``, ``.md``, ``.html``, ``.htm``).

    Files are decoded as ``run`` decodes them (UTF-8 first, else detected); the document's id is
    the record id ``run`` gives (the file name without extension) and ``metadata["source"]`` the
    path relative to ``data_folder``, so the step's records match ``run``'s. Unusable files are
    counted (``capture_error``) and logged. Without ``glob_pattern``, hidden files and other
    suffixes are skipped, as ``run`` skips them when walking a folder.
    """

    name = "📄 Captures"

    def __init__(
        self,
        data_folder: Any,
        glob_pattern: str | None = None,
        *,
        paths_file: Any = None,
        limit: int = -1,
        skip: int = 0,
        file_progress: bool = False,
        doc_progress: bool = False,
        default_metadata: dict[str, Any] | None = None,
        recursive: bool = True,
        shuffle_files: bool = False,
    ) -> None:
        super().__init__(
            data_folder,
            paths_file=paths_file,
            limit=limit,
            skip=skip,
            file_progress=file_progress,
            doc_progress=doc_progress,
            default_metadata=default_metadata,
            recursive=recursive,
            glob_pattern=glob_pattern,
            shuffle_files=shuffle_files,
        )

    def read_file(self, filepath: str) -> DocumentsPipeline:
        path = PurePosixPath(filepath)
        if self.glob_pattern is None and (
            path.suffix.lower() not in CAPTURE_SUFFIXES or any(part.startswith(".") for part in path.parts)
        ):
            return
        with self.track_time():
            with self.data_folder.open(filepath, "rb") as file:
                data = file.read()
            try:
                text, _ = decode(data, path=filepath)
            except CaptureError as exc:
                self.stat_update("capture_error")
                logger.warning(f"clean-corpus: {exc}")
                return
            document = self.get_document_from_dict(
                {"text": text, "id": capture_id(Path(path.name)), "source": filepath}, filepath, 0
            )
        if document:
            yield document
