"""`ansokan status`: how far a draft has come, and a draft that cannot be read named in one line."""

from __future__ import annotations

from tests.conftest import run_cli


def test_missing_draft_is_named(tmp_path):
    result = run_cli("status", str(tmp_path / "saknas.md"))
    assert result.returncode == 2 and "saknas.md" in result.stderr and "finns inte" in result.stderr


def test_directory_as_draft_is_refused(tmp_path):
    result = run_cli("status", str(tmp_path))
    assert result.returncode == 2 and "katalog" in result.stderr
