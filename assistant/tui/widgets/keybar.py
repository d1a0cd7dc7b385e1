"""The key bar: Textual's footer, on a second row when the keys do not fit on one.

Textual's `Footer` lays its keys out on one row and cuts what does not fit (at 80 columns the main
screen lost everything after F7, Hjälp and Avsluta included). `KeyBar` takes the keys the footer
composes, in the order the screen binds them, and puts them on as few rows as they need (at most
`MAX_ROWS`); the help key (F1, which lists every key) always gets a place, so a key that still does
not fit is one press away; a spare key (F10) comes after all the others, shown where there is room. Resizing the terminal lays the keys out again.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; the footer composes these

MAX_ROWS = 2
PINNED_ACTIONS = frozenset({"help"})  # always shown: it lists every key, shown or not
# Shown where there is room once every other key has its place, else left out (F1 and the palette
# have them): F10 fits the English bar at 80 columns, not the Swedish one, whose keys fill both rows.
SPARE_ACTIONS = frozenset({"app.review"})


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the compact footer: 'f2 Infoga' and the margin after it."""
    width = cell_len(key.key_display) + 1  # margin-right
    if key.description:
        width += 1 + cell_len(key.description)
    return width


def arrange(widths: Sequence[int], pinned: Sequence[bool], rooms: Sequence[int]) -> list[list[int]]:
    """Indices of the keys on each row, in their order: one row if everything fits there, else up
    to len(rooms) rows filled in turn, with the pinned keys kept at the end of the last row. Keys
    that fit nowhere are left out (the pinned help key lists them)."""
    if sum(widths) <= rooms[0] or len(rooms) == 1:
        return [list(_fill(range(len(widths)), widths, rooms[0]))]
    rows: list[list[int]] = [[] for _ in rooms]
    free = list(rooms)
    pinned_keys = [i for i, p in enumerate(pinned) if p]
    free[-1] -= sum(widths[i] for i in pinned_keys)
    row = 0
    for i, width in enumerate(widths):
        if pinned[i]:
            continue
        while row < len(rooms) and width > free[row]:
            row += 1
        if row == len(rooms):
            break
        rows[row].append(i)
        free[row] -= width
    rows[-1] += pinned_keys
    return [r for r in rows if r]


def _fill(indices: range, widths: Sequence[int], room: int) -> list[int]:
    out = []
    for i in indices:
        if widths[i] <= room:
            out.append(i)
            room -= widths[i]
    return out


class KeyBar(Footer):
    DEFAULT_CSS = """
    KeyBar { layout: vertical; height: auto; max-height: 2; }
    KeyBar > .keybar-row { height: 1; width: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self._laid_out_for = 0
        self._shown: tuple | None = None  # what the keys were composed from

    def shown_bindings(self) -> tuple:
        """Everything of the screen's bindings that the composed keys show: a change of focus that
        leaves it the same (most of them, in an editor or a table of fields) needs no new keys."""
        app, active = self.app, self.screen.active_bindings
        shown = tuple(
            (b.key, app.get_key_display(b), b.description, b.action, enabled, tooltip, b.group)
            for (_, b, enabled, tooltip) in active.values()
            if b.show
        )
        palette = active.get(app.COMMAND_PALETTE_BINDING) if self.show_command_palette else None
        return shown, palette and palette[1:], app.ENABLE_COMMAND_PALETTE, self.size.width or app.size.width

    def bindings_changed(self, screen: Screen) -> None:
        """Textual's footer composes its keys again whenever the bindings are refreshed (each focus
        change, each screen resumed); the key bar only when what it shows changed."""
        if self._bindings_ready and self.is_attached and screen is self.screen and self._shown == self.shown_bindings():
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self.shown_bindings()
        widgets = list(super().compose())
        if self.compact:  # the class each key's watcher adds once it is mounted, restyling the key
            for widget in widgets:
                if isinstance(widget, FooterKey):
                    widget.add_class("-compact", update=False)
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        keys.sort(key=lambda k: k.action in SPARE_ACTIONS)  # last, so the first a short bar leaves out
        others = [w for w in widgets if w not in palette and w not in keys]  # binding groups: as Textual shows them
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        palette_width = sum(key_width(k) + 1 for k in palette if isinstance(k, FooterKey))  # + its border
        rooms = [width - palette_width] + [width] * (MAX_ROWS - 1)
        rows = arrange([key_width(k) for k in keys], [k.action in PINNED_ACTIONS for k in keys], rooms)
        for number, row in enumerate(rows or [[]]):
            with HorizontalGroup(classes="keybar-row"):
                if number == 0:
                    yield from others
                    yield from palette
                yield from (keys[i] for i in row)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
