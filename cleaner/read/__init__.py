"""Stage 1, read: bytes of a capture -> decoded text, with the reason when it cannot be read."""
