"""Word files as they come from the wild, built with python-docx and lxml edits.

Smart tags, simple and complex fields (citations, cross-references), content controls, headings
marked only by an outline level, and the Strict Open XML format: what Word writes that a plain
python-docx document never has.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = f'xmlns:w="{W}"'

# The namespaces Word's "Strict Open XML Document" format writes instead of the usual ones.
STRICT = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        "http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": (
        "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"
    ),
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "http://purl.oclc.org/ooxml/drawingml/picture",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "http://purl.oclc.org/ooxml/officeDocument/math",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "http://purl.oclc.org/ooxml/officeDocument/extendedProperties"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": (
        "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"
    ),
}


def _xml(fragment: str) -> etree._Element:
    return etree.fromstring(f"<w:root {_NS}>{fragment}</w:root>")[0]


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def smart_tag(text: str, tagged: str, rest: str) -> str:
    """A paragraph whose middle word sits in a smart tag (Word marks places, names, dates)."""
    return (
        f"<w:p>{_run(text)}"
        f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
        f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="City">{_run(tagged)}</w:smartTag>'
        f"</w:smartTag>{_run(rest)}</w:p>"
    )


def simple_field(text: str, result: str, rest: str) -> str:
    """A cross-reference as a simple field: the result is the text, the instruction is not."""
    return f'<w:p>{_run(text)}<w:fldSimple w:instr=" REF _Ref1 \\h ">{_run(result)}</w:fldSimple>{_run(rest)}</w:p>'


def complex_field(text: str, instruction: str, result: str, rest: str) -> str:
    """A citation as a complex field: begin, instruction, separate, result, end."""
    return (
        f"<w:p>{_run(text)}"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:rPr><w:b/></w:rPr><w:t>{result}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f"{_run(rest)}</w:p>"
    )


def inline_control(text: str, value: str, rest: str) -> str:
    """A content control (a form field filled in) inside a paragraph."""
    return (
        f'<w:p>{_run(text)}<w:sdt><w:sdtPr><w:alias w:val="Projektägare"/></w:sdtPr>'
        f"<w:sdtContent>{_run(value)}</w:sdtContent></w:sdt>{_run(rest)}</w:p>"
    )


def block_control(*paragraphs: str) -> str:
    """A content control around whole paragraphs (a filled-in template's section)."""
    body = "".join(f"<w:p>{_run(p)}</w:p>" for p in paragraphs)
    return f'<w:sdt><w:sdtPr><w:alias w:val="Avsnitt"/></w:sdtPr><w:sdtContent>{body}</w:sdtContent></w:sdt>'


def outline_heading(text: str, level: int = 0) -> str:
    """A heading made by its outline level alone (0 is the top level), in no heading style."""
    return f'<w:p><w:pPr><w:outlineLvl w:val="{level}"/></w:pPr>{_run(text)}</w:p>'


def build(fragments: list[str | tuple[str, str]]) -> bytes:
    """A .docx of raw paragraph XML fragments and (text, style) pairs, in order."""
    import docx

    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    for item in fragments:
        if isinstance(item, tuple):
            document.add_paragraph(item[0], style=item[1])
        else:
            sect.addprevious(_xml(item))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def strictify(data: bytes) -> bytes:
    """The same document as Word saves it in Strict Open XML: other namespace and relationship URIs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                for usual, strict in sorted(STRICT.items(), key=lambda kv: -len(kv[0])):
                    blob = blob.replace(usual.encode(), strict.encode())
                blob = blob.replace(b'w:val="left"', b'w:val="start"').replace(b'w:val="right"', b'w:val="end"')
            dst.writestr(info, blob)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
