"""`python -m assistant.core.reuse.library --rebuild-builtin SOURCES`: see builtin.py."""

from assistant.core.reuse.library.builtin import main

raise SystemExit(main())
