"""A copy of the shipped demo draft, the built-in library only, and the language reset after."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.core.i18n import set_language
from assistant.core.model.drafts import Draft, load_draft
from assistant.core.storage import paths


@pytest.fixture
def demo(tmp_path: Path) -> Draft:
    target = tmp_path / "demo.md"
    shutil.copy(paths.demo_draft(), target)
    return load_draft(target)


@pytest.fixture
def builtin() -> list[tuple[Path, bool]]:
    return [(paths.builtin_library_dir(), True)]


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("sv")


@pytest.fixture(autouse=True)
def swedish_after():
    yield
    set_language("sv")
