"""Building the `Form` from a form file's checked values (see `validate`): every value is already
of its declared type, and a key the file leaves out takes the dataclass's default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.core.model.forms.form import (
    AttachmentRule,
    BudgetRules,
    ContactTable,
    Form,
    Heading,
    PageSetup,
    Signature,
)

Table = dict[str, Any]


def build_form(clean: Table, path: Path | None) -> Form:
    optional = {k: clean[k] for k in ("title_template", "template") if k in clean}
    return Form(
        id=clean["id"],
        name=clean["name"],
        funder=clean["funder"],
        headings=tuple(_heading(h) for h in clean["headings"]),
        preamble=clean.get("preamble", "").strip(),
        page=PageSetup(**clean.get("page", {})),
        budget=BudgetRules(**clean.get("budget", {})),
        contacts=ContactTable(**clean["contacts"]) if "contacts" in clean else None,
        signature=Signature(**clean.get("signature", {})),
        checks=clean.get("checks", {}),
        attachments=tuple(AttachmentRule(**a) for a in clean.get("attachments", []) if "kind" in a and "title" in a),
        source=clean["source"],
        path=path,
        **optional,
    )


def _heading(h: Table) -> Heading:
    values = dict(h)
    values["title"] = values["title"].strip()
    values["guidance"] = " ".join(values["guidance"].split())
    for name in ("number", "short"):
        if name in values:
            values[name] = values[name].strip()
    values.setdefault("own_page", values.get("kind", "text") == "signature")
    return Heading(**values)
