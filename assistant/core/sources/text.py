"""Cleaning converted text into blocks: decoding, HTML remnants, tables, broken lines.

The sources are real and messy: PDF-conversion leftovers, HTML fragments (`<p>`, `<ul>`, `<i>`),
tabs for table cells, one table cell per line, broken lines and page-break gaps. Tables come as
tab rows, Markdown pipe tables or HTML tables; all three become rows of tab-separated cells,
the shape the budget reader and the draft's markup know. Nothing here executes the text; every
line is bounded.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from assistant.core.errors import DocumentError
from assistant.core.sources.blocks import NUMBERED_RE, Block

MAX_LINE = 20_000

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
BULLET_RE = re.compile(r"^\s*(?:[•\u2022\u25cf\u25aa\uf0b7]\s*|[\u2013\u2014*-]\s+|o\s+)")  # "*kursiv*" is no bullet
# A Markdown heading: "## 2. Bakgrund", "# Projekt Nya vägar", "## Mål {#mal}" (a draft's own key).
_ATX_RE = re.compile(r"^#{1,6}(?=[ \t])")
_ATX_TAIL_RE = re.compile(r"[ \t]*(?:\{#[A-Za-z][\w-]*\}|#+)?[ \t]*$")
_HEADING_NUMBER_RE = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+\S")
_END_PUNCT = ".!?:;)”\"'»"

# An item in a `clean_text` line list: a line, or the cells of a one-cell-per-line table row.
_Item = str | list[str]


def decode_text(raw: bytes, where: Path | str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError("kan inte läsas som UTF-16", "cannot be read as UTF-16", where=where) from None
    sample = raw[:65536]
    if sample.count(b"\x00") > len(sample) // 100 + 1:
        raise DocumentError(
            "är en binärfil, inte ett textdokument", "is a binary file, not a text document", where=where
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Swedish Windows text files are often cp1252; accept them only if they decode cleanly.
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentError(
            "är varken UTF-8 eller Windows-1252; spara filen som UTF-8",
            "is neither UTF-8 nor Windows-1252; save the file as UTF-8",
            where=where,
        ) from None
    if sum(1 for ch in text if ch in "åäöÅÄÖ") == 0 and re.search(r"[\x80-\x9f]", text):
        raise DocumentError(
            "teckenkodningen känns inte igen; spara filen som UTF-8",
            "unknown character encoding; save the file as UTF-8",
            where=where,
        )
    return text


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _CONTROL_RE.sub("", line)
    line = line.replace("\u200b", "").replace("\ufeff", "")
    return line[:MAX_LINE]


def numbered_heading(text: str) -> bool:
    return bool(_HEADING_NUMBER_RE.match(text)) and len(text) < 120


def classify(line: str) -> Block:
    """A plain line as a bullet, a numbered item or a paragraph."""
    stripped = line.strip()
    if BULLET_RE.match(stripped) and len(stripped) > 2 and not re.match(r"^-?\d", stripped):
        return Block(BULLET_RE.sub("", stripped, count=1).strip(), "bullet")
    if NUMBERED_RE.match(stripped):
        return Block(stripped, "number")
    return Block(stripped, "para")


_HTML_ROW_RE = re.compile(r"<\s*tr(?:\s[^<>]{0,300})?>(.*?)(?=<\s*tr[\s>]|<\s*/\s*table\s*>|\Z)", re.I | re.S)
_HTML_CELL_RE = re.compile(r"<\s*t[dh](?:\s[^<>]{0,300})?>", re.I)
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,300}>")


def _html_rows(text: str) -> str:
    """`<tr><td>Personal</td><td>100 000</td></tr>` -> a line of tab-separated cells."""

    def row(match: re.Match[str]) -> str:
        cells = _HTML_CELL_RE.split(match.group(1))[1:]
        texts = [" ".join(_TAG_RE.sub(" ", cell).split()) for cell in cells]
        return "\n" + "\t".join(texts) + "\n" if cells else "\n"

    return _HTML_ROW_RE.sub(row, text)


def _strip_html(text: str) -> str:
    """Turn HTML fragments into lines: paragraphs and list items become their own lines."""
    if "<" not in text:
        return text
    text = _html_rows(text)
    text = re.sub(r"<\s*(?:i|em)\s*>(.*?)<\s*/\s*(?:i|em)\s*>", r"*\1*", text, flags=re.I | re.S)
    text = re.sub(r"<\s*(?:b|strong)\s*>(.*?)<\s*/\s*(?:b|strong)\s*>", r"**\1**", text, flags=re.I | re.S)

    def list_items(match: re.Match[str]) -> str:
        inner = match.group(1)
        items = re.split(r"\s*(?:•|<\s*li[^>]*>)\s*|\s+-\s+(?=[A-ZÅÄÖ])", inner)
        return "\n" + "\n".join(f"- {item.strip()}" for item in items if item.strip()) + "\n"

    text = re.sub(r"<\s*ul[^>]*>(.*?)(?:<\s*/\s*ul\s*>|(?=<\s*p[\s>])|$)", list_items, text, flags=re.I | re.S | re.M)
    text = re.sub(r"<\s*(?:/\s*p|br\s*/?|/\s*li|/\s*ul|/\s*ol|/\s*div)\s*>", "\n", text, flags=re.I)
    text = re.sub(r"<\s*(?:p|div|ol|li)(?:\s[^>]*)?>", "\n", text, flags=re.I)
    text = _TAG_RE.sub("", text)
    return html.unescape(text)


_PIPE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_UNESCAPED_PIPE_RE = re.compile(r"(?<!\\)\|")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE_RE.split(inner)]


def _pipe_tables(lines: list[str]) -> list[str]:
    """Markdown pipe tables as tab rows; their `|---|---|` separator lines dropped.

    A line is a table row when it sits in a block with a separator line, or when it starts and
    ends with a pipe and has two cells or more ("A | B" in prose is left alone).
    """
    in_table = [False] * len(lines)
    i = 0
    while i < len(lines):  # each run of lines with pipes is looked at once: linear in the text
        if "|" not in lines[i] or not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and "|" in lines[j] and lines[j].strip():
            j += 1
        if any("-" in line and _PIPE_SEPARATOR_RE.match(line) for line in lines[i:j]):
            in_table[i:j] = [True] * (j - i)
        i = j
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        framed = stripped.startswith("|") and stripped.endswith("|") and len(_pipe_cells(stripped)) >= 2
        if not (in_table[i] or framed):
            out.append(line)
        elif not _PIPE_SEPARATOR_RE.match(line):
            cells = _pipe_cells(line)
            # An empty first cell (the corner of a header row) keeps its place as a leading tab.
            out.append("\t".join(cells) if cells[0] or len(cells) < 3 else "\t" + "\t".join(cells[1:]))
    return out


def _is_row_line(line: str) -> bool:
    """A line with a tab between two pieces of text: a table row from a Word/PDF conversion."""
    return "\t" in line.strip("\t ")


def _fold_cell_lines(lines: list[str]) -> list[_Item]:
    """Fold one-cell-per-line tables into rows.

    Conversions of Word tables often give each cell its own line starting with a tab, with
    rows split by blank lines ("\tPersonal", "\t1 073 334", …). A run of two or more such
    lines is one row; an empty cell is a line with only a tab.
    """
    out: list[_Item] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].startswith("\t") and not _is_row_line(lines[j]):
            j += 1
        if j - i >= 2:
            out.append([cell.strip(" \t") for cell in lines[i:j]])
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


def _row_cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _near_row(items: list[_Item], k: int) -> bool:
    """Whether the nearest non-blank item before or after `items[k]` is a table row."""
    for step in (-1, 1):
        m = k + step
        while 0 <= m < len(items):
            item = items[m]
            if isinstance(item, list) or item.strip():
                break
            m += step
        else:
            continue
        item = items[m]
        if isinstance(item, list) or _is_row_line(item):
            return True
    return False


def _cells_of(items: list[_Item], k: int) -> list[str] | None:
    """The cells of `items[k]` if it is a table row, else None."""
    item = items[k]
    if isinstance(item, list):
        return item
    # Trailing tabs are table debris: empty cells next to a table, noise after prose.
    if _is_row_line(item) or (item.rstrip(" ").endswith("\t") and _near_row(items, k) and len(item.strip()) < 80):
        cells = _row_cells(item)
        if not item.startswith("\t"):
            cells = cells if cells[0] else cells[1:]
        return cells
    return None


def clean_text(raw: str, *, wrapped: bool = False) -> list[Block]:
    """Clean converted text into blocks. `wrapped`: lines were wrapped at a page width (PDF)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _strip_html(text)
    lines = [clean_line(line).rstrip(" ") for line in text.split("\n")]
    items = _fold_cell_lines(_pipe_tables(lines) if "|" in text else lines)
    blocks: list[Block] = []
    gap = 0
    for k, item in enumerate(items):
        if isinstance(item, str) and not item.strip():
            gap += 1
            continue
        cells = _cells_of(items, k)
        if cells is not None and any(cells) and len(cells) >= 2:
            block = Block("\t".join(cells), "row")
        elif isinstance(item, str) and _ATX_RE.match(item.strip()):
            block = _markdown_heading(item.strip(), first=not blocks)
        else:
            block = classify(item.strip("\t ") if isinstance(item, str) else " ".join(item))
        block.gap_before = gap
        gap = 0
        blocks.append(block)
    return join_broken(blocks, wrapped=wrapped)


