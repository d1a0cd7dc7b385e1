"""Cleaning plain text: tables in their three shapes (tabs, Markdown pipes, HTML) become rows,
Markdown headings are headings, prose with a pipe in it stays prose."""

from __future__ import annotations

from assistant.core.sources.text import clean_text


def _shape(text: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in clean_text(text)]


def test_a_pipe_table_becomes_rows_without_its_separator_line() -> None:
    text = "Budget\n\n| Kostnad | 2021 | Totalt |\n|:---|---:|---:|\n| Personal | 100 000 | 100 000 |\n"
    assert _shape(text) == [
        ("para", "Budget"),
        ("row", "Kostnad\t2021\tTotalt"),
        ("row", "Personal\t100 000\t100 000"),
    ]


def test_a_pipe_table_without_outer_pipes_and_with_escaped_pipes() -> None:
    text = "Kostnad | 2021\n--- | ---\nLokaler \\| hyra | 10 000\n"
    assert _shape(text) == [("row", "Kostnad\t2021"), ("row", "Lokaler | hyra\t10 000")]


def test_a_header_rows_empty_corner_keeps_the_columns_in_place() -> None:
    assert _shape("|  | 2021 | 2022 |\n|---|---|---|\n| Personal | 1 | 2 |")[0] == ("row", "\t2021\t2022")


def test_prose_with_a_pipe_and_a_markdown_rule_stay_prose() -> None:
    assert _shape("Antingen A | B, beroende på läget.\n\n---\n\nSlut.") == [
        ("para", "Antingen A | B, beroende på läget."),
        ("para", "---"),
        ("para", "Slut."),
    ]


def test_an_html_table_becomes_rows() -> None:
    text = (
        "<p>Före.</p><table><thead><tr><th>Kostnad</th><th colspan='2'>2021</th></tr></thead>"
        "<tr><td>Personal<br>lön</td><td><b>100 000</b></td></tr><tr><td>Lokaler<td>10 000</table><p>Efter.</p>"
    )
    assert _shape(text) == [
        ("para", "Före."),
        ("row", "Kostnad\t2021"),
        ("row", "Personal lön\t100 000"),  # a cell is read for its value: no emphasis marks
        ("row", "Lokaler\t10 000"),
        ("para", "Efter."),
    ]


def test_markdown_headings_and_a_leading_title() -> None:
    blocks = clean_text("# Projekt Nya vägar\n\n## 2. Bakgrund {#bakgrund}\n\nText.\n\n### Delmål ###\n\n# Bilaga")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("title", 0, "Projekt Nya vägar"),
        ("heading", 2, "2. Bakgrund"),
        ("para", 0, "Text."),
        ("heading", 3, "Delmål"),
        ("heading", 1, "Bilaga"),
    ]
    assert all(b.styled for b in blocks if b.kind == "heading")


def test_a_hashtag_is_no_heading() -> None:
    assert _shape("#samverkan är vårt ord") == [("para", "#samverkan är vårt ord")]
