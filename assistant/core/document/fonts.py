"""Fonts as LibreOffice uses them: which file a form's font is laid out with, and its metrics.

A form names Calibri, Arial or Times New Roman; LibreOffice lays them out with the
metric-compatible free fonts (Carlito, Liberation Sans, Liberation Serif). `face()` gives one
face's advance widths and line height, read with fontTools from the font file that fontconfig
picks (fontconfig.py) and kept in the disk cache (font_cache.py), or average widths when
the file or fontTools is missing. Both the export (table column widths) and the page estimate
measure text with these faces.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.core.document.font_cache import Metrics, cached_metrics, store_metrics
from assistant.core.document.fontconfig import family_files
from assistant.core.model.forms import Form

# The fonts a form may name and the metric-compatible free fonts LibreOffice uses for them.
SUBSTITUTES = {
    "calibri": "Carlito",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "times": "Liberation Serif",
    "cambria": "Caladea",
}

# Used only when the TTF files (or fontTools) are missing: average advance widths in em over the
# generated Swedish test drafts, measured on the real fonts, and their line heights.
_FALLBACK = {  # family: (average glyph width, space width, line height ratio, bold widening)
    "Carlito": (0.4411, 0.2261, 1.2207, 1.026),
    "Liberation Sans": (0.4722, 0.2778, 1.1499, 1.087),
    "Liberation Serif": (0.4308, 0.2500, 1.1499, 1.081),
    "Caladea": (0.4462, 0.2200, 1.1500, 1.112),
}


@dataclass
class Face:
    """One font face: advance widths in points per 1 pt of font size, and its line height ratio."""

    widths: dict[str, float]
    default: float  # width of a character the font lacks (its .notdef / average)
    line_ratio: float  # (ascent + descent + line gap) / em
    ligatures: dict[str, float] = field(default_factory=dict)  # "tt" -> its width minus t + t
    cache: dict[str, float] = field(default_factory=dict)  # text -> width, filled as text is measured

    def __post_init__(self) -> None:
        self._starts = frozenset(lig[0] for lig in self.ligatures)
        self._longest = max(map(len, self.ligatures), default=0)

    @property
    def space(self) -> float:
        return self.widths.get(" ", self.default)

    def width(self, text: str) -> float:
        """Width of `text` at 1 pt: LibreOffice applies the font's ligatures (Carlito's "tt" in
        "att" is 4 % narrower than two t's), not its kerning."""
        w = self.cache.get(text)
        if w is None:
            get = self.widths.get
            default = self.default
            w = 0.0
            for ch in text:
                w += get(ch, default)
            if self._starts and not self._starts.isdisjoint(text):
                w += self._ligature_change(text)
            self.cache[text] = w
        return w

    def _ligature_change(self, text: str) -> float:
        """What the ligatures take off `text`'s width: the longest one at each place, left to
        right, as the shaper (HarfBuzz) forms them."""
        change = 0.0
        i, n = 0, len(text)
        while i < n:
            if text[i] in self._starts:
                for size in range(min(self._longest, n - i), 1, -1):
                    delta = self.ligatures.get(text[i : i + size])
                    if delta is not None:
                        change += delta
                        i += size
                        break
                else:
                    i += 1
            else:
                i += 1
        return change


@lru_cache(maxsize=64)
def face(font: str, bold: bool = False, italic: bool = False) -> Face:
    """The face LibreOffice uses for `font` (e.g. Calibri → Carlito), with its metrics."""
    name = family(font)
    path = font_file(name, bold, italic)
    metrics = _file_metrics(path) if path else None
    if metrics is not None:
        return Face(metrics.widths, metrics.default, metrics.line_ratio, metrics.ligatures)
    average, space, ratio, widening = _FALLBACK.get(name, _FALLBACK["Liberation Sans"])
    if bold:
        average *= widening
    return Face({" ": space, "\u00a0": space}, average, ratio)


def preload_fonts(form: Form) -> None:
    """Read the form's font files now, e.g. in a background thread when a draft is opened, so
    the first estimate on a keystroke is as fast as the later ones."""
    for font in {form.page.font, form.page.headings_font}:
        for bold in (False, True):
            for italic in (False, True):
                face(font, bold, italic)


def family(name: str) -> str:
    """The family LibreOffice lays a form's font out with: "Calibri" → "Carlito"."""
    return SUBSTITUTES.get(name.strip().lower(), name.strip())


def font_file(family: str, bold: bool, italic: bool) -> str | None:
    """The font file fontconfig picks for the family and style (fontconfig.py), or None."""
    return _family_files(family).get((bold, italic))


@lru_cache(maxsize=16)
def _family_files(family: str) -> dict[tuple[bool, bool], str]:
    """The files of the family's four styles, asked of fontconfig at once (a document soon
    needs them all, and one question costs about what four do)."""
    return family_files(family)


def _file_metrics(path: str) -> Metrics | None:
    """The metrics of a font file: from the disk cache, else read (and then cached)."""
    metrics = cached_metrics(path)
    if metrics is None:
        metrics = _load_ttf(path)
        if metrics is not None:
            store_metrics(path, metrics)
    return metrics


def _load_ttf(path: str) -> Metrics | None:
    """The metrics read from a TrueType file; None when fontTools or the file fails."""
    try:
        from fontTools.ttLib import TTFont  # only when a font file is read: 15 ms of imports
    except ImportError:
        return None
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        font = TTFont(path, lazy=True)
        em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        widths = {chr(cp): metrics[glyph][0] / em for cp, glyph in font.getBestCmap().items() if glyph in metrics}
        hhea = font["hhea"]
        ratio = (hhea.ascent - hhea.descent + hhea.lineGap) / em
        default = metrics.get(".notdef", (em / 2, 0))[0] / em
        ligatures = _ligatures(font, em)
        font.close()
    except Exception:  # a broken or unreadable font file: fall back to averages
        return None
    return Metrics(widths, default, ratio, ligatures)


def _ligatures(font: Any, em: int) -> dict[str, float]:
    """The standard ligatures (GSUB 'liga') of characters the font maps, as text -> the change
    in width (em) from the separate characters to the ligature glyph."""
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    if table.FeatureList is None or table.LookupList is None:
        return {}
    chars = {glyph: chr(cp) for cp, glyph in font.getBestCmap().items()}
    advance = font["hmtx"].metrics
    found: dict[str, float] = {}
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag != "liga":
            continue
        for index in record.Feature.LookupListIndex:
            lookup = table.LookupList.Lookup[index]
            for sub in lookup.SubTable:
                sub = sub.ExtSubTable if lookup.LookupType == 7 else sub
                for first, ligatures in getattr(sub, "ligatures", {}).items():
                    for lig in ligatures:
                        glyphs = [first, *lig.Component]
                        if all(g in chars and g in advance for g in glyphs) and lig.LigGlyph in advance:
                            text = "".join(chars[g] for g in glyphs)
                            total = sum(advance[g][0] for g in glyphs)
                            found.setdefault(text, (advance[lig.LigGlyph][0] - total) / em)
    return found
