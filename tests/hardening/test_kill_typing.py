"""Killed while typing, the app loses at most about two seconds of it (issue 18, point 10).

The app runs in a real terminal (tmux). The test types a numbered word every 0.1 s without a
pause (so the autosave's 3 s pause never comes, and the kill comes before its 8 s maximum wait:
the file on disk holds none of it), SIGKILLs the process, opens the draft again, accepts the
"Återställ" question, and measures how long before the kill the last word that came back was
sent: that is the typing lost.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.core.storage.journal import recover
from tests.hardening.terminal import HAS_TMUX, Terminal

pytestmark = pytest.mark.skipif(not HAS_TMUX, reason="tmux is not installed")

WORD_EVERY_S = 0.1
TYPING_S = 5.0  # under AUTOSAVE_MAX_WAIT (8 s): only the journal can bring the words back
MAX_LOST_S = 2.0


def test_a_kill_while_typing_loses_at_most_two_seconds(tmp_path: Path) -> None:
    draft = new_draft(load_form("finsam-malmo"), title="Dödad mitt i")
    path = save_draft(draft, tmp_path / "utkast.md")
    key = draft.form.headings[0].key
    terminal = Terminal("kill-typing")
    try:
        terminal.start(["open", str(path)])
        terminal.wait_for("Dödad mitt i")
        terminal.wait_for("ord ·")  # the composer's label: the editor is shown (and has the focus)
        sent: list[float] = []
        start = time.monotonic()
        while time.monotonic() - start < TYPING_S:
            terminal.type(f" w{len(sent)}")
            sent.append(time.monotonic())
            time.sleep(WORD_EVERY_S)
        os.kill(terminal.app_pid(), signal.SIGKILL)
        killed = time.monotonic()
        terminal.close()
        assert load_draft(path).text(key) == "", "the autosave saved: the kill must come before it"
        assert recover(path) is not None, "no journal left by the killed run"

        terminal = Terminal("kill-typing-again")
        terminal.start(["open", str(path)])
        terminal.wait_for("Återställ")
        terminal.keys("Enter")
        terminal.wait_for("Texten återställdes")
        deadline = time.monotonic() + 30
        while "w0" not in load_draft(path).text(key) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        terminal.close()

    words = load_draft(path).text(key).split()
    assert words[: len(words)] == [f"w{i}" for i in range(len(words))], "the words came back in order, whole"
    lost = killed - sent[len(words) - 1]
    print(f"typed {len(sent)} words in {TYPING_S:.0f} s; {len(words)} came back; lost {lost:.2f} s of typing")
    assert lost <= MAX_LOST_S, f"lost {lost:.2f} s of typing ({len(sent) - len(words)} words)"
