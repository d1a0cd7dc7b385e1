"""`ansokan new`: an empty draft or one started from an earlier application."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_unknown_form_is_one_swedish_line_exit_2(tmp_path):
    result = run_cli("new", "--form", "finns-inte", "--title", "X", str(tmp_path / "u.md"))
    assert result.returncode == 2
    assert result.stderr.startswith("ansokan: okänt formulär `finns-inte`")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_new_then_status(tmp_path):
    path = tmp_path / "u.md"
    made = run_cli("new", "--form", "finsam-malmo", "--title", "Unga i arbete", str(path))
    assert made.returncode == 0 and path.exists()
    status = json.loads(run_cli("status", str(path), "--json").stdout)
    assert status["title"] == "Unga i arbete" and status["completion"] == 0
    assert [s["key"] for s in status["sections"]][:2] == ["kontaktuppgifter", "bakgrund"]
    assert all(s["empty"] for s in status["sections"])
