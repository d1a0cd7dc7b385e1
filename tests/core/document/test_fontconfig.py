"""The in-process fontconfig query gives the very files the `fc-match` program names."""

from __future__ import annotations

import shutil

import pytest

from assistant.core.document import fontconfig

pytestmark = pytest.mark.skipif(
    shutil.which("fc-match") is None or fontconfig._library() is None,
    reason="fontconfig (fc-match and libfontconfig) is not installed",
)

FAMILIES = ["Carlito", "Liberation Sans", "Liberation Serif", "Caladea", "Ingen Sådan Familj", "DejaVu Sans:mono", ""]


@pytest.mark.parametrize("family", FAMILIES)
def test_the_library_answers_as_fc_match_does(family):
    assert fontconfig.family_files(family) == fontconfig._fc_match_files(family)


def test_all_four_styles_of_an_installed_family_have_their_own_file():
    files = fontconfig.family_files("Carlito")
    if "carlito" not in files.get((False, False), "").lower():
        pytest.skip("Carlito is not installed")
    assert len(set(files.values())) == 4
