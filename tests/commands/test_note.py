"""`ansokan note`: a note on a section from the command line, in both languages."""

from __future__ import annotations

import json

from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.storage.paths import demo_draft
from tests.conftest import run_cli


def test_note_add_list_and_resolve(tmp_path):
    path = save_draft(load_draft(demo_draft()), tmp_path / "utkast.md")
    added = run_cli("note", str(path), "malgrupp", "Stämmer siffran?", "--anchor", "60 personer")
    assert added.returncode == 0, added.stderr
    assert "Lade till anteckning" in added.stdout and "malgrupp" in added.stdout
    english = run_cli("--lang", "en", "note", str(path), "Bakgrund", "Source?")
    assert english.returncode == 0 and "Added note" in english.stdout
    listed = json.loads(run_cli("note", str(path), "--list", "--json").stdout)
    assert [(n["section"], n["text"], n["anchor"]) for n in listed] == [
        ("malgrupp", "Stämmer siffran?", "60 personer"),
        ("bakgrund", "Source?", ""),
    ]
    assert run_cli("note", str(path), "--resolve", listed[1]["id"]).returncode == 0
    assert "Source?" not in run_cli("note", str(path), "--list").stdout
    assert [n.resolved for n in load_draft(path).notes] == [False, True]


def test_a_bad_note_is_one_line_and_changes_nothing(tmp_path):
    path = save_draft(load_draft(demo_draft()), tmp_path / "utkast.md")
    before = path.read_text(encoding="utf-8")
    result = run_cli("--lang", "en", "note", str(path), "malgrupp", "x", "--anchor", "not in the text")
    assert result.returncode == 2 and "is not in the section malgrupp" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and path.read_text(encoding="utf-8") == before
