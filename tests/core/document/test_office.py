"""LibreOffice ends with us: its whole process group dies on a timeout and when ansokan is killed,
and its private work folder does not outlive the next run.

A stand-in `soffice` (a shell script that starts a grandchild and waits, as the real script,
oosplash and soffice.bin do) makes this quick and exact; tests/hardening/test_kill_export.py
does the same with the real LibreOffice.
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

from assistant.core.document.office import OfficeMissing, convert_to_pdf
from assistant.core.errors import UserError
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find processes")

FAKE = """#!/bin/sh
sleep 300 &
echo started > "$FAKE_STARTED"
wait
"""


def marked(mark: str) -> list[int]:
    """Processes whose environment carries the mark (every descendant of the run inherits it)."""
    found = []
    needle = f"ANSOKAN_TEST_MARK={mark}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _gone_within(mark: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch) -> tuple[str, Path]:
    script = tmp_path / "soffice"
    script.write_text(FAKE, encoding="utf-8")
    script.chmod(0o755)
    mark = uuid.uuid4().hex
    started = tmp_path / "started"
    monkeypatch.setenv("ANSOKAN_SOFFICE", str(script))
    monkeypatch.setenv("ANSOKAN_TEST_MARK", mark)
    monkeypatch.setenv("FAKE_STARTED", str(started))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    yield mark, temp
    for pid in marked(mark):  # never leave a stray sleep behind, whatever happened
        os.kill(pid, signal.SIGKILL)


def test_a_timeout_ends_the_whole_group_and_removes_the_work_folder(fake_soffice, tmp_path):
    mark, temp = fake_soffice
    docx = tmp_path / "ansokan.docx"
    docx.write_bytes(b"inte viktigt")
    with pytest.raises(UserError, match="svarade inte inom 1 s"):
        convert_to_pdf(docx, tmp_path, timeout=1)
    assert _gone_within(mark, 2.0) == []
    assert list(temp.iterdir()) == []


CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from assistant.core.document.office import convert_to_pdf
convert_to_pdf(Path(sys.argv[2]), Path(sys.argv[2]).parent)
"""


def test_killing_ansokan_ends_libreoffice_within_two_seconds_and_the_next_run_cleans(fake_soffice, tmp_path):
    mark, temp = fake_soffice
    docx = tmp_path / "ansokan.docx"
    docx.write_bytes(b"privat text")
    env = {**os.environ, "TMPDIR": str(temp)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(docx)], env=env)
    deadline = time.monotonic() + 30
    while not (tmp_path / "started").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(marked(mark)) >= 4  # ansokan, the guard, the script and its grandchild
    child.kill()
    child.wait()
    assert _gone_within(mark, 2.0) == []
    left = [p.name for p in temp.iterdir()]
    assert len(left) == 1 and left[0].startswith(f"ansokan-work-{child.pid}-")
    with pytest.raises(UserError):  # the next run (timing out at once) removes the killed run's folder
        convert_to_pdf(docx, tmp_path, timeout=0.5)
    assert list(temp.iterdir()) == []


def test_a_soffice_that_cannot_start_is_office_missing(tmp_path, monkeypatch):
    broken = tmp_path / "soffice"
    broken.write_text("inte ett program", encoding="utf-8")  # exists, not executable
    monkeypatch.setenv("ANSOKAN_SOFFICE", str(broken))
    docx = tmp_path / "ansokan.docx"
    docx.write_bytes(b"x")
    with pytest.raises(OfficeMissing, match="kunde inte startas"):
        convert_to_pdf(docx, tmp_path)
