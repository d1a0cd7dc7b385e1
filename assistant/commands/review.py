"""`ansokan review DRAFT REVIEWED.docx [--json]`: what the reviewers changed and commented, per
section of the draft; with --accept and --reject the writer decides change by change and the
accepted ones are written into the draft."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant.commands._common import print_json
from assistant.core.errors import UserError
from assistant.core.i18n import tr
from assistant.usecases.paths import shown
from assistant.usecases.review import ReadReview, decide_review, read_review
from assistant.usecases.review_decisions import KIND_WORDS as KINDS  # the words the review screen uses too

if TYPE_CHECKING:
    from assistant.usecases.review import HeadingChange
    from assistant.usecases.review_decisions import Change


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
    p.add_argument(
        "--accept",
        metavar=tr("NR,… | alla", "N,… | all"),
        help=tr(
            "för in ändringarna med dessa nummer (eller alla) i utkastet och spara det",
            "take the changes with these numbers (or all) into the draft and save it",
        ),
    )
    p.add_argument(
        "--reject",
        metavar=tr("NR,…", "N,…"),
        help=tr("avvisa ändringarna med dessa nummer (texten blir kvar)", "reject these changes (the text stays)"),
    )
    p.set_defaults(func=cmd_review)


def _numbers(value: str | None, *, all_allowed: bool) -> set[int] | None:
    if value is None:
        return set()
    if all_allowed and value.strip().lower() in ("all", "alla"):
        return None
    try:
        return {int(part) for part in value.replace(" ", "").split(",") if part}
    except ValueError:
        raise UserError(
            f"{value!r}: ange ändringarnas nummer med komma emellan, t.ex. 1,3"
            + (" eller alla" if all_allowed else ""),
            f"{value!r}: give the changes' numbers separated by commas, e.g. 1,3" + (" or all" if all_allowed else ""),
        ) from None


def cmd_review(args: argparse.Namespace) -> int:
    if args.accept is not None or args.reject is not None:
        return _decide(args)
    found = read_review(args.draft, args.reviewed)
    if args.json:
        print_json(found.as_json())
    else:
        _print_human(found)
    return 0


def _decide(args: argparse.Namespace) -> int:
    reject = _numbers(args.reject, all_allowed=False) or set()
    accept = _numbers(args.accept, all_allowed=True) if args.accept is not None else set()
    decided = decide_review(args.draft, args.reviewed, accept=accept, reject=reject)
    for change in decided.taken:
        sv, en = KINDS.get(change.kind, (change.kind, change.kind))
        print(tr("tog in:", "taken:"), tr(sv, en), f"”{change.text.strip()}” ({change.section})")
    for change in decided.already:
        print(tr("redan i utkastet:", "already in the draft:"), f"”{change.text.strip()}” ({change.section})")
    for change in decided.not_placed:
        print(
            tr("hittar inte platsen, inte infört:", "its place is gone, not taken:"),
            f"”{change.text.strip()}” ({change.section or '?'})",
        )
    n, r = len(decided.taken), len(decided.rejected)
    print(
        tr(
            f"{n} {'ändring infördes' if n == 1 else 'ändringar infördes'} i {shown(decided.path)}, {r} avvisade",
            f"{n} {'change' if n == 1 else 'changes'} taken into {shown(decided.path)}, {r} rejected",
        )
    )
    return 1 if decided.not_placed else 0


def _print_human(found: ReadReview) -> None:
    review = found.review
    for section, changes, comments in found.by_section():
        print(f"\n{found.section_title(section) or tr('(före första rubriken)', '(before the first heading)')}")
        for change in changes:
            number = review.changes.index(change) + 1
            sv, en = KINDS.get(change.kind, (change.kind, change.kind))
            done = tr(", redan i utkastet", ", already in the draft") if found.already_in_draft(change) else ""
            print(
                f"  #{number:<3}{tr(sv, en):16} ”{change.text.strip()}” – {change.author} ({tr('stycke', 'paragraph')} {change.paragraph}{done})"
                + _move_line(found, change)
            )
        for heading in (h for h in review.headings if h.section == section):
            print(f"  {'':4}{_heading_line(heading)}")
        for comment in comments:
            anchor = f" [{comment.anchor[:40]}]" if comment.anchor else ""
            print(f"  {'':4}{tr('kommentar', 'comment'):16} {comment.author}: {comment.text}{anchor}")
            for reply in comment.replies:
                print(f"  {'':20}  ↳ {reply.author}: {reply.text}")
    shown_sections = {section for section, _changes, _comments in found.by_section()}
    for heading in (h for h in review.headings if h.section not in shown_sections):
        print(f"\n{found.section_title(heading.section) or tr('(okänt avsnitt)', '(unknown section)')}")
        print(f"  {'':4}{_heading_line(heading)}")
    print()
    n_changes, n_comments, formatting = len(review.changes), len(review.comments), review.formatting
    sv = f"{n_changes} {'ändring' if n_changes == 1 else 'ändringar'}, {n_comments} {'kommentar' if n_comments == 1 else 'kommentarer'}"
    en = f"{n_changes} {'change' if n_changes == 1 else 'changes'}, {n_comments} {'comment' if n_comments == 1 else 'comments'}"
    if review.headings:
        h = len(review.headings)
        sv += f", {h} {'rubrikändring' if h == 1 else 'rubrikändringar'} (förs inte in)"
        en += f", {h} {'heading change' if h == 1 else 'heading changes'} (not taken in)"
    if formatting:
        sv += f", {formatting} formateringsändringar (visas inte)"
        en += f", {formatting} formatting changes (not shown)"
    print(tr(sv, en))


def _move_line(found: ReadReview, change: Change) -> str:
    """A move's half says where the text went (or came from) and which change is its other half."""
    others = found.review.move_of(change)
    if not others:
        return ""
    other = others[0]
    number = found.review.changes.index(other) + 1
    title = found.section_title(other.section) or "?"
    if change.kind in ("moved_from", "deletion"):
        return tr(f" → {title} (en flytt med #{number})", f" → {title} (one move with #{number})")
    return tr(f" ← {title} (en flytt med #{number})", f" ← {title} (one move with #{number})")


def _heading_line(heading: HeadingChange) -> str:
    """A reviewer's change to a heading, reported: the form decides the headings."""
    what = {
        "deleted": (f"rubriken ”{heading.before}” struken", f"heading ”{heading.before}” deleted"),
        "edited": (
            f"rubriken ”{heading.before}” ändrad till ”{heading.after}”",
            f"heading ”{heading.before}” changed to ”{heading.after}”",
        ),
        "inserted": (f"ny rubrik ”{heading.after}”", f"new heading ”{heading.after}”"),
        "joined": (
            f"rubriken ”{heading.before}” ihopslagen med stycket efter",
            f"heading ”{heading.before}” joined to the paragraph after it",
        ),
    }[heading.kind]
    return tr(
        f"{what[0]} – {heading.author}: rubrikerna bestäms av formuläret, förs inte in i utkastet",
        f"{what[1]} – {heading.author}: the form decides the headings, not taken into the draft",
    )
