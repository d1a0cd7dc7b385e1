"""The user's settings and small state: config.toml, keymap.toml and the recent-drafts list.

All three are optional; a broken one is reported (UserError) and ignored rather than stopping
the program from starting.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.errors import UserError
from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text
from assistant.usecases.drafts import drafts_dir

__all__ = ["Settings", "drafts_dir", "load_settings", "recent_drafts", "remember_draft"]

MAX_RECENT = 10
MAX_SETTINGS_BYTES = 100_000


@dataclass
class Settings:
    lang: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[UserError] = field(default_factory=list)


def _read_toml(path: Path) -> dict:
    if not path.is_file():
        return {}
    if path.stat().st_size > MAX_SETTINGS_BYTES:
        raise UserError(
            "filen är för stor för en inställningsfil", "the file is too large for a settings file", where=path
        )
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(
            f"kan inte läsas som TOML: {exc}",
            f"cannot be read as TOML: {exc}",
            where=path,
            hint_sv="rätta eller ta bort filen",
            hint_en="fix or remove the file",
        ) from None


def load_settings() -> Settings:
    """config.toml (lang, theme) and keymap.toml (binding id = "keys") from the config dir."""
    settings = Settings()
    folder = paths.config_dir()
    try:
        config = _read_toml(folder / "config.toml")
        lang = config.get("lang")
        if lang in ("sv", "en"):
            settings.lang = lang
        theme = config.get("theme")
        if isinstance(theme, str):
            settings.theme = theme
    except UserError as exc:
        settings.problems.append(exc)
    try:
        keymap = _read_toml(folder / "keymap.toml")
        table = keymap.get("keymap", keymap)  # either top-level keys or a [keymap] table
        settings.keymap = {str(k): v for k, v in table.items() if isinstance(v, str)}
    except UserError as exc:
        settings.problems.append(exc)
    return settings


# ---------------------------------------------------------------------------------------------
# Recent drafts


def _recent_file() -> Path:
    return paths.state_dir() / "recent.json"


def recent_drafts() -> list[dict]:
    """Recently opened drafts, newest first: [{path, title, form}]. Missing files are dropped."""
    try:
        data = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [e for e in data if isinstance(e, dict) and isinstance(e.get("path"), str) and Path(e["path"]).is_file()][
        :MAX_RECENT
    ]


def remember_draft(path: Path, title: str, form_id: str) -> None:
    entry = {"path": str(Path(path).resolve()), "title": title, "form": form_id}
    entries = [e for e in recent_drafts() if e["path"] != entry["path"]]
    target = _recent_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, json.dumps([entry, *entries][:MAX_RECENT], ensure_ascii=False, indent=1), backup=False)
