"""Names an exported .docx carries so that importing it again can tell the export's own parts
from the writer's text: the style names of what the export writes from the draft's data, and
the XML namespace of the draft data it embeds. The export (core.document) writes them and the
import (core.sources) reads them, so they live here, below both."""

from __future__ import annotations

# Contacts, dates, the budget tables and the signature block: written from the draft's data.
GENERATED = "Ansökan genererad"
GENERATED_TABLE = "Ansökan tabell"
GENERATED_STYLES = (GENERATED, GENERATED_TABLE)
# The heading of a section the form does not know (kept from the writer's draft).
EXTRA_HEADING = "Ansökan extra rubrik"
# The customXml part with the draft's own data (its front matter as TOML).
DATA_NAMESPACE = "urn:ansokan:draft:1"
