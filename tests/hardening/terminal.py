"""The app in a real terminal: `python -m assistant open FILE` in a tmux pane of its own server,
read as text and typed into as a user would. Waits are on what the screen shows, never on a
clock; the process can be killed by its pid like any other."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import ROOT

HAS_TMUX = shutil.which("tmux") is not None
ENV_VARS = ("ANSOKAN_STATE", "ANSOKAN_CONFIG", "ANSOKAN_CACHE", "ANSOKAN_DRAFTS", "ANSOKAN_LIBRARY", "ANSOKAN_FORMS")


class Terminal:
    """One tmux server (its own socket name) holding one pane of 120 × 40."""

    def __init__(self, name: str) -> None:
        self.server = f"ansokan-{name}-{os.getpid()}"

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True, timeout=30)
        return result.stdout

    def start(self, args: Sequence[str], *, prefix: Sequence[str] = ()) -> None:
        """Run the app (after `prefix`, e.g. an unshare) with this test's private folders."""
        env = " ".join(f"{var}={shlex.quote(os.environ[var])}" for var in ENV_VARS if var in os.environ)
        command = [*prefix, sys.executable, "-m", "assistant", *args]
        line = (
            f"cd {shlex.quote(str(ROOT))} && exec env PYTHONPATH={shlex.quote(str(ROOT))} {env} {shlex.join(command)}"
        )
        subprocess.run(
            ["tmux", "-L", self.server, "new-session", "-d", "-x", "120", "-y", "40", line], check=True, timeout=30
        )
        self.tmux("set-option", "-g", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p").replace("\xa0", " ")

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if "Traceback" in shown or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not show; the screen:\n{shown}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-l", "--", text)

    def app_pid(self) -> int:
        """The app's process: the pane's own (the command is exec'd), or its python child."""
        pane = int(self.tmux("display", "-p", "#{pane_pid}").strip())
        return _python_in(pane) or pane

    def close(self) -> None:
        self.tmux("kill-server")


def _python_in(pid: int) -> int | None:
    """`pid` itself when it runs python, else its first python descendant (after unshare/sh)."""
    try:
        if "python" in Path(f"/proc/{pid}/comm").read_text():
            return pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    for child in children:
        found = _python_in(int(child))
        if found:
            return found
    return None
