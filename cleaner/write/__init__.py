"""Stage 6, write: records out, atomically."""
