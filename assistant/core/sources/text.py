"""Cleaning converted text into blocks: decoding, HTML remnants, tab tables, broken lines.

The sources are real and messy: PDF-conversion leftovers, HTML fragments (`<p>`, `<ul>`, `<i>`),
tabs for table cells, one table cell per line, broken lines and page-break gaps. Nothing here
executes the text; every line is bounded.
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


def _strip_html(text: str) -> str:
    """Turn HTML fragments into lines: paragraphs and list items become their own lines."""
    if "<" not in text:
        return text
    text = re.sub(r"<\s*(?:i|em)\s*>(.*?)<\s*/\s*(?:i|em)\s*>", r"*\1*", text, flags=re.I | re.S)
    text = re.sub(r"<\s*(?:b|strong)\s*>(.*?)<\s*/\s*(?:b|strong)\s*>", r"**\1**", text, flags=re.I | re.S)

    def list_items(match: re.Match[str]) -> str:
        inner = match.group(1)
        items = re.split(r"\s*(?:•|<\s*li[^>]*>)\s*|\s+-\s+(?=[A-ZÅÄÖ])", inner)
        return "\n" + "\n".join(f"- {item.strip()}" for item in items if item.strip()) + "\n"

    text = re.sub(r"<\s*ul[^>]*>(.*?)(?:<\s*/\s*ul\s*>|(?=<\s*p[\s>])|$)", list_items, text, flags=re.I | re.S | re.M)
    text = re.sub(r"<\s*(?:/\s*p|br\s*/?|/\s*li|/\s*ul|/\s*ol|/\s*div)\s*>", "\n", text, flags=re.I)
    text = re.sub(r"<\s*(?:p|div|ol|li)(?:\s[^>]*)?>", "\n", text, flags=re.I)
    text = re.sub(r"</?[a-zA-Z][^<>]{0,300}>", "", text)
    return html.unescape(text)


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
    items = _fold_cell_lines(lines)
    blocks: list[Block] = []
    gap = 0
    for k, item in enumerate(items):
        if isinstance(item, str) and not item.strip():
            gap += 1
            continue
        cells = _cells_of(items, k)
        if cells is not None and any(cells) and len(cells) >= 2:
            block = Block("\t".join(cells), "row")
        else:
            block = classify(item.strip("\t ") if isinstance(item, str) else " ".join(item))
        block.gap_before = gap
        gap = 0
        blocks.append(block)
    return join_broken(blocks, wrapped=wrapped)


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
