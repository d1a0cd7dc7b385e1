"""Two ansokan processes on one draft or one library never lose or corrupt anything.

Drafts: two processes load-edit-save the same file in a loop. `save_draft` holds a file lock
while it compares the file with what was loaded and writes, and refuses when someone else saved
in between. Every successful save therefore builds on the one before it: the successful saves
form one unbroken chain (no two saves started from the same version, which would mean one
silently overwrote the other), and the file ends as the last link of that chain.

Library: two `ansokan library import` at once into one user library, with files whose names
(and so whose library ids) collide, then two `ansokan suggest` at once refreshing one index:
every imported application is there, whole, and the index holds exactly the library's passages.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.core.reuse.library import entry_files, load_entry, passages
from tests.conftest import ROOT, run_cli
from tests.hardening.payloads import APPLICATION_TEXT

ROUNDS = 40

SAVER = r"""
import hashlib, json, sys
sys.path.insert(0, sys.argv[3])
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.errors import UserError
path, who = sys.argv[1], sys.argv[2]
log = []
for i in range(int(sys.argv[4])):
    draft = load_draft(path)
    before = draft.loaded_digest
    key = "bakgrund" if who == "A" else "mal"
    draft.set_text(key, draft.text(key) + f"\n\n{who}-{i}")
    try:
        save_draft(draft)
    except UserError as exc:
        log.append({"i": i, "result": "refused", "message": exc.message()})
        continue
    log.append({"i": i, "result": "saved", "before": before, "after": draft.loaded_digest})
print(json.dumps(log))
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_processes_saving_one_draft_never_lose_a_save(tmp_path):
    path = tmp_path / "utkast.md"
    save_draft(new_draft(load_form("finsam-malmo"), title="Samtidigt"), path, force=True)
    start = _digest(path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), who, str(ROOT), str(ROUNDS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in "AB"
    ]
    logs = {}
    for who, proc in zip("AB", procs, strict=False):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        logs[who] = json.loads(out)

    saves = [(who, e) for who, log in logs.items() for e in log if e["result"] == "saved"]
    refusals = [e for log in logs.values() for e in log if e["result"] == "refused"]
    assert all("ändrats av någon annan" in e["message"] or "sparar samma utkast" in e["message"] for e in refusals)
    # One unbroken chain from the first version to the file on disk: nothing overwritten unseen.
    by_before = {}
    for who, e in saves:
        assert e["before"] not in by_before, f"two saves started from one version: {who} {e['i']} lost an update"
        by_before[e["before"]] = e
    link, length = start, 0
    while link in by_before:
        link, length = by_before[link]["after"], length + 1
    assert length == len(saves), "a successful save is not part of the chain"
    assert link == _digest(path)
    # …and every saved edit is in the final text.
    final = load_draft(path)
    text = final.text("bakgrund") + "\n" + final.text("mal")
    for who, e in saves:
        assert f"{who}-{e['i']}" in text
    assert len(saves) + len(refusals) == 2 * ROUNDS and len(saves) >= ROUNDS // 2


def _library_sources(directory: Path, marker: str) -> list[Path]:
    """Five applications whose file names are the same in both batches (so their ids collide)."""
    directory.mkdir()
    files = []
    for n in range(5):
        path = directory / f"ansokan-{n}.txt"
        path.write_text(
            APPLICATION_TEXT.replace("Vägen vidare", f"Vägen vidare {marker}{n}").replace(
                "samordnat stöd", f"samordnat stöd ({marker}{n})"
            ),
            encoding="utf-8",
        )
        files.append(path)
    return files


