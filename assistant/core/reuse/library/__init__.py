"""The library of earlier approved applications: one readable Markdown file per application.

    +++
    id = "finsam-malmo-2021-fram"
    title = "FRAM"
    funder = "Samordningsförbundet FINSAM i Malmö"
    form = "finsam-malmo"
    organisation = "Malmö stad"
    municipality = "Malmö"
    year = 2021
    status = "beviljad"
    source = "003_d09aa5a5bf39ca34.txt"
    imported = 2026-11-22
    projects = ["FRAM"]
    period = { start = 2021-01-01, end = 2023-12-31 }
    +++

    ## 2. Bakgrund {#bakgrund}

    Det finns brist på …

Sections sit under canonical keys (see forms.CANONICAL_KEYS); a passage is one paragraph, or one
bullet list kept together, of a section. Kontaktuppgifter and Underskrift are never stored, and
e-mail addresses and phone numbers are redacted on import, so a library file can be shared. The
file is read and written by the one Markdown + TOML codec (storage/frontmatter), so a line of
text starting with `## ` stays text.

`entries` holds the entry, its passages and its file; `redact` what keeps it shareable;
`importer` the import of documents and drafts; `builtin` the built-in library. Import from here.

Rebuild the built-in library from the raw sources (in the repo, for the tests):
    python -m assistant.core.reuse.library --rebuild-builtin tests/fixtures/library-sources
"""

from assistant.core.reuse.library.builtin import BUILTIN_META, main, rebuild_builtin
from assistant.core.reuse.library.entries import (
    KEY_ALIASES,
    MAX_ENTRY_BYTES,
    PRIVATE_KEYS,
    SUFFIX,
    Entry,
    Passage,
    Section,
    as_library_dirs,
    content_hash,
    entry_files,
    find_entry,
    key_for,
    library_dirs,
    load_entry,
    load_library,
    parse_entry,
    passages,
    remove_entry,
    split_passages,
    to_text,
)
from assistant.core.reuse.library.importer import (
    IMPORT_SUFFIXES,
    MAX_IMPORT_BYTES,
    ImportResult,
    check_importable,
    entry_from_document,
    entry_from_draft,
    import_files,
    make_id,
)
from assistant.core.reuse.library.redact import redact, typeset

__all__ = [
    "BUILTIN_META",
    "IMPORT_SUFFIXES",
    "KEY_ALIASES",
    "MAX_ENTRY_BYTES",
    "MAX_IMPORT_BYTES",
    "PRIVATE_KEYS",
    "SUFFIX",
    "Entry",
    "ImportResult",
    "Passage",
    "Section",
    "as_library_dirs",
    "check_importable",
    "content_hash",
    "entry_files",
    "entry_from_document",
    "entry_from_draft",
    "find_entry",
    "import_files",
    "key_for",
    "library_dirs",
    "load_entry",
    "load_library",
    "main",
    "make_id",
    "parse_entry",
    "passages",
    "rebuild_builtin",
    "redact",
    "remove_entry",
    "split_passages",
    "to_text",
    "typeset",
]
