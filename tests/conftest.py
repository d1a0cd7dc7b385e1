"""Shared fixtures: the real library sources, isolated user dirs, a CLI runner; the suite's markers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: two workers, LibreOffice and the serial tests share two cores, and an
# example that takes 250 ms instead of 200 ms under that load is not a bug (Hypothesis would call it
# a failure, and a flaky one). A test's own @settings still decides everything else.
settings.register_profile("ansokan", deadline=None)
settings.load_profile("ansokan")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "fixtures" / "library-sources"
SOURCE_FORMS = {
    "000_18e62940bd9f888a.txt": "finsam-malmo",
    "001_4b5533777013640f.txt": "finsam-malmo",
    "002_03ecb636fa5e8369.txt": "burlov-staffanstorp",
    "003_d09aa5a5bf39ca34.txt": "finsam-malmo",
}


def source_files() -> list[tuple[Path, str]]:
    """The four earlier approved applications, copied into the repo's test fixtures."""
    return [(SOURCES / name, form) for name, form in SOURCE_FORMS.items() if (SOURCES / name).exists()]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's library, cache, config or state from a test."""
    base = tmp_path_factory.mktemp("ansokan-home")
    for var in ("ANSOKAN_LIBRARY", "ANSOKAN_CACHE", "ANSOKAN_CONFIG", "ANSOKAN_STATE", "ANSOKAN_FORMS"):
        monkeypatch.setenv(var, str(base / var.lower()))
    monkeypatch.delenv("ANSOKAN_LANG", raising=False)
    yield base


def run_cli(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120, input: str | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m assistant …` in a real subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )


def has_soffice() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


needs_libreoffice = pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) is not installed")


# The suite's markers for tests in files of every room, applied here by test name (not by file, so a
# test keeps its marks when it moves), so the test files themselves need no edits.
#
# serial: must run alone (`make test` runs them after the parallel part): a real terminal walk and
# the autosave tests, which measure seconds between a keystroke and the disk and failed when another
# test took the second core.
SERIAL = {
    "test_walk_in_a_real_terminal",
    "test_writing_loop_in_a_real_terminal",
    "test_a_kill_while_typing_loses_at_most_two_seconds",
    "test_typing_on_a_read_only_mount_warns_and_saves_elsewhere",
    "test_typing_then_killing_the_app_keeps_what_was_typed_before_a_pause",
    "test_continuous_typing_is_saved_every_few_seconds_even_without_a_pause",
    "test_autosave_after_the_writer_stops_typing",
}
# slow: five seconds or more each (measured with --durations), left out of `make test-fast`.
SLOW = {
    "test_typing_then_killing_the_app_keeps_what_was_typed_before_a_pause",
    "test_continuous_typing_is_saved_every_few_seconds_even_without_a_pause",
    "test_whole_application_through_the_interface",
    "test_sigkill_during_saves_never_corrupts",
    "test_a_locked_draft_is_a_clear_refusal_not_a_wait_forever",
    "test_take_undo_redo_in_an_empty_section",  # 5-6 s per key: types a sentence key by key
    "test_an_adapted_suggestion_is_one_undoable_step_too",
}
# thorough: the further seeds of a seeded test whose first seed `make test` runs (`make test-thorough`
# runs them all). The random keys take 10-15 s of CPU a run, 20 runs were half the suite's CPU time;
# seed 1 on each of the five screens still covers every screen in `make test`.
THOROUGH_BEYOND_FIRST_SEED = {"test_random_keys_never_crash_nor_lose_text"}


def _skip_reasons(item: pytest.Item) -> str:
    return " ".join(str(mark.kwargs.get("reason", "")) for mark in item.iter_markers("skipif")).lower()


def _seed(item: pytest.Item) -> object:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("seed") if callspec else None


def _is_long(item: pytest.Item) -> bool:
    return any(item.get_closest_marker(name) for name in ("slow", "libreoffice", "tmux"))


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what needs LibreOffice or tmux by what the test skips without, so `-m "not libreoffice"`
    leaves out every such test, marked by its author or not; mark the serial and slow ones by name.
    Then the long tests go first, so two workers finish together instead of one waiting on the other."""
    for item in items:
        reasons = _skip_reasons(item)
        if "libreoffice" in reasons or "soffice" in reasons:
            item.add_marker(pytest.mark.libreoffice)
        if "tmux" in reasons:
            item.add_marker(pytest.mark.tmux)
        name = getattr(item, "originalname", item.name)
        if name in SERIAL:
            item.add_marker(pytest.mark.serial)
        if name in SLOW:
            item.add_marker(pytest.mark.slow)
        if name in THOROUGH_BEYOND_FIRST_SEED and _seed(item) not in (None, 1):
            item.add_marker(pytest.mark.thorough)
    items.sort(key=lambda item: not _is_long(item))  # stable: the same order in every xdist worker
