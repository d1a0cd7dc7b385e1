"""Properties that must hold for any text or budget a writer can produce (hypothesis).

- A draft written and read back is the same draft: titles, contacts, budget cells and section
  text, including lines that look like headings (`## `, `\\## `), front-matter fences (`+++`),
  tabs and any unicode. Section text is compared after `normalise_text`, which is what a save
  stores by design (line ends, blank lines at either end).
- Any cell text either parses to an amount or raises the one-line AmountError; mkr/tkr formatting
  parses back to the rounded value (parse → format → parse for kronor is in test_amounts.py).
- Any draft exports to a .docx that python-docx reopens with the text in it; a few of them also
  open in LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import string
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from assistant.core.model.amounts import MAX_AMOUNT, AmountError, format_mkr, format_tkr, parse_amount
from assistant.core.model.drafts import Contact, new_draft, normalise_text, parse_draft, to_text
from assistant.core.model.forms import load_form
from tests.conftest import needs_libreoffice

FORM = load_form("finsam-malmo")
TEXT_KEYS = [h.key for h in FORM.headings if h.kind == "text"]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any printable unicode plus the characters that matter to the draft format.
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
LINE_STARTS = st.sampled_from(
    [
        "",
        "## ",
        "##",
        "\\## ",
        "\\\\## ",
        "### ",
        "+++",
        "- ",
        "1. ",
        "\t",
        "**",
        "{#x} ",
        "## Bakgrund {#bakgrund}",
        "\ufeff",
    ]
)


@st.composite
def section_text(draw) -> str:
    lines = draw(st.lists(st.tuples(LINE_STARTS, st.text(CHARS, max_size=40)), max_size=8))
    return "\n".join(start + rest.replace("\n", " ") for start, rest in lines)


@st.composite
def drafts(draw):
    draft = new_draft(FORM, title=draw(st.text(CHARS, max_size=30)), organisation=draw(st.text(CHARS, max_size=20)))
    if draw(st.booleans()):
        start = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)))
        draft.start, draft.end = start, start + dt.timedelta(days=draw(st.integers(0, 2000)))
    draft.contacts = [
        Contact(name=draw(st.text(CHARS, max_size=15)), email=draw(st.text(CHARS, max_size=15)))
        for _ in range(draw(st.integers(0, 2)))
    ]
    for key in draw(st.lists(st.sampled_from(TEXT_KEYS), unique=True, max_size=5)):
        draft.set_text(key, draw(section_text()))
    years = draw(st.lists(st.integers(2000, 2100), unique=True, max_size=3))
    draft.budget.years = sorted(years)
    for year in years:
        for category in draw(st.lists(st.sampled_from(list(FORM.budget.categories)), unique=True, max_size=2)):
            draft.budget.set_cell(category, year, draw(st.text(CHARS, max_size=12)))
    return draft


def _has_nul(draft) -> bool:
    return "\x00" in to_text(draft)


@SETTINGS
@given(drafts())
def test_draft_write_then_read_is_the_identity(draft):
    text = to_text(draft)
    back = parse_draft(text)
    assert back.title == draft.title and back.organisation == draft.organisation
    assert (back.start, back.end) == (draft.start, draft.end)
    assert [vars(c) for c in back.contacts] == [vars(c) for c in draft.contacts]
    for key in TEXT_KEYS:
        assert back.text(key) == normalise_text(draft.text(key)), key
    for year in draft.budget.years:
        for category in FORM.budget.categories:
            assert back.budget.cell(category, year) == draft.budget.cell(category, year)
    assert not back.extra, "a line of section text was read as a heading"
    assert to_text(back) == text, "a second save changed the file"


@SETTINGS
@given(drafts())
def test_a_saved_draft_loads_from_disk(tmp_path_factory, draft):
    """What the program saves it can always open again (the TUI autosaves whatever was typed)."""
    from assistant.core.model.drafts import load_draft, save_draft

    path = tmp_path_factory.mktemp("rundtur") / "utkast.md"
    save_draft(draft, path, force=True)
    back = load_draft(path)
    for key in TEXT_KEYS:
        assert back.text(key) == normalise_text(draft.text(key))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.text(string.digits + " ,.-+kmrtsen\u00a0", max_size=30)))
def test_any_cell_is_an_amount_or_one_clear_error(text):
    try:
        value = parse_amount(text, where="budget, Personal, år 2026")
    except AmountError as exc:
        message = exc.message()
        assert "\n" not in message and message.startswith("budget, Personal, år 2026: ")
        return
    assert value is None or isinstance(value, Decimal)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-int(MAX_AMOUNT) + 10**6, max_value=int(MAX_AMOUNT) - 10**6))
def test_mkr_and_tkr_parse_back_to_the_rounded_value(value):
    amount = Decimal(value)
    assert parse_amount(format_mkr(amount)) == (amount / 1_000_000).quantize(Decimal("0.1")) * 1_000_000
    assert parse_amount(format_tkr(amount)) == (amount / 1000).quantize(Decimal("1")) * 1000


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _words(text: str) -> list[str]:
    """Plain words of a section that must survive export (markup characters aside)."""
    return [w for w in text.replace("*", " ").replace("#", " ").split() if w.isalnum() and w.isascii() and len(w) > 3]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_any_draft_exports_to_a_docx_that_reopens(tmp_path_factory, draft):
    from assistant.core.document.export import export_docx
    from assistant.core.errors import UserError

    out = tmp_path_factory.mktemp("export") / "ansokan.docx"
    try:
        export_docx(draft, out, form=FORM)
    except UserError as exc:  # a clear refusal (e.g. an unreadable budget cell) is allowed, nothing half-written
        assert "\n" not in exc.message()
        assert not out.exists()
        return
    assert zipfile.ZipFile(out).testzip() is None
    text = _docx_text(out)
    for key in TEXT_KEYS:
        for word in _words(draft.text(key))[:5]:
            assert word in text, f"{word!r} from {key} is missing in the export"


@pytest.mark.libreoffice
@needs_libreoffice
@settings(
    max_examples=1,  # one example of five drafts: one LibreOffice start converts them all (~1 s each start)
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(st.lists(drafts(), min_size=5, max_size=5))
def test_a_few_arbitrary_drafts_open_in_libreoffice(tmp_path, drafts_made):
    from assistant.core.document.export import export_docx
    from assistant.core.document.office import convert_many, pdf_page_count
    from assistant.core.errors import UserError

    docs = []
    for number, draft in enumerate(drafts_made):
        out = tmp_path / f"ansokan-{number}.docx"
        try:
            docs.append(export_docx(draft, out, form=FORM))
        except UserError:
            continue
    if not docs:
        return
    for pdf in convert_many(docs, tmp_path):
        assert pdf_page_count(pdf) >= 1, pdf.name
