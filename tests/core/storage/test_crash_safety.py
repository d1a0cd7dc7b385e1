"""Killing the process while it saves never leaves a truncated or empty draft.

A child process saves two large versions of a draft over and over; we SIGKILL it at random
moments, many times, and the file on disk must always parse and be exactly one of the two.

The savers are forked from one parent that has imported the code and built the two versions once
(25 fresh interpreters spent more CPU on their imports than on saving): each is still a process of
its own, saving from its first instant until SIGKILL stops it.
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

# The parent: reads one line per round, forks a saver, reports its pid and waits until it is killed.
PARENT = r"""
import os, sys
sys.path.insert(0, sys.argv[2])
from assistant.core.model.forms import load_form
from assistant.core.model.drafts import new_draft, save_draft
form = load_form("finsam-malmo")
path = sys.argv[1]
versions = []
for marker in ("VERSION-A", "VERSION-B"):
    d = new_draft(form, title=marker)
    d.set_text("bakgrund", (marker + " " + "lång text om samverkan och arbete. " * 40 + "\n\n") * 400)
    versions.append(d)
for _line in sys.stdin:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        save_draft(versions[0], path, force=True)
        os.write(writer, b"ready\n")
        i = 0
        while True:
            save_draft(versions[i % 2], path, force=True)
            i += 1
    os.close(writer)
    with os.fdopen(reader, "rb") as ready:
        started = ready.readline().strip() == b"ready"
    print(pid if started else "failed", flush=True)
    _, status = os.waitpid(pid, 0)
    print(os.WTERMSIG(status) if os.WIFSIGNALED(status) else "exited", flush=True)
"""


def test_sigkill_during_saves_never_corrupts(tmp_path):
    path = tmp_path / "utkast.md"
    rng = random.Random(1234)
    kills = 0
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(path), str(ROOT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdin is not None and parent.stdout is not None
    try:
        for _round in range(25):
            parent.stdin.write("saver\n")
            parent.stdin.flush()
            pid = int(parent.stdout.readline())  # after its first whole save
            time.sleep(rng.uniform(0.0, 0.25))
            os.kill(pid, signal.SIGKILL)
            assert parent.stdout.readline().strip() == str(int(signal.SIGKILL))  # killed, not ended
            kills += 1
            draft = load_draft(path)  # must parse: whole, not truncated
            assert draft.title in ("VERSION-A", "VERSION-B")
            marker = draft.title
            assert draft.sections["bakgrund"].count(marker) == 400
            other = "VERSION-B" if marker == "VERSION-A" else "VERSION-A"
            assert other not in path.read_text(encoding="utf-8")
    finally:
        parent.stdin.close()
        parent.wait(timeout=30)
    assert kills == 25
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # at most the temp file of the save that was killed; never the draft
