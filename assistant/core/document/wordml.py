"""WordprocessingML helpers the writer modules share: the namespace, tag names, text escaping
and explicit fonts on a run-properties element."""

from __future__ import annotations

from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# lxml has no type stubs here: its elements are typed as Any.
Element = Any


def qn(tag: str) -> str:
    """`tag` in the WordprocessingML namespace, as lxml spells it ("{…/main}tag")."""
    return f"{{{W_NS}}}{tag}"


def escape_text(text: str) -> str:
    """`&`, `<` and `>` escaped for XML character data (the same as xml.sax.saxutils.escape,
    whose module imports urllib and http.client: about 13 ms of a cold start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def set_fonts(rpr: Element, name: str) -> None:
    """Explicit fonts for every script, and no theme fonts (a theme reference would win)."""
    fonts = rpr.find(qn("rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, qn("rFonts"))
        rpr.remove(fonts)
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(attr), name)
