"""``python -m cleaner.cli``: the same as the ``clean-corpus`` command."""

from cleaner.cli import main

raise SystemExit(main())
