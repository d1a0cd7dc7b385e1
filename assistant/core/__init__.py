"""The domain: forms, drafts, library, suggestions, budget, checks, layout and export.

Nothing in here imports the terminal UI (an import-linter contract and a test keep it so),
and nothing here writes to disk at import time.
"""
