"""The budget spreadsheet's path rules, and the submission package (see `package_application`).

The spreadsheet is named by the writer (`export --budget-xlsx FILE`), so it is held to the rules
of a named export: the naming rules of usecases.paths, an .xlsx name, never the draft itself, the
one missing folder created; it is written atomically with the usual permissions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.usecases.drafts import ensure_parent
from assistant.usecases.paths import check_path, shown

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
