"""The body writer: ⟦…⟧ markers left for the writer are highlighted in the .docx."""

from __future__ import annotations

import datetime as dt

import docx
from docx.enum.text import WD_COLOR_INDEX

from assistant.core.document.export import export_docx
from assistant.core.model.drafts import Contact, Signatory, new_draft
from assistant.core.model.forms import load_form
from assistant.core.model.markers import find_markers, marker

SECTIONS = {
    "bakgrund": f"Insatsen startade i {marker('Malmö stad')} under {marker('2019')}, se nedan.",
    "presentation": (
        f"- en punkt om {marker('Lärvux')}\n"
        f"- **fet text {marker('Södervärn')} och mer**\n\n"
        f"Två i rad: {marker('A')}{marker('B')} och ⟦ofullständig utan slut.\n\n"
        f"Aktivitet\tAnsvar\nStart\t{marker('Komvux Södervärn')} och kommunen"
    ),
    "malgrupp": "Text utan markeringar: ett ensamt ⟦ här\n\noch ett ensamt ⟧ i nästa stycke.",
}


def _highlighted_runs(document: docx.document.Document) -> list[str]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return [run.text for p in paragraphs for run in p.runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]


def test_markers_are_highlighted_runs_with_exactly_the_marker_text(tmp_path):
    form = load_form("finsam-malmo")
    draft = new_draft(form, title="Markeringar", organisation="Trelleborgs kommun")
    draft.start, draft.end = dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    draft.contacts = [Contact("Sara Lindqvist", "projektledare", marker("Malmö stad"), "0410-73 30 00", "s@l.se")]
    draft.signatories = [Signatory("Eva Holm", "Trelleborgs kommun")]
    draft.sections.update(SECTIONS)
    path = export_docx(draft, tmp_path / "markeringar.docx", form=form)

    document = docx.Document(str(path))
    expected = [m.text for key in ("bakgrund", "presentation") for m in find_markers(SECTIONS[key])]
    highlighted = _highlighted_runs(document)
    assert sorted(highlighted) == sorted([*expected, marker("Malmö stad")])  # + the contacts table's cell
    # The text around the markers is kept, unhighlighted, and bold stays bold inside a marker.
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Insatsen startade i {marker('Malmö stad')} under {marker('2019')}, se nedan." in text
    assert "⟦ofullständig utan slut." in text
    bold = [r for p in document.paragraphs for r in p.runs if r.text == marker("Södervärn")]
    assert bold and all(r.bold for r in bold)


def test_a_draft_without_markers_has_no_highlight(tmp_path):
    form = load_form("finsam-malmo")
    draft = new_draft(form, title="Utan", organisation="Trelleborgs kommun")
    draft.sections["bakgrund"] = SECTIONS["malgrupp"]
    document = docx.Document(str(export_docx(draft, tmp_path / "utan.docx", form=form)))
    assert _highlighted_runs(document) == []
