"""Forms as data: the shipped forms load, and a user's mistakes are named by key and line."""

from __future__ import annotations

import json
import re

import pytest

from assistant.core.errors import FormError
from assistant.core.model.forms import (
    CANONICAL_KEYS,
    BudgetRules,
    ContactTable,
    Form,
    Heading,
    PageSetup,
    Signature,
    available_forms,
    check_form_file,
    check_form_text,
    load_form,
    load_form_file,
    parse_form,
)
from assistant.core.model.forms.schema import CHECKS, TABLE_KEYS, all_tables, keys_of
from assistant.core.model.forms.schema_types import CONTACT_FIELDS
from assistant.core.storage.paths import forms_dir
from tests.conftest import ROOT, run_cli


def test_shipped_forms_load_and_use_canonical_keys():
    assert {"finsam-malmo", "burlov-staffanstorp"} <= set(available_forms())
    for form_id in ("finsam-malmo", "burlov-staffanstorp"):
        form = load_form(form_id)
        keys = form.keys
        assert len(keys) == len(set(keys))
        for key in (
            "kontaktuppgifter",
            "bakgrund",
            "tidsplan",
            "malgrupp",
            "mal",
            "budget",
            "uppfoljning",
            "underskrift",
        ):
            assert key in keys, f"{form_id} lacks {key}"
        assert all(h.guidance and len(h.guidance.split(".")) <= 5 for h in form.headings)
        assert form.source and form.page.source and form.budget.source and form.signature.source
        assert all(settings.get("source") for settings in form.checks.values())


def test_finsam_form_matches_the_printed_form():
    form = load_form("finsam-malmo")
    assert [h.display for h in form.headings][:4] == [
        "1. Kontaktuppgifter",
        "2. Bakgrund",
        "3. Presentation av insatsen (inled med kort sammanfattning)",
        "3.1. Tidsplan",
    ]
    assert form.headings[-1].title == "Underskrift av ansvariga"
    assert form.page.max_pages == 7 and form.page.uncounted == ("underskrift",)
    assert form.signature.lines == ("Ort och datum:", "Namnteckning", "Namnförtydligande och organisation")
    assert "max 7 sidor" in form.preamble and "Underskriftssidan tillkommer" in form.preamble
    assert form.budget.categories == ("Personal", "Externa tjänster", "Lokaler", "Övriga kostnader")
    assert form.budget.detailed_required and form.budget.compiled_required


def test_burlov_form_has_its_contact_table_and_cost_rows():
    form = load_form("burlov-staffanstorp")
    assert form.contacts is not None and form.contacts.columns[0] == "Namn"
    assert form.heading("forankring") is not None and form.heading("budget").title.startswith("Kostnad;")
    assert "Personalkostnader" in form.budget.categories and not form.budget.detailed_required


def _form_text(**changes) -> str:
    text = (forms_dir() / "finsam-malmo.toml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(
    "old,new,needle",
    [
        ('key = "bakgrund"', 'key = "Bakgrund!"', "headings[1].key"),
        ('key = "bakgrund"', 'key = "kontaktuppgifter"', "finns redan"),
        ("font_size = 11", 'font_size = "elva"', "page.font_size"),
        ("max_pages = 7", "max_pages = 0", "page.max_pages"),
        ("signatories = 2", 'signatories = "två"', "signature.signatories"),
        (
            'max_words = 150\nsource = "Rubrik 3',
            'max_words = 150\nsource = ""\nnote = "Rubrik 3',
            "checks.summary.source",
        ),
        ('uncounted = ["underskrift"]', 'uncounted = ["signatur"]', "signatur"),
        ('id = "finsam-malmo"', 'id = "FINSAM Malmö"', "id"),
    ],
)
def test_mistakes_name_key_and_line(old, new, needle):
    text = _form_text(**{old: new})
    with pytest.raises(FormError) as info:
        parse_form(text, "min.toml")
    message = info.value.message("sv")
    assert needle in message
    assert re.match(r"^min\.toml:\d+: ", message), message
    line = int(message.split(":")[1])
    assert 1 <= line <= len(text.splitlines())


