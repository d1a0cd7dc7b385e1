"""The conversation: Markdown messages from the assistant and short notes from the writer."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Markdown

from assistant.tui.conversation import Message

SHOWN = 12  # messages drawn on open (Markdown is slow to mount); older ones stay in the sidecar


class Chat(VerticalScroll, can_focus=False):
    async def show_history(self, messages: list[Message]) -> None:
        await self.remove_children()
        await self.mount_all([self._bubble(m) for m in messages[-SHOWN:]])
        self.follow()

    async def add(self, message: Message) -> None:
        if not self.is_attached:  # an answer arriving while the screen closes is kept, not drawn
            return
        bubble = self._bubble(message)
        await self.mount(bubble)
        while len(self.children) > SHOWN * 2:
            await self.children[0].remove()
        self.scroll_end(animate=False)
        self.call_after_refresh(self._show_start_of, bubble)

    def follow(self) -> None:
        """Show the newest message, once it has been laid out (its height is known only then)."""
        self.scroll_end(animate=False)
        self.call_after_refresh(self.scroll_end, animate=False)

    def _show_start_of(self, bubble: Markdown) -> None:
        """A new message that fits is shown whole at the bottom; a longer one from its start, with
        the writer's question above it when both fit, as a reader reads an answer: from the top."""
        if not bubble.is_attached:
            return
        if bubble.outer_size.height <= self.size.height:
            self.scroll_end(animate=False)
            return
        index = self.children.index(bubble)
        before = self.children[index - 1] if index > 0 else None
        asked = before is not None and before.has_class("writer")
        if asked and before is not None and before.outer_size.height + 3 < self.size.height // 2:
            self.scroll_to_widget(before, top=True, animate=False)
        else:
            self.scroll_to_widget(bubble, top=True, animate=False)

    @property
    def at_end(self) -> bool:
        return self.scroll_y >= self.max_scroll_y

    @staticmethod
    def _bubble(message: Message) -> Markdown:
        return Markdown(message.text, classes=f"msg {message.role}", open_links=False)
