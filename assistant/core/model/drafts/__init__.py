"""Drafts: one UTF-8 Markdown file with TOML front matter that a person can read, edit and diff.

    +++
    schema = 1
    form = "finsam-malmo"
    title = "Unga vuxna i arbete"
    start = 2026-01-01
    …
    +++

    ## 1. Kontaktuppgifter {#kontaktuppgifter}

    Text …

Each `## ` line starts a section; `{#key}` ties it to the form's heading (without it the heading
text is matched fuzzily). Sections the form does not know are kept, never dropped; text before
the first heading is kept too. Saves are atomic and keep the previous version as `<name>~`.

`draft` holds the model (Draft and its parts, word counts, completion), `file` the draft file
(storage/frontmatter is the codec), `budget_toml` the `[budget]` table. Import from here.
"""

from assistant.core.model.drafts.budget_toml import budget_from_toml, budget_to_toml
from assistant.core.model.drafts.carried import CarriedFact
from assistant.core.model.drafts.draft import (
    SCHEMA,
    Contact,
    Draft,
    ExtraSection,
    SectionStatus,
    Signatory,
    completion,
    new_draft,
    normalise_text,
    section_status,
    word_count,
    words,
)
from assistant.core.model.drafts.file import (
    MAX_DRAFT_BYTES,
    changed_on_disk,
    disk_digest,
    front_matter,
    front_matter_text,
    load_draft,
    lock_for,
    parse_draft,
    read_draft_text,
    save_draft,
    to_text,
)

__all__ = [
    "MAX_DRAFT_BYTES",
    "SCHEMA",
    "CarriedFact",
    "Contact",
    "Draft",
    "ExtraSection",
    "SectionStatus",
    "Signatory",
    "budget_from_toml",
    "budget_to_toml",
    "changed_on_disk",
    "completion",
    "disk_digest",
    "front_matter",
    "front_matter_text",
    "load_draft",
    "lock_for",
    "new_draft",
    "normalise_text",
    "parse_draft",
    "read_draft_text",
    "save_draft",
    "section_status",
    "to_text",
    "word_count",
    "words",
]
