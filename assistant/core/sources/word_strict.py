"""Word files saved as "Strict Open XML Document": read by giving python-docx the usual namespaces.

Strict files are the same package with other namespace and relationship URIs
(`http://purl.oclc.org/ooxml/wordprocessingml/main` for `…/2006/main`). python-docx knows only the
usual ("transitional") ones and failed with a bare KeyError. The parts this reader looks at
(paragraphs, runs, styles, tables) mean the same in both, so a copy of the package with the URIs
mapped back reads correctly; what Strict writes differently (units such as "12pt", `start`/`end`
for left/right) is in attributes the reader never interprets.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_STRICT = "http://purl.oclc.org/ooxml/"
_USUAL = "http://schemas.openxmlformats.org/"
# Strict URI -> usual URI. Longest first, so a relationship type is not cut at its namespace.
URIS = {
    f"{_STRICT}officeDocument/relationships/extendedProperties": (
        f"{_USUAL}officeDocument/2006/relationships/extended-properties"
    ),
    f"{_STRICT}officeDocument/relationships": f"{_USUAL}officeDocument/2006/relationships",
    f"{_STRICT}officeDocument/extendedProperties": f"{_USUAL}officeDocument/2006/extended-properties",
    f"{_STRICT}officeDocument/docPropsVTypes": f"{_USUAL}officeDocument/2006/docPropsVTypes",
    f"{_STRICT}officeDocument/customXml": f"{_USUAL}officeDocument/2006/customXml",
    f"{_STRICT}officeDocument/sharedTypes": f"{_USUAL}officeDocument/2006/sharedTypes",
    f"{_STRICT}officeDocument/bibliography": f"{_USUAL}officeDocument/2006/bibliography",
    f"{_STRICT}officeDocument/math": f"{_USUAL}officeDocument/2006/math",
    f"{_STRICT}wordprocessingml/main": f"{_USUAL}wordprocessingml/2006/main",
    f"{_STRICT}drawingml/wordprocessingDrawing": f"{_USUAL}drawingml/2006/wordprocessingDrawing",
    f"{_STRICT}drawingml/picture": f"{_USUAL}drawingml/2006/picture",
    f"{_STRICT}drawingml/chart": f"{_USUAL}drawingml/2006/chart",
    f"{_STRICT}drawingml/diagram": f"{_USUAL}drawingml/2006/diagram",
    f"{_STRICT}drawingml/main": f"{_USUAL}drawingml/2006/main",
}
_PAIRS = sorted(((k.encode(), v.encode()) for k, v in URIS.items()), key=lambda kv: -len(kv[0]))


def is_strict(path: Path) -> bool:
    """Whether the package's main document is a Strict one (by its relationships)."""
    try:
        with zipfile.ZipFile(path) as zf:
            rels = zf.read("_rels/.rels")[:100_000]
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False
    return _STRICT.encode() in rels


def usual_copy(path: Path) -> io.BytesIO:
    """The package in memory with every Strict URI in its XML parts mapped to the usual one.

    The caller has checked the package's unpacked size (check_zip), so it fits in memory.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for strict, usual in _PAIRS:
                    blob = blob.replace(strict, usual)
            dst.writestr(info, blob)
    out.seek(0)
    return out
