"""Normalizers: pure functions that turn the strings rules picked out into record fields.

They never see the capture or its blocks, only strings, so each can be tested on a table of
real-world forms (``tests/data/*.tsv``).
"""
