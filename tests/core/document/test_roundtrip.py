"""`ansokan new --from OUT.docx` on an exported document gives back the same draft.

The export marks what it writes itself (contacts, dates, budget tables, signature block) with
its own styles and embeds the draft's data, so the import takes the writer's text from the
body and the rest from the data: sections, text and budget come back exactly.
"""

from __future__ import annotations

import re
import shutil
import tomllib

import pytest

from assistant.core.model.drafts import load_draft
from assistant.core.storage.paths import demo_draft
from tests.conftest import run_cli, source_files


def _cases():
    yield "demo", demo_draft(), "finsam-malmo"
    for path, form_id in source_files():
        yield path.name[:3], path, form_id


def _spaces(text: str) -> str:
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)


def _front(text: str) -> dict:
    data = tomllib.loads(text.split("+++\n")[1])
    data.pop("current", None)
    return data


@pytest.mark.parametrize("name,source,form_id", list(_cases()), ids=[c[0] for c in _cases()])
def test_export_then_import_gives_back_the_same_draft(tmp_path, name, source, form_id):
    draft_path = tmp_path / "utkast.md"
    if source.suffix == ".md":
        shutil.copyfile(source, draft_path)
    else:
        assert run_cli("new", "--form", form_id, "--from", str(source), str(draft_path)).returncode == 0
    out = tmp_path / "ansokan.docx"
    assert run_cli("export", str(draft_path), "-o", str(out)).returncode == 0
    again = tmp_path / "igen.md"
    result = run_cli("new", "--form", form_id, "--from", str(out), str(again))
    assert result.returncode == 0, result.stderr
    before, after = load_draft(draft_path), load_draft(again)
    # Word has no use for two spaces in a row; everything else comes back as it was.
    assert {k: _spaces(v) for k, v in after.sections.items()} == {k: _spaces(v) for k, v in before.sections.items()}
    # The source's unplaced text is the writer's notes: not exported, so not read back either.
    kept = [(e.heading, _spaces(e.text)) for e in before.extra if not e.unplaced]
    assert [(e.heading, _spaces(e.text)) for e in after.extra] == kept
    assert _front(again.read_text(encoding="utf-8")) == _front(draft_path.read_text(encoding="utf-8"))


def test_a_foreign_docx_is_read_from_its_text_alone(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("2. Bakgrund", level=1)
    p = document.add_paragraph("Vi har ")
    p.add_run("fet").bold = True
    p.add_run(" och ")
    p.add_run("kursiv").italic = True
    p.add_run(" text.")
    document.add_heading("3.2. Målgrupp", level=2)
    document.add_paragraph("Unga vuxna.", style="List Number")
    document.add_paragraph("Äldre.", style="List Number")
    path = tmp_path / "annan.docx"
    document.save(path)
    out = tmp_path / "u.md"
    assert run_cli("new", "--form", "finsam-malmo", "--from", str(path), str(out)).returncode == 0
    draft = load_draft(out)
    assert draft.sections["bakgrund"] == "Vi har **fet** och *kursiv* text."
    assert draft.sections["malgrupp"] == "1. Unga vuxna.\n2. Äldre."
