"""Forms as data: the shipped forms load, and a user's mistakes are named by key and line."""

from __future__ import annotations

import json
import re

import pytest

from assistant.core.errors import FormError
from assistant.core.model.forms import CANONICAL_KEYS, available_forms, load_form, load_form_file, parse_form
from assistant.core.storage.paths import forms_dir
from tests.conftest import run_cli


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
    assert result.returncode == 2
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
