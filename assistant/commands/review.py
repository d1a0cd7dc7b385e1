"""`ansokan review DRAFT REVIEWED.docx [--json]`: what the reviewers changed and commented, per
section of the draft. Applies nothing."""

from __future__ import annotations

import argparse

from assistant.commands._common import print_json
from assistant.core.i18n import tr
from assistant.usecases.review import ReadReview, read_review

KINDS = {
    "insertion": ("infogat", "inserted"),
    "deletion": ("strukit", "deleted"),
    "moved_to": ("flyttat hit", "moved here"),
    "moved_from": ("flyttat härifrån", "moved away"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "review",
        help=tr(
            "läs en granskad .docx: spårade ändringar och kommentarer per avsnitt",
            "read a reviewed .docx: tracked changes and comments per section",
        ),
    )
    p.add_argument("draft", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument("reviewed", metavar=tr("GRANSKAD.docx", "REVIEWED.docx"))
    p.add_argument("--json", action="store_true", help=tr("skriv resultatet som JSON", "print the result as JSON"))
    p.set_defaults(func=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    found = read_review(args.draft, args.reviewed)
    if args.json:
        print_json(found.as_json())
    else:
        _print_human(found)
    return 0


def _print_human(found: ReadReview) -> None:
    review = found.review
    for section, changes, comments in found.by_section():
        print(f"\n{found.section_title(section) or tr('(före första rubriken)', '(before the first heading)')}")
        for change in changes:
            sv, en = KINDS.get(change.kind, (change.kind, change.kind))
            print(
                f"  {tr(sv, en):16} ”{change.text.strip()}” – {change.author} ({tr('stycke', 'paragraph')} {change.paragraph})"
            )
        for comment in comments:
            anchor = f" [{comment.anchor[:40]}]" if comment.anchor else ""
            print(f"  {tr('kommentar', 'comment'):16} {comment.author}: {comment.text}{anchor}")
            for reply in comment.replies:
                print(f"  {'':16}  ↳ {reply.author}: {reply.text}")
    print()
    n_changes, n_comments, formatting = len(review.changes), len(review.comments), review.formatting
    sv = f"{n_changes} {'ändring' if n_changes == 1 else 'ändringar'}, {n_comments} {'kommentar' if n_comments == 1 else 'kommentarer'}"
    en = f"{n_changes} {'change' if n_changes == 1 else 'changes'}, {n_comments} {'comment' if n_comments == 1 else 'comments'}"
    if formatting:
        sv += f", {formatting} formateringsändringar (visas inte)"
        en += f", {formatting} formatting changes (not shown)"
    print(tr(sv, en))
