"""Suggestions out of earlier approved applications, adapted to the writer's draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.core.errors import UserError
from assistant.usecases.library import Library, library_dirs, shared_library

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft

    # Re-exported for the faces, which may not import the core's reuse room themselves.
    from assistant.core.reuse.adapt import Adapted as Adapted
    from assistant.core.reuse.suggest import Suggestion as Suggestion

MAX_SUGGESTIONS = 50


def remembered() -> Any:
    """A memory of the list shown a moment ago, for a face that searches while the writer types:
    pass it to every suggest_for of one text box (suggest.Recent)."""
    from assistant.core.reuse.suggest import Recent

    return Recent()


def suggest_for(
    text: str,
    *,
    form_id: str,
    section: str,
    k: int = 5,
    library: Library = None,
    context: str = "",
    recent: Any = None,
) -> list[Suggestion]:
    """The k passages that fit what the writer is writing in `section`, best first ([] if none fit).

    `text` is the paragraph up to the cursor (its last sentence counts most), `context` the rest of
    the paragraph (weaker). Empty `text` asks for ideas: the heading's guidance is the query.
    `recent` (remembered()): while the text only grows, what was shown a moment ago stays."""
    from assistant.core.model.forms import load_form
    from assistant.core.reuse.suggest import suggest

    form = load_form(form_id)
    if form.heading(section) is None:
        raise UserError(
            f"formuläret `{form.id}` har inget avsnitt `{section}` (se `ansokan forms show {form.id}`)",
            f"the form `{form.id}` has no section `{section}` (see `ansokan forms show {form.id}`)",
        )
    if not 1 <= k <= MAX_SUGGESTIONS:
        raise UserError(f"-k ska vara mellan 1 och {MAX_SUGGESTIONS}", f"-k must be between 1 and {MAX_SUGGESTIONS}")
    shared = shared_library(library)
    if shared is None:
        return suggest(
            text,
            form_id=form.id,
            section=section,
            k=k,
            library_dirs=library_dirs(library),
            context=context,
            recent=recent,
        )
    index = shared.index()  # candidates from the server while it answers, else the writer's copy
    found = suggest(text, form_id=form.id, section=section, k=k, index=index, context=context, recent=recent)
    return shared.with_governance(found)


def adapt_suggestion(suggestion: Suggestion, draft: Draft, *, library: Library = None) -> Adapted:
    """The passage rewritten for the draft: the source's names replaced where the draft has its own,
    the rest marked ⟦… → ?⟧. The passage is data: nothing in it is ever rendered as a template."""
    from assistant.core.reuse.adapt import adapt

    return adapt(suggestion, draft, library_dirs=library_dirs(library))


def record_take(
    draft: Draft, suggestion: Suggestion, section_key: str, adapted: Adapted | None = None, *, library: Library = None
) -> dict[str, Any]:
    """Note in the draft's sources that a passage was taken into `section_key` (and what was changed),
    so the checks can flag names left unadapted; a shared library counts the take (on the next
    sync when its server does not answer). Returns the record added."""
    from assistant.core.reuse.adapt import record_source
    from assistant.usecases.carried import remember_carried
    from assistant.usecases.drafts import source_name

    record = record_source(draft, suggestion, section_key, adapted)
    origin = source_name(record.get("title"), record.get("organisation"), record.get("year")) or "biblioteket"
    text = adapted.text if adapted else suggestion.text
    places, organisations = [str(record.get("municipality") or "")], [str(record.get("organisation") or "")]
    remember_carried(draft, section_key, text, origin, places=places, organisations=organisations)
    shared = shared_library(library)
    if shared is not None and suggestion.passage_id:
        shared.record_take(suggestion.passage_id)
    return record