def test_toml_syntax_error_names_the_line():
    with pytest.raises(FormError) as info:
        parse_form('id = "x"\nname = \n', "trasig.toml")
    assert "line 2" in info.value.message("sv")


def test_unknown_key_is_refused_with_the_allowed_ones():
    with pytest.raises(FormError) as info:
        parse_form(_form_text(**{"funder = ": 'fundr = "x"\nfunder = '}), "f.toml")
    assert "okänd nyckel" in info.value.message("sv") and "funder" in info.value.message("sv")


def test_cli_forms_list_json_and_check(tmp_path):
    result = run_cli("forms", "list", "--json")
    assert result.returncode == 0
    ids = {f["id"] for f in json.loads(result.stdout)}
    assert {"finsam-malmo", "burlov-staffanstorp"} <= ids
    good = tmp_path / "mitt-formular.toml"
    good.write_text(_form_text(**{'id = "finsam-malmo"': 'id = "mitt-formular"'}), encoding="utf-8")
    assert run_cli("forms", "check", str(good)).returncode == 0
    bad = tmp_path / "fel.toml"
    bad.write_text(_form_text(**{'level = 2\nkind = "tidsplan"': 'level = 7\nkind = "tidsplan"'}), encoding="utf-8")
    result = run_cli("forms", "check", str(bad))
    assert result.returncode == 1
    assert "level" in result.stderr and "Traceback" not in result.stderr
    assert f"{bad}:" in result.stderr


def test_a_new_form_is_just_a_new_toml_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ANSOKAN_FORMS", str(tmp_path))
    (tmp_path / "eget-forbund.toml").write_text(
        _form_text(**{'id = "finsam-malmo"': 'id = "eget-forbund"'}), encoding="utf-8"
    )
    assert "eget-forbund" in available_forms()
    assert load_form_file(tmp_path / "eget-forbund.toml").id == "eget-forbund"


def test_canonical_keys_are_the_agreed_ones():
    assert CANONICAL_KEYS == (
        "kontaktuppgifter",
        "bakgrund",
        "presentation",
        "tidsplan",
        "malgrupp",
        "mal",
        "organisering",
        "aktiviteter",
        "implementering",
        "budget",
        "uppfoljning",
        "underskrift",
    )


# ---------------------------------------------------------------------------------------------
# Strict checking: one declared schema, every problem at once, each naming its line


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_misspelt_key_a_string_number_and_a_duplicated_heading_are_each_named_with_their_line():
    text = _form_text(
        **{
            "max_pages = 7": "max_page = 7",
            "font_size = 11": 'font_size = "11"',
            'key = "organisering"': 'key = "bakgrund"',
        }
    )
    check = check_form_text(text, "mitt.toml")
    assert check.form is None
    by_line = {p.line: p.text.render("en") for p in check.errors}
    assert len(check.errors) == 3, check.lines("en")
    assert "did you mean `max_pages`" in by_line[_line_of(text, "max_page = 7")]
    assert "must be a number, not text" in by_line[_line_of(text, 'font_size = "11"')]
    duplicate = [i for i, line in enumerate(text.splitlines(), start=1) if line == 'key = "bakgrund"']
    assert f"used twice (line {duplicate[0]})" in by_line[duplicate[1]]
    assert all(line.startswith("mitt.toml:") for line in check.lines())


def test_the_shipped_forms_pass_without_errors_or_warnings():
    for form_id in ("finsam-malmo", "burlov-staffanstorp"):
        check = check_form_file(forms_dir() / f"{form_id}.toml")
        assert check.form is not None and not check.errors and not check.warnings, check.lines("en")
    burlov = check_form_file(forms_dir() / "burlov-staffanstorp.toml")
    assert [p.severity for p in burlov.problems] == ["note"]  # no page limit: counted, not limited


