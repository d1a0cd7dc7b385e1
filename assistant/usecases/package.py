"""The budget spreadsheet's path rules, and the submission package (see `package_application`).

The spreadsheet is named by the writer (`export --budget-xlsx FILE`), so it is held to the rules
of a named export: the naming rules of usecases.paths, an .xlsx name, never the draft itself, the
one missing folder created; it is written atomically with the usual permissions.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.core.i18n import Text
from assistant.usecases.drafts import ensure_parent
from assistant.usecases.paths import check_path, shown
from assistant.usecases.submission import Piece, Readiness, readiness

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft


def xlsx_target(draft: Draft, requested: Path | str) -> Path:
    """Where the budget spreadsheet goes; a UserError naming the path when it may not go there."""
    target = Path(requested).expanduser()
    if os.path.isdir(target) or str(requested).endswith(("/", "\\")):
        raise UserError(
            "är en katalog; ange ett filnamn som slutar på .xlsx",
            "is a directory; give a file name ending in .xlsx",
            where=shown(target),
        )
    check_path(target)
    if target.suffix.lower() != ".xlsx":
        raise UserError("filnamnet ska sluta på .xlsx", "the file name must end in .xlsx", where=shown(target))
    if draft.path is not None and target.resolve() == Path(draft.path).resolve():
        raise UserError(
            "skulle skriva över utkastet; välj ett annat namn",
            "would overwrite the draft; choose another name",
            where=target,
        )
    return target


def write_budget_xlsx(draft: Draft, target: Path, *, create: bool = True) -> Path:
    """Write the draft's budget as .xlsx at `target` (checked by `xlsx_target`), atomically."""
    from assistant.core.document.budget_xlsx import budget_xlsx
    from assistant.core.document.export import write_shared_file

    ensure_parent(target, create=create)
    write_shared_file(target, budget_xlsx(draft.budget))
    return target


# The package: everything the funder wants in one folder (or .zip), with a checklist a person reads.


ATTACHMENTS_DIR = "bilagor"


def checklist_name() -> str:
    """The checklist is written in the writer's language, and so named; what goes to the funder keeps the
    form's Swedish names (bilagor/, the attachments' kinds)."""
    from assistant.core.i18n import tr

    return tr("checklista.md", "checklist.md")


class PackageRefused(UserError):
    """A required piece is missing (and no --force): nothing was written; `reasons` says what."""

    exit_code = 1

    def __init__(self, reasons: list[Text]) -> None:
        n = len(reasons)
        super().__init__(
            f"paketerar inte: {n} {'sak' if n == 1 else 'saker'} saknas; inget skrevs (--force skriver ändå)",
            f"not packaging: {n} {'thing' if n == 1 else 'things'} missing; nothing was written (--force writes anyway)",
        )
        self.reasons = reasons


@dataclass(frozen=True)
class PackageResult:
    target: Path
    files: list[str]  # the names inside the folder or .zip
    readiness: Readiness
    pdf_unavailable: bool = False


def package_target(draft: Draft, requested: Path | str) -> Path:
    """A new folder, or a .zip file, the writer named; refused when it holds something already."""
    target = Path(requested).expanduser()
    if target.suffix.lower() == ".zip":
        check_path(target)
        if draft.path is not None and target.resolve() == Path(draft.path).resolve():
            raise UserError("skulle skriva över utkastet", "would overwrite the draft", where=target)
        return target
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(
            "finns redan och är inte en tom katalog; ange en ny katalog eller en .zip",
            "exists and is not an empty directory; give a new directory or a .zip",
            where=shown(target),
        )
    check_path(target, folder=True)
    return target


def package_application(
    draft: Draft | Path | str, output: Path | str, *, force: bool = False, pdf: bool = True
) -> PackageResult:
    """Write the .docx, the PDF (LibreOffice), the budget spreadsheet, the attachments and the
    checklist into `output` (a folder, or a .zip). While a required piece is missing (see
    `Readiness.missing`; no LibreOffice for an asked PDF counts too) PackageRefused, unless
    `force`, and then the checklist says what is missing; the check's errors do not refuse (as for
    an export) but the checklist lists them. Nothing is written before these checks."""
    from assistant.core.document.office import find_soffice
    from assistant.usecases.drafts import open_draft

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    target = package_target(draft, output)
    ready = readiness(draft)
    reasons = ready.missing()  # the check's errors are listed in the checklist, as an export lists them
    no_office = pdf and not find_soffice()
    if no_office:
        reasons.append(Text("LibreOffice saknas för PDF:en", "LibreOffice is missing for the PDF"))
    if reasons and not force:
        raise PackageRefused(reasons)
    files = _contents(draft, ready, pdf=pdf and not no_office, reasons=reasons)
    _write(target, files)
    return PackageResult(target=target, files=list(files), readiness=ready, pdf_unavailable=no_office)


