"""The `ansokan` command. The CLI and the terminal UI are two faces of one core.

Each subcommand lives in `assistant/commands/<name>.py` with `register(subparsers)`; modules
are imported only when needed so that startup stays instant. Exit codes: 0 success, 1 the
command ran and found problems, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from assistant.core.errors import UserError

# Subcommand modules under assistant.commands, in the order `--help` lists them.
COMMANDS = ("forms", "new", "status", "open", "demo", "export", "check", "library", "suggest")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing a usage dump, so the message can be Swedish."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(
            f"fel användning: {_sv_usage(message)} (se `ansokan --help`)",
            f"bad usage: {message} (see `ansokan --help`)",
        )


def _sv_usage(message: str) -> str:
    replacements = {
        "the following arguments are required": "följande argument krävs",
        "unrecognized arguments": "okända argument",
        "invalid choice": "ogiltigt val",
        "expected one argument": "väntade ett argument",
        "argument": "argument",
    }
    for en, sv in replacements.items():
        message = message.replace(en, sv)
    return message


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="ansokan", description="Ansökan – assistent för ansökningar till samordningsförbund.")
    parser.add_argument("--lang", choices=("sv", "en"), default=None, help="språk för meddelanden (sv eller en)")
    parser.add_argument(
        "--library", metavar="DIR", default=None, help="din egen bibliotekskatalog (annars $ANSOKAN_LIBRARY)"
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="KOMMANDO")
    for name in COMMANDS if only not in COMMANDS else (only,):
        # Import only the subcommand being run: startup stays instant.
        module = importlib.import_module(f"assistant.commands.{name}")
        module.register(sub)
    return parser


def _command_name(argv: list[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--lang", "--library"):
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def language(args: argparse.Namespace | None = None) -> str:
    lang = getattr(args, "lang", None) or os.environ.get("ANSOKAN_LANG") or "sv"
    return "en" if lang.startswith("en") else "sv"


def _early_lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].startswith("en") else "sv"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].startswith("en") else "sv"
    return language()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _early_lang(argv)
    # --lang and --library may stand anywhere; argparse wants globals before the subcommand.
    argv = _hoist_globals(argv)
    try:
        if argv[-1:] == ["--lang"]:  # not the interface: a missing value is bad usage
            raise UserError(
                "fel användning: --lang väntar sv eller en (se `ansokan --help`)",
                "bad usage: --lang expects sv or en (see `ansokan --help`)",
            )
        if not [
            a for a in argv if not a.startswith("--lang") and not a.startswith("--library") and a not in ("sv", "en")
        ] or argv[-1:] == ["--library"]:
            return _run_ui(None, lang, argv)
        parser = build_parser(_command_name(argv))
        args = parser.parse_args(argv)
        if args.command is None:
            return _run_ui(None, lang, argv)
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"ansokan: {exc.message(lang)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("ansokan: avbrutet" if lang == "sv" else "ansokan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _hoist_globals(argv: list[str]) -> list[str]:
    head: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--lang", "--library") and i + 1 < len(argv):
            head += [arg, argv[i + 1]]
            i += 2
            continue
        if arg.startswith(("--lang=", "--library=")):
            head.append(arg)
        else:
            rest.append(arg)
        i += 1
    return head + rest


def _run_ui(path: str | None, lang: str, argv: list[str]) -> int:
    from assistant.commands.open import run_ui

    library = None
    for i, arg in enumerate(argv):
        if arg == "--library" and i + 1 < len(argv):
            library = argv[i + 1]
        elif arg.startswith("--library="):
            library = arg.split("=", 1)[1]
    return run_ui(path, lang=lang, library=library)


if __name__ == "__main__":
    raise SystemExit(main())