@pytest.mark.parametrize(
    "old,new,wanted",
    [
        ("[checks.gender]", "[checks.gendr]", "did you mean `gender`"),
        ("max_words = 150", "max_word = 150", "did you mean `max_words`"),
        ("max_words = 150", 'max_words = "150"', "must be an integer, not text"),
        ("max_pages = 7", "max_pages = -1", "must be at least 1"),
        ("signatories = 2", "signatories = 0", "must be at least 1"),
        ("font_size = 11", "font_size = 13", "13 is not in `allowed_sizes`"),
        ('font = "Calibri"', 'font = "Comic Sans"', "`Comic Sans` is not in `allowed_fonts`"),
        ('section = "presentation"', 'section = "presentaton"', "did you mean `presentation`"),
        ('sections = ["malgrupp", "uppfoljning"]', 'sections = ["malgrupp", "uppföljning"]', "`uppföljning`"),
        ('patterns = ["TODO"', 'patterns = ["TODO", "(oavslutad"', "no valid regular expression"),
        ('kind = "tidsplan"', 'kind = "budget"', 'only one heading may have kind = "budget"'),
        ('kind = "tidsplan"', 'kind = "tidplan"', "must be one of text, contacts, tidsplan, budget, signature"),
        ("borderline_lines = 4", "borderline_lines = 4.5", "must be an integer, not float"),
        ("detailed_required = true", 'detailed_required = "ja"', "must be true or false"),
        ('title = "Bakgrund"', 'title = "  "', "must not be empty"),
    ],
)
def test_each_mistake_that_used_to_turn_a_check_off_quietly_is_an_error_on_its_line(old, new, wanted):
    text = _form_text(**{old: new})
    check = check_form_text(text, "f.toml")
    assert check.form is None
    messages = [p.text.render("en") for p in check.errors]
    assert any(wanted in m for m in messages), messages
    first_changed = new.splitlines()[0].split("=")[0].strip()
    lines = {p.line for p in check.errors}
    assert any(first_changed in text.splitlines()[line - 1] for line in lines if line), check.lines("en")


def test_a_contact_column_must_be_a_contact_detail():
    text = _form_text(
        **{"[budget]": '[contacts]\ncolumns = ["Namn", "Skostorlek"]\nfields = ["name", "shoe"]\n\n[budget]'}
    )
    messages = check_form_text(text, "f.toml").lines("en")
    assert any("`shoe` must be one of name, role, organisation, phone, email" in m for m in messages), messages


def test_checks_that_are_off_without_the_form_saying_so_are_warned_about():
    text = _form_text(**{"max_words = 150\n": "", "[checks.readability]\n": "[checks.old_readability]\n"})
    check = check_form_text(re.sub(r"\[checks\.old_readability\]\nsource = [^\n]*\n", "", text), "f.toml")
    warnings = [p.text.render("en") for p in check.warnings]
    assert check.form is not None
    assert any("`readability` is off: the form has no [checks.readability]" in w for w in warnings), warnings
    assert any("off because `max_words` is missing" in w for w in warnings), warnings
    unnamed = next(p for p in check.warnings if "[checks.readability]" in p.text.en)
    assert unnamed.line is not None and text.splitlines()[unnamed.line - 1] == "[checks.required_sections]"
    summary = next(p for p in check.warnings if "max_words" in p.text.en)
    assert text.splitlines()[summary.line - 1] == "[checks.summary]"


def test_a_setting_that_nothing_prints_is_warned_about():
    text = _form_text(**{'kind = "budget"\n': ""})
    warnings = [p.text.render("en") for p in check_form_text(text, "f.toml").warnings]
    assert any('no heading has kind = "budget": the budget tables are not printed' in w for w in warnings)


