"""The core pieces the interface is the face of, looked up when first needed.

Suggestions, checks, the page estimate and export are separate core modules; importing them
lazily keeps startup instant (python-docx, the search index) and lets the interface say
plainly that a piece is missing instead of failing to start.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from assistant.core.errors import UserError
from assistant.tui.i18n import tr


class Unavailable(UserError):
    """A core piece is not installed or failed to import."""


_cache: dict[str, ModuleType | Unavailable] = {}
_HOME = {
    "suggest": "reuse.suggest",
    "adapt": "reuse.adapt",
    "library": "reuse.library",
    "checks": "checks",
    "layout": "document.layout",
    "export": "document.export",
    "office": "document.office",
    "start": "sources.start",
}


def core(name: str) -> ModuleType:
    """`assistant.core.<name>`, or Unavailable naming it (cached either way)."""
    if name not in _cache:
        try:
            _cache[name] = importlib.import_module(f"assistant.core.{_HOME[name]}")
        except Exception as exc:
            _cache[name] = Unavailable(
                f"modulen {name} saknas eller kunde inte läsas in ({type(exc).__name__})",
                f"the module {name} is missing or failed to load ({type(exc).__name__})",
            )
    found = _cache[name]
    if isinstance(found, Unavailable):
        raise found
    return found


def has(name: str, attribute: str) -> bool:
    try:
        return hasattr(core(name), attribute)
    except Unavailable:
        return False


def _function(module: str, name: str):
    fn = getattr(core(module), name, None)
    if fn is None:
        raise Unavailable(f"{module}.{name} finns inte ännu", f"{module}.{name} does not exist yet")
    return fn


def library_dirs(library: str | None) -> list[Any] | None:
    """The built-in library plus the user's own (`--library`), or None for the default ($ANSOKAN_LIBRARY)."""
    if not library:
        return None
    return _function("library", "library_dirs")(library)


def suggest(text: str, *, form_id: str, section: str, library: str | None, k: int = 6) -> list[Any]:
    return _function("suggest", "suggest")(
        text, form_id=form_id, section=section, k=k, library_dirs=library_dirs(library)
    )


def adapt(suggestion: Any, draft: Any, *, library: str | None = None) -> Any:
    return _function("adapt", "adapt")(suggestion, draft, library_dirs=library_dirs(library))


def record_source(draft: Any, suggestion: Any, section_key: str, adapted: Any) -> dict | None:
    return _function("adapt", "record_source")(draft, suggestion, section_key, adapted)


def check_section(draft: Any, key: str) -> list[Any]:
    result = _function("checks", "check_section")(draft, key)
    return list(getattr(result, "findings", result) or [])


def run_checks(draft: Any, form: Any = None, *, exact: bool = False) -> Any:
    return _function("checks", "run_checks")(draft, form, exact=exact)


def estimate_pages(draft: Any, form: Any) -> Any:
    return _function("layout", "estimate_pages")(draft, form)


def export_docx(draft: Any, out_path: Path, form: Any = None) -> Path:
    return _function("export", "export_docx")(draft, out_path, form=form)


def convert_to_pdf(docx: Path, outdir: Path) -> Path:
    return _function("office", "convert_to_pdf")(docx, outdir)


def exact_pages(draft: Any, form: Any = None) -> tuple[int, int]:
    """(total, counted) pages as LibreOffice lays the exported draft out."""
    return _function("office", "exact_pages")(draft, form)


def pdf_pages(pdf: Path, form: Any) -> tuple[int, int]:
    office = core("office")
    return office.counted_pages(pdf, office.uncounted_heading(form))


def draft_from_source(form: Any, source: Path) -> tuple[Any, Any]:
    """(draft, report) read out of an earlier application; the report says what did not fit."""
    return _function("start", "draft_from_source")(form, source)


# ---------------------------------------------------------------------------------------------
# Findings, whatever their exact class: read by attribute with safe defaults.


def finding_message(finding: Any) -> str:
    message = getattr(finding, "message_en" if tr("sv", "en") == "en" else "message", None)
    return str(message or getattr(finding, "message", "") or finding)


def finding_hint(finding: Any) -> str:
    hint = getattr(finding, "hint_en" if tr("sv", "en") == "en" else "hint", None)
    return str(hint or getattr(finding, "hint", "") or "")


def severity(finding: Any) -> str:
    return str(getattr(finding, "severity", "info") or "info")


SEVERITY_LABEL = {"fel": ("fel", "error"), "varning": ("varning", "warning"), "info": ("info", "info")}


def severity_label(finding: Any) -> str:
    return tr(*SEVERITY_LABEL.get(severity(finding), (severity(finding), severity(finding))))
