"""`ansokan export` writes only where the user asked (docs/data-promises.md): the default beside the
draft never through a planted symlink, `-o` followed literally, the draft itself never overwritten.
The same rules for the interface are tested on the use case, tests/usecases/test_export.py."""

from __future__ import annotations

from pathlib import Path

import docx

from assistant.usecases.drafts import create_draft
from tests.conftest import run_cli


def _draft(tmp_path: Path) -> Path:
    return create_draft("finsam-malmo", tmp_path / "utkast.md", title="Export").path


def test_default_output_that_is_a_symlink_is_refused(tmp_path):
    path = _draft(tmp_path)
    victim = tmp_path / "viktig-fil.conf"
    victim.write_text("orörd\n", encoding="utf-8")
    (tmp_path / "utkast.docx").symlink_to(victim)  # planted where the export would write by default
    result = run_cli("export", str(path))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("ansokan: ") and len(result.stderr.strip().splitlines()) == 1
    assert victim.read_text(encoding="utf-8") == "orörd\n"
    assert (tmp_path / "utkast.docx").is_symlink()


def test_output_through_dotdot_goes_exactly_where_the_user_asked(tmp_path):
    path = _draft(tmp_path)
    work = tmp_path / "arbete"
    work.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli("export", str(path), "-o", "../ut.docx", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ut.docx").is_file()
    docx.Document(str(tmp_path / "ut.docx"))
    # beside the draft: the version kept of what was exported (`ansokan diff`)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "ut.docx", f".{path.name}.versioner"])
    assert not list(work.iterdir())


def test_export_never_overwrites_the_draft_itself(tmp_path):
    path = _draft(tmp_path)
    original = path.read_bytes()
    link = tmp_path / "lank.docx"
    link.symlink_to(path)
    for target in (str(path.with_suffix(".DOCX")), str(link)):
        result = run_cli("export", str(path), "-o", target)
        assert "Traceback" not in result.stderr
        assert path.read_bytes() == original


def test_an_output_name_the_file_system_cannot_hold_is_one_line_and_nothing_is_written(tmp_path):
    path = _draft(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for name, says in (
        ("a" * 300 + ".docx", "för långt"),
        ("rad\nny.docx", "radbrytning"),
        ("-ut.docx", "bindestreck"),
    ):
        result = run_cli("export", str(path), f"--output={name}", cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_exporting_the_demo_lists_its_five_open_errors_on_stderr(tmp_path):
    from assistant.core.storage import paths

    shipped = paths.demo_draft()
    work = tmp_path / "demo.md"
    work.write_bytes(shipped.read_bytes())
    result = run_cli("export", str(work))
    assert result.returncode == 0 and result.stderr.startswith("ansokan: kvar i ansökan: 5 fel\n"), (
        "a kind with none is left out"
    )
    assert result.stderr.count("\n  FEL  ") == 5