def test_a_toml_mistake_names_its_line_and_a_duplicated_key_too():
    check = check_form_text(_form_text(**{"max_pages = 7": "max_pages = 7\nmax_pages = 8"}), "f.toml")
    assert len(check.errors) == 1 and "Cannot overwrite a value" in check.errors[0].text.en
    assert check.errors[0].line == _line_of(_form_text(), "max_pages = 7") + 1


def test_a_form_file_raises_only_its_first_error_with_the_count_of_the_others():
    text = _form_text(**{"max_pages = 7": "max_page = 7", "font_size = 11": 'font_size = "11"'})
    with pytest.raises(FormError) as info:
        parse_form(text, "f.toml")
    message = info.value.message("en")
    assert message.count("\n") == 0 and "and 1 more; see `ansokan forms check`" in message


def test_the_id_must_match_the_file_name_to_be_chosen(tmp_path):
    path = tmp_path / "annat-namn.toml"
    path.write_text(_form_text(), encoding="utf-8")
    check = check_form_file(path)
    assert check.form is not None
    assert any("must be named `finsam-malmo.toml`" in p.text.en for p in check.warnings)


def test_a_word_template_that_is_not_there_is_an_error(tmp_path):
    path = tmp_path / "finsam-malmo.toml"
    path.write_text(_form_text(**{'title_template = "Ansökan': 'template = "logga.docx"\ntitle_template = "Ansökan'}))
    assert any("logga.docx" in p.text.en for p in check_form_file(path).errors)
    (tmp_path / "logga.docx").write_bytes(b"PK\x03\x04")
    assert not check_form_file(path).errors


def test_a_heading_in_the_preamble_is_a_note():
    check = check_form_text(_form_text(**{'preamble = """\n': 'preamble = """\n### Projektets namn\n'}), "f.toml")
    assert any("### line in the preamble" in p.text.en for p in check.problems if p.severity == "note")


# ---------------------------------------------------------------------------------------------
# One source of truth: the schema, the dataclasses, the checks and docs/forms.md agree


def test_every_declared_key_is_a_field_of_the_form_model():
    from dataclasses import fields

    for table, model in (
        ("page", PageSetup),
        ("budget", BudgetRules),
        ("contacts", ContactTable),
        ("signature", Signature),
        ("headings", Heading),
    ):
        assert {k.name for k in TABLE_KEYS[table]} == {f.name for f in fields(model)}, table
    assert {k.name for k in TABLE_KEYS[""]} == {f.name for f in fields(Form)} - {"path", "title_template"} | {
        "title_template"
    }


def test_the_declared_checks_are_the_checks_there_are():
    from dataclasses import fields

    from assistant.core.checks import RULES
    from assistant.core.model.drafts import Contact

    assert set(CHECKS) == set(RULES) | {"page_limit"}
    assert tuple(f.name for f in fields(Contact)) == CONTACT_FIELDS


def _documented() -> dict[str, dict[str, tuple[str, str]]]:
    """docs/forms.md's reference: table -> key -> (type, default), from its `### [table]` parts."""
    text = (ROOT / "docs" / "forms.md").read_text(encoding="utf-8")
    reference = text.split("## Reference", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, dict[str, tuple[str, str]]] = {}
    current = None
    for line in reference.splitlines():
        if m := re.match(r"^### (?:Top level|`\[\[?([a-z_.]+)\]\]?`)", line):
            current = m.group(1) or ""
            tables[current] = {}
        elif current is not None and (m := re.match(r"^\| `([a-z_]+)` \| ([^|]+) \| `?([^|`]+)`? \|", line)):
            tables[current][m.group(1)] = (m.group(2).strip(), m.group(3).strip())
    return tables


def test_docs_forms_md_documents_every_key_the_reader_accepts_with_its_type_and_default():
    documented = _documented()
    assert set(documented) == set(all_tables())
    for table in all_tables():
        declared = {k.name: (k.type, k.default_text()) for k in keys_of(table)}
        assert documented[table] == declared, table
