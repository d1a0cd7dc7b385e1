"""Runs scripts/tmux_walk.sh: the whole walk in a real terminal (tmux), asserting on the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "tmux_walk.sh"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_walk_in_a_real_terminal() -> None:
    result = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, timeout=240, env={**os.environ, "PYTHON": sys.executable}
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "tmux_walk: OK" in result.stdout
