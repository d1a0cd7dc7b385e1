"""The budget's status."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.core.chat import Intent, answer
from assistant.core.model.drafts import load_draft
from assistant.core.storage import paths


def test_budget_totals_per_year_and_in_all(demo):
    reply = answer(demo, "stämmer budgeten?")
    assert reply.intent is Intent.BUDGET
    assert "totalt **2\u00a0500\u00a0000\u00a0kr**" in reply.text
    assert "2027: 1\u00a0255\u00a0000\u00a0kr" in reply.text and "2028: 1\u00a0245\u00a0000\u00a0kr" in reply.text
    assert "stämmer med den sammanställda" in reply.text
    assert "inget tak" in reply.text


def test_a_named_category_and_year_first(demo):
    reply = answer(demo, "Hur mycket går till personal 2027?")
    assert reply.text.startswith("- **Personal 2027: 1\u00a0150\u00a0000\u00a0kr**")


def test_a_bad_cell_and_a_difference_are_reported(demo):
    demo.budget.compiled["Personal"][2027] = "tolv"
    reply = answer(demo, "stämmer budgeten?")
    assert "**Att rätta:**" in reply.text
    assert "skiljer sig" in reply.text
    assert "räknas som 0" in reply.text


def test_the_cap_of_a_form_that_has_one(tmp_path: Path, isolated_dirs: Path):
    forms = isolated_dirs / "ansokan_forms"
    forms.mkdir(exist_ok=True)
    text = (paths.forms_dir() / "finsam-malmo.toml").read_text(encoding="utf-8")
    text = text.replace('id = "finsam-malmo"', 'id = "med-tak"').replace("[budget]\n", "[budget]\ncap = 2000000\n", 1)
    (forms / "med-tak.toml").write_text(text, encoding="utf-8")
    target = tmp_path / "demo.md"
    shutil.copy(paths.demo_draft(), target)
    target.write_text(target.read_text(encoding="utf-8").replace('form = "finsam-malmo"', 'form = "med-tak"'))
    reply = answer(load_draft(target), "stämmer budgeten?")
    assert "taket" in reply.text.lower() or "tak är" in reply.text
    assert "500\u00a0000\u00a0kr över" in reply.text


def test_an_empty_budget(demo):
    demo.budget.compiled.clear()
    demo.budget.items.clear()
    demo.budget.years.clear()
    assert "tom" in answer(demo, "budgetstatus").text
