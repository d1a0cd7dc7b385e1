"""Font metrics cached on disk: real font files, a real cache directory, real fresh processes."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

from assistant.core.document import font_cache, fonts
from assistant.core.storage.paths import cache_dir
from tests.conftest import ROOT

needs_fonts = pytest.mark.skipif(
    shutil.which("fc-match") is None or importlib.util.find_spec("fontTools") is None,
    reason="fontconfig (fc-match) or fontTools is not installed",
)


def _carlito() -> str:
    path = fonts.font_file("Carlito", False, False)
    if path is None or "carlito" not in path.lower():
        pytest.skip("Carlito is not installed")
    return path


def _fresh_process(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


@needs_fonts
def test_a_second_start_takes_the_metrics_from_the_cache_without_fonttools():
    code = (
        "import sys; from assistant.core.document.fonts import face; f = face('Calibri', True); "
        "print('fontTools' in sys.modules, f.width('arbetsmarknaden'), f.line_ratio)"
    )
    first = _fresh_process(code).split()
    second = _fresh_process(code).split()
    assert first[0] == "True" and second[0] == "False"
    assert first[1:] == second[1:]  # the very same widths and line height, to the last digit
    assert list((cache_dir() / "fonts").glob("*.json"))


def test_importing_the_fonts_creates_nothing_on_disk():
    _fresh_process("import assistant.core.document.fonts, assistant.core.document.layout")
    assert not cache_dir().exists()


@needs_fonts
def test_a_damaged_cache_file_is_ignored_and_written_again():
    path = _carlito()
    read = fonts._file_metrics(path)
    cache_file = font_cache._cache_file(path)
    whole = cache_file.read_bytes()
    good = json.loads(whole)
    damages = [b"", b"{not json", b"\xff\xfe", whole[: len(whole) // 2], b"[]"]
    for field, value in (("widths", ["x"] * len(good["widths"])), ("chars", good["chars"][1:]), ("line_ratio", -1)):
        damages.append(json.dumps({**good, field: value}).encode())
    for damage in damages:
        cache_file.write_bytes(damage)
        assert font_cache.cached_metrics(path) is None
        assert fonts._file_metrics(path) == read
        assert font_cache.cached_metrics(path) == read
        assert cache_file.read_bytes() == whole


@needs_fonts
def test_a_changed_font_file_is_read_again(tmp_path):
    copy = tmp_path / "Carlito-Regular.ttf"
    shutil.copyfile(_carlito(), copy)
    read = fonts._file_metrics(str(copy))
    assert font_cache.cached_metrics(str(copy)) == read
    info = copy.stat()
    os.utime(copy, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert font_cache.cached_metrics(str(copy)) is None  # another version of the file
    assert fonts._file_metrics(str(copy)) == read
    assert font_cache.cached_metrics(str(copy)) == read
    copy.write_bytes(b"not a font any more")
    assert fonts._file_metrics(str(copy)) is None  # and the estimate falls back to averages


@needs_fonts
def test_a_cache_directory_that_cannot_be_written_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("ANSOKAN_CACHE", str(blocker))
    path = _carlito()
    metrics = fonts._file_metrics(path)
    assert metrics is not None and metrics.widths["a"] > 0
    assert blocker.read_text() == "not a directory"


def test_the_ligatures_come_back_from_the_cache():
    path = _carlito()
    read = fonts._load_ttf(path)
    assert read is not None and read.ligatures.get("tt", 0) < 0
    font_cache.store_metrics(path, read)
    cached = font_cache.cached_metrics(path)
    assert cached is not None and cached.ligatures == read.ligatures
