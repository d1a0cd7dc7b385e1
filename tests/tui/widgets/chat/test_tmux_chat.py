"""The chat in a real terminal (tmux), as the issue's acceptance asks: "vad saknas?" typed in the
chat line is answered in the chat pane, and a heading selected (clicked) in the answer moves the
editor there. The screen is polled until what a step shows appears; no step trusts a pause alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.core.storage import paths

SIZES = [(120, 40), (80, 24)]
# A heading as the answer to "vad saknas?" links it -> as the editor's label names it.
LINKS = {"3.4 Organisering": "3.4. Organisering", "3.1 Tidsplan": "3.1. Tidsplan"}


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def screen(self) -> list[str]:
        shown = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.session], capture_output=True, text=True, check=False
        ).stdout
        return shown.replace("\xa0", " ").splitlines()

    def wait_for(self, found: Callable[[list[str]], object], what: str, timeout: float = 30.0) -> object:
        deadline = time.monotonic() + timeout
        while True:
            lines = self.screen()
            result = found(lines)
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not show within {timeout} s; the screen:\n" + "\n".join(lines))
            time.sleep(0.1)

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, *(["-l"] if literal else []), *keys], check=True)

    def click(self, column: int, row: int) -> None:
        """A left click where the text is (SGR mouse report, 1-based), as a terminal sends it."""
        self.keys(f"\x1b[<0;{column};{row}M", f"\x1b[<0;{column};{row}m", literal=True)


def where(text: str, lines: list[str]) -> tuple[int, int] | None:
    """(column, row), 1-based, of the first place `text` shows."""
    for row, line in enumerate(lines, 1):
        if text in line:
            return line.index(text) + 1, row
    return None


def section_label(lines: list[str]) -> str:
    return next((line for line in lines if " ord · " in line), "")


@pytest.mark.slow
@pytest.mark.serial
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_question_in_the_chat_line_is_answered_and_its_heading_link_moves_the_editor(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    draft = tmp_path / "demo.md"  # the private state, config and cache folders come from tests/tui/conftest.py
    draft.write_bytes(paths.demo_draft().read_bytes())
    env = {**os.environ, "ANSOKAN_LANG": "sv"}
    session = f"ansokan-chat-{os.getpid()}-{size[0]}"
    command = f"{sys.executable} -m assistant open {draft}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command],
        check=True,
        env=env,
        cwd=Path(__file__).resolve().parents[4],
    )
    term = Terminal(session)
    try:
        term.wait_for(lambda lines: "3.3. Utfall" in section_label(lines), "the main screen on 3.3")
        term.keys("C-l")
        term.keys("vad saknas?", literal=True)
        term.wait_for(lambda lines: where("fråga – svar i chatten", lines), "the line's label")
        term.keys("Enter")
        term.wait_for(lambda lines: where("Kvar att göra", lines), "the answer in the chat pane, from its start")
        term.wait_for(lambda lines: where("3.4 Organisering", lines), "the answer's first heading")
        # The answer's headings are links; click one the pane shows (a small pane shows the answer's start).
        link, (column, row) = next((t, where(t, term.screen())) for t in LINKS if where(t, term.screen()))
        term.click(column + 2, row)
        term.wait_for(lambda lines: LINKS[link] in section_label(lines), f"the editor on {LINKS[link]}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
