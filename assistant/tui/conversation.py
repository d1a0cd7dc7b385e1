"""The conversation with the assistant, kept next to the draft as `<draft>.samtal.json`.

Why a sidecar and not the draft's `meta`: the draft is the application itself, a file people
read, diff and send to colleagues; a chat log would bury its front matter and grow with every
session. The sidecar is disposable (losing it loses no application text), written atomically.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.core.storage.atomic import atomic_write_text

MAX_MESSAGES = 400  # older messages are dropped from the file, not from the draft
MAX_SIDECAR_BYTES = 5_000_000


@dataclass
class Message:
    role: str  # "assistant" | "writer"
    text: str  # Markdown
    section: str = ""


def sidecar_path(draft_path: Path) -> Path:
    draft_path = Path(draft_path)
    return draft_path.with_name(draft_path.name + ".samtal.json")


@dataclass
class Conversation:
    messages: list[Message] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # sections the writer has finished with /nästa


def load_conversation(draft_path: Path) -> Conversation:
    path = sidecar_path(draft_path)
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            return Conversation()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Conversation()  # a missing or damaged log only means starting the conversation afresh
    if not isinstance(data, dict):
        return Conversation()
    messages = data.get("messages", [])
    done = data.get("done", [])
    return Conversation(
        [
            Message(str(m.get("role", "assistant")), str(m.get("text", "")), str(m.get("section", "")))
            for m in messages
            if isinstance(m, dict)
        ]
        if isinstance(messages, list)
        else [],
        [str(d) for d in done] if isinstance(done, list) else [],
    )


def save_conversation(draft_path: Path, messages: list[Message], done: Iterable[str] = ()) -> None:
    data = {"schema": 1, "done": sorted(done), "messages": [asdict(m) for m in messages[-MAX_MESSAGES:]]}
    target = sidecar_path(draft_path)
    _remove_stale_temp_files(target)
    atomic_write_text(target, json.dumps(data, ensure_ascii=False, indent=1), backup=False)


def _remove_stale_temp_files(target: Path) -> None:
    """Temp files of a save that was killed midway (one app saves a draft's conversation at a time)."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
