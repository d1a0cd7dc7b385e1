"""Corpus cases for the readers of earlier applications: encrypted PDFs, Word files from the wild
(smart tags, unended fields, style loops, Strict), pipe and HTML table torture. Part of corpus.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.hardening.corpus import ENTRY_POINTS, Case
from tests.hardening.payloads import APPLICATION_TEXT, Payload

# ---------------------------------------------------------------------------------------------
# Sources: encrypted PDFs, Word files from the wild, tables in pathological shapes


def _encrypted_pdf(name: str, algorithm: str, user_password: str = "") -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        import io

        from pypdf import PdfReader, PdfWriter

        from tests.hardening.payloads import pdf_bytes

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(APPLICATION_TEXT.split("\n")))))
        writer.encrypt(user_password=user_password, owner_password="ägare", algorithm=algorithm)
        path = directory / name
        with path.open("wb") as handle:
            writer.write(handle)
        return path

    return make


def _wild_docx(name: str, build: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(build())
        return path

    return make


def _wild_fragments() -> list[str | tuple[str, str]]:
    from tests.core.sources import wild_docx as w

    return [
        ("Ansökan: Vägen vidare", "Title"),
        w.outline_heading("2. Bakgrund", 0),
        w.smart_tag("Projektet drivs i ", "Malmö", " tillsammans med parterna."),
        w.simple_field("Se ", "Tabell 1", "."),
        w.complex_field("Enligt ", "CITATION Fin20 \\l 1053", "(FINSAM, 2020)", " behövs stöd."),
        w.inline_control("Projektägare är ", "Malmö stad", "."),
        w.block_control("Ett stycke i en innehållskontroll.", "Ett till."),
    ]


def _wild() -> bytes:
    from tests.core.sources import wild_docx as w

    return w.build(_wild_fragments())


def _strict() -> bytes:
    from tests.core.sources import wild_docx as w

    return w.strictify(_wild())


def _strict_damaged() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_strict())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            dst.writestr(info, blob[: len(blob) // 3] if info.filename == "word/document.xml" else blob)
    return out.getvalue()


def _nested_smart_tags(depth: int) -> Callable[[], bytes]:
    """Smart tags nested `depth` deep, spliced into the XML as text (lxml itself stops at 256)."""

    def build() -> bytes:
        import io
        import zipfile

        from tests.core.sources import wild_docx as w

        tag = '<w:smartTag w:uri="urn:x" w:element="place">'
        deep = f"<w:p>{tag * depth}<w:r><w:t>djupt</w:t></w:r>{'</w:smartTag>' * depth}</w:p>".encode()
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(w.build([("2. Bakgrund", "Heading 1")]))) as src:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    blob = src.read(info)
                    if info.filename == "word/document.xml":
                        blob = blob.replace(b"<w:body>", b"<w:body>" + deep, 1)
                    dst.writestr(info, blob)
        return out.getvalue()

    return build


def _unended_fields() -> bytes:
    from tests.core.sources import wild_docx as w

    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r>'
    return w.build([f"<w:p>{begin * 20_000}<w:r><w:t>kvar?</w:t></w:r></w:p>", ("2. Bakgrund", "Heading 1")])


def _style_loop() -> bytes:
    """Two styles based on each other: following basedOn for an outline level must end."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    for own, other in (("A", "B"), ("B", "A")):
        document.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Slinga{own}"><w:name w:val="Slinga {own}"/>'
                f'<w:basedOn w:val="Slinga{other}"/></w:style>'
            )
        )
    paragraph = document.add_paragraph("2. Bakgrund")
    paragraph._p.get_or_add_pPr().style = "SlingaA"
    document.add_paragraph("Text under rubriken.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _many_styles(directory: Path) -> Path:
    from benchmarks.read_styles import build

    path = directory / "5000-stilar.docx"
    build(path, 5000, 400)
    return path


def _pipe_torture() -> str:
    return APPLICATION_TEXT + "\n" + "|---|---|\n| 1 | 2 |\n" * 20_000 + "| " + " | ".join(["x"] * 5000) + " |\n"


def _html_table_torture() -> str:
    return APPLICATION_TEXT + "\n<table>" + "<tr><td>Personal<td>1 000" * 30_000 + "<tr" + " " * 100_000


def source_cases() -> list[Case]:
    """Readers of earlier applications: what Word and PDF writers really produce, and worse."""
    from tests.hardening.payloads import _write

    readers = ("import", "new-from", "forms-new")
    payloads = [
        Payload("pdf-aes256-oppen", _encrypted_pdf("aes256.pdf", "AES-256"), only=readers),
        Payload("pdf-aes128-oppen", _encrypted_pdf("aes128.pdf", "AES-128"), only=readers),
        Payload("pdf-rc4-oppen", _encrypted_pdf("rc4.pdf", "RC4-128"), only=readers),
        Payload("pdf-losenord", _encrypted_pdf("las.pdf", "AES-256", user_password="hemligt"), only=readers),
        Payload("docx-vild", _wild_docx("vild.docx", _wild), only=readers),
        Payload("docx-strict", _wild_docx("strikt.docx", _strict), only=readers),
        Payload("docx-strict-trasig", _wild_docx("strikt-trasig.docx", _strict_damaged), only=readers),
        Payload("docx-smarttaggar-200-djupt", _wild_docx("djup.docx", _nested_smart_tags(200)), only=readers),
        Payload("docx-smarttaggar-2000-djupt", _wild_docx("djupare.docx", _nested_smart_tags(2000)), only=readers),
        Payload("docx-falt-utan-slut", _wild_docx("falt.docx", _unended_fields), only=readers),
        Payload("docx-stilslinga", _wild_docx("slinga.docx", _style_loop), only=readers),
        Payload("docx-5000-stilar", _many_styles, only=readers, timeout=30),
        Payload("pipetabell-tortyr", _write("pipor.md", _pipe_torture()), only=readers),
        Payload("html-tabell-tortyr", _write("tabell.txt", _html_table_torture()), only=readers),
    ]
    return [
        Case(f"{p.name}/{entry}", entry, list(ENTRY_POINTS[entry]), p, p.timeout) for p in payloads for entry in p.only
    ]
