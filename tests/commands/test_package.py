"""`ansokan attach`, `ansokan status`'s Inskickning and `ansokan package`, in real processes on the
demo: refused (exit 1, naming what is missing, writing nothing) until every piece is there."""

from __future__ import annotations

import json
import zipfile

import openpyxl

from assistant.usecases.drafts import demo_copy
from tests.conftest import needs_libreoffice, run_cli


def one_line_error(done, *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert all(w in done.stderr for w in words), done.stderr


def demo_with_files(tmp_path):
    demo = demo_copy(tmp_path / "drafts")
    letters = tmp_path / "drafts" / "bilagor"
    letters.mkdir()
    for name in ("af.pdf", "fk.pdf", "underskrift.pdf"):
        (letters / name).write_bytes(b"%PDF-1.4 " + name.encode())
    return demo, letters


@needs_libreoffice
def test_package_refuses_a_missing_letter_of_intent_then_writes_every_piece(tmp_path):
    demo, letters = demo_with_files(tmp_path)
    for args in (("af.pdf", "--partner", "Arbetsförmedlingen"), ("underskrift.pdf",)):
        kind = "underskriftssida" if args[0] == "underskrift.pdf" else "avsiktsforklaring"
        done = run_cli("attach", str(demo), str(letters / args[0]), "--as", kind, *args[1:])
        assert done.returncode == 0, done.stderr
    out = tmp_path / "paket"
    refused = run_cli("package", str(demo), "-o", str(out))
    assert refused.returncode == 1
    assert "bilaga saknas: Avsiktsförklaring (Försäkringskassan)" in refused.stderr
    assert "Arbetsförmedlingen" not in refused.stderr and "Traceback" not in refused.stderr
    assert "1 sak saknas" in refused.stderr  # one thing, in Swedish: not '1 saker'
    assert not out.exists()
    status = run_cli("status", str(demo))
    assert "· Avsiktsförklaring (Försäkringskassan)" in status.stdout
    assert "✓ Avsiktsförklaring (Arbetsförmedlingen)" in status.stdout

    assert (
        run_cli(
            "attach", str(demo), str(letters / "fk.pdf"), "--as", "avsiktsforklaring", "--partner", "försäkringskassan"
        ).returncode
        == 0
    )
    assert run_cli("attach", str(demo), "--deadline", "2099-03-01").returncode == 0
    done = run_cli("package", str(demo), "-o", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [
        "bilagor/avsiktsforklaring-arbetsformedlingen.pdf",
        "bilagor/avsiktsforklaring-forsakringskassan.pdf",
        "bilagor/underskriftssida.pdf",
        "budget.xlsx",
        "checklista.md",
        f"{demo.stem}.docx",
        f"{demo.stem}.pdf",
    ]
    assert (out / f"{demo.stem}.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "bilagor" / "avsiktsforklaring-forsakringskassan.pdf").read_bytes() == (
        letters / "fk.pdf"
    ).read_bytes()
    assert openpyxl.load_workbook(out / "budget.xlsx").sheetnames[0] == "Sammanställning"
    checklist = (out / "checklista.md").read_text(encoding="utf-8")
    assert "- [x] bilagor/underskriftssida.pdf" in checklist and "Sista ansökningsdag: 2099-03-01" in checklist
    assert "avsnittet ”Organisering” är tomt" in checklist  # the check's errors: listed, not refused
    assert "- [ ] 5 fel i ansökan" in checklist  # the demo has no markers: not '5 fel och 0 markeringar'
    again = run_cli("package", str(demo), "-o", str(out))
    one_line_error(again, "finns redan")


def test_package_as_zip_with_force_lists_what_is_missing_in_the_checklist(tmp_path):
    demo, _ = demo_with_files(tmp_path)
    target = tmp_path / "paket.zip"
    done = run_cli("package", str(demo), "-o", str(target), "--force", "--no-pdf")
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        checklist = archive.read("checklista.md").decode("utf-8")
    assert names == {f"{demo.stem}.docx", "budget.xlsx", "checklista.md"}
    assert "- [ ] bilaga saknas: Underskriven underskriftssida" in checklist
    status = json.loads(run_cli("status", str(demo), "--json").stdout)["submission"]
    assert status["ready"] is False and status["deadline"] is None
    assert [(a["kind"], a["partner"], a["present"]) for a in status["attachments"]] == [
        ("avsiktsforklaring", "Arbetsförmedlingen", False),
        ("avsiktsforklaring", "Försäkringskassan", False),
        ("underskriftssida", "", False),
    ]


def test_attach_mistakes_are_one_line_each(tmp_path):
    demo, letters = demo_with_files(tmp_path)
    one_line_error(run_cli("attach", str(demo), str(letters / "af.pdf"), "--as", "intyg"), "avsiktsforklaring")
    one_line_error(run_cli("attach", str(demo), str(letters / "af.pdf"), "--as", "avsiktsforklaring"), "--partner")
    one_line_error(run_cli("attach", str(demo), str(letters / "nej.pdf"), "--as", "underskriftssida"), "finns inte")
    one_line_error(run_cli("attach", str(demo), "--deadline", "i vår"), "datum")
    one_line_error(run_cli("package", str(demo)), "-o")
    before = demo.read_text(encoding="utf-8")
    assert "[[attachments]]" not in before and "deadline" not in before


def test_an_english_package_names_its_checklist_in_english(tmp_path):
    """The checklist is the writer's, in the writer's language, name too; the funder's pieces keep the form's names."""
    demo, _ = demo_with_files(tmp_path)
    target = tmp_path / "package.zip"
    done = run_cli("--lang", "en", "package", str(demo), "-o", str(target), "--force", "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert "checklist.md" in done.stdout and "checklista" not in done.stdout
    with zipfile.ZipFile(target) as archive:
        assert set(archive.namelist()) == {f"{demo.stem}.docx", "budget.xlsx", "checklist.md"}
        checklist = archive.read("checklist.md").decode("utf-8")
    assert "- [x] checklist.md" in checklist and "- [ ] attachment missing: Underskriven underskriftssida" in checklist
