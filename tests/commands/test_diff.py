"""`ansokan diff DRAFT [--against VERSION|FILE.docx]`: what changed since an export (issue 17, item 4)."""

from __future__ import annotations

import json

from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.storage import paths
from tests.conftest import run_cli


def _exported(tmp_path):
    draft_path = save_draft(load_draft(paths.demo_draft()), tmp_path / "utkast.md")
    result = run_cli("export", str(draft_path), "-o", str(tmp_path / "ansokan.docx"))
    assert result.returncode == 0, result.stderr
    assert "version 1" in result.stdout
    return draft_path


def test_diff_after_an_export_and_one_edit_shows_that_edit_and_nothing_else(tmp_path):
    draft_path = _exported(tmp_path)
    assert "Inget har ändrats" in run_cli("diff", str(draft_path)).stdout
    draft = load_draft(draft_path)
    draft.set_text("malgrupp", draft.text("malgrupp").replace("60 personer", "70 personer"))
    save_draft(draft, draft_path)
    shown = run_cli("diff", str(draft_path))
    assert shown.returncode == 0, shown.stderr
    changed = [line for line in shown.stdout.splitlines()[1:] if line.strip()]
    assert changed[0].startswith("3.2") and "Målgrupp" in changed[0]
    assert len(changed) == 2 and "[-60-] {+70+} personer" in changed[1]
    data = json.loads(run_cli("diff", str(draft_path), "--against", str(tmp_path / "ansokan.docx"), "--json").stdout)
    assert data["version"] == 1 and [s["section"] for s in data["sections"]] == ["malgrupp"]


def test_an_unknown_version_or_foreign_file_is_one_line(tmp_path):
    draft_path = _exported(tmp_path)
    other = tmp_path / "annan.docx"
    other.write_bytes(b"not the export")
    for against in ("9", str(other), str(tmp_path / "saknas.docx")):
        result = run_cli("diff", str(draft_path), "--against", against)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_no_version_yet_says_how_to_make_one(tmp_path):
    draft_path = save_draft(load_draft(paths.demo_draft()), tmp_path / "utkast.md")
    result = run_cli("diff", str(draft_path))
    assert result.returncode == 2 and "ansokan export" in result.stderr
