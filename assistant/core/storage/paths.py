"""Where things live: the shipped forms and library, and the user's own directories.

Shipped data sits in `sections/` and `library/` at the repository root; a wheel carries them
as `assistant/_data/…`. Nothing is created on disk here until a caller asks for it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "ansokan"
_PACKAGE = Path(__file__).resolve().parents[2]  # assistant/


def _shipped(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name  # a source checkout or an editable install


def forms_dir() -> Path:
    """The forms shipped with the assistant (one TOML file per form)."""
    return _shipped("sections")


def builtin_library_dir() -> Path:
    """The built-in library of earlier approved applications."""
    return _shipped("library")


def demo_draft() -> Path:
    """The fictional demo application shipped with the package."""
    return _PACKAGE / "demo" / "demo-steget-vidare.md"


def user_library_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's own library: `--library DIR`, then $ANSOKAN_LIBRARY, then the platform's data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("ANSOKAN_LIBRARY")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "library"


def user_forms_dir() -> Path:
    """Extra forms a user adds (a new form is a new TOML file, nothing else)."""
    env = os.environ.get("ANSOKAN_FORMS")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "forms"


def config_dir() -> Path:
    env = os.environ.get("ANSOKAN_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Derived data that can always be rebuilt (the search index)."""
    env = os.environ.get("ANSOKAN_CACHE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def state_dir() -> Path:
    """Recent drafts and similar small state."""
    env = os.environ.get("ANSOKAN_STATE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_state_dir(APP, appauthor=False))
