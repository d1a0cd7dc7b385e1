"""Faces as LibreOffice uses them: widths with the font's ligatures, and the fallback without files."""

from __future__ import annotations

import pytest

from assistant.core.document import fonts
from assistant.core.document.fonts import face, family


def _carlito_face() -> fonts.Face:
    path = fonts.font_file("Carlito", False, False)
    if path is None or "carlito" not in path.lower():
        pytest.skip("Carlito is not installed")
    return face("Calibri")


def test_a_form_font_is_laid_out_with_its_metric_compatible_family():
    assert family("Calibri") == "Carlito" and family(" times new roman ") == "Liberation Serif"
    assert family("Garamond") == "Garamond"


def test_carlitos_ligatures_make_att_narrower_than_its_letters():
    # Measured in a LibreOffice PDF: 11 × "att" is 134.5 pt wide in Calibri 11, not 139.0 pt.
    f = _carlito_face()
    letters = f.widths["a"] + 2 * f.widths["t"]
    assert f.ligatures.get("tt", 0) < 0
    assert f.width("att") == pytest.approx(letters + f.ligatures["tt"])
    assert f.width("att" * 11) * 11 == pytest.approx(134.5, abs=0.4)
    # the longest ligature at each place, left to right: "tti" is one ligature, not "tt" + "i"
    assert f.width("tti") == pytest.approx(2 * f.widths["t"] + f.widths["i"] + f.ligatures["tti"])


def test_without_ligatures_a_width_is_the_sum_of_the_characters():
    f = fonts.Face({"a": 0.5, "t": 0.3, " ": 0.25}, 0.5, 1.2)
    assert f.width("att at") == pytest.approx(0.5 + 0.6 + 0.25 + 0.5 + 0.3)
