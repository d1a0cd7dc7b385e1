"""`ansokan diff DRAFT [--against VERSION|FILE.docx] [--json]`: what changed in the draft since a
version was exported (the last one unless named), per section."""

from __future__ import annotations

import argparse

from assistant.commands._common import print_json
from assistant.core.i18n import tr
from assistant.usecases.review import DraftDiff, diff_draft


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff",
        help=tr(
            "vad som ändrats i utkastet sedan en exporterad version, per avsnitt",
            "what changed in the draft since an exported version, per section",
        ),
    )
    p.add_argument("draft", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument(
        "--against",
        metavar=tr("VERSION|FIL.docx", "VERSION|FILE.docx"),
        help=tr(
            "versionens nummer eller den .docx som exporterades (annars den senaste)",
            "the version's number or the .docx it was exported to (else the last one)",
        ),
    )
    p.add_argument("--json", action="store_true", help=tr("skriv resultatet som JSON", "print the result as JSON"))
    p.set_defaults(func=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    found = diff_draft(args.draft, args.against)
    if args.json:
        print_json(
            {
                "version": found.version.number,
                "saved": found.version.saved,
                "exported": found.version.exported,
                "sections": [{"section": d.section, "lines": [list(line) for line in d.lines]} for d in found.sections],
            }
        )
    else:
        _print_human(found)
    return 0


def _print_human(found: DraftDiff) -> None:
    version = found.version
    print(
        tr(
            f"Jämfört med version {version.number} ({version.exported}, {version.saved})",
            f"Compared with version {version.number} ({version.exported}, {version.saved})",
        )
    )
    if not found.sections:
        print(tr("Inget har ändrats sedan dess.", "Nothing has changed since."))
        return
    for section in found.sections:
        heading = found.draft.form.heading(section.section)
        print(f"\n{f'{heading.number} {heading.label}'.strip() if heading else section.section}")
        for sign, text in section.lines:
            print(f"  {sign} {text}")
