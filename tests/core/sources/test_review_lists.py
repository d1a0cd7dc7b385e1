"""A paragraph moved (or inserted) next to a list in a reviewed .docx keeps the draft's list whole:
a plain paragraph placed after a list item goes after the list, as its own paragraph; a list item
moved there joins the list."""

from __future__ import annotations

import docx
import pytest

from assistant.core.document.export import export_docx
from assistant.core.model.drafts import load_draft
from assistant.core.sources.review import read_review
from assistant.core.sources.review_apply import apply_changes
from assistant.core.storage import paths
from tests.core.sources.review_ooxml import move_paragraph
from tests.core.sources.test_review import paragraph_under

OUTCOMES = [
    "- 60 deltagare har en gemensam plan med parterna",
    "- 40 % av deltagarna har gått vidare till arbete, studier eller ordinarie insats vid avslut",
    "- TODO: effektmål",
]


def _moved(tmp_path, heading: str, n: int, after: int, to: str = "3.3. Utfall") -> tuple[str, dict[str, str]]:
    """Paragraph `n` under `heading` moved after the paragraph `after` under `to` (under 3.3: 1 = 'Utfall',
    2-4 its list)."""
    draft = load_draft(paths.demo_draft())
    document = docx.Document(str(export_docx(draft, tmp_path / "ansokan.docx")))
    source = paragraph_under(document, heading, n)
    words = source.text
    move_paragraph(source, paragraph_under(document, to, after))
    document.save(str(tmp_path / "granskad.docx"))
    review = read_review(tmp_path / "granskad.docx", draft.form)
    sections = {key: draft.text(key) for key in ("bakgrund", "presentation", "mal")}
    applied = apply_changes(sections, review.changes)
    assert not applied.not_placed
    return words, applied.text


@pytest.mark.parametrize("after", [2, 3, 4])
def test_a_paragraph_moved_after_a_list_item_stands_after_the_list(tmp_path, after):
    words, text = _moved(tmp_path, "2. Bakgrund", 2, after)
    assert text["mal"].split("\n") == ["Utfall", "", *OUTCOMES, "", words]


def test_a_list_item_moved_after_a_list_item_joins_the_list(tmp_path):
    words, text = _moved(tmp_path, "3. Presentation", 4, 2)  # 'arbetsträning på externa …'
    assert text["mal"].split("\n") == ["Utfall", "", OUTCOMES[0], f"- {words}", *OUTCOMES[1:]]
    assert f"- {words}" not in text["presentation"] and "\n\n\n" not in text["presentation"]


def test_a_list_item_moved_before_a_list_is_its_first_item(tmp_path):
    words, text = _moved(tmp_path, "3. Presentation", 4, 1)  # after 'Utfall', before the list
    assert text["mal"].split("\n") == ["Utfall", "", f"- {words}", *OUTCOMES]


def test_a_list_item_moved_after_a_plain_paragraph_is_a_list_of_its_own(tmp_path):
    words, text = _moved(tmp_path, "3. Presentation", 4, 3, to="2. Bakgrund")  # after its last paragraph
    draft = load_draft(paths.demo_draft())
    assert text["bakgrund"] == f"{draft.text('bakgrund').rstrip()}\n\n- {words}"
