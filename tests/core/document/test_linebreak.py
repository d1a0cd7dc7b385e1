"""Breaking lines as LibreOffice Writer does: the rules on their own, then against LibreOffice."""

from __future__ import annotations

import re
import shutil

import pytest

from assistant.core.document.fonts import face
from assistant.core.document.linebreak import count_lines, tokens
from assistant.core.document.model import CELL_MARGIN_PT, Cell, DocumentModel, Table, document_styles
from assistant.core.model.drafts import new_draft
from assistant.core.model.forms import load_form
from assistant.core.model.markup import Run

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

# Words whose breaks LibreOffice 7.4 was measured on (docs/design/page-layout.md).
HARD_WORDS = (
    "https://www.finsamimalmo.se/ansokan/riktlinjer-for-ansokan-om-medel-2027/bilagor/budgetmall.xlsx",
    "www.samordningsforbundet-burlov-staffanstorp.se/verksamhet/projekt/pas",
    "och/eller/antingen/samordningsforbundet",
    "Diarienummer:AMF-2026-00123/Dnr-FINSAM-2026-0042",
    "sara.lindqvist.projektledare@exempel.arbetsmarknadsforvaltningen.trelleborg.se",
    "Arbetsmarknadsförvaltningensuppföljningssamordningsansvarig",
    "2027–2028–2029–Malmö–Lund–Trelleborg",
    "att sätta ett mått på det tätt",
)


def _style():
    return document_styles(load_form("finsam-malmo"))["Normal"]


def _texts(runs: tuple[Run, ...]) -> list[tuple[str, bool]]:
    texts: list = []
    found = tokens(runs, "Calibri", False, False, texts)
    return [
        ("".join(text for text, _face in parts), near)
        for (_w, _s, _first, near), parts in zip(found, texts, strict=True)
    ]


def test_breaks_follow_hyphens_and_en_dashes_but_not_a_slash_between_digits():
    assert _texts((Run("FINSAM-medel 2027–2028 01/2027"),)) == [
        ("FINSAM-", False),
        ("medel", False),
        ("2027–", False),
        ("2028", False),
        ("01/2027", False),
    ]


def test_a_slash_near_the_space_before_it_is_marked_but_not_in_the_first_word():
    pieces = _texts((Run("och/eller och/eller"),))
    assert pieces == [("och/", False), ("eller", False), ("och/", True), ("eller", False)]


def test_a_short_path_moves_down_whole_instead_of_breaking_after_a_slash():
    style = _style()
    size = style.size
    # Room on line 1 for everything up to and including "ansokan/", not for "riktlinjer".
    width = face(style.font).width("Inledning med några ord www.finsamimalmo.se/ansokan/r") * size
    text = "Inledning med några ord www.finsamimalmo.se/ansokan/riktlinjer " + "x" * 40
    # Broken after the slash, "riktlinjer xxx…" would fit on line 2: 2 lines. Writer moves the
    # whole path to line 2 instead, and the x's no longer fit beside it: 3 lines.
    assert count_lines((Run(text),), style, size, width) == 3


def test_a_word_wider_than_the_line_is_broken_between_characters():
    style = _style()
    size = style.size
    width = face(style.font).width("x" * 20) * size + 0.001
    assert count_lines((Run("x" * 50 + " slut"),), style, size, width) == 3  # 20 + 20 + 10 and slut
    assert count_lines((Run("x" * 60 + " slut"),), style, size, width) == 4  # the third line is full


def test_the_one_pass_count_equals_the_count_over_tokens_on_realistic_drafts():
    from assistant.core.document.build import build_document
    from assistant.core.document.linebreak import _count_tokens, _line_limit
    from assistant.core.document.model import Para, Table
    from tests.core.document.drafts import realistic_set

    checked = 0
    for _name, form, draft in realistic_set(12):
        model = build_document(draft, form)
        cell = model.styles["Tabelltext"]
        pieces = [(i.runs, model.styles[i.style], model.text_width) for i in model.items if isinstance(i, Para)]
        for table in (i for i in model.items if isinstance(i, Table)):
            pieces += [
                (c.runs, cell, w - 2 * CELL_MARGIN_PT)
                for row in table.rows
                for c, w in zip(row, table.widths, strict=False)
            ]
        for runs, style, width in pieces:
            texts: list = []
            found = tokens(runs, style.font, style.bold, style.italic, texts)
            by_tokens = _count_tokens(found, _line_limit(width - style.indent, style.size), texts)
            assert count_lines(runs, style, style.size, width - style.indent) == by_tokens, runs
            checked += 1
    assert checked > 1000


def _probe_paragraphs() -> list[str]:
    """Each hard word at 15 places on the line, and once as the paragraph's first word (glued to
    its number by a no-break space, which is no space to Writer's slash rule)."""
    shifted = [
        f"Q{i * 100 + m} " + "x" * m + " " + word + " slut"
        for i, word in enumerate(HARD_WORDS)
        for m in range(0, 90, 6)
    ]
    return shifted + [f"Q{9000 + i}\u00a0{word} slut" for i, word in enumerate(HARD_WORDS)]


END = "Q99999 slut"  # after the last probe, so that what follows it is not counted as its lines


def _lines_per_paragraph(text: str) -> dict[str, int]:
    """Lines of each probe paragraph (or cell) in the PDF's text, by its leading Q number."""
    counts: dict[str, int] = {}
    current = None
    for line in text.splitlines():
        found = re.match(r"(Q\d+)[\s\u00a0]", line + " ")
        if found:
            current = found.group(1)
            counts[current] = 1
        elif current is not None and line.strip() and not line.strip().isdigit():
            counts[current] += 1
    return counts


@pytest.mark.libreoffice
@needs_soffice
def test_line_counts_equal_libreoffices_in_text_and_in_a_narrow_table(tmp_path):
    from assistant.core.document.export import export_docx
    from assistant.core.document.office import convert_many, pdf_page_texts
    from assistant.core.document.writer import render_docx

    form = load_form("finsam-malmo")
    draft = new_draft(form, title="Radbrytning", organisation="Trelleborgs kommun")
    paragraphs = _probe_paragraphs()
    draft.sections = {"bakgrund": "\n\n".join([*paragraphs, END])}
    body = export_docx(draft, tmp_path / "text.docx", form=form)
    styles = document_styles(form)
    rows = tuple((Cell((Run(p),)),) for p in [*paragraphs, END])
    model = DocumentModel(form, styles, [Table((120.0,), rows)])
    cells = tmp_path / "cells.docx"
    cells.write_bytes(render_docx(model, draft))

    text_pdf, cells_pdf = convert_many([body, cells], tmp_path)
    normal, cell_style = styles["Normal"], styles["Tabelltext"]
    in_text = _lines_per_paragraph("\n".join(pdf_page_texts(text_pdf)))
    in_cells = _lines_per_paragraph("\n".join(pdf_page_texts(cells_pdf)))
    wrong = []
    for p in paragraphs:
        key = p.split(" ", 1)[0].split("\u00a0")[0]
        estimated = count_lines((Run(p),), normal, normal.size, model.text_width)
        if in_text.get(key) != estimated:
            wrong.append(("text", p, in_text.get(key), estimated))
        estimated = count_lines((Run(p),), cell_style, cell_style.size, 120.0 - 2 * CELL_MARGIN_PT)
        if in_cells.get(key) != estimated:
            wrong.append(("cell", p, in_cells.get(key), estimated))
    assert len(in_text) == len(in_cells) == len(paragraphs) + 1  # every probe found, and END
    assert wrong == []
