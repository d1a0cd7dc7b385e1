"""What a source is read into: blocks of text, the document that holds them, and its sections.

Every reader (plain text, Word, PDF) gives a `Document` of `Block`s; `segment` groups them into
`Segment`s under the form's headings, and `blocks_to_text` writes blocks back as the draft's markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# "1. Första punkten" / "2) Andra": a numbered item that already carries its number.
NUMBERED_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")


@dataclass
class Block:
    text: str
    kind: str = "para"  # para | bullet | number | row | heading | title
    level: int = 0  # heading level from a Word style (0 = unknown)
    styled: bool = False  # a Word heading style or a bold-only line
    # Blank lines before the block in plain text: a gap tells a page break from a line wrap.
    gap_before: int = field(default=0, compare=False, repr=False)

    @property
    def is_row(self) -> bool:
        return self.kind == "row"


@dataclass
class Document:
    path: Path | None
    blocks: list[Block]
    kind: str
    warnings: list[str] = field(default_factory=list)
    data: str | None = None  # draft data embedded by an Ansökan export (TOML), if any


@dataclass
class Segment:
    key: str | None  # form/canonical key, None for text before the first heading
    heading: str  # as printed in the source
    blocks: list[Block] = field(default_factory=list)
    known: bool = True  # False: a heading the form does not know (kept with its own key)

    @property
    def text(self) -> str:
        return blocks_to_text(self.blocks)


def blocks_to_text(blocks: list[Block]) -> str:
    """The draft's lightweight markup: paragraphs split by blank lines, `- ` bullets, tab rows."""
    parts: list[str] = []
    previous_kind = None
    number = 0
    for block in blocks:
        number = number + 1 if block.kind == "number" else 0
        if block.kind == "bullet":
            line = f"- {block.text}"
        elif block.kind == "number" and not NUMBERED_RE.match(block.text):
            line = f"{number}. {block.text}"
        elif block.kind == "heading" and block.styled:
            line = f"### {block.text}"
        else:
            line = block.text
        grouped = block.kind in ("bullet", "row", "number") and previous_kind == block.kind
        if parts and not grouped:
            parts.append("")
        parts.append(line)
        previous_kind = block.kind
    return "\n".join(parts)
