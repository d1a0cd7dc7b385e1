"""The draft's lightweight markup: one parser for the exporter and the page estimate."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assistant.core.model.markup import Run, parse_blocks, parse_inline, xml_safe


def kinds(text: str) -> list[tuple[str, int]]:
    return [(b.kind, b.level) for b in parse_blocks(text)]


def test_paragraphs_are_separated_by_blank_lines_and_lines_joined():
    blocks = parse_blocks("Första raden\nfortsätter här.\n\nAndra stycket.")
    assert [b.text for b in blocks] == ["Första raden fortsätter här.", "Andra stycket."]
    assert {b.kind for b in blocks} == {"paragraph"}


def test_bullets_numbers_and_subheadings():
    text = "- ett\n* två\n• tre\n  - inre\n\n1. första\n2) andra\n\n### Underrubrik\nText."
    assert kinds(text) == [
        ("bullet", 1),
        ("bullet", 1),
        ("bullet", 1),
        ("bullet", 2),
        ("number", 1),
        ("number", 1),
        ("heading", 3),
        ("paragraph", 1),
    ]
    assert parse_blocks(text)[6].text == "Underrubrik"


def test_a_list_item_continues_on_the_next_line():
    blocks = parse_blocks("- en punkt som\n  fortsätter\n- nästa")
    assert [b.text for b in blocks] == ["en punkt som fortsätter", "nästa"]


def test_inline_bold_and_italic_runs():
    runs = parse_inline("vanlig **fet *båda* fet** och *kursiv* och _också_ slut")
    assert runs == (
        Run("vanlig "),
        Run("fet ", bold=True),
        Run("båda", bold=True, italic=True),
        Run(" fet", bold=True),
        Run(" och "),
        Run("kursiv", italic=True),
        Run(" och "),
        Run("också", italic=True),
        Run(" slut"),
    )


def test_underscores_and_stars_inside_words_stay_literal():
    for text in ("snake_case_namn", "anna_berg@malmo.se", "3*4*5 = 60", "a * b * c", "**", "*ensam"):
        assert "".join(r.text for r in parse_inline(text)) == text
        assert not any(r.bold or r.italic for r in parse_inline(text)), text


def test_tab_lines_form_one_table_per_run_of_rows():
    blocks = parse_blocks("Före\nAktivitet\tTid\nStart\tQ1\nSlut\tQ4\tExtra\n\nEfter")
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    table = blocks[1]
    assert len(table.rows) == 3 and all(len(r) == 3 for r in table.rows)  # padded to the widest row
    assert "".join(r.text for r in table.rows[2][2]) == "Extra"


def test_non_breaking_spaces_in_amounts_are_kept():
    assert parse_blocks("Totalt 1\u00a0373\u00a0334 kr")[0].text == "Totalt 1\u00a0373\u00a0334 kr"


def test_xml_safe_removes_what_xml_forbids_and_keeps_the_rest():
    text = "a\x00b\x0bc\x1fd\ud800e\ufffef\uffffg\t\n\r åäö 😀 &<>\"'"
    assert xml_safe(text) == "abcdefg\t\n\r åäö 😀 &<>\"'"


@given(st.text(max_size=300))
def test_parse_blocks_never_fails_and_output_is_xml_safe(text):
    for block in parse_blocks(text):
        assert xml_safe(block.text) == block.text


def test_a_subheading_of_many_spaces_reads_as_before_in_one_pass():
    # `### text` then spaces and #: the first pattern (lazy text before `[ \t#]*$`) was quadratic
    blocks = parse_blocks("### Mål" + " " * 50_000 + "och medel ###  \n\nText.")
    assert blocks[0].kind == "heading" and "".join(r.text for r in blocks[0].runs).startswith("Mål")
    assert "".join(r.text for r in blocks[0].runs).endswith("och medel")
    assert parse_blocks("### ###") == []  # a heading of nothing but its marks is no heading
