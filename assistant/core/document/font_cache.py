"""Font metrics cached on disk, so a cold start does not import fontTools and parse three fonts.

One small JSON file per font file in the user's cache directory (`fonts/`), named after the
font's path and holding the path, modification time and size it was read from: a font that
is updated or replaced is read again. A damaged or unreadable cache file counts as missing
and is written again; a cache directory that cannot be written only costs speed. Nothing is
created on disk until a font has been read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from assistant.core.errors import UserError
from assistant.core.storage.atomic import atomic_write_bytes
from assistant.core.storage.paths import cache_dir

FORMAT = 3  # 3: with the ligatures; 2: the characters as one string and their widths as a list


@dataclass(frozen=True)
class Metrics:
    """What the layout needs of a face: advance widths per character in em, the width of a
    character the font lacks, and the line height ratio."""

    widths: dict[str, float]
    default: float
    line_ratio: float
    ligatures: dict[str, float] = field(default_factory=dict)  # "tt" -> its change in width, em


def cached_metrics(font_path: str) -> Metrics | None:
    """The metrics stored for this font file as it is now on disk, or None."""
    key = _file_key(font_path)
    if key is None:
        return None
    try:
        data = json.loads(_cache_file(font_path).read_bytes())
    except (OSError, ValueError):  # missing, unreadable or not JSON (UnicodeDecodeError too)
        return None
    return _valid(data, key)


def store_metrics(font_path: str, metrics: Metrics) -> None:
    """Keep the metrics read from this font file for the next start (best effort)."""
    key = _file_key(font_path)
    if key is None:
        return
    data = {
        **key,
        "default": metrics.default,
        "line_ratio": metrics.line_ratio,
        "chars": "".join(metrics.widths),
        "widths": list(metrics.widths.values()),
        "ligatures": metrics.ligatures,
    }
    target = _cache_file(font_path)
    with contextlib.suppress(OSError, UserError):  # a read-only or full cache: the next start reads the font
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, json.dumps(data).encode("utf-8"), backup=False)


def _cache_file(font_path: str) -> Path:
    name = hashlib.sha256(os.fsencode(font_path)).hexdigest()[:32]
    return cache_dir() / "fonts" / f"{name}.json"


def _file_key(font_path: str) -> dict[str, object] | None:
    """What identifies the font file's current version: its path, mtime and size."""
    try:
        info = os.stat(font_path)
    except OSError:
        return None
    return {"format": FORMAT, "path": font_path, "mtime_ns": info.st_mtime_ns, "size": info.st_size}


def _valid(data: object, key: dict[str, object]) -> Metrics | None:
    """The metrics in a cache file's data, if they are for this version of the font and whole."""
    if not isinstance(data, dict) or any(data.get(k) != v for k, v in key.items()):
        return None
    chars, widths = data.get("chars"), data.get("widths")
    default, ratio = data.get("default"), data.get("line_ratio")
    if not (isinstance(chars, str) and isinstance(widths, list) and len(chars) == len(widths)):
        return None
    if not (_number(default) and _number(ratio) and all(isinstance(w, float) and 0 <= w < 100 for w in widths)):
        return None
    ligatures = data.get("ligatures", {})
    if not (isinstance(ligatures, dict) and all(_ligature(k, v) for k, v in ligatures.items())):
        return None
    return Metrics(dict(zip(chars, widths, strict=True)), float(default), float(ratio), dict(ligatures))


def _ligature(text: object, change: object) -> bool:
    """A plausible ligature entry: 2 to 8 characters and a change in width under one em."""
    return (
        isinstance(text, str)
        and 2 <= len(text) <= 8
        and isinstance(change, (int, float))
        and not isinstance(change, bool)
        and abs(change) < 1
    )


def _number(value: object) -> TypeGuard[float]:
    """A plausible metric in em: a number (not a bool), at least 0 and less than 100."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 100
