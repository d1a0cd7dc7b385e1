"""Text from documents and the library is data, never code; exports go only where the user asked.

A document full of Jinja2 syntax (`{{ ''.__class__.__mro__ }}`, `{% include '/etc/passwd' %}`,
`{{ config }}`, `{{ lipsum.__globals__ }}`) is imported into the library, suggested, adapted into
a draft and exported: at every step the literal text is there and nothing was evaluated — no
Python class names, no file contents, no environment values anywhere in the output.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from tests.conftest import run_cli
from tests.hardening.payloads import APPLICATION_TEXT

PAYLOADS = [
    "{{ ''.__class__.__mro__ }}",
    "{% include '/etc/passwd' %}",
    "{{ config }}",
    "{{ lipsum.__globals__ }}",
    "{{ 7*7 }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
]
SECRET = "hemligt-värde-4711"
# What an evaluated template would have produced.
LEAKS = ["<class", "root:x:0:0", "<function", SECRET, "49 ", "__builtins__", "environ({"]


def _with_templates(text: str) -> str:
    sentence = (
        "Samverkan kring unga vuxna i Malmö bygger på "
        + " och ".join(PAYLOADS)
        + " tillsammans med Arbetsförmedlingen och Försäkringskassan."
    )
    return text.replace("Insatsen bygger", sentence + "\n\nInsatsen bygger")


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    parts += [document.core_properties.title or "", document.core_properties.subject or ""]
    return "\n".join(parts)


def _assert_literal_and_no_leak(text: str, *, expect: list[str] = PAYLOADS) -> None:
    for payload in expect:
        assert payload in text, f"{payload!r} did not come through literally"
    for leak in LEAKS:
        assert leak not in text, f"evaluated template output {leak!r} leaked"


@pytest.fixture
def env_with_secret(monkeypatch):
    monkeypatch.setenv("ANSOKAN_TEST_SECRET", SECRET)
    return {"ANSOKAN_TEST_SECRET": SECRET}


def test_templates_in_an_imported_document_are_never_executed(tmp_path, env_with_secret):
    source = tmp_path / "elak-ansokan.txt"
    source.write_text(_with_templates(APPLICATION_TEXT), encoding="utf-8")
    library = tmp_path / "bibliotek"
    imported = run_cli(
        "--library", str(library), "library", "import", "--form", "finsam-malmo", str(source), env=env_with_secret
    )
    assert imported.returncode == 0, imported.stderr
    stored = "\n".join(p.read_text(encoding="utf-8") for p in library.glob("*.md"))
    _assert_literal_and_no_leak(stored)

    found = run_cli(
        "--library",
        str(library),
        "suggest",
        "--form",
        "finsam-malmo",
        "--section",
        "bakgrund",
        "--text",
        "samverkan kring unga vuxna i Malmö med Arbetsförmedlingen och Försäkringskassan",
        "--json",
        env=env_with_secret,
    )
    assert found.returncode == 0, found.stderr
    suggestions = json.loads(found.stdout)
    suggestions = suggestions.get("suggestions", suggestions) if isinstance(suggestions, dict) else suggestions
    ours = [s for s in suggestions if "__class__" in s["text"]]
    assert ours, "the imported passage was not suggested"
    _assert_literal_and_no_leak(ours[0]["text"])

    from assistant.core.reuse.adapt import adapt

    draft = new_draft(
        load_form("finsam-malmo"), title="{{ 7*7 }} Egen titel", organisation="Lunds kommun", municipality="Lund"
    )
    adapted = adapt(ours[0], draft, library_dirs=[(library, False)])
    _assert_literal_and_no_leak(adapted.text)
    draft.set_text("bakgrund", adapted.text)
    path = tmp_path / "utkast.md"
    save_draft(draft, path, force=True)
    assert load_draft(path).text("bakgrund") == draft.text("bakgrund")

    out = tmp_path / "ansokan.docx"
    exported = run_cli("export", str(path), "-o", str(out), env=env_with_secret)
    assert exported.returncode == 0, exported.stderr
    text = _docx_text(out)
    _assert_literal_and_no_leak(text, expect=[*PAYLOADS, "{{ 7*7 }} Egen titel"])


def test_a_form_whose_title_template_reaches_for_python_internals_is_refused(tmp_path, monkeypatch):
    forms = Path(os.environ["ANSOKAN_FORMS"])
    forms.mkdir(parents=True, exist_ok=True)
    text = (Path(__file__).resolve().parent.parent / "sections" / "finsam-malmo.toml").read_text(encoding="utf-8")
    evil = text.replace('id = "finsam-malmo"', 'id = "elak"').replace(
        'title_template = "Ansökan: {{ title }}"',
        "title_template = \"{{ ''.__class__.__mro__[1].__subclasses__() }}{{ lipsum.__globals__.os.popen('id').read() }}\"",
    )
    (forms / "elak.toml").write_text(evil, encoding="utf-8")
    path = tmp_path / "utkast.md"
    assert run_cli("new", "--form", "elak", "--title", "X", str(path)).returncode == 0
    out = tmp_path / "ut.docx"
    result = run_cli("export", str(path), "-o", str(out))
    assert "Traceback" not in result.stderr
    if result.returncode == 0:  # rendered in the sandbox: nothing from Python may show
        text = _docx_text(out)
        assert "<class" not in text and "uid=" not in text
    else:
        assert result.returncode == 2 and result.stderr.startswith("ansokan: ")
        assert len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()


def test_an_imported_title_cannot_place_a_library_file_outside_the_library(tmp_path):
    source = tmp_path / "..%2F..%2Fetc%2Fpasswd.txt"
    source.write_text(
        APPLICATION_TEXT.replace("Ansökan om projektmedel – Vägen vidare", "../../../../tmp/utanför"), encoding="utf-8"
    )
    library = tmp_path / "bibliotek"
    result = run_cli("--library", str(library), "library", "import", "--form", "finsam-malmo", str(source))
    assert result.returncode == 0, result.stderr
    written = [p for p in tmp_path.rglob("*.md")]
    assert written and all(p.parent == library for p in written)


def test_xml_entities_in_a_docx_are_not_expanded_and_external_links_not_followed(tmp_path):
    """XXE (`<!ENTITY xxe SYSTEM "file:///etc/passwd">`), an entity bomb, and relations to the web,
    a local file and a remote template: the document is read as text only."""
    from tests.hardening.payloads import XXE_DOCUMENT, _docx_with, _with_external_refs

    xxe = _docx_with("xxe.docx", {}, document_xml=XXE_DOCUMENT)(tmp_path)
    refs = _with_external_refs(tmp_path)
    for n, source in enumerate((xxe, refs)):
        target = tmp_path / f"utkast-{n}.md"
        result = run_cli("new", "--form", "finsam-malmo", "--from", str(source), str(target))
        assert "Traceback" not in result.stderr
        if result.returncode == 0:
            text = target.read_text(encoding="utf-8")
            assert "root:" not in text and "lollol" not in text and "attacker" not in text
        else:
            assert result.returncode == 2 and not target.exists()
