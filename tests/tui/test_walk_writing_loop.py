"""Runs scripts/walk_writing_loop.sh: the writing loop of issue 19 in a real terminal (tmux), at
120×40 and 80×24 — a new application with its facts, text in two sections, F3 taken, undone and
redone, F4 after its question, a signatory in Projektuppgifter, the export — and then the draft
on disk compared, section by section, with what was typed and taken."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "walk_writing_loop.sh"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_writing_loop_in_a_real_terminal() -> None:
    result = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHON": sys.executable}
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "walk_writing_loop: OK (120x40 80x24)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
