"""`clean-corpus check`: captures against their reviewed golden records."""
