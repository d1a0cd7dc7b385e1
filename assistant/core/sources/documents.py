"""Reading earlier applications (.txt, .md, .docx, .pdf) into clean blocks, and finding their sections.

The sources are real and messy: PDF-conversion leftovers, HTML fragments (`<p>`, `<ul>`, `<i>`),
tabs for table cells, one table cell per line, broken lines and page-break gaps. `read_document`
turns any of them into a list of `Block`s (paragraph, bullet, numbered item, table row, heading
candidate); `segment` places the blocks under a form's headings (or canonical keys).
Nothing here executes the text; sizes are bounded.
"""

from __future__ import annotations

import html
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from assistant.core.errors import DocumentError
from assistant.core.model.forms import Form
from assistant.core.model.headings import match_heading, normalise_heading, slug
from assistant.core.storage.files import check_user_file

MAX_BYTES = 20_000_000
MAX_UNZIPPED = 200_000_000
# The text of a 100-page Word document is a few MB of XML; 190 MB of it took minutes to read.
MAX_DOCUMENT_XML = 40_000_000
MAX_PDF_PAGES = 500
MAX_LINE = 20_000
SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".pdf")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_BULLET_RE = re.compile(r"^\s*(?:[•\u2022\u25cf\u25aa\uf0b7]\s*|[\u2013\u2014*-]\s+|o\s+)")  # "*kursiv*" is no bullet
_NUMBERED_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")
_HEADING_NUMBER_RE = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+\S")
_END_PUNCT = ".!?:;)”\"'»"


@dataclass
class Block:
    text: str
    kind: str = "para"  # para | bullet | number | row | heading
    level: int = 0  # heading level from a Word style (0 = unknown)
    styled: bool = False  # a Word heading style or a bold-only line

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


# ---------------------------------------------------------------------------------------------
# Reading


def read_document(path: Path) -> Document:
    """Read a .txt/.md/.docx/.pdf file into clean blocks. Raises DocumentError with a clear message."""
    path = Path(path)
    size = check_user_file(
        path, DocumentError, max_bytes=MAX_BYTES, kind_sv="ett dokument", kind_en="a document"
    ).st_size
    if size == 0:
        raise DocumentError("filen är tom", "the file is empty", where=path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DocumentError(
            f"kan inte läsa filen: {exc.strerror}", f"cannot read the file: {exc.strerror}", where=path
        ) from None
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return _read_pdf(path)
    if head.startswith(b"PK\x03\x04"):
        if suffix not in (".docx", ".docm", ".dotx"):
            raise DocumentError(
                "är en zip-fil, inte ett dokument (endast .docx stöds)",
                "is a zip file, not a document (only .docx is supported)",
                where=path,
            )
        return _read_docx(path)
    if suffix in (".docx", ".pdf"):
        raise DocumentError(
            f"är inte en giltig {suffix}-fil (trasig eller fel filändelse)",
            f"is not a valid {suffix} file (corrupt or wrong extension)",
            where=path,
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            "är ett gammalt Word-dokument (.doc); spara det som .docx först",
            "is an old Word document (.doc); save it as .docx first",
            where=path,
        )
    if suffix and suffix not in SUPPORTED:
        raise DocumentError(
            f"filtypen {suffix} stöds inte (använd .txt, .md, .docx eller .pdf)",
            f"the file type {suffix} is not supported (use .txt, .md, .docx or .pdf)",
            where=path,
        )
    return Document(path, clean_text(decode_text(path.read_bytes(), path)), "text")


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


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            names = {i.filename for i in infos}
            text_size = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"är en trasig .docx-fil ({exc})", f"is a corrupt .docx file ({exc})", where=path) from None
    if total > MAX_UNZIPPED or len(infos) > 5000:
        raise DocumentError(
            "packar upp till orimligt mycket data (möjlig zip-bomb); vägrar läsa den",
            "unpacks to an absurd amount of data (possible zip bomb); refusing to read it",
            where=path,
        )
    if text_size > MAX_DOCUMENT_XML:
        raise DocumentError(
            f"dokumentets text är orimligt stor ({text_size // 1_000_000} MB XML, max "
            f"{MAX_DOCUMENT_XML // 1_000_000} MB); vägrar läsa den",
            f"the document's text is absurdly large ({text_size // 1_000_000} MB of XML, max "
            f"{MAX_DOCUMENT_XML // 1_000_000} MB); refusing to read it",
            where=path,
        )
    if "word/document.xml" not in names:
        raise DocumentError(
            "saknar word/document.xml och är inget Word-dokument",
            "has no word/document.xml and is not a Word document",
            where=path,
        )