def test_two_imports_into_one_library_keep_every_application_and_the_index_consistent(tmp_path):
    library, cache = tmp_path / "bibliotek", tmp_path / "cache"
    env = {"ANSOKAN_LIBRARY": str(library), "ANSOKAN_CACHE": str(cache)}
    batches = {m: _library_sources(tmp_path / m, m) for m in ("X", "Y")}
    full_env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "assistant", "library", "import", "--form", "finsam-malmo", *map(str, files)],
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for files in batches.values()
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "Traceback" not in err

    stored = [load_entry(p) for p in entry_files(library)]
    assert len(stored) == 10, f"an import overwrote another: {[e.id for e in stored]}"
    texts = "\n".join(s.text for e in stored for s in e.sections)
    for marker, files in batches.items():
        for n in range(len(files)):
            assert f"({marker}{n})" in texts, f"{marker}{n} was lost"
    assert not [p for p in library.iterdir() if p.name.endswith(".tmp")]

    # Two suggest processes refresh the same on-disk index at the same time.
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "assistant",
                "suggest",
                "--form",
                "finsam-malmo",
                "--section",
                "bakgrund",
                "--text",
                "samordnat stöd unga vuxna",
                "--json",
            ],
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        json.loads(out)
    _assert_index_matches_library(library, cache)


def _assert_index_matches_library(library: Path, cache: Path) -> None:
    """Every index database in the cache that covers the library holds exactly its passages."""
    import sqlite3

    base = str(library.resolve())
    expected = {str(p.resolve()): len(passages(load_entry(p))) for p in entry_files(library)}
    checked = 0
    for db_path in cache.glob("*.sqlite"):
        db = sqlite3.connect(db_path)
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name='passages'").fetchone():
            continue
        rows = db.execute("SELECT path, count(*) FROM passages WHERE path LIKE ? GROUP BY path", (base + "%",))
        indexed = dict(rows.fetchall())
        if not indexed:
            continue
        assert indexed == {k: v for k, v in expected.items() if v}
        fts = db.execute("SELECT count(*) FROM fts").fetchone()[0]
        assert fts == db.execute("SELECT count(*) FROM passages").fetchone()[0], "FTS rows and passages disagree"
        checked += 1
    assert checked, "no index covering the library was built"


def test_a_locked_draft_is_a_clear_refusal_not_a_wait_forever(tmp_path):
    """While another process holds the draft's lock, a save gives up after a few seconds with one line."""
    from assistant.core.errors import LockedError

    path = tmp_path / "utkast.md"
    draft = new_draft(load_form("finsam-malmo"), title="Låst")
    save_draft(draft, path, force=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, sys.argv[2]);"
            "from assistant.core.model.drafts import lock_for;"
            "l = lock_for(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(30)",
            str(path),
            str(ROOT),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        draft.set_text("bakgrund", "Ny text.")
        try:
            save_draft(draft)
            raised = None
        except LockedError as exc:
            raised = exc
        assert raised is not None and "sparar samma utkast" in raised.message()
        assert "Ny text." not in path.read_text(encoding="utf-8")
    finally:
        holder.kill()
        holder.wait()
    save_draft(draft)  # once the other process is gone the save goes through
    assert "Ny text." in path.read_text(encoding="utf-8")


def test_cli_new_refuses_to_overwrite_a_draft(tmp_path):
    path = tmp_path / "utkast.md"
    assert run_cli("new", "--form", "finsam-malmo", "--title", "Först", str(path)).returncode == 0
    second = run_cli("new", "--form", "finsam-malmo", "--title", "Sedan", str(path))
    assert second.returncode == 2 and "finns redan" in second.stderr
    assert 'title = "Först"' in path.read_text(encoding="utf-8")


def test_a_utf16_draft_can_be_saved_and_is_still_guarded(tmp_path):
    """A draft saved as UTF-16 ("Unicode" in Notepad) opens, saves, and still refuses a stale save."""
    from assistant.core.errors import DraftError
    from tests.hardening.payloads import good_draft_text

    path = tmp_path / "utkast.md"
    path.write_bytes(good_draft_text().encode("utf-16"))
    draft = load_draft(path)
    stale = load_draft(path)
    draft.set_text("bakgrund", "Sparad från UTF-16.")
    save_draft(draft)  # used to be refused forever: the bytes on disk never matched the decoded text
    assert load_draft(path).text("bakgrund") == "Sparad från UTF-16."
    stale.set_text("mal", "Gammal kopia.")
    with pytest.raises(DraftError):
        save_draft(stale)
    assert load_draft(path).text("bakgrund") == "Sparad från UTF-16."
