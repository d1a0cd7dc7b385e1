"""The command as a user meets it: exit codes, one-line Swedish errors, English on request."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_unknown_form_is_one_swedish_line_exit_2(tmp_path):
    result = run_cli("new", "--form", "finns-inte", "--title", "X", str(tmp_path / "u.md"))
    assert result.returncode == 2
    assert result.stderr.startswith("ansokan: okänt formulär `finns-inte`")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_english_with_lang_en_anywhere_on_the_line(tmp_path):
    result = run_cli("new", "--form", "finns-inte", "--title", "X", str(tmp_path / "u.md"), "--lang", "en")
    assert result.returncode == 2 and "unknown form" in result.stderr


def test_bad_usage_is_exit_2_without_usage_dump():
    result = run_cli("forms", "visa")
    assert result.returncode == 2
    assert "fel användning" in result.stderr and "Traceback" not in result.stderr


def test_missing_draft_is_named(tmp_path):
    result = run_cli("status", str(tmp_path / "saknas.md"))
    assert result.returncode == 2 and "saknas.md" in result.stderr and "finns inte" in result.stderr


def test_new_then_status(tmp_path):
    path = tmp_path / "u.md"
    made = run_cli("new", "--form", "finsam-malmo", "--title", "Unga i arbete", str(path))
    assert made.returncode == 0 and path.exists()
    status = json.loads(run_cli("status", str(path), "--json").stdout)
    assert status["title"] == "Unga i arbete" and status["completion"] == 0
    assert [s["key"] for s in status["sections"]][:2] == ["kontaktuppgifter", "bakgrund"]
    assert all(s["empty"] for s in status["sections"])


def test_python_dash_m_is_the_same_command():
    result = run_cli("forms", "show", "finsam-malmo")
    assert result.returncode == 0 and "3.1. Tidsplan" in result.stdout and "max" not in result.stderr


def test_directory_as_draft_is_refused(tmp_path):
    result = run_cli("status", str(tmp_path))
    assert result.returncode == 2 and "katalog" in result.stderr
