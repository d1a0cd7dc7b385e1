"""Small helpers shared by the subcommands: language, JSON output, printing."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from assistant.cli import language


def lang(args: argparse.Namespace) -> str:
    return language(args)


def t(args: argparse.Namespace, sv: str, en: str) -> str:
    """Pick the Swedish or English text for this invocation."""
    return en if lang(args) == "en" else sv


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
