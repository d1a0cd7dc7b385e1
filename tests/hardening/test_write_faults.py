"""Writing fails (file-size limit or quota, missing directory): one clear line, the old file intact.

RLIMIT_FSIZE makes every write past a few kB fail with EFBIG in the child process, the way a
full disk (ENOSPC) or a used-up quota on a network home directory (EDQUOT) does.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys

from tests.conftest import ROOT
from tests.hardening.payloads import good_draft_text, real_source_text


def _limited_write_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))


def _ansokan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        preexec_fn=_limited_write_size,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _one_clear_line(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ansokan: "), result.stderr


def test_a_write_that_hits_the_size_limit_leaves_the_old_draft_and_no_temp_file(tmp_path):
    source = tmp_path / "kalla.txt"
    source.write_text(real_source_text(), encoding="utf-8")
    draft = tmp_path / "utkast.md"
    draft.write_text(good_draft_text()[:3000], encoding="utf-8")  # small enough to have been written
    before = draft.read_bytes()
    result = _ansokan("new", "--force", "--form", "finsam-malmo", "--from", str(source), str(draft))
    _one_clear_line(result)
    assert "disken är full" in result.stderr
    assert draft.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_export_that_cannot_be_written_leaves_nothing_behind(tmp_path):
    draft = tmp_path / "utkast.md"
    draft.write_text(good_draft_text(), encoding="utf-8")
    out = tmp_path / "ut.docx"
    result = _ansokan("export", str(draft), "-o", str(out))
    _one_clear_line(result)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
