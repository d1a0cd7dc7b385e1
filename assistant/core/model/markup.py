"""The draft's lightweight markup, parsed once into blocks that the exporter and the page
estimate both use, so the estimate lays out exactly what the exporter writes.

    Paragraphs are separated by blank lines; the lines of one paragraph are joined by a space.
    - item / * item / • item     bullets (indent two spaces for a second level)
    1. item / 1) item            numbered list (consecutive items form one list)
    ### Subheading               subheading
    **bold**, *italic*, _italic_ inline emphasis
    cells<TAB>separated<TAB>...  a table row; consecutive rows form one table
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# XML 1.0 allows only \t \n \r, U+0020–U+D7FF, U+E000–U+FFFD and the astral planes; anything
# else (NUL, vertical tab, lone surrogates, U+FFFE/FFFF) makes Word and python-docx refuse the file.
_XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)[-*•][ \t]+(?P<text>.*)$")
_NUMBER_RE = re.compile(r"^(?P<indent>[ \t]*)\d{1,3}[.)][ \t]+(?P<text>.*)$")
_SPACES_RE = re.compile(r"[ \t\n]+")
_HEADING_RE = re.compile(r"^[ \t]*#{3,6}[ \t]+(?P<text>.*)$")  # the text's trailing " \t#" stripped after:
# a lazy text before `[ \t#]*$` was quadratic on a line of many spaces (8 000 took 0.6 s)
# Emphasis: the marker must hug the text (`* a *` is not emphasis) and `_` must stand at a
# word boundary so snake_case names and e-mail addresses stay as they are.
_INLINE_RE = re.compile(
    r"\*\*(?P<bold>(?=\S).+?(?<=\S))\*\*"
    r"|(?<![*\w])\*(?P<star>(?=[^\s*]).*?(?<=[^\s*]))\*(?![*\w])"
    r"|(?<![_\w])_(?P<under>(?=[^\s_]).*?(?<=[^\s_]))_(?![_\w])"
)


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (so any draft text can go into a .docx)."""
    return _XML_FORBIDDEN.sub("", text)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph-level element.

    kind: 'paragraph' | 'bullet' | 'number' | 'heading' | 'table'.
    level: list nesting (1–2) for bullets and numbers, 3 for subheadings, else 1.
    rows: for tables, rows of cells, each cell a tuple of runs.
    """

    kind: str
    runs: tuple[Run, ...] = ()
    level: int = 1
    rows: tuple[tuple[tuple[Run, ...], ...], ...] = ()

    @property
    def text(self) -> str:
        if self.kind == "table":
            return "\n".join("\t".join("".join(r.text for r in cell) for cell in row) for row in self.rows)
        return "".join(r.text for r in self.runs)


def parse_inline(text: str, *, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Split text into runs at **bold**, *italic* and _italic_ markers; unmatched markers stay."""
    if "*" not in text and "_" not in text:
        return (Run(text, bold, italic),) if text else ()
    runs: list[Run] = []
    pos = 0
    for m in _INLINE_RE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()], bold, italic))
        if m.group("bold") is not None:
            runs.extend(parse_inline(m.group("bold"), bold=True, italic=italic))
        else:
            inner = m.group("star") if m.group("star") is not None else m.group("under")
            runs.extend(parse_inline(inner, bold=bold, italic=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic))
    return tuple(_merge(runs))


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic)
        else:
            out.append(run)
    return out


def _list_level(indent: str) -> int:
    width = len(indent.replace("\t", "    "))
    return 2 if width >= 2 else 1


def _squeeze(text: str) -> str:
    """Collapse ordinary spaces; non-breaking spaces (in amounts like 1 373 334) stay."""
    if "  " in text or "\t" in text or "\n" in text:
        text = _SPACES_RE.sub(" ", text)
    return text.strip(" ")


def _inline_block(kind: str, text: str, level: int = 1) -> Block:
    return Block(kind, parse_inline(_squeeze(text)), level)


def parse_blocks(text: str) -> list[Block]:
    """The blocks of one section's text, in order. Never fails: anything unknown is a paragraph.

    Cached by text: the page estimate re-reads every section on each keystroke, but only the
    section being edited has changed. Blocks are immutable, so sharing them is safe.
    """
    return list(_parse_blocks_cached(text))


@lru_cache(maxsize=512)
def _parse_blocks_cached(text: str) -> tuple[Block, ...]:
    return tuple(_parse_blocks(text))


def _parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    pending_kind = ""  # kind of the block whose lines are being collected
    pending_level = 1
    pending: list[str] = []
    table: list[tuple[tuple[Run, ...], ...]] = []

    def flush() -> None:
        nonlocal pending_kind, pending
        if pending_kind and " ".join(pending).strip():
            blocks.append(_inline_block(pending_kind, " ".join(pending), pending_level))
        pending_kind, pending = "", []

    def flush_table() -> None:
        nonlocal table
        if table:
            width = max(len(row) for row in table)
            rows = tuple(row + ((),) * (width - len(row)) for row in table)
            blocks.append(Block("table", rows=rows))
        table = []

    for raw in xml_safe(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if "\t" in line.strip():
            flush()
            cells = line.strip().split("\t")
            table.append(tuple(parse_inline(_squeeze(c)) for c in cells))
            continue
        flush_table()
        if not line.strip():
            flush()
            continue
        if m := _HEADING_RE.match(line):
            flush()
            text = m.group("text").rstrip(" \t#")
            if text.strip():
                blocks.append(_inline_block("heading", text, 3))
            continue
        if m := _BULLET_RE.match(line):
            flush()
            pending_kind, pending_level, pending = "bullet", _list_level(m.group("indent")), [m.group("text")]
            continue
        if m := _NUMBER_RE.match(line):
            flush()
            pending_kind, pending_level, pending = "number", _list_level(m.group("indent")), [m.group("text")]
            continue
        if not pending_kind:
            pending_kind, pending_level = "paragraph", 1
        pending.append(line.strip())
    flush()
    flush_table()
    return blocks