def _read_docx(path: Path) -> Document:
    _check_zip(path)
    import docx  # lazy: python-docx is slow to import and only needed here
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on malformed XML
        raise DocumentError(
            f"kan inte läsa Word-dokumentet ({type(exc).__name__})",
            f"cannot read the Word document ({type(exc).__name__})",
            where=path,
        ) from None
    blocks: list[Block] = []
    warnings: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            from docx.text.paragraph import Paragraph

            block = _docx_paragraph(Paragraph(child, document))
            if block:
                blocks.append(block)
        elif child.tag == qn("w:tbl"):
            from docx.table import Table

            table = Table(child, document)
            if _generated_table(table):
                continue  # a budget or contact table the export wrote from the draft's data
            for row in table.rows:
                cells = []
                previous = None
                for cell in row.cells:
                    if cell._tc is previous:  # merged cells repeat
                        continue
                    previous = cell._tc
                    cells.append(" ".join(_cell_markup(p) for p in cell.paragraphs if p.text.strip()))
                if any(cells):
                    blocks.append(Block(_clean_line("\t".join(cells)), "row"))
    if document.part.package is not None:
        rels = [r for r in document.part.rels.values() if r.is_external]
        if rels:
            warnings.append(f"{len(rels)} externa referenser ignorerades")
    return Document(path, _join_broken(blocks), "docx", warnings, data=_draft_data(document))


# Style names the export gives what it writes itself (see export.py); the writer's text never has them.
GENERATED_STYLES = ("Ansökan genererad", "Ansökan tabell")
EXTRA_HEADING_STYLE = "Ansökan extra rubrik"
DATA_NAMESPACE = "urn:ansokan:draft:1"
MAX_DATA_BYTES = 5_000_000


def _style_name(paragraph) -> str:
    try:
        return (paragraph.style.name if paragraph.style is not None else "") or ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _generated_table(table) -> bool:
    try:
        first = table.rows[0].cells[0].paragraphs[0]
    except (IndexError, AttributeError):
        return False
    return _style_name(first) in GENERATED_STYLES


def _draft_data(document) -> str | None:
    """The draft data an Ansökan export embeds (customXml), as TOML text; None for other documents."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/customXml"):
            continue
        blob = rel.target_part.blob
        if len(blob) > MAX_DATA_BYTES or DATA_NAMESPACE.encode() not in blob[:400]:
            continue
        try:
            root = etree.fromstring(blob, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return None
        return root.text or ""
    return None


def _cell_markup(paragraph) -> str:
    """A table cell's text; a cell bold throughout is a header the export made bold, not markup."""
    text = _runs_markup(paragraph).strip()
    m = re.fullmatch(r"\*\*(\*?[^*]+\*?)\*\*", text)
    return m.group(1) if m else text


def _runs_markup(paragraph) -> str:
    """The paragraph's text with bold and italic runs written as **fet** and *kursiv*."""
    parts = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        core = text.strip()
        if core and (run.bold or run.italic):
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            mark = "**" if run.bold else "*"
            if run.bold and run.italic:
                mark = "***"
            text = f"{lead}{mark}{core}{mark}{trail}"
        parts.append(text)
    return "".join(parts) if parts else paragraph.text


def _docx_paragraph(paragraph) -> Block | None:
    text = _clean_line(paragraph.text)
    if not text.strip():
        return None
    style = _style_name(paragraph)
    if style in GENERATED_STYLES:
        return None  # written by the export from the draft's data, which travels separately
    if style == EXTRA_HEADING_STYLE:
        return Block(text.strip(), "heading", 2, styled=True)
    if style.lower() == "title":
        return Block(text.strip(), "title")
    m = re.match(r"(?:Heading|Rubrik)\s*(\d)", style, re.I)
    if m:
        return Block(text.strip(), "heading", int(m.group(1)), styled=True)
    if "list" in style.lower() or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
        kind = "number" if "number" in style.lower() else "bullet"
        return Block(_BULLET_RE.sub("", _clean_line(_runs_markup(paragraph))).strip(), kind)
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold_line = bool(runs) and all(r.bold for r in runs) and len(text) < 150 and not text.rstrip().endswith(".")
    if bold_line:
        return Block(text.strip(), "heading", 0, styled=True)
    return _classify(_clean_line(_runs_markup(paragraph)))


