"""`ansokan demo`: the copy goes to the configured drafts folder, and a file there is named clearly."""

from __future__ import annotations

from tests.conftest import run_cli


def test_the_demo_copy_goes_under_the_configured_drafts_folder(tmp_path):
    result = run_cli("demo", "--path-only", env={"ANSOKAN_DRAFTS": str(tmp_path / "utkast")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "utkast" / "demo-steget-vidare.md")


def test_a_drafts_folder_that_is_a_file_is_said_clearly_in_both_languages(tmp_path):
    folder = tmp_path / "utkast"
    folder.write_text("min fil\n", encoding="utf-8")
    for lang, says in (("sv", "utkastkatalogen är en fil"), ("en", "the drafts folder is a file")):
        result = run_cli("--lang", lang, "demo", "--path-only", env={"ANSOKAN_DRAFTS": str(folder)})
        assert result.returncode == 2 and says in result.stderr and "ANSOKAN_DRAFTS" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert folder.read_text(encoding="utf-8") == "min fil\n"
