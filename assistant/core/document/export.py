"""Export a draft as a .docx ready for signature.

The export runs in two steps: `build_document` (build.py) turns the draft into a plain list of
paragraphs and tables with their formatting resolved from the form (model.py), and
`render_docx` (writer.py) writes that list with python-docx. The page estimate (layout.py)
lays out the very same list, so the estimate and the exported file can never disagree about
content; in between, `with_table_breaks` puts a page break before each table the layout moves
to a new page, where LibreOffice would otherwise fill that page only in part.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.document.build import build_document
from assistant.core.document.comments import ReviewNote, with_comments
from assistant.core.document.layout import with_table_breaks
from assistant.core.document.model import field_text
from assistant.core.document.tracked import with_tracked_changes
from assistant.core.document.writer import render_docx
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form
from assistant.core.storage.atomic import atomic_write_bytes


def export_docx(
    draft: Draft,
    out_path: Path | str,
    *,
    form: Form | None = None,
    comments: Sequence[ReviewNote] = (),
    author: str = "",
    since: Since | None = None,
) -> Path:
    """Write the draft as a .docx (atomically) and return the path; with `comments` (for review),
    each one a Word comment by `author` on the text it names; with `since`, what changed since
    that earlier version as tracked changes by `author`."""
    return export_review_docx(draft, out_path, form=form, comments=comments, author=author, since=since).path


@dataclass(frozen=True)
class Since:
    """The version a review export shows its changes against: that draft, and the sections whose
    text changed since (the others are left unmarked)."""

    draft: Draft
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Exported:
    path: Path
    comments: int = 0  # comments placed
    changes: int = 0  # tracked changes marked


def export_review_docx(
    draft: Draft,
    out_path: Path | str,
    *,
    form: Form | None = None,
    comments: Sequence[ReviewNote] = (),
    author: str = "",
    since: Since | None = None,
) -> Exported:
    """`export_docx`, saying how many comments and tracked changes the file holds."""
    form = form or draft.form
    data = _render(draft, form)
    author = author or "Ansökan"
    changes = placed = 0
    extra = own_headings(draft)
    if since is not None and since.sections:
        now = dt.datetime.now(dt.UTC)
        old = _render(since.draft, form)
        both = own_headings(since.draft) | extra
        data, changes = with_tracked_changes(data, old, form, since.sections, author=author, when=now, extra=both)
    if comments:
        data, placed = with_comments(data, comments, form, author=author, extra=extra)
    out = Path(out_path)
    write_shared_file(out, data)
    return Exported(out, placed, changes)


def own_headings(draft: Draft) -> dict[str, str]:
    """The writer's own sections as the export prints their headings: heading -> key."""
    return {field_text(e.heading) or e.key: e.key for e in draft.extra if not e.unplaced}


def _render(draft: Draft, form: Form) -> bytes:
    return render_docx(with_table_breaks(build_document(draft, form)), draft)


def write_shared_file(path: Path, data: bytes) -> None:
    """Write atomically; a new file gets the usual permissions (umask), not the temp file's 0600,
    because an exported application is meant to be shared."""
    existed = path.exists()
    atomic_write_bytes(path, data, backup=False)
    if not existed:
        mask = os.umask(0)
        os.umask(mask)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o666 & ~mask)
