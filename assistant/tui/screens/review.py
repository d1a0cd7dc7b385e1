"""The review screen: a reviewed .docx read back, each tracked change and comment in document order
under its section, and the writer's decision on each change (issue 17, item 3).

F2 accepts the highlighted change, F3 rejects it, F4 takes it with the writer's own words, F5 and F6
accept or reject every open change of the same reviewer. A decision is made in the main screen's
editor as one edit of its own (`Composer.edit_range`, the path a taken suggestion goes), so once
this screen is closed Ctrl+Z in the text undoes it; here Ctrl+Z takes back the last decision (all
of a reviewer's at once, when that was one decision). The draft records each decision and the
review it came from (`usecases.review_decisions`); the comments are put in the conversation, each
on its section."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.tui.i18n import localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.tui.screens.review_words import before_after, kind_word, shortened, summary, touching
from assistant.tui.widgets.keybar import KeyBar
from assistant.usecases.review_decisions import (
    Placed,
    forget_decision,
    place_decision,
    record_decision,
    recorded_decisions,
    review_digest,
    taken_as,
    undone_in_text,
)

if TYPE_CHECKING:
    from assistant.tui.screens.main import MainScreen
    from assistant.usecases.review import ReadReview
    from assistant.usecases.review_decisions import Change, Comment

STATUS = {
    "accepted": (("godkänd", "accepted"), "green"),
    "rejected": (("avvisad", "rejected"), "red"),
    "edited": (("ändrad och godkänd", "edited and accepted"), "green"),
}
Step = list[tuple[int, Placed | None]]  # one decision: the changes it decided and the edit each made


class ReviewScreen(ClosesOnce, Screen[str | None]):
    """Dismisses with the section to show in the text (Enter on an item), or None (Escape)."""

    DEFAULT_CSS = """
    ReviewScreen #review-items { height: 1fr; }
    ReviewScreen #review-detail { height: auto; max-height: 9; padding: 0 1; border-top: solid $accent; }
    ReviewScreen #review-summary { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "close", "Tillbaka", id="review.close"),
        Binding("f2", "decide('accepted')", "Godkänn", id="review.accept"),
        Binding("f3", "decide('rejected')", "Avvisa", id="review.reject"),
        Binding("f4", "edit", "Ändra", id="review.edit"),
        Binding("f5", "decide_author('accepted')", "Godkänn alla", id="review.accept_author"),
        Binding("f6", "decide_author('rejected')", "Avvisa alla", id="review.reject_author"),
        Binding("f7", "resolve", "Löst", id="review.resolve"),
        Binding("f8", "answer", "Svara", id="review.answer"),
        Binding("ctrl+z", "undo", "Ångra", id="review.undo"),
    ]

    def __init__(self, main: MainScreen, path: Path, found: ReadReview) -> None:
        super().__init__()
        localise_bindings(self)
        self.main = main
        self.path = path
        self.found = found
        self.changes = found.review.changes
        self.digest = review_digest(path)
        self.decisions: dict[int, dict[str, Any]] = recorded_decisions(main.draft, path, self.digest)
        self.steps: list[Step] = []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A key queued behind the one that closed this screen must not act on it: its list is gone.
        return self.is_attached and self.is_active

    def compose(self) -> ComposeResult:
        yield Static(
            tr(f"[b]Granskning[/b] · {self.path.name}", f"[b]Review[/b] · {self.path.name}"),
            id="titlebar",
            markup=True,
        )
        yield Static(id="review-summary")
        yield OptionList(id="review-items")
        yield Static(id="review-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.forget_undone()
        self.show_list()
        items = self.query_one("#review-items", OptionList)
        items.highlighted = self.next_open_index(0)
        items.focus()

    # -----------------------------------------------------------------------------------------
    # The list

    def show_list(self) -> None:
        items = self.query_one("#review-items", OptionList)
        was = items.highlighted
        items.clear_options()
        comments = self.found.review.comments
        for section, changes, notes in self.found.by_section():
            title = self.found.section_title(section) or tr("(före första rubriken)", "(before the first heading)")
            items.add_option(Option(Text(title, style="bold underline"), disabled=True))
            for change in changes:
                number = self.changes.index(change) + 1
                items.add_option(Option(self.change_label(number, change), id=f"c{number}"))
            for comment in notes:
                items.add_option(Option(self.comment_label(comment), id=f"k{comments.index(comment)}"))
        if not items.option_count:
            nothing = tr(
                "Filen har inga spårade ändringar eller kommentarer.", "The file has no tracked changes or comments."
            )
            items.add_option(Option(Text(nothing, style="dim"), disabled=True))
        if was is not None and items.option_count:
            items.highlighted = min(was, items.option_count - 1)
        self.show_summary()

    def change_label(self, number: int, change: Change) -> Text:
        label = Text(f"  #{number:<3}")
        label.append(f"{kind_word(change, self.found)} ", style="bold")
        label.append(f"”{shortened(change.text, 40)}”")
        label.append(f" – {change.author}", style="dim")
        decided = self.decisions.get(number)
        if decided:
            (sv, en), style = STATUS[decided["decision"]]
            label.append(f"  {tr(sv, en)}", style=f"bold {style}")
        elif self.in_draft(number):  # the writer's own change (export --review --since)
            label.append(tr("  redan i utkastet", "  already in the draft"), style="dim italic")
        return label

    def in_draft(self, number: int) -> bool:
        """Not decided here, and the draft already reads as with the change taken: nothing to decide."""
        return number not in self.decisions and self.found.already_in_draft(self.changes[number - 1])

    def comment_label(self, comment: Comment) -> Text:
        from assistant.tui.screens.review_comments import note_of

        label = Text("       ")
        label.append(tr("kommentar ", "comment "), style="bold")
        label.append(f"{comment.author}: ", style="dim")
        label.append(shortened(comment.text, 50))
        if comment.replies:
            label.append(tr(f" (+{len(comment.replies)} svar)", f" (+{len(comment.replies)} replies)"), style="dim")
        note = note_of(self.main.draft, comment)
        if note is not None and note.resolved:
            label.append(tr("  löst", "  resolved"), style="bold green")
        return label

    def show_summary(self) -> None:
        made = sum(self.in_draft(n) for n in range(1, len(self.changes) + 1))
        self.query_one("#review-summary", Static).update(summary(self.found, len(self.decisions), made))

    def next_open_index(self, start: int) -> int | None:
        """The list index of the first open change from `start` on (else from the top), for the highlight."""
        items = self.query_one("#review-items", OptionList)
        order = list(range(start, items.option_count)) + list(range(start))
        for index in order:
            option_id = items.get_option_at_index(index).id or ""
            number = int(option_id[1:]) if option_id.startswith("c") else 0
            if number and number not in self.decisions and not self.in_draft(number):  # passes those made already
                return index
        return next((i for i in range(items.option_count) if not items.get_option_at_index(i).disabled), None)

    def highlighted_id(self) -> str:
        items = self.query_one("#review-items", OptionList)
        return "" if items.highlighted is None else items.get_option_at_index(items.highlighted).id or ""

    def highlighted_change(self) -> int | None:
        option_id = self.highlighted_id()
        return int(option_id[1:]) if option_id.startswith("c") else None

    @on(OptionList.OptionHighlighted, "#review-items")
    def highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        option_id = self.highlighted_id()
        detail = Text()
        if option_id.startswith("c"):
            change = self.changes[int(option_id[1:]) - 1]
            detail.append(f"{kind_word(change, self.found)} · {change.author} · {change.date[:10]} · ", style="dim")
            detail.append(tr(f"stycke {change.paragraph}\n", f"paragraph {change.paragraph}\n"), style="dim")
            old, new = before_after(touching(change, self.changes))
            detail.append(tr("Före:  ", "Old:   "), style="bold")
            detail.append_text(old)
            detail.append(tr("\nEfter: ", "\nNew:   "), style="bold")
            detail.append_text(new)
        elif option_id.startswith("k"):
            comment = self.found.review.comments[int(option_id[1:])]
            detail.append(f"{comment.author} · {comment.date[:10]}\n", style="dim")
            if comment.anchor:
                detail.append(tr("Om: ", "On: "), style="bold")
                detail.append(f"”{comment.anchor}”\n")
            detail.append(comment.text)
            for reply in comment.replies:
                detail.append(f"\n↳ {reply.author}: {reply.text}")
        self.query_one("#review-detail", Static).update(detail)

    @on(OptionList.OptionSelected, "#review-items")
    def item_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("c"):
            section = self.changes[int(option_id[1:]) - 1].section
        else:
            section = self.found.review.comments[int(option_id[1:])].section
        self.dismiss(section)

    def action_close(self) -> None:
        self.dismiss(None)

    # -----------------------------------------------------------------------------------------
    # Decisions

    def chosen_change(self) -> int | None:
        number = self.highlighted_change()
        if number is None:
            self.notify(tr("Välj en ändring i listan.", "Choose a change in the list."), severity="warning", timeout=3)
        elif number in self.decisions:
            self.notify(
                tr(
                    "Den ändringen är redan beslutad – Ctrl+Z ångrar.",
                    "That change is decided already – Ctrl+Z undoes it.",
                ),
                severity="warning",
                timeout=3,
            )
            return None
        elif self.in_draft(number):
            self.notify(tr("Den ändringen finns redan i utkastet.", "That change is in the draft already."), timeout=3)
            return None
        return number

    def action_decide(self, decision: str) -> None:
        number = self.chosen_change()
        if number is not None:  # a move is taken or left as one: its other half with it
            others = {id(c) for c in self.found.review.move_of(self.changes[number - 1])}
            halves = [n for n, c in enumerate(self.changes, 1) if id(c) in others and n not in self.decisions]
            self.decide([number, *halves], decision)

    def action_decide_author(self, decision: str) -> None:
        number = self.highlighted_change()
        if number is None:
            self.notify(tr("Välj en av granskarens ändringar.", "Choose one of the reviewer's changes."), timeout=3)
            return
        author = self.changes[number - 1].author
        numbers = [n for n, c in enumerate(self.changes, 1) if c.author == author and n not in self.decisions]
        numbers = [n for n in numbers if not self.in_draft(n)]  # the writer's own, made already
        self.decide(numbers, decision)

    def action_edit(self) -> None:
        number = self.chosen_change()
        if number is None:
            return
        from assistant.tui.screens.review_dialogs import EditChangeScreen

        change = self.changes[number - 1]
        if self.found.review.move_of(change):
            self.notify(
                tr("En flytt tas in eller avvisas hel: F2 eller F3.", "A move is taken or left whole: F2 or F3.")
            )
            return
        inserting = change.kind in ("insertion", "moved_to")
        prompt = (
            tr("Infoga i stället:", "Insert instead:")
            if inserting
            else tr(
                f"Stryk ”{change.text.strip()}” och skriv i stället (tomt: bara stryk):",
                f"Delete “{change.text.strip()}” and write instead (empty: just delete):",
            )
        )

        def edited(words: str | None) -> None:
            if words is not None and inserting and not words.strip():
                self.notify(
                    tr("Inget att infoga; F3 avvisar ändringen.", "Nothing to insert; F3 rejects the change."),
                    severity="warning",
                    timeout=4,
                )
            elif words is not None:
                self.decide([number], "edited", words)

        self.app.push_screen(EditChangeScreen(prompt, change.text if inserting else ""), edited)

    def taken(self, leaving: int | None = None) -> list[Change]:
        """The changes taken into the text so far (their edited form), but `leaving`."""
        out: list[Change] = []
        for number, record in self.decisions.items():
            if record["decision"] != "rejected" and number != leaving:
                out += taken_as(self.changes[number - 1], record.get("edited"))
        return out

    def decide(self, numbers: list[int], decision: str, edited: str | None = None) -> None:
        """One decision, one step: each change made in the text (one edit each) and recorded."""
        step: Step = []
        lost: list[int] = []
        for number in numbers:
            change = self.changes[number - 1]
            placed = None
            if decision != "rejected":
                placed = self.take_into_text(change, edited)
                if placed is None:
                    lost.append(number)
                    continue
            self.decisions[number] = record_decision(
                self.main.draft, self.path, self.digest, number, change, decision, edited
            )
            step.append((number, placed))
        if step:
            self.steps.append(step)
            self.main.save_now()
        self.tell(decision, len(step), lost)
        self.show_list()
        items = self.query_one("#review-items", OptionList)
        items.highlighted = self.next_open_index(items.highlighted or 0)

    def tell(self, decision: str, count: int, lost: list[int]) -> None:
        if count:
            rejected = decision == "rejected"
            if count == 1:
                sv = "Ändringen har avvisats" if rejected else "Ändringen har förts in i texten"
                en = "The change was rejected" if rejected else "The change is in the text"
            else:
                sv = f"{count} ändringar har " + ("avvisats" if rejected else "förts in i texten")
                en = f"{count} changes " + ("were rejected" if rejected else "are in the text")
            self.notify(tr(f"{sv} – Ctrl+Z ångrar.", f"{en} – Ctrl+Z undoes it."), timeout=4)
        if lost:
            listed = ", ".join(f"#{n}" for n in lost)
            self.notify(
                tr(
                    f"Hittar inte platsen för {listed} i utkastet (texten är ändrad där); ändra den själv.",
                    f"Cannot find the place of {listed} in the draft (the text changed there); edit it yourself.",
                ),
                severity="warning",
                timeout=8,
            )

    def show_in_editor(self, section: str) -> str:
        """The main screen showing `section` in its editor; returns the editor's text."""
        main = self.main
        if main.draft.current != section:
            main.sync_editor()
            main.show_section(section)
        return main.composer.text

    def take_into_text(self, change: Change, edited: str | None) -> Placed | None:
        if change.section is None or self.main.form.heading(change.section) is None:
            return None
        text = self.show_in_editor(change.section)
        placed = place_decision(text, change, self.taken(), edited)
        if placed is not None:
            self.main.composer.edit_range(placed.start, placed.end, placed.new)
            self.main.sync_editor()
        return placed

    def action_undo(self) -> None:
        """The last decision taken back: its edits undone in the text, the changes open again."""
        if not self.steps:
            self.notify(tr("Inget beslut att ångra.", "No decision to undo."), timeout=3)
            return
        step = self.steps.pop()
        for number, placed in reversed(step):
            section = self.changes[number - 1].section
            if placed is not None and section is not None and not self.undo_edit(section, placed):
                self.notify(
                    tr(
                        f"Texten vid #{number} har ändrats sedan; ångra i texten i stället.",
                        f"The text at #{number} has changed since; undo it in the text instead.",
                    ),
                    severity="warning",
                    timeout=6,
                )
                continue
            forget_decision(self.main.draft, self.path, self.digest, number)
            self.decisions.pop(number, None)
        self.main.save_now()
        self.notify(tr("Beslutet är ångrat.", "The decision is undone."), timeout=3)
        self.show_list()

    def undo_edit(self, section: str, placed: Placed) -> bool:
        text = self.show_in_editor(section)
        end = placed.start + len(placed.new)
        if text[placed.start : end] != placed.new:
            return False
        self.main.composer.edit_range(placed.start, end, placed.old)
        self.main.sync_editor()
        return True

    def forget_undone(self) -> None:
        """Changes taken earlier and since undone in the text (Ctrl+Z there) are open again."""
        taken = [
            (number, taken_as(self.changes[number - 1], record.get("edited")))
            for number, record in self.decisions.items()
            if record["decision"] != "rejected"
        ]
        undone = undone_in_text(self.main.draft.sections, taken)
        for number in undone:
            forget_decision(self.main.draft, self.path, self.digest, number)
            self.decisions.pop(number)
        if undone:
            self.main.save_now()

    # -----------------------------------------------------------------------------------------
    # Comments

    def chosen_comment(self) -> Comment | None:
        option_id = self.highlighted_id()
        if option_id.startswith("k"):
            return self.found.review.comments[int(option_id[1:])]
        self.notify(tr("Välj en kommentar i listan.", "Choose a comment in the list."), severity="warning", timeout=3)
        return None

    def action_resolve(self) -> None:
        """The highlighted comment's note marked resolved (or open again): it stops going back to review."""
        from assistant.tui.screens.review_comments import note_of

        comment = self.chosen_comment()
        note = note_of(self.main.draft, comment) if comment else None
        if note is None:
            return
        note.resolved = not note.resolved
        self.main.save_now()
        self.notify(
            tr("Kommentaren är löst.", "The comment is resolved.")
            if note.resolved
            else tr("Kommentaren är öppen igen.", "The comment is open again."),
            timeout=3,
        )
        self.show_list()

    def action_answer(self) -> None:
        from assistant.tui.screens.review_dialogs import EditChangeScreen

        comment = self.chosen_comment()
        if comment is None:
            return

        async def answered(words: str | None) -> None:
            from assistant.tui.screens.review_comments import answer_as_note, answer_message

            if comment is None or not (words and words.strip()):
                return
            answer_as_note(self.main.draft, comment, words.strip())
            await self.main.say(answer_message(comment, words.strip()), role="writer", section=comment.section or "")
            self.main.save_now()
            self.notify(
                tr(
                    "Svaret är sparat som en anteckning till granskarna.",
                    "The answer is kept as a note for the reviewers.",
                ),
                timeout=4,
            )

        title = tr(f"[b]Svar till {comment.author}[/b]", f"[b]Answer to {comment.author}[/b]")
        self.app.push_screen(EditChangeScreen(comment.text, "", title=title, button=tr("Svara", "Answer")), answered)


# ---------------------------------------------------------------------------------------------
# Opening it from the main screen


def open_review(main: MainScreen) -> None:
    """Ask for the reviewed .docx, put its comments in the conversation, then show the review."""
    from assistant.tui.screens.review_dialogs import ReviewFileScreen

    async def chosen(result: tuple[Path, ReadReview] | None) -> None:
        from assistant.tui.screens.review_comments import post_comments

        if result is None:
            return
        path, found = result
        await post_comments(main, path, found)
        main.app.push_screen(ReviewScreen(main, path, found), closed)

    async def closed(section: str | None) -> None:
        main.refresh_outline()
        if section and section != main.draft.current:
            await main.enter_section(section)
        main.set_focus(main.composer.editor)

    main.sync_editor()
    main.app.push_screen(ReviewFileScreen(main.draft), chosen)
