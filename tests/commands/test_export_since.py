"""`ansokan export --review --since VERSION` (issue 17, item 1): what changed since the version sent
is in the .docx as tracked changes (w:ins / w:del, by the writer, dated); read back by the review
reader and `ansokan review`, accepting them all gives the new text and rejecting them all the text
sent; LibreOffice converts the file and keeps the changes when it saves it again."""

from __future__ import annotations

import json

from assistant.core.document.office import convert_to_pdf, pdf_page_texts
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.sources.review import read_review
from assistant.core.storage.paths import demo_draft
from tests.conftest import needs_libreoffice, run_cli
from tests.core.document.test_tracked import rejected_copy
from tests.core.sources.libreoffice_review import resaved_by_libreoffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ADDED = "Ett nytt stycke om **samverkan** mellan parterna."
REMOVED = "Det saknas i dag en gemensam plan mellan parterna."


def _sent_then_edited(tmp_path):
    """The demo exported (version 1), then three edits: words changed in Målgrupp, a paragraph added
    and the last one removed in Bakgrund."""
    path = save_draft(load_draft(demo_draft()), tmp_path / "utkast.md")
    sent = run_cli("export", str(path), "-o", str(tmp_path / "skickad.docx"))
    assert sent.returncode == 0 and "version 1" in sent.stdout, sent.stderr
    draft = load_draft(path)
    draft.set_text("malgrupp", draft.text("malgrupp").replace("60 personer", "70 personer"))
    paragraphs = draft.text("bakgrund").split("\n\n")
    assert paragraphs[-1].startswith(REMOVED)
    draft.set_text("bakgrund", "\n\n".join([paragraphs[0], ADDED, *paragraphs[1:-1]]))
    save_draft(draft, path)
    plain = run_cli("export", str(path), "-o", str(tmp_path / "ny.docx"))  # version 2, no marks
    assert plain.returncode == 0, plain.stderr
    return path


@needs_libreoffice
def test_changes_since_the_version_sent_are_tracked_changes_that_read_back_and_survive_libreoffice(tmp_path):
    path = _sent_then_edited(tmp_path)
    out = tmp_path / "granska.docx"
    assert run_cli("note", str(path), "malgrupp", "Räcker 70?", "--anchor", "70 personer").returncode == 0
    result = run_cli("--lang", "en", "export", str(path), "--review", "--since", "1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 comment for the reviewers" in result.stdout
    assert "4 tracked changes since version 1" in result.stdout

    data = json.loads(run_cli("review", str(path), str(out), "--json").stdout)
    got = [(c["kind"], c["text"], c["section"], c["author"]) for c in data["changes"]]
    assert got[0] == ("insertion", "Ett nytt stycke om samverkan mellan parterna.", "bakgrund", "Sara Lindqvist")
    assert got[1][:3] == ("deletion", got[1][1], "bakgrund") and got[1][1].startswith(REMOVED)
    assert got[2:] == [
        ("deletion", "60", "malgrupp", "Sara Lindqvist"),
        ("insertion", "70", "malgrupp", "Sara Lindqvist"),
    ]
    assert all(c["date"].endswith("Z") and c["date"][:4] >= "2026" for c in data["changes"])

    assert all(c["in_draft"] for c in data["changes"])  # the writer's own: the draft has them
    before = path.read_text(encoding="utf-8")
    taken = run_cli("--lang", "en", "review", str(path), str(out), "--accept", "all")
    assert taken.returncode == 0 and taken.stdout.count("already in the draft:") == 4, taken.stdout
    assert path.read_text(encoding="utf-8") == before  # nothing taken twice

    draft = load_draft(path)
    marked = read_review(out, draft.form)
    assert marked.accepted == read_review(tmp_path / "ny.docx", draft.form).accepted  # all accepted: the new text
    sent = read_review(tmp_path / "skickad.docx", draft.form).accepted
    assert (
        read_review(rejected_copy(out, tmp_path / "avvisad.docx"), draft.form).accepted == sent
    )  # all rejected: as sent

    pdf = convert_to_pdf(out, tmp_path / "pdf")
    assert any("70 personer" in page for page in pdf_page_texts(pdf))
    again = read_review(resaved_by_libreoffice(out, tmp_path / "lo"), draft.form)  # one w:ins per run
    assert _merged(again.changes) == [(kind, text, section) for kind, text, section, _a in got]
    # the note's comment spans the inserted "70" and the unchanged " personer", and stays so
    assert [(c.anchor, c.section) for c in again.comments] == [("70 personer", "malgrupp")]


def _merged(changes):
    """Changes side by side in one paragraph, of one kind, as one."""
    out: list[list] = []
    for c in changes:
        if out and out[-1][0] == c.kind and out[-1][2] == c.section and out[-1][3] == c.paragraph:
            out[-1][1] += c.text
        else:
            out.append([c.kind, c.text, c.section, c.paragraph])
    return [tuple(entry[:3]) for entry in out]


def test_since_without_a_kept_version_is_one_clear_line_and_writes_nothing(tmp_path):
    path = save_draft(load_draft(demo_draft()), tmp_path / "utkast.md")
    result = run_cli("--lang", "en", "export", str(path), "--review", "--since", "-o", str(tmp_path / "g.docx"))
    assert result.returncode == 2 and "no version kept yet" in result.stderr
    assert not (tmp_path / "g.docx").exists()


def test_since_with_nothing_changed_marks_nothing(tmp_path):
    path = save_draft(load_draft(demo_draft()), tmp_path / "utkast.md")
    assert run_cli("export", str(path), "-o", str(tmp_path / "a.docx")).returncode == 0
    result = run_cli("--lang", "en", "export", str(path), "--since", "-o", str(tmp_path / "b.docx"))
    assert result.returncode == 0 and "0 tracked changes since version 1" in result.stdout
    assert read_review(tmp_path / "b.docx", load_draft(path).form).changes == []


def test_since_the_docx_that_was_sent(tmp_path):
    path = _sent_then_edited(tmp_path)  # version 1 is skickad.docx, version 2 ny.docx
    result = run_cli(
        "--lang", "en", "export", str(path), "--since", str(tmp_path / "skickad.docx"), "-o", str(tmp_path / "g.docx")
    )
    assert result.returncode == 0, result.stderr
    assert "4 tracked changes since version 1" in result.stdout
    last = run_cli("--lang", "en", "export", str(path), "--since", "-o", str(tmp_path / "h.docx"))
    assert "0 tracked changes since version 3" in last.stdout  # g.docx was kept as version 3, as it reads now
