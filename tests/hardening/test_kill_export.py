"""Nothing private left behind: `export --pdf` and `check --exact` killed at several moments leaves no LibreOffice
running 2 s later, and after the next run no `ansokan-*` copy or profile in the temp folder.

Each run gets a temp folder of its own ($TMPDIR) and a mark in its environment, inherited by
every process it starts, so the test finds exactly its own soffice processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT, has_soffice
from tests.core.document.test_office import marked
from tests.hardening.payloads import good_draft_text

pytestmark = pytest.mark.skipif(
    not has_soffice() or not Path("/proc/self/environ").exists(), reason="needs LibreOffice (soffice) and /proc"
)


def _soffice_of(mark: str) -> list[int]:
    found = []
    for pid in marked(mark):
        try:
            if b"soffice" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found


COMMANDS = {"export-pdf": ["export", "{draft}", "--pdf"], "check-exact": ["check", "--exact", "{draft}"]}


def _run(command: str, draft: Path, temp: Path, mark: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TMPDIR": str(temp), "ANSOKAN_TEST_MARK": mark, "PYTHONPATH": str(ROOT)}
    argv = [a.format(draft=draft) for a in COMMANDS[command]]
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.03)
    return False


# (what to wait for, then how long) before the kill
MOMENTS = [("start", 0.3), ("soffice", 0.0), ("soffice", 0.8), ("soffice", 2.0)]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_killed_pdf_export_or_exact_check_leaves_no_soffice_and_no_private_files(tmp_path, command):
    draft = tmp_path / "utkast.md"
    draft.write_text(good_draft_text(), encoding="utf-8")
    original = draft.read_bytes()
    temp = tmp_path / "temp"
    temp.mkdir()
    for moment, delay in MOMENTS:
        mark = uuid.uuid4().hex
        run = _run(command, draft, temp, mark)
        if moment == "soffice":
            assert _wait_for(lambda m=mark: _soffice_of(m), 60), "LibreOffice never started"
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        survivors = []
        if not _wait_for(lambda m=mark: not marked(m), 2.0):
            survivors = marked(mark)
            for pid in survivors:
                os.kill(pid, signal.SIGKILL)
        assert survivors == [], f"still alive 2 s after the kill at {moment}+{delay} s"
        pdf = draft.with_suffix(".pdf")
        assert not pdf.exists() or pdf.read_bytes().startswith(b"%PDF")  # never half a PDF
    assert draft.read_bytes() == original
    finished = _run(command, draft, temp, uuid.uuid4().hex)
    _, stderr = finished.communicate(timeout=180)
    assert finished.returncode in (0, 1), stderr.decode()
    assert [p.name for p in temp.iterdir()] == []  # no ansokan-* folder, nor any LibreOffice temp file
    if command == "export-pdf":
        assert draft.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
