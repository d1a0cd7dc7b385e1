"""`ansokan forms check` and `ansokan forms new --from`, run as a user runs them."""

from __future__ import annotations

import os
import re
from pathlib import Path

from assistant.core.storage.paths import forms_dir
from tests.conftest import ROOT, run_cli
from tests.core.sources.test_blank_form import BLANKS, blank_from_export, fill_todos


def _finsam(**changes: str) -> str:
    text = (forms_dir() / "finsam-malmo.toml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _line(text: str, needle: str, nth: int = 0) -> int:
    return [i for i, line in enumerate(text.splitlines(), start=1) if needle in line][nth]


def test_check_exits_1_naming_the_line_of_each_mistake(tmp_path):
    text = _finsam(
        **{
            'id = "finsam-malmo"': 'id = "mitt"',
            "max_pages = 7": "max_page = 7",
            "font_size = 11": 'font_size = "elva"',
            'key = "organisering"': 'key = "bakgrund"',
        }
    )
    path = tmp_path / "mitt.toml"
    path.write_text(text, encoding="utf-8")
    for lang, words in (
        ("sv", ("menar du `max_pages`", "ska vara ett tal", "finns redan")),
        ("en", ("did you mean `max_pages`", "must be a number", "used twice")),
    ):
        result = run_cli("--lang", lang, "forms", "check", str(path))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        wanted = [_line(text, "max_page = 7"), _line(text, 'font_size = "elva"'), _line(text, 'key = "bakgrund"', 1)]
        for number, word in zip(wanted, words, strict=True):
            assert any(line.startswith(f"ansokan: {path}:{number}: ") and word in line for line in lines), lines
        assert lines[-1].endswith(("3 fel", "3 errors"))
        assert result.stdout == ""


def test_the_shipped_forms_pass_the_check():
    for form_id in ("finsam-malmo", "burlov-staffanstorp"):
        result = run_cli("forms", "check", str(ROOT / "sections" / f"{form_id}.toml"))
        assert result.returncode == 0, result.stderr
        assert "är giltigt" in result.stdout
        assert "varning" not in result.stderr and "fel" not in result.stderr


def test_a_warning_does_not_fail_the_check(tmp_path):
    path = tmp_path / "finsam-malmo.toml"
    path.write_text(_finsam(**{"max_words = 150\n": ""}), encoding="utf-8")
    result = run_cli("--lang", "en", "forms", "check", str(path))
    assert result.returncode == 0
    assert "1 warnings" in result.stdout or "1 warning" in result.stdout
    assert re.search(rf"{re.escape(str(path))}:\d+: warning: key `checks.summary`: the check is off", result.stderr)


def test_a_file_that_cannot_be_read_is_one_clear_line_and_exit_2(tmp_path):
    missing = run_cli("forms", "check", str(tmp_path / "finns-inte.toml"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    binary = tmp_path / "binar.toml"
    binary.write_bytes(b'id = "x"\n\xff\xfe')
    result = run_cli("forms", "check", str(binary))
    assert result.returncode == 2 and "UTF-8" in result.stderr


def test_new_from_a_blank_form_writes_a_form_that_passes_once_filled(tmp_path):
    blank = blank_from_export("finsam-malmo", tmp_path)
    result = run_cli("forms", "new", "--from", str(blank), "mitt-forbund", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "mitt-forbund.toml"
    assert "Skrev mitt-forbund.toml: 12 rubriker, max 7 sidor" in result.stdout
    assert "underskrift: 2 block" in result.stdout and "Att fylla i (2):" in result.stdout
    assert run_cli("forms", "check", str(written)).returncode == 1
    written.write_text(fill_todos(written.read_text(encoding="utf-8")), encoding="utf-8")
    checked = run_cli("forms", "check", str(written))
    assert checked.returncode == 0, checked.stderr


def test_the_new_form_is_one_a_draft_can_follow_and_export(tmp_path):
    forms = Path(os.environ["ANSOKAN_FORMS"])
    forms.mkdir(parents=True, exist_ok=True)
    target = forms / "sodra-vatterbygden.toml"
    made = run_cli(
        "forms", "new", "--from", str(BLANKS / "sodra-vatterbygden.docx"), "sodra-vatterbygden", "-o", str(target)
    )
    assert made.returncode == 0, made.stderr
    target.write_text(fill_todos(target.read_text(encoding="utf-8")), encoding="utf-8")
    draft = tmp_path / "utkast.md"
    assert run_cli("new", "--form", "sodra-vatterbygden", "--title", "Vägen in", str(draft)).returncode == 0
    shown = run_cli("forms", "show", "sodra-vatterbygden")
    assert "B.1 Målgrupp och deltagare" in shown.stdout and "Sidgräns: 5" in shown.stdout
    exported = run_cli("export", str(draft), "-o", str(tmp_path / "ut.docx"))
    assert exported.returncode == 0, exported.stderr


def test_new_refuses_to_overwrite_a_bad_id_and_a_shipped_id(tmp_path):
    blank = BLANKS / "sodra-vatterbygden.docx"
    (tmp_path / "finns.toml").write_text("redan här\n", encoding="utf-8")
    cases = [
        (("finns", "-o", str(tmp_path / "finns.toml")), "finns redan"),
        (("Mitt Förbund",), "a–z, 0–9"),
        (("finsam-malmo",), "följer med programmet"),
        (("ny", "-o", str(tmp_path / "ny.txt")), ".toml"),
    ]
    for args, needle in cases:
        result = run_cli("forms", "new", "--from", str(blank), *args, cwd=tmp_path)
        assert result.returncode == 2 and needle in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "finns.toml").read_text(encoding="utf-8") == "redan här\n"
    forced = run_cli("forms", "new", "--from", str(blank), "finns", "-o", str(tmp_path / "finns.toml"), "--force")
    assert forced.returncode == 0 and "[[headings]]" in (tmp_path / "finns.toml").read_text(encoding="utf-8")


def test_new_from_something_that_is_no_document_is_one_clear_line(tmp_path):
    bad = tmp_path / "blankett.docx"
    bad.write_bytes(b"inte en zip")
    result = run_cli("forms", "new", "--from", str(bad), "x", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("ansokan: ") and "Traceback" not in result.stderr
    assert not (tmp_path / "x.toml").exists()


def test_new_from_a_file_without_headings_writes_nothing(tmp_path):
    prose = tmp_path / "brev.txt"
    prose.write_text("Hej!\n\nVi söker pengar till ett projekt. Det blir bra.\n", encoding="utf-8")
    result = run_cli("--lang", "en", "forms", "new", "--from", str(prose), "brev", cwd=tmp_path)
    assert result.returncode == 2 and "found no headings in the blank form" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "brev.toml").exists()
