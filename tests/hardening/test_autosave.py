"""The interface's autosave: typing in the app, then killing the process, keeps what was saved whole.

The app runs headless under Textual's Pilot in a child process that types words into the editor.
Each test leaves only one of the two autosave rules able to save (the other's time set to an
hour), so what reaches the disk proves that rule works. The parent waits on the file on disk,
never on a clock, then SIGKILLs the child – no quit, no save-on-exit – and reads the draft back.
The policy's times themselves are tested without waiting (tests/tui/screens/main/test_autosave.py).
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
from assistant.tui.conversation import load_conversation, save_conversation
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
        policy = app.screen.autosave.policy
        if sys.argv[2] == "pause":
            policy.max_wait = 3600  # only the pause after the last keystroke can save
        else:
            policy.delay = 3600  # only the maximum wait can save: as if the writer never paused
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


def _wait_for_disk(path: Path, condition, what: str, child: subprocess.Popen, timeout: float = 120) -> str:
    """The draft's text once `condition(text)` holds; the timeout only turns a hang into a failure."""
    deadline = time.monotonic() + timeout
    while not condition(text := _on_disk(path)):
        assert child.poll() is None, f"the app exited early: {child.stderr.read()[-2000:]}"
        assert time.monotonic() < deadline, f"{what} never reached the disk"
        time.sleep(0.05)
    return text


def assert_no_temp_files_once_reopened(path: Path) -> None:
    """A kill can interrupt a write: the draft's temp file is gone at once (the draft was saved
    before the kill, and its save cleans up); the conversation's, if any, when it is next saved."""
    assert not [p for p in path.parent.glob(f".{path.name}.*.tmp") if ".samtal." not in p.name]
    convo = load_conversation(path)
    save_conversation(path, convo.messages, convo.done)
    assert not list(path.parent.glob(".*.tmp"))


def test_typing_then_killing_the_app_keeps_what_was_typed_before_a_pause(tmp_path):
    child, path = _start(tmp_path, "pause")
    try:
        assert _read_line(child) == "ready"
        while _read_line(child) != "paused":
            pass
        _wait_for_disk(path, lambda text: "ord4" in text, "the words typed before the pause", child)
    finally:
        _kill(child)
    draft = load_draft(path)  # the file is whole and parses
    text = "\n".join(draft.sections.values())
    assert all(f"ord{k}" in text for k in range(5))
    assert_no_temp_files_once_reopened(path)


def test_continuous_typing_is_saved_every_few_seconds_even_without_a_pause(tmp_path):
    """The autosave waits for a pause, but never more than AUTOSAVE_MAX_WAIT after the first unsaved
    keystroke, so a writer who never pauses loses seconds, not everything."""
    child, path = _start(tmp_path, "continuous")
    typed: list[int] = []
    try:
        assert _read_line(child) == "ready"
        typed.append(int(_read_line(child).split()[1]))
        _wait_for_disk(path, lambda text: "ord0" in text, "continuous typing", child)
        typed.append(int(_read_line(child).split()[1]))  # and the writer is still typing
    finally:
        _kill(child)
    text = "\n".join(load_draft(path).sections.values())  # the file is whole and parses
    saved = [k for k in range(typed[-1] + 1) if f"ord{k} " in text + " "]
    assert saved == list(range(len(saved))), "what is on disk is what was typed, in order, up to a point"
    assert_no_temp_files_once_reopened(path)
