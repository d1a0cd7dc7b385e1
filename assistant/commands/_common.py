"""Small helpers shared by the subcommands: JSON output, warnings, and the request to open the
interface (the command only prepares; `assistant.cli` starts the terminal UI, which the CLI face
never imports)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class OpenInterface:
    """Returned by a command that ends in the terminal interface: on this draft, or the start screen."""

    draft: Path | None = None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def warn(message: str) -> None:
    """One line on stderr, as every error the user can fix is shown."""
    print(f"ansokan: {message}", file=sys.stderr)
