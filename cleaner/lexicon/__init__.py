"""Reading what news pages print about a story: names, agencies, roles, credits and dates.

The word tables (``rules/tables/*.toml``, ``tables``) and the parsers built on them
(``bylines``, ``credits``, ``dates``) are used by both stages: the decide stage's detectors
(header, reader, credit lines) and its ``spares`` ask whether a line *is* a byline, a date or a
credit, and the extract stage (``cleaner.extract``) turns the lines kept for it into record
fields. Kept here, beside both, so that neither stage reaches into the other.
"""
