"""`ansokan new`: an empty draft or one started from an earlier application."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import SOURCES, run_cli


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


SOURCE_000 = SOURCES / "000_18e62940bd9f888a.txt"
LUND = ("--organisation", "Lunds kommun", "--municipality", "Lund", "--start", "2027-01-01", "--end", "2028-12-31")


def _new_from_000(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / f"x-{lang}.md"
    made = run_cli("--lang", lang, "new", "--form", "finsam-malmo", "--from", str(SOURCE_000), *LUND, str(path))
    assert made.returncode == 0, made.stderr
    assert ("Texten anpassad" if lang == "sv" else "The text adapted") in made.stdout
    return path


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_acceptance_new_from_a_source_with_facts_then_check_export_and_strict(tmp_path, lang):
    path = _new_from_000(tmp_path, lang)
    checked = run_cli("--lang", lang, "check", str(path), "--json")
    assert checked.returncode == 1
    findings = json.loads(checked.stdout)["findings"]
    markers = [f["message"] for f in findings if f["code"] == "marker"]
    assert markers and not [m for m in markers if re.search(r"⟦[^⟧]*(Malmö|stad|kommun)[^⟧]*⟧", m)]
    errors = [f["message"] for f in findings if f["severity"] == "fel"]

    strict = run_cli("--lang", lang, "export", "--strict", str(path))
    assert strict.returncode == 1 and not path.with_suffix(".docx").exists()
    assert ("inget skrevs" if lang == "sv" else "nothing was written") in strict.stderr
    assert all(e in strict.stderr for e in errors if "⟦" not in e)

    exported = run_cli("--lang", lang, "export", str(path))
    assert exported.returncode == 0 and path.with_suffix(".docx").is_file()
    head = exported.stderr.splitlines()[0]
    assert head.startswith("ansokan: kvar i ansökan: " if lang == "sv" else "ansokan: still open: ")
    assert all(e in exported.stderr for e in errors if "⟦" not in e)
    assert "⟦2016 → ?⟧" in exported.stderr and "2. Bakgrund" in exported.stderr
    assert ("Skrev " if lang == "sv" else "Wrote ") in exported.stdout


def test_status_json_shows_the_facts(tmp_path):
    path = tmp_path / "u.md"
    made = run_cli(
        "new",
        "--form",
        "finsam-malmo",
        *LUND,
        "--signatory",
        "Anna Berg, förbundschef, Lunds kommun",
        "--signatory",
        "Bo Ek",
        "--contact",
        "Per Ek, projektledare, Lunds kommun, 046-35 50 00, per.ek@lund.se",
        str(path),
    )
    assert made.returncode == 0, made.stderr
    status = json.loads(run_cli("status", str(path), "--json").stdout)
    assert (status["organisation"], status["municipality"]) == ("Lunds kommun", "Lund")
    assert (status["start"], status["end"]) == ("2027-01-01", "2028-12-31")
    assert status["signatories"] == [
        {"name": "Anna Berg", "title": "förbundschef", "organisation": "Lunds kommun"},
        {"name": "Bo Ek", "title": "", "organisation": ""},
    ]
    assert status["contacts"][0]["email"] == "per.ek@lund.se" and status["contacts"][0]["role"] == "projektledare"
    human = run_cli("--lang", "en", "status", str(path)).stdout
    assert "Municipality: Lund" in human and "Signs:        Anna Berg, förbundschef, Lunds kommun" in human


@pytest.mark.parametrize(
    ("flags", "flag"),
    [
        (("--start", "2027-02-30"), "--start"),
        (("--start", "2028-01-01", "--end", "2027-01-01"), "--end"),
        (("--contact", "Per Ek, roll, org, 046-35 50 00, inte-en-adress"), "--contact"),
        (("--signatory", "A, B, C, D"), "--signatory"),
    ],
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_wrong_fact_is_one_line_naming_the_flag_and_nothing_is_written(tmp_path, flags, flag, lang):
    path = tmp_path / "u.md"
    result = run_cli("--lang", lang, "new", "--form", "finsam-malmo", *flags, str(path))
    assert result.returncode == 2 and not path.exists() and not list(tmp_path.iterdir())
    assert result.stderr.startswith(f"ansokan: {flag}") and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "says_sv", "says_en"),
    [
        ("a" * 300 + ".md", "för långt", "too long"),
        ("rad\nbrytning.md", "radbrytning", "line break"),
        ("-x.md", "bindestreck", "dash"),
        ("fil/u.md", "är en fil, inte en katalog", "is a file, not a directory"),
        ("mapp", "är en katalog", "is a directory"),
    ],
)
def test_a_name_that_cannot_be_written_is_one_line_before_anything_is_written(tmp_path, name, says_sv, says_en):
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    (tmp_path / "mapp").mkdir()
    for lang, says in (("sv", says_sv), ("en", says_en)):
        result = run_cli("--lang", lang, "new", "--form", "finsam-malmo", "--", name, cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fil", "mapp"]
