"""Forms as data: one TOML file per funder's form, read with tomllib and validated on load.

A form holds its headings (number, exact printed title, canonical key, required, guidance),
its page setup and page limit, its budget rules, its signature block and the settings of
each check. Every rule carries a `source` note saying where it comes from.

`form` holds the model, `form_file` reads and validates a form file, `catalogue` finds the
shipped and the user's forms by id. Import from here.
"""

from assistant.core.model.forms.catalogue import available_forms, load_form, usable_forms
from assistant.core.model.forms.form import (
    CANONICAL_KEYS,
    KEY_RE,
    MAX_FORM_BYTES,
    AttachmentRule,
    BudgetRules,
    ContactTable,
    Form,
    Heading,
    PageSetup,
    Signature,
)
from assistant.core.model.forms.form_file import check_form_file, load_form_file, locate_line, parse_form
from assistant.core.model.forms.schema_types import HEADING_KINDS
from assistant.core.model.forms.validate import FormCheck, Problem, check_form_text

__all__ = [
    "CANONICAL_KEYS",
    "HEADING_KINDS",
    "KEY_RE",
    "MAX_FORM_BYTES",
    "AttachmentRule",
    "BudgetRules",
    "ContactTable",
    "Form",
    "FormCheck",
    "Heading",
    "PageSetup",
    "Problem",
    "Signature",
    "available_forms",
    "check_form_file",
    "check_form_text",
    "load_form",
    "load_form_file",
    "locate_line",
    "parse_form",
    "usable_forms",
]