def _read_pdf(path: Path) -> Document:
    try:
        import logging

        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        # pypdf logs repairs ("EOF marker not found") to stderr; the error that matters is raised.
        logging.getLogger("pypdf").addHandler(logging.NullHandler())
        logging.getLogger("pypdf").propagate = False
    except ImportError:  # pragma: no cover - pypdf is a core dependency
        raise DocumentError("PDF-stöd saknas (pypdf)", "PDF support missing (pypdf)", where=path) from None
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentError("PDF-filen är lösenordsskyddad", "the PDF is password protected", where=path)
            except DocumentError:
                raise
            except Exception:
                raise DocumentError(
                    "PDF-filen är lösenordsskyddad", "the PDF is password protected", where=path
                ) from None
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(
                f"PDF-filen har för många sidor (max {MAX_PDF_PAGES})",
                f"the PDF has too many pages (max {MAX_PDF_PAGES})",
                where=path,
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, Exception) as exc:
        raise DocumentError(
            f"är en trasig PDF-fil ({type(exc).__name__})", f"is a corrupt PDF file ({type(exc).__name__})", where=path
        ) from None
    text = "\n\n\n".join(pages)
    if not text.strip():
        raise DocumentError(
            "PDF-filen innehåller ingen text (inskannad bild?)",
            "the PDF contains no text (a scanned image?)",
            where=path,
        )
    return Document(path, clean_text(text, wrapped=True), "pdf")


# ---------------------------------------------------------------------------------------------
# Cleaning plain text


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _CONTROL_RE.sub("", line)
    line = line.replace("\u200b", "").replace("\ufeff", "")
    return line[:MAX_LINE]


def _strip_html(text: str) -> str:
    """Turn HTML fragments into lines: paragraphs and list items become their own lines."""
    if "<" not in text:
        return text
    text = re.sub(r"<\s*(?:i|em)\s*>(.*?)<\s*/\s*(?:i|em)\s*>", r"*\1*", text, flags=re.I | re.S)
    text = re.sub(r"<\s*(?:b|strong)\s*>(.*?)<\s*/\s*(?:b|strong)\s*>", r"**\1**", text, flags=re.I | re.S)

    def list_items(match: re.Match) -> str:
        inner = match.group(1)
        items = re.split(r"\s*(?:•|<\s*li[^>]*>)\s*|\s+-\s+(?=[A-ZÅÄÖ])", inner)
        return "\n" + "\n".join(f"- {item.strip()}" for item in items if item.strip()) + "\n"

    text = re.sub(r"<\s*ul[^>]*>(.*?)(?:<\s*/\s*ul\s*>|(?=<\s*p[\s>])|$)", list_items, text, flags=re.I | re.S | re.M)
    text = re.sub(r"<\s*(?:/\s*p|br\s*/?|/\s*li|/\s*ul|/\s*ol|/\s*div)\s*>", "\n", text, flags=re.I)
    text = re.sub(r"<\s*(?:p|div|ol|li)(?:\s[^>]*)?>", "\n", text, flags=re.I)
    text = re.sub(r"</?[a-zA-Z][^<>]{0,300}>", "", text)
    return html.unescape(text)


def _classify(line: str) -> Block:
    stripped = line.strip()
    if _BULLET_RE.match(stripped) and len(stripped) > 2 and not re.match(r"^-?\d", stripped):
        return Block(_BULLET_RE.sub("", stripped, count=1).strip(), "bullet")
    m = _NUMBERED_RE.match(stripped)
    if m:
        return Block(stripped, "number")
    return Block(stripped, "para")


def _is_row_line(line: str) -> bool:
    """A line with a tab between two pieces of text: a table row from a Word/PDF conversion."""
    return "\t" in line.strip("\t ")


def _fold_cell_lines(lines: list[str]) -> list[str | list[str]]:
    """Fold one-cell-per-line tables into rows.

    Conversions of Word tables often give each cell its own line starting with a tab, with
    rows split by blank lines ("\tPersonal", "\t1 073 334", …). A run of two or more such
    lines is one row; an empty cell is a line with only a tab.
    """
    out: list[str | list[str]] = []
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


def clean_text(raw: str, *, wrapped: bool = False) -> list[Block]:
    """Clean converted text into blocks. `wrapped`: lines were wrapped at a page width (PDF)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _strip_html(text)
    lines = [_clean_line(line).rstrip(" ") for line in text.split("\n")]
    items = _fold_cell_lines(lines)

    # Trailing tabs are table debris: empty cells next to a table, noise after prose.
    def near_row(k: int) -> bool:
        for step in (-1, 1):
            m = k + step
            while 0 <= m < len(items) and isinstance(items[m], str) and not items[m].strip():
                m += step
            if 0 <= m < len(items) and (isinstance(items[m], list) or _is_row_line(items[m])):
                return True
        return False

    blocks: list[Block] = []
    gap = 0
    for k, item in enumerate(items):
        if isinstance(item, list):
            cells = item
        elif not item.strip():
            gap += 1
            continue
        elif _is_row_line(item) or (item.rstrip(" ").endswith("\t") and near_row(k) and len(item.strip()) < 80):
            cells = _row_cells(item)
            if not item.startswith("\t"):
                cells = cells if cells[0] else cells[1:]
        else:
            cells = None
        if cells is not None and sum(1 for c in cells if c) >= 1 and len(cells) >= 2:
            block = Block("\t".join(cells), "row")
        else:
            block = _classify(item.strip("\t ") if isinstance(item, str) else " ".join(item))
        block.gap_before = gap  # type: ignore[attr-defined]
        gap = 0
        blocks.append(block)
    return _join_broken(blocks, wrapped=wrapped)


def _join_broken(blocks: list[Block], *, wrapped: bool = False) -> list[Block]:
    """Join a sentence that a page break or a PDF line wrap cut in two."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.kind == "para"
            and prev.kind in ("para", "bullet", "number")
            and not prev.styled
            and _continues(prev.text, block.text, wrapped, getattr(block, "gap_before", 0))
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


