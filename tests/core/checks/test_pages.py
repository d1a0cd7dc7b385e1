"""The pages.count finding names whole pages (what LibreOffice lays out), never a fraction."""

from __future__ import annotations

import re

from assistant.core.checks import run_checks
from assistant.core.model.drafts import load_draft
from assistant.core.storage import paths


def test_the_count_is_the_body_pages_and_names_the_signature_page() -> None:
    draft = load_draft(paths.demo_draft())
    report = run_checks(draft)
    count = next(f for f in report.findings if f.code == "pages.count")
    limit = draft.form.page.max_pages
    assert re.fullmatch(
        rf"{report.pages['counted']} av {limit} sidor( \+ underskriftssida)? \(uppskattat\)", count.message
    )
    assert ("underskriftssida" in count.message) == bool(draft.form.page.uncounted)
