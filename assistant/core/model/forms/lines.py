"""Finding the line of a key in a form file's TOML text, so every message can name it."""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]  # ("headings", 3, "guidance")

_ARRAY_TABLE_RE = re.compile(r"^\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_RE = re.compile(r"^\[\s*([^\]]+?)\s*\]")


def locate_line(text: str, path: KeyPath) -> int | None:
    """The 1-based line where `path` (e.g. ("headings", 3, "guidance")) is defined in TOML text.

    tomllib reports only syntax errors with positions; for a wrong value we find the line
    ourselves so that the message can name it. Heuristic, but exact for hand-written forms:
    a key not found falls back to the line of its table.
    """
    if not path:
        return None
    table: KeyPath = ()
    counters: dict[str, int] = {}
    want_table = tuple(path[:-1])
    key = path[-1]
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if m := _ARRAY_TABLE_RE.match(line):
            name = m.group(1)
            counters[name] = counters.get(name, -1) + 1
            table = (*name.split("."), counters[name])
            if table == tuple(path):
                return number
            continue
        if m := _TABLE_RE.match(line):
            table = tuple(s.strip().strip('"') for s in m.group(1).split("."))
            if table == tuple(path):
                return number
            continue
        if (
            isinstance(key, str)
            and table == want_table
            and re.match(rf'^(?:#\s*TODO\s+)?"?{re.escape(key)}"?\s*=', line)
        ):
            return number  # a key the writer has yet to fill in is at its `# TODO key = …` line
    if len(path) > 1:
        return locate_line(text, path[:-1])
    return None


def syntax_error_line(message: str) -> int | None:
    """The line tomllib names in a syntax error ("Invalid value (at line 2, column 8)")."""
    m = re.search(r"at line (\d+)", message)
    return int(m.group(1)) if m else None


def dotted(path: KeyPath) -> str:
    """("headings", 3, "key") -> "headings[3].key"."""
    return ".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "[")
