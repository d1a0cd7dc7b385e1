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


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_accept_all_writes_the_reviewed_text_into_the_draft(tmp_path, reviewed):  # noqa: F811
    from assistant.core.model.drafts import load_draft
    from assistant.core.sources.review import read_review

    draft, path = reviewed
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    listed = run_cli("review", str(draft_path), str(path)).stdout
    assert "#1" in listed and "#2" in listed
    result = run_cli("review", str(draft_path), str(path), "--accept", "alla")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("2 ändringar infördes i")
    saved = load_draft(draft_path)
    assert _paragraphs(saved.text("bakgrund")) == read_review(path, saved.form).accepted["bakgrund"]
    assert saved.text("malgrupp") == draft.text("malgrupp")


def test_accept_one_and_reject_the_other(tmp_path, reviewed):  # noqa: F811
    from assistant.core.model.drafts import load_draft

    draft, path = reviewed
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    result = run_cli("--lang", "en", "review", str(draft_path), str(path), "--accept", "1", "--reject", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("1 change taken into") and "1 rejected" in result.stdout
    text = load_draft(draft_path).text("bakgrund")
    assert "och deras anhöriga" in text
    assert _paragraphs(text)[1] == _paragraphs(draft.text("bakgrund"))[1]  # the deletion rejected


def test_a_change_number_not_in_the_review_is_one_line_and_saves_nothing(tmp_path, reviewed):  # noqa: F811
    draft, path = reviewed
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    before = draft_path.read_bytes()
    for bad in ("7", "ett"):
        result = run_cli("review", str(draft_path), str(path), "--accept", bad)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and bad in result.stderr
    assert draft_path.read_bytes() == before
