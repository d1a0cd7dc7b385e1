"""The `ansokan` command: the top layer over both faces, the CLI and the terminal UI.

Each subcommand lives in `assistant/commands/<name>.py` with `register(subparsers)` and calls
only the use cases (`assistant.usecases`). Only the module of the command being run is imported,
so startup stays instant. A command that ends in the interface (`open`, `demo`, and a bare
`ansokan`) returns `OpenInterface`; this module then starts `assistant.tui.app.run`, so the CLI
face never imports the UI. The language is decided once, by `assistant.core.i18n`.

Exit codes: 0 success, 1 the command ran and found problems, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from assistant.core.errors import UserError
from assistant.core.i18n import choose_language, explicit_language, language, tr

# Subcommand modules under assistant.commands, in the order `--help` lists them.
COMMANDS = (
    "forms",
    "new",
    "status",
    "open",
    "demo",
    "export",
    "check",
    "library",
    "suggest",
    "ask",
    "attach",
    "package",
    "note",
    "review",
    "diff",
)
GLOBALS = ("--lang", "--library", "--library-url")


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
        "expected at least one argument": "väntade minst ett argument",
        "choose from": "välj bland",
        "invalid int value": "inte ett heltal",
        "ambiguous option": "tvetydig flagga",
        "could match": "kan betyda",
        "not allowed with argument": "går inte ihop med",
    }
    for en, sv in replacements.items():
        message = message.replace(en, sv)
    return message


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or only `only` (the one being run: no other module is imported)."""
    parser = _Parser(
        prog="ansokan",
        description=tr(
            "Ansökan – assistent för ansökningar till samordningsförbund.",
            "Ansökan – an assistant for applications to coordination associations (samordningsförbund).",
        ),
    )
    parser.add_argument(
        "--lang",
        choices=("sv", "en"),
        default=None,
        help=tr("språk för meddelanden (sv eller en)", "language (sv or en)"),
    )
    parser.add_argument(
        "--library",
        metavar=tr("KATALOG", "DIR"),
        default=None,
        help=tr(
            "din egen bibliotekskatalog (annars $ANSOKAN_LIBRARY)", "your own library folder (else $ANSOKAN_LIBRARY)"
        ),
    )
    parser.add_argument(
        "--library-url",
        metavar="postgresql://…",
        default=None,
        help=tr(
            "organisationens delade bibliotek (annars $ANSOKAN_LIBRARY_URL eller library_url i config.toml)",
            "the organisation's shared library (else $ANSOKAN_LIBRARY_URL or library_url in config.toml)",
        ),
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar=tr("KOMMANDO", "COMMAND"))
    for name in COMMANDS if only not in COMMANDS else (only,):
        importlib.import_module(f"assistant.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    flag = _global_value(argv, "--lang")
    choose_language(flag)
    argv = _hoist_globals(argv)  # --lang and --library may stand anywhere; argparse wants them first
    argv = _open_if_a_draft(argv)
    try:
        if argv[-1:] == ["--lang"]:  # not the interface: a missing value is bad usage
            raise UserError(
                "fel användning: --lang väntar sv eller en (se `ansokan --help`)",
                "bad usage: --lang expects sv or en (see `ansokan --help`)",
            )
        if _only_globals(argv):
            return _run_ui(None, flag, _global_value(argv, "--library-url") or _global_value(argv, "--library"))
        args = build_parser(_command_name(argv)).parse_args(argv)
        args.library = args.library_url or args.library  # one library value: a folder or an address
        if args.command is None:
            return _run_ui(None, flag, args.library)
        result = args.func(args)
        from assistant.commands._common import OpenInterface

        if isinstance(result, OpenInterface):
            return _run_ui(result.draft, flag, args.library)
        return int(result or 0)
    except UserError as exc:
        print(f"ansokan: {exc.message(language())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(tr("ansokan: avbrutet", "ansokan: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file system refusal no check foresaw: still one line, never a traceback
        print(_os_error_line(exc), file=sys.stderr)
        return 2


def _os_error_line(exc: OSError) -> str:
    from assistant.usecases.paths import shown

    where = f"{shown(exc.filename)[:120]}: " if exc.filename else ""
    reason = exc.strerror or str(exc)
    return tr(f"ansokan: {where}filsystemet svarade: {reason}", f"ansokan: {where}the file system said: {reason}")


def _open_if_a_draft(argv: list[str]) -> list[str]:
    """`ansokan utkast.md` is `ansokan open utkast.md`: what a writer types first. Only for a name that is
    a draft's (.md) or an existing file, so a mistyped command ('ansokan opne') is still bad usage."""
    name = _command_name(argv)
    if name is None or name in COMMANDS or not (name.endswith(".md") or Path(name).is_file()):
        return argv
    at = argv.index(name)
    return [*argv[:at], "open", *argv[at:]]


def _only_globals(argv: list[str]) -> bool:
    """Nothing but --lang/--library (or a dangling --library): the bare command, the interface."""
    rest = [a for a in argv if not a.startswith(GLOBALS) and a not in ("sv", "en")]
    return not rest or argv[-1:] == ["--library"]


def _command_name(argv: list[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in GLOBALS:
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def _global_value(argv: list[str], name: str) -> str | None:
    """The value of `--lang`/`--library` wherever it stands (`--lang en` or `--lang=en`)."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _hoist_globals(argv: list[str]) -> list[str]:
    head: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in GLOBALS and i + 1 < len(argv):
            head += [arg, argv[i + 1]]
            i += 2
            continue
        if arg.startswith(tuple(g + "=" for g in GLOBALS)):
            head.append(arg)
        else:
            rest.append(arg)
        i += 1
    return head + rest


def _run_ui(draft: Path | None, flag: str | None, library: str | None) -> int:
    """Start the interface. Without --lang or $ANSOKAN_LANG its settings file may choose the language."""
    from assistant.tui.app import run  # Textual is imported only when the interface starts

    lang_code = language() if explicit_language(flag) else ""
    return run(str(draft) if draft is not None else None, lang_code=lang_code, library=library)


if __name__ == "__main__":
    raise SystemExit(main())
