"""Killing the process while it saves never leaves a truncated or empty draft.

A child process saves two large versions of a draft over and over; we SIGKILL it at random
moments, many times, and the file on disk must always parse and be exactly one of the two.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant.core.model.drafts import load_draft

ROOT = Path(__file__).resolve().parents[3]

CHILD = r"""
import sys, datetime as dt
sys.path.insert(0, sys.argv[2])
from assistant.core.model.forms import load_form
from assistant.core.model.drafts import new_draft, save_draft, load_draft
form = load_form("finsam-malmo")
path = sys.argv[1]
versions = []
for marker in ("VERSION-A", "VERSION-B"):
    d = new_draft(form, title=marker)
    d.set_text("bakgrund", (marker + " " + "lång text om samverkan och arbete. " * 40 + "\n\n") * 400)
    versions.append(d)
save_draft(versions[0], path, force=True)
print("ready", flush=True)
i = 0
while True:
    save_draft(versions[i % 2], path, force=True)
    i += 1
"""


def test_sigkill_during_saves_never_corrupts(tmp_path):
    path = tmp_path / "utkast.md"
    rng = random.Random(1234)
    kills = 0
    for _round in range(25):
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(ROOT)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        kills += 1
        draft = load_draft(path)  # must parse: whole, not truncated
        assert draft.title in ("VERSION-A", "VERSION-B")
        marker = draft.title
        assert draft.sections["bakgrund"].count(marker) == 400
        other = "VERSION-B" if marker == "VERSION-A" else "VERSION-A"
        assert other not in path.read_text(encoding="utf-8")
    assert kills == 25
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # at most the temp file of the save that was killed; never the draft
