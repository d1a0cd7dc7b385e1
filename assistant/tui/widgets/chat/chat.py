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
        await self.mount(self._bubble(message))
        while len(self.children) > SHOWN * 2:
            await self.children[0].remove()
        self.follow()

    def follow(self) -> None:
        """Show the newest message, once it has been laid out (its height is known only then)."""
        self.scroll_end(animate=False)
        self.call_after_refresh(self.scroll_end, animate=False)

    @property
    def at_end(self) -> bool:
        return self.scroll_y >= self.max_scroll_y

    @staticmethod
    def _bubble(message: Message) -> Markdown:
        return Markdown(message.text, classes=f"msg {message.role}", open_links=False)