def _contents(draft: Draft, ready: Readiness, *, pdf: bool, reasons: list[Text]) -> dict[str, bytes]:
    from assistant.core.document.budget_xlsx import budget_xlsx
    from assistant.core.document.export import export_docx
    from assistant.core.storage.workdir import private_workdir

    stem = Path(draft.path).stem if draft.path is not None else "ansokan"
    files: dict[str, bytes] = {}
    with private_workdir() as work:
        docx = export_docx(draft, work / f"{stem}.docx", form=draft.form)
        files[docx.name] = docx.read_bytes()
        if pdf:
            from assistant.core.document.office import pdf_of, uncounted_heading

            files[f"{stem}.pdf"] = pdf_of(docx, uncounted_heading(draft.form)).data
    if not draft.budget.is_empty():
        files["budget.xlsx"] = budget_xlsx(draft.budget)
    for piece in ready.pieces:
        if piece.present and piece.path is not None:
            files[_piece_name(piece, files)] = piece.path.read_bytes()
    files[checklist_name()] = checklist(draft, ready, list(files), [*reasons, *_not_blocking(ready)]).encode("utf-8")
    return files


def _not_blocking(ready: Readiness) -> list[Text]:
    return [t for t in ready.blockers() if t not in ready.missing()]


def _piece_name(piece: Piece, taken: dict[str, bytes]) -> str:
    from assistant.core.model.headings import slug

    base = piece.rule.kind + (f"-{slug(piece.partner)}" if piece.partner else "")
    suffix = piece.path.suffix.lower() if piece.path is not None else ""
    name, n = f"{ATTACHMENTS_DIR}/{base}{suffix}", 2
    while name in taken:
        name, n = f"{ATTACHMENTS_DIR}/{base}-{n}{suffix}", n + 1
    return name


def checklist(draft: Draft, ready: Readiness, files: list[str], reasons: list[Text]) -> str:
    """The checklist a person reads before sending: what is in the package, what is missing."""
    from assistant.core.i18n import language, tr

    lines = [f"# {tr('Checklista', 'Checklist')}: {draft.title or tr('(utan titel)', '(untitled)')}", ""]
    lines.append(f"{tr('Formulär', 'Form')}: {draft.form.name}")
    if draft.deadline:
        lines.append(tr("Sista ansökningsdag", "Deadline") + f": {draft.deadline.isoformat()} ({days_phrase(ready)})")
    lines += ["", f"## {tr('I paketet', 'In the package')}", ""]
    lines += [f"- [x] {name}" for name in files]
    lines.append(f"- [x] {checklist_name()}")
    lines += ["", f"## {tr('Att göra före inskickning', 'Before sending')}", ""]
    lines += [f"- [ ] {reason.render()}" for reason in reasons] or [f"- {tr('Inget saknas.', 'Nothing is missing.')}"]
    lines += [f"  - {tr('FEL', 'ERROR')}: {f.text(language())}" for f in ready.errors]
    return "\n".join(lines) + "\n"


def days_phrase(ready: Readiness) -> str:
    from assistant.core.i18n import tr

    days = ready.days_left
    if days is None:
        return ""
    if days < 0:
        return tr(f"passerad för {-days} dagar sedan", f"passed {-days} days ago")
    return tr(f"{days} dagar kvar", f"{days} days left")


def _write(target: Path, files: dict[str, bytes]) -> None:
    """A .zip atomically; a folder built beside the target and renamed into place, so a failure
    leaves no half package."""
    import shutil
    import tempfile
    import zipfile

    from assistant.core.document.export import write_shared_file

    if target.suffix.lower() == ".zip":
        ensure_parent(target, create=True)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        write_shared_file(target, buffer.getvalue())
        return
    ensure_parent(target, create=True)  # the one missing folder above the package, as for an export
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, data in files.items():
            path = building / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
        os.chmod(building, 0o777 & ~_umask())
        if target.is_dir():
            target.rmdir()  # empty, as package_target made sure
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
