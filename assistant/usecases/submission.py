"""What is still missing before a draft is sent: errors, the form's attachments (a letter of intent
from each partner, the signed signature page), the signatories, the sections over their limits,
and the days to the deadline. `ansokan status`, `ansokan package` and the faces read `readiness`.

The draft records the deadline and each attachment as it arrives (`attach`, `set_deadline`):
a file path, relative to the draft's folder when it lies there, so the folder can move.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.core.i18n import Text
from assistant.usecases.checks import open_items
from assistant.usecases.paths import shown

if TYPE_CHECKING:
    from assistant.core.checks.base import Finding
    from assistant.core.model.drafts import Draft
    from assistant.core.model.drafts.attachments import Attachment
    from assistant.core.model.forms import AttachmentRule


@dataclass(frozen=True)
class Piece:
    """One attachment the form wants (for one partner when per partner) and the file, if any."""

    rule: AttachmentRule
    partner: str = ""
    path: Path | None = None  # resolved against the draft's folder

    @property
    def name(self) -> Text:
        """'Avsiktsförklaring (Arbetsförmedlingen)'."""
        suffix = f" ({self.partner})" if self.partner else ""
        return Text(self.rule.title + suffix, self.rule.title + suffix)

    @property
    def present(self) -> bool:
        return self.path is not None and self.path.is_file()


@dataclass(frozen=True)
class Readiness:
    draft: Draft
    errors: list[Finding] = field(default_factory=list)  # what `check` reports as errors
    markers: int = 0  # ⟦… → ?⟧ left in the text
    pieces: list[Piece] = field(default_factory=list)
    unsigned: list[Text] = field(default_factory=list)  # signature blocks without a name
    over_limit: list[Text] = field(default_factory=list)  # sections over the form's words/characters
    days_left: int | None = None  # to the deadline (negative: passed)

    @property
    def missing_pieces(self) -> list[Piece]:
        return [p for p in self.pieces if p.rule.required and not p.present]

    def blockers(self) -> list[Text]:
        """Every reason the application is not ready to send, one line each."""
        out: list[Text] = []
        if self.errors or self.markers:
            left = open_items(len(self.errors), self.markers)
            out.append(Text(f"{left.sv} i ansökan", f"{left.en} in the application"))
        out += self.missing()
        out += self.over_limit
        if self.days_left is not None and self.days_left < 0:
            out.append(Text("sista ansökningsdag har passerat", "the deadline has passed"))
        return out

    def missing(self) -> list[Text]:
        """The pieces the envelope lacks (what `package` refuses over): attachments, signatures."""
        out: list[Text] = []
        for piece in self.missing_pieces:
            at = f" ({shown(piece.path)} finns inte)" if piece.path else ""
            sv, en = f"bilaga saknas: {piece.name.sv}{at}", f"attachment missing: {piece.name.en}{at}"
            out.append(Text(sv, en))
        out += [Text(f"underskrift saknas: {t.sv}", f"signature missing: {t.en}") for t in self.unsigned]
        return out

    @property
    def ready(self) -> bool:
        return not self.blockers()


def partners(draft: Draft) -> list[str]:
    """The partner organisations: those of the signatories, the contacts and the co-financers,
    other than the applicant itself (compared by the name before any comma)."""

    def head(name: str) -> str:
        return name.split(",")[0].strip().casefold()

    own = head(draft.organisation)
    names = [s.organisation for s in draft.signatories] + [c.organisation for c in draft.contacts]
    names += [c.partner for c in draft.budget.cofinancing]
    found: dict[str, str] = {}
    for name in names:
        if name.strip() and head(name) != own:
            found.setdefault(head(name), name.split(",")[0].strip())
    return list(found.values())


def readiness(draft: Draft, *, today: dt.date | None = None, review: bool = True) -> Readiness:
    """What the draft still lacks before sending (`review`: also run `check` for its errors)."""
    from assistant.usecases.export import review_export

    found = review_export(draft) if review else None
    days = (draft.deadline - (today or dt.date.today())).days if draft.deadline else None
    return Readiness(
        draft=draft,
        errors=list(found.errors) if found else [],
        markers=len(found.markers) if found else 0,
        pieces=_pieces(draft),
        unsigned=_unsigned(draft),
        over_limit=_over_limit(draft),
        days_left=days,
    )


def _resolved(draft: Draft, attachment: Attachment) -> Path:
    path = Path(attachment.path).expanduser()
    if not path.is_absolute() and draft.path is not None:
        path = Path(draft.path).parent / path
    return path


def _pieces(draft: Draft) -> list[Piece]:
    pieces = []
    for rule in draft.form.attachments:
        for partner in partners(draft) if rule.per_partner else [""]:
            given = next((a for a in draft.attachments if a.kind == rule.kind and _same(a.partner, partner)), None)
            pieces.append(Piece(rule, partner, _resolved(draft, given) if given else None))
    return pieces


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _unsigned(draft: Draft) -> list[Text]:
    named = [s for s in draft.signatories if s.name.strip()]
    wanted = draft.form.signature.signatories
    return [Text(f"underskrivare {i + 1}", f"signatory {i + 1}") for i in range(len(named), wanted)]


def _over_limit(draft: Draft) -> list[Text]:
    from assistant.core.checks.limits import over_limits

    return [over.text() for over in over_limits(draft, draft.form)]


def attach(draft_path: Path | str, file: Path | str, kind: str, partner: str = "") -> Attachment:
    """Record `file` as the draft's attachment of `kind` (replacing an earlier one of that kind and
    partner) and save the draft. A kind the form does not name, a missing file or a partner the
    draft does not know is one UserError."""
    from assistant.core.model.drafts.attachments import Attachment
    from assistant.usecases.drafts import open_draft, save_draft

    draft = open_draft(draft_path)
    rules = {r.kind: r for r in draft.form.attachments}
    rule = rules.get(kind)
    if rule is None:
        known = ", ".join(rules) or "–"
        raise UserError(
            f"formuläret har ingen bilaga `{kind}` (finns: {known})",
            f"the form has no attachment `{kind}` (there are: {known})",
        )
    source = Path(file).expanduser()
    if not source.is_file():
        raise UserError("filen finns inte", "the file does not exist", where=shown(source))
    partner = _partner(draft, rule, partner)
    stored = _relative(draft, source)
    draft.attachments = [a for a in draft.attachments if not (a.kind == kind and _same(a.partner, partner))]
    added = Attachment(kind=kind, path=stored, partner=partner, added=dt.date.today().isoformat())
    draft.attachments.append(added)
    save_draft(draft)
    return added


def _partner(draft: Draft, rule: AttachmentRule, partner: str) -> str:
    if not rule.per_partner:
        return ""
    known = partners(draft)
    match = next((p for p in known if _same(p, partner)), None)
    if match is None:
        names = ", ".join(known) or "–"
        raise UserError(
            f"ange --partner, en av: {names}" if not partner else f"okänd partner ”{partner}” (finns: {names})",
            f"give --partner, one of: {names}" if not partner else f"unknown partner “{partner}” (there are: {names})",
        )
    return match


def _relative(draft: Draft, source: Path) -> str:
    """The file as the draft records it: relative to the draft's folder when it lies under it."""
    if draft.path is not None:
        folder = Path(draft.path).resolve().parent
        with_folder = source.resolve()
        if with_folder.is_relative_to(folder):
            return with_folder.relative_to(folder).as_posix()
    return os.path.abspath(source)


def set_deadline(draft_path: Path | str, day: dt.date | None) -> Draft:
    """Record (or, with None, forget) the draft's deadline and save it."""
    from assistant.usecases.drafts import open_draft, save_draft

    draft = open_draft(draft_path)
    draft.deadline = day
    save_draft(draft)
    return draft