def _markdown_heading(line: str, *, first: bool) -> Block:
    """`## Bakgrund` is a heading of level 2; a `# Titel` opening the document is its title."""
    marks = _ATX_RE.match(line)
    level = len(marks.group(0)) if marks else 1
    text = _ATX_TAIL_RE.sub("", line[level:]).strip() or line
    if level == 1 and first:
        return Block(text, "title")
    return Block(text, "heading", level, styled=True)


def join_broken(blocks: list[Block], *, wrapped: bool = False) -> list[Block]:
    """Join a sentence that a page break or a PDF line wrap cut in two."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.kind == "para"
            and prev.kind in ("para", "bullet", "number")
            and not prev.styled
            and _continues(prev.text, block.text, wrapped, block.gap_before)
        ):
            prev.text = prev.text.rstrip() + " " + block.text.lstrip()
            continue
        out.append(block)
    return out


def _continues(before: str, after: str, wrapped: bool, gap: int) -> bool:
    before = before.rstrip()
    if not before or not after or before[-1] in _END_PUNCT:
        return False
    first = after.lstrip()[0]
    if not (first.islower() or (wrapped and gap == 0 and first.isalnum())):
        return False
    if wrapped and (numbered_heading(after) or numbered_heading(before)):
        return False  # a PDF's "2. Bakgrund" line is a heading, not the start of a wrapped sentence
    if before.endswith("-") and wrapped and gap == 0:
        return True
    return len(before) > 40 or (wrapped and gap == 0)
