"""`ansokan review DRAFT REVIEWED.docx`: the reviewers' changes and comments per section."""

from __future__ import annotations

import json

from assistant.core.model.drafts import save_draft
from tests.conftest import run_cli
from tests.core.sources.test_review import reviewed  # noqa: F401 (the fixture)


def test_review_lists_each_change_and_comment_under_its_section(tmp_path, reviewed):  # noqa: F811
    draft, path = reviewed
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    before = draft_path.read_bytes()
    shown = run_cli("review", str(draft_path), str(path))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    at = lines.index("2. Bakgrund")
    assert "infogat" in lines[at + 1] and "och deras anhöriga" in lines[at + 1] and "Eva Holm" in lines[at + 1]
    assert "strukit" in lines[at + 2]
    assert any(line.startswith(("3.2. Målgrupp", "3.2 Målgrupp")) for line in lines)
    assert "Karin Ek: Hur många av dem är kvinnor?" in shown.stdout
    assert lines[-1] == "2 ändringar, 1 kommentar"
    assert draft_path.read_bytes() == before  # nothing applied

    data = json.loads(run_cli("--lang", "en", "review", str(draft_path), str(path), "--json").stdout)
    assert [c["kind"] for c in data["changes"]] == ["insertion", "deletion"]
    assert data["comments"][0]["section"] == "malgrupp" and data["authors"] == ["Eva Holm", "Karin Ek"]


def test_a_missing_reviewed_file_is_one_line(tmp_path, reviewed):  # noqa: F811
    draft, _path = reviewed
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    result = run_cli("review", str(draft_path), str(tmp_path / "finns-inte.docx"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "finns-inte.docx" in result.stderr
