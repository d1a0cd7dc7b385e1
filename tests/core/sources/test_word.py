"""Word files from the wild: text in smart tags, fields and content controls is kept, outline-level
headings are headings, Strict Open XML files are read (or refused by name), style sheets are cheap."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.core.errors import DocumentError
from assistant.core.sources.documents import read_document
from tests.conftest import run_cli
from tests.core.sources import wild_docx as wild

FRAGMENTS: list[str | tuple[str, str]] = [
    ("Projekt Vägen vidare", "Title"),
    wild.outline_heading("2. Bakgrund", 0),
    wild.smart_tag("Projektet drivs i ", "Malmö", " tillsammans med parterna sedan länge."),
    wild.simple_field("Se ", "Tabell 1", " för siffrorna från de senaste åren."),
    wild.complex_field("Enligt tidigare studier ", "CITATION Fin20 \\l 1053", "(FINSAM, 2020)", " behövs stöd."),
    wild.inline_control("Projektägare är ", "Arbetsmarknadsförvaltningen", " i samverkan."),
    wild.block_control("Första stycket i kontrollen om deltagarna.", "Andra stycket i kontrollen om metoden."),
    ("4. Mål", "Heading 1"),
    ("Minst 40 procent av deltagarna går vidare till arbete eller studier.", None),
]
KEPT = (
    "Projektet drivs i Malmö tillsammans med parterna",
    "Se Tabell 1 för siffrorna",
    "Enligt tidigare studier **(FINSAM, 2020)** behövs stöd.",
    "Projektägare är Arbetsmarknadsförvaltningen i samverkan.",
    "Första stycket i kontrollen om deltagarna.",
    "Andra stycket i kontrollen om metoden.",
)


@pytest.fixture
def wild_file(tmp_path: Path) -> Path:
    return wild.write(tmp_path / "vild.docx", wild.build(FRAGMENTS))


def _text(path: Path) -> str:
    return "\n".join(block.text for block in read_document(path).blocks)


def test_text_in_smart_tags_fields_and_content_controls_is_kept(wild_file: Path) -> None:
    text = _text(wild_file)
    for kept in KEPT:
        assert kept in text
    assert "CITATION" not in text and "Fin20" not in text  # a field's instruction is not text


def test_nested_and_unfinished_fields_keep_their_results_only(tmp_path: Path) -> None:
    nested = (
        "<w:p><w:r><w:t xml:space='preserve'>Före </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>IF </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>DATE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>inre</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:instrText> = 1 </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>yttre</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t xml:space='preserve'> efter.</w:t></w:r></w:p>"
    )
    path = wild.write(tmp_path / "falt.docx", wild.build([nested]))
    assert _text(path) == "Före yttre efter."


def test_an_outline_level_or_heading_0_makes_a_heading(wild_file: Path, tmp_path: Path) -> None:
    blocks = read_document(wild_file).blocks
    heading = next(b for b in blocks if b.text == "2. Bakgrund")
    assert (heading.kind, heading.level, heading.styled) == ("heading", 1, True)
    title = next(b for b in blocks if b.text == "Projekt Vägen vidare")
    assert title.kind == "title"
    # A top heading no form knows starts its own section, so the text under it is not lost
    # in the title page (which the library import leaves out).
    path = wild.write(
        tmp_path / "niva0.docx",
        wild.build([wild.outline_heading("Sammanfattning", 0), ("Kort om projektet och dess deltagare.", None)]),
    )
    from assistant.core.model.forms import load_form
    from assistant.core.sources.documents import segment

    segments = segment(read_document(path), load_form("finsam-malmo"))
    assert [(s.heading, s.text) for s in segments] == [("Sammanfattning", "Kort om projektet och dess deltagare.")]


def test_prose_with_an_outline_level_stays_prose(tmp_path: Path) -> None:
    long = "Deltagarna får stöd av coacher under hela tiden i projektet och även efteråt. " * 4
    path = wild.write(tmp_path / "lang.docx", wild.build([wild.outline_heading(long.strip(), 0)]))
    assert read_document(path).blocks[0].kind == "para"


def test_paragraphs_without_a_style_get_the_default_among_thousands(tmp_path: Path) -> None:
    """The style cache answers as python-docx did: own style by id, else the document's default."""
    import docx

    from benchmarks.read_styles import build

    path = tmp_path / "stilar.docx"
    build(path, styles=300, paragraphs=45)
    blocks = read_document(path).blocks
    assert len(blocks) == 45
    assert [b.text for b in blocks if b.kind == "heading"] == ["1. Rubrik", "2. Rubrik"]
    expected = [p.style.name for p in docx.Document(str(path)).paragraphs]
    assert expected[1] == "Normal" and expected[3] == "Kopierad stil 3"


