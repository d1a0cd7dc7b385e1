"""The interface's autosave: typing in the app, then killing the process, loses at most seconds.

The app runs headless under Textual's Pilot in a child process that types words into the editor.
The parent waits (by watching the file, not by guessing a sleep) until the words are on disk,
then SIGKILLs the child – no quit, no save-on-exit – and reads the draft back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from tests.conftest import ROOT

pytest.importorskip("textual")

TYPIST = r"""
import asyncio, sys, time
sys.path.insert(0, sys.argv[3])
from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp

async def main() -> None:
    app = AnsokanApp(load_draft(sys.argv[1]), lang_code="sv")
    async with app.run_test(size=(140, 42)) as pilot:
        while type(app.screen).__name__ != "MainScreen":
            await pilot.pause()
        app.screen.query_one("#editor").focus()
        print("ready", flush=True)
        k = 0
        while True:
            await pilot.press(*f" ord{k}")
            print(f"typed {k} {time.time()}", flush=True)
            k += 1
            if sys.argv[2] == "pause" and k == 5:
                print("paused", flush=True)
                await asyncio.sleep(3600)  # the writer stops typing; the app keeps running
            await asyncio.sleep(0.3)

asyncio.run(main())
"""


def _start(tmp_path: Path, mode: str) -> tuple[subprocess.Popen, Path]:
    path = tmp_path / "utkast.md"
    save_draft(new_draft(load_form("finsam-malmo"), title="Autospar"), path, force=True)
    child = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(path), mode, str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TEXTUAL": ""},
    )
    return child, path


def _read_line(child: subprocess.Popen, timeout: float = 60) -> str:
    """The child's next line (fails clearly if it died instead)."""
    deadline = time.monotonic() + timeout
    line = child.stdout.readline()
    if not line:
        child.wait(timeout=5)
        raise AssertionError(f"the app exited early: {child.stderr.read()[-2000:]}")
    assert time.monotonic() < deadline
    return line.strip()


def _kill(child: subprocess.Popen) -> None:
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=10)


def _on_disk(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def test_typing_then_killing_the_app_keeps_what_was_typed_before_a_pause(tmp_path):
    from assistant.tui.screens.main.autosave import AUTOSAVE_DELAY

    child, path = _start(tmp_path, "pause")
    try:
        assert _read_line(child) == "ready"
        while _read_line(child) != "paused":
            pass
        paused_at = time.monotonic()
        deadline = paused_at + AUTOSAVE_DELAY + 15
        while "ord4" not in _on_disk(path):  # condition, not a fixed sleep
            assert time.monotonic() < deadline, "the typed words never reached the disk"
            time.sleep(0.05)
        saved_after = time.monotonic() - paused_at
    finally:
        _kill(child)
    draft = load_draft(path)  # the file is whole and parses
    text = "\n".join(draft.sections.values())
    assert all(f"ord{k}" in text for k in range(5))
    assert saved_after < AUTOSAVE_DELAY + 5, f"autosave came {saved_after:.1f} s after the last keystroke"
    assert not list(tmp_path.glob(".*.tmp"))


def test_continuous_typing_is_saved_every_few_seconds_even_without_a_pause(tmp_path):
    """The autosave is debounced (3 s after the last keystroke) but never waits more than
    AUTOSAVE_MAX_WAIT after the first unsaved one, so a writer who never pauses loses seconds, not all."""
    from assistant.tui.screens.main.autosave import AUTOSAVE_MAX_WAIT

    child, path = _start(tmp_path, "continuous")
    typed: dict[int, float] = {}
    try:
        assert _read_line(child) == "ready"
        start = time.time()
        while time.time() - start < AUTOSAVE_MAX_WAIT + 6:
            parts = _read_line(child).split()
            typed[int(parts[1])] = float(parts[2])
        killed_at = time.time()
    finally:
        _kill(child)
    text = "\n".join(load_draft(path).sections.values())
    saved = [k for k in typed if f"ord{k} " in text + " "]
    newest = max(saved, default=-1)
    lost_seconds = killed_at - typed[newest] if newest >= 0 else killed_at - start
    assert lost_seconds < AUTOSAVE_MAX_WAIT + 3, f"the last {lost_seconds:.0f} s of typing were lost"
