"""One module per ``clean-corpus`` sub-command; each exposes ``register(subparsers)``."""
