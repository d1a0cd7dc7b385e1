"""The form's title line: plain text with {{ field }} is filled in without jinja2 (its import is ~50 ms
of every export and check), and comes out as jinja2 would have filled it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from assistant.core.document.build import render_title
from assistant.core.errors import UserError
from assistant.core.model.forms import load_form
from tests.core.document.drafts import written_draft

TEMPLATES = [
    "{{ title }}",
    "Ansökan: {{title}} – {{ organisation }}, {{ municipality }} ({{ start_year }}–{{ end_year }})",
    "  {{ start }} till {{ end }} · kontakt {{ contact }}\n",
    "Utan fält alls & <tecken>",
    "{{ title }}{% if organisation %} ({{ organisation }}){% endif %}",  # jinja2's own (not simple)
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_title_is_what_jinja2_fills_in(template):
    form = dataclasses.replace(load_form("finsam-malmo"), title_template=template)
    draft = written_draft(form)
    draft.start, draft.end = date(2027, 1, 1), date(2028, 12, 31)
    jinja = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False).from_string(template)
    assert render_title(draft, form) == jinja.render(**draft.fields()).strip()


@pytest.mark.parametrize("template", ["{{ title }} ({{ diarienummer }})", "{{ diarienummer }}{% if 1 %}x{% endif %}"])
def test_a_missing_field_is_named_either_way(template):
    form = dataclasses.replace(load_form("finsam-malmo"), title_template=template)
    with pytest.raises(UserError) as info:
        render_title(written_draft(form), form)
    assert "`diarienummer`" in info.value.message("en") and "title_template" in info.value.message("en")


def test_the_shipped_forms_titles_need_no_jinja2():
    code = (
        "import sys\n"
        "from assistant.core.document.build import render_title\n"
        "from assistant.core.model.forms import load_form\n"
        "from tests.core.document.drafts import written_draft\n"
        "for name in ('finsam-malmo', 'burlov-staffanstorp'):\n"
        "    form = load_form(name)\n"
        "    render_title(written_draft(form), form)\n"
        "print('jinja2' in sys.modules)\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "False"
