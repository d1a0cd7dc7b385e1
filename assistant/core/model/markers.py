"""The marker ⟦old → ?⟧ left in a draft's text where a reused passage could not be adapted.

One definition for the room that writes markers (reuse/adapt), the checks that list them and the
export that highlights them, so the three always agree on what a marker is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
# Anything still marked for the writer: on one line, at most 200 characters inside.
MARKER_RE = re.compile(r"⟦[^⟦⟧\n]{1,200}⟧")


def marker(text: str) -> str:
    """`text` marked for the writer to adapt: ⟦text → ?⟧."""
    return f"{MARK_OPEN}{text} → ?{MARK_CLOSE}"


@dataclass(frozen=True)
class Found:
    """One marker in a text: where it stands and what it says."""

    start: int
    end: int
    text: str


def find_markers(text: str) -> list[Found]:
    """Every marker in `text`, in order."""
    return [Found(m.start(), m.end(), m.group(0)) for m in MARKER_RE.finditer(text)]
