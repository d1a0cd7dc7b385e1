"""The signature block: the form's signature lines once per signatory, kept on one page."""

from __future__ import annotations

import dataclasses

from assistant.core.document.model import DocumentModel, Para, field_text
from assistant.core.model.docx_names import GENERATED
from assistant.core.model.drafts import Draft, Signatory
from assistant.core.model.forms import Form
from assistant.core.model.markup import Run

SIGN_LINE = "_" * 44
FIRST_LINE_BEFORE_PT = 24.0  # air above a signatory's block
SIGN_LINE_BEFORE_PT = 22.0  # room above a line to sign or write on


def signature_block(draft: Draft, form: Form, model: DocumentModel) -> None:
    """The form's signature block once per signatory; names filled in when the draft has them."""
    count = max(len(draft.signatories), form.signature.signatories, 1)
    for i in range(count):
        signatory = draft.signatories[i] if i < len(draft.signatories) else None
        _one_signatory(_signatory_name(signatory), form, model)
        last = model.items[-1]  # one signatory's block is never split over two pages
        if isinstance(last, Para):
            model.items[-1] = dataclasses.replace(last, keep_next=False)


def _signatory_name(signatory: Signatory | None) -> str:
    if signatory is None:
        return ""
    parts = (signatory.name, signatory.title, signatory.organisation)  # "Namn, titel, organisation"
    return ", ".join(v for v in (field_text(part) for part in parts) if v)


def _one_signatory(name: str, form: Form, model: DocumentModel) -> None:
    first = True
    for raw in form.signature.lines:
        line = field_text(raw)
        before = FIRST_LINE_BEFORE_PT if first else None
        first = False
        if line.endswith(":"):  # "Ort och datum:" and the like: a short line on the same row
            model.items.append(Para(GENERATED, (Run(f"{line} "), Run(SIGN_LINE[:30])), before=before, keep_next=True))
            continue
        is_name_line = "förtydligande" in line.lower() or "namn och" in line.lower()
        filled = name if is_name_line and name else SIGN_LINE
        model.items.append(
            Para(
                GENERATED,
                (Run(filled),),
                before=before if before is not None else SIGN_LINE_BEFORE_PT,
                after=0.0,
                keep_next=True,
            )
        )
        model.items.append(Para(GENERATED, (Run(line, italic=True),), keep_next=True))
