"""The reviewers' comments, from the review screen: each is said in the conversation on its section
and kept in the draft as a note (`[[notes]]`, usecases/review_notes.py), so the writer can mark it
resolved (F7) or answer it (F8), and an open one goes back to the reviewers as a Word comment in
the next `export --review`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.tui.i18n import tr
from assistant.usecases.review_notes import add_note

if TYPE_CHECKING:
    from pathlib import Path

    from assistant.core.model.drafts import Draft
    from assistant.core.model.drafts.notes import SectionNote
    from assistant.tui.screens.main import MainScreen
    from assistant.usecases.review import ReadReview
    from assistant.usecases.review_decisions import Comment


def comment_message(comment: Comment, file_name: str) -> str:
    """A reviewer's comment (and its replies) as it reads in the conversation."""
    anchor = f" ”{comment.anchor[:80]}”" if comment.anchor else ""
    lines = [
        tr(
            f"**{comment.author or 'Granskare'}** kommenterar{anchor} ({file_name}):",
            f"**{comment.author or 'Reviewer'}** comments{anchor} ({file_name}):",
        ),
        "",
        comment.text,
    ]
    lines += [f"\n↳ **{reply.author}**: {reply.text}" for reply in comment.replies]
    return "\n".join(lines)


def answer_message(comment: Comment, answer: str) -> str:
    said = " ".join(comment.text.split())[:60]
    return tr(f"Svar till {comment.author} om ”{said}”: {answer}", f"Answer to {comment.author} on “{said}”: {answer}")


def note_of(draft: Draft, comment: Comment) -> SectionNote | None:
    """The note the draft keeps for this comment (same section, author and words), if any."""
    text = comment.text.strip()
    return next(
        (n for n in draft.notes if (n.section, n.author, n.text) == (comment.section, comment.author, text)), None
    )


def keep_as_note(draft: Draft, comment: Comment) -> bool:
    """The comment kept as an open note on its section (once); False when nothing was added."""
    if comment.section is None or not comment.text.strip() or note_of(draft, comment) is not None:
        return False
    anchor = comment.anchor if comment.anchor and comment.anchor in draft.text(comment.section) else ""
    try:
        add_note(draft, comment.section, comment.text, anchor=anchor, author=comment.author)
    except UserError:  # a section the draft does not have: the conversation still has the comment
        return False
    return True


def answer_as_note(draft: Draft, comment: Comment, answer: str) -> None:
    """The writer's answer as a note on the comment's section, by the writer, on the same text."""
    if comment.section is None:
        return
    note = note_of(draft, comment)
    add_note(draft, comment.section, answer_message(comment, answer), anchor=note.anchor if note else "")


async def post_comments(main: MainScreen, path: Path, found: ReadReview) -> None:
    """Each comment once in the conversation, in document order on its section, and as a note."""
    said = {m.text for m in main.messages}
    added = False
    for comment in (c for _section, _changes, comments in found.by_section() for c in comments):
        text = comment_message(comment, path.name)
        if text not in said:
            await main.say(text, role="reviewer", section=comment.section or main.draft.current)
        added = keep_as_note(main.draft, comment) or added
    if added:
        main.save_now()