# ---------------------------------------------------------------------------------------------
# Back to text


def blocks_to_text(blocks: list[Block]) -> str:
    """The draft's lightweight markup: paragraphs split by blank lines, `- ` bullets, tab rows."""
    parts: list[str] = []
    previous_kind = None
    number = 0
    for block in blocks:
        number = number + 1 if block.kind == "number" else 0
        if block.kind == "bullet":
            line = f"- {block.text}"
        elif block.kind == "number" and not _NUMBERED_RE.match(block.text):
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


# ---------------------------------------------------------------------------------------------
# Finding the sections


def _heading_like(block: Block) -> bool:
    if block.kind == "row" or (block.kind == "heading" and block.level >= 3):
        return False  # a table row, or a sub-heading inside a section
    if block.kind == "heading":
        return True
    text = block.text.strip()
    return len(text) <= 220


def _prefix_heading(text: str, form: Form, exclude: set[str]) -> tuple[str, str] | None:
    """A form heading printed at the start of a longer line: "Huvudman: vilken … kontaktperson: Staffanstorps kommun"."""
    # The number is not part of the title: "3. Presentation … sammanfattning)" must not be cut short.
    norm = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", text.strip())
    for heading in form.headings:
        if heading.key in exclude:
            continue
        title = heading.title.strip()
        if len(title) < 12 or len(norm) <= len(title):
            continue
        head = norm[: len(title)]
        if fuzz.ratio(normalise_heading(head), normalise_heading(title)) >= 92:
            rest = norm[len(title) :].strip()
            return heading.key, rest
    return None


def _is_preamble(text: str, form: Form | None) -> bool:
    if form is None or not form.preamble:
        return False
    candidate = normalise_heading(text.replace("*", ""))
    if len(candidate) < 20:
        return False
    return any(fuzz.ratio(candidate, normalise_heading(para)) >= 90 for para in re.split(r"\n\s*\n", form.preamble))


def segment(doc: Document, form: Form | None = None, *, forms: list[Form] | None = None) -> list[Segment]:
    """Place a document's blocks under headings.

    With `form`, headings are aligned to that form's keys (numbering and case ignored, the printed
    question after a label too). Without it, to the canonical keys of any of `forms`. A heading seen
    a second time is body text. Text before the first heading is the first segment (key None).
    """
    candidates = [form] if form else (forms or [])
    segments: list[Segment] = [Segment(None, "")]
    seen: set[str] = set()
    for block in doc.blocks:
        if form is not None and _is_preamble(block.text, form):
            continue
        placed = False
        if _heading_like(block):
            strict = not (block.styled or numbered_heading(block.text))
            for f in candidates:
                hit = _prefix_heading(block.text, f, seen) if block.kind != "row" else None
                if hit:
                    key, rest = hit
                    segments.append(Segment(key, block.text[: len(block.text) - len(rest)].strip()))
                    if rest:
                        segments[-1].blocks.append(Block(rest, "para"))
                else:
                    # A plain line that is not numbered must match a heading closely:
                    # "Aktivitet" as a sub-heading is not the form's "Aktiviteter".
                    key, _score = match_heading(block.text, f, exclude=seen, min_score=93 if strict else 86)
                    if key:
                        segments.append(Segment(key, block.text.strip()))
                if key:
                    seen.add(key)
                    placed = True
                    break
            if not placed and block.kind == "heading" and block.styled and block.level in (1, 2):
                # A Word heading no form knows: keep it as its own section.
                key = slug(block.text)
                segments.append(Segment(key, block.text.strip(), known=False))
                placed = True
        if not placed:
            segments[-1].blocks.append(block)
    return [s for s in segments if s.key is not None or s.blocks]


def numbered_heading(text: str) -> bool:
    return bool(_HEADING_NUMBER_RE.match(text)) and len(text) < 120
