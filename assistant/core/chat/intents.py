"""The intents of a chat line (router.py decides which; answers/ answers each)."""

from __future__ import annotations

from enum import StrEnum


class Intent(StrEnum):
    MISSING = "missing"
    PAGES = "pages"
    GUIDANCE = "guidance"
    BUDGET = "budget"
    EXAMPLES = "examples"
    NAVIGATE = "navigate"
    EXPLAIN = "explain"
    SHORTEN = "shorten"
    HELP = "help"
    SEARCH = "search"
    UNKNOWN = "unknown"
