"""clean-corpus: raw web captures in, clean article records out, every removal explained.

Library use::

    import cleaner
    record = cleaner.clean(text, source="page.txt")        # a str capture
    record = cleaner.clean_bytes(data, source="page.html")  # raw bytes: encoding detected
    print(record.to_json())
"""

from cleaner.decide.rulebook import (
    RuleBook,
    RuleError,
    load_rulebook,
    load_rulebook_from_texts,
    read_rule_texts,
)
from cleaner.pipeline import Explanation, clean, clean_bytes, clean_file, explain
from cleaner.read.capture import CaptureError
from cleaner.record import Dateline, Record, Removal

__all__ = [
    "CaptureError",
    "Dateline",
    "Explanation",
    "Record",
    "Removal",
    "RuleBook",
    "RuleError",
    "clean",
    "clean_bytes",
    "clean_file",
    "explain",
    "load_rulebook",
    "load_rulebook_from_texts",
    "read_rule_texts",
]
__version__ = "0.1.0"