def test_a_strict_open_xml_file_is_read(wild_file: Path, tmp_path: Path) -> None:
    strict = wild.write(tmp_path / "strikt.docx", wild.strictify(wild_file.read_bytes()))
    with zipfile.ZipFile(strict) as zf:
        assert b"purl.oclc.org/ooxml/wordprocessingml/main" in zf.read("word/document.xml")
    assert [b.text for b in read_document(strict).blocks] == [b.text for b in read_document(wild_file).blocks]


def _damaged_strict(tmp_path: Path, source: Path) -> Path:
    strict = wild.strictify(source.read_bytes())
    path = tmp_path / "trasig-strikt.docx"
    with zipfile.ZipFile(__import__("io").BytesIO(strict)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            dst.writestr(info, blob[: len(blob) // 2] if info.filename == "word/document.xml" else blob)
    return path


def test_a_strict_file_that_cannot_be_read_is_refused_by_name(wild_file: Path, tmp_path: Path) -> None:
    path = _damaged_strict(tmp_path, wild_file)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "sparat i formatet Strict Open XML" in caught.value.sv
    assert "spara om det som vanligt Word-dokument" in caught.value.sv
    assert "Strict Open XML" in caught.value.en
    assert "Error" not in caught.value.sv + caught.value.en


def test_a_broken_word_file_is_refused_without_a_class_name(tmp_path: Path) -> None:
    good = wild.build([("Text.", None)])
    path = tmp_path / "trasig.docx"
    with zipfile.ZipFile(__import__("io").BytesIO(good)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            if info.filename != "_rels/.rels":
                dst.writestr(info, src.read(info))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "(" not in caught.value.sv and "Error" not in caught.value.en


@pytest.mark.parametrize("strict", [False, True], ids=["usual", "strict"])
def test_library_import_and_new_from_keep_the_text(wild_file: Path, tmp_path: Path, strict: bool) -> None:
    source = wild_file
    if strict:
        source = wild.write(tmp_path / "strikt.docx", wild.strictify(wild_file.read_bytes()))
    lib = tmp_path / "lib"
    done = run_cli("--library", str(lib), "library", "import", "--form", "finsam-malmo", str(source))
    assert done.returncode == 0, done.stderr
    stored = "\n".join(p.read_text(encoding="utf-8") for p in lib.glob("*.md"))
    for kept in KEPT[:2] + KEPT[4:]:
        assert kept in stored
    draft = tmp_path / "utkast.md"
    done = run_cli("new", "--form", "finsam-malmo", "--from", str(source), str(draft))
    assert done.returncode == 0, done.stderr
    text = draft.read_text(encoding="utf-8")
    for kept in KEPT:
        assert kept in text


def test_a_damaged_strict_file_through_the_commands_is_one_clear_line(wild_file: Path, tmp_path: Path) -> None:
    path = _damaged_strict(tmp_path, wild_file)
    for lang, words in (("sv", "sparat i formatet Strict Open XML"), ("en", "saved as Strict Open XML")):
        for argv in (
            ["--library", str(tmp_path / "lib"), "library", "import", str(path)],
            ["new", "--form", "finsam-malmo", "--from", str(path), str(tmp_path / f"u-{lang}.md")],
        ):
            done = run_cli("--lang", lang, *argv)
            assert done.returncode in (1, 2), done.stderr  # import: 1 when a file of several failed
            line = next(line for line in done.stderr.splitlines() if line.startswith("ansokan: "))
            assert words in line and "Error" not in line and "Traceback" not in done.stderr


def test_a_heading_0_style_is_a_top_heading(tmp_path: Path) -> None:
    """Some templates number their heading styles from 0; such a heading must not fall into the
    text before it (the title page, which the library import leaves out)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    from assistant.core.model.forms import load_form
    from assistant.core.sources.documents import segment

    document = docx.Document()
    document.styles.add_style("Heading 0", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Sammanfattning", style="Heading 0")
    document.add_paragraph("Kort om projektet och dess deltagare.")
    path = tmp_path / "rubrik0.docx"
    document.save(str(path))
    doc = read_document(path)
    assert (doc.blocks[0].kind, doc.blocks[0].level, doc.blocks[0].styled) == ("heading", 1, True)
    segments = segment(doc, load_form("finsam-malmo"))
    assert [(s.key, s.text) for s in segments] == [("sammanfattning", "Kort om projektet och dess deltagare.")]
