"""`python -m assistant.core.reuse.library --rebuild-builtin SOURCES`: see builtin.py."""

from assistant.core.reuse.library.builtin import main

if __name__ == "__main__":  # importing every module (as the architecture test does) must not run it
    raise SystemExit(main())
