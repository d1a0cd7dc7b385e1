"""LibreOffice as the page-count truth: convert .docx to PDF and count pages.

Every conversion runs with its own throw-away LibreOffice profile (`-env:UserInstallation`),
so it neither touches the user's LibreOffice settings nor collides with a LibreOffice the
user has open. Several files are converted in one invocation when possible (start-up is
most of the cost). The profile, copies of the application and LibreOffice's temp files live in
a private work folder (storage.workdir) that the next run removes if this one is killed, and
LibreOffice runs under a guard that ends it with us: a killed export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form
from assistant.core.storage.workdir import private_workdir

CANDIDATES = ("soffice", "libreoffice")
KNOWN_PATHS = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
TIMEOUT_S = 180
CANNOT_START = 127  # the guard's exit code when LibreOffice itself cannot be started


class OfficeMissing(UserError):
    """LibreOffice is not installed (PDF export and the exact page count need it)."""


def find_soffice() -> str | None:
    """The LibreOffice executable, or None. $ANSOKAN_SOFFICE overrides the search."""
    override = os.environ.get("ANSOKAN_SOFFICE")
    if override:
        return override if Path(override).exists() or shutil.which(override) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in KNOWN_PATHS if Path(p).exists()), None)


def require_soffice() -> str:
    found = find_soffice()
    if not found:
        raise OfficeMissing(
            "LibreOffice saknas; installera det för PDF och exakt sidantal",
            "LibreOffice is not installed; install it for PDF and the exact page count",
            hint_sv="t.ex. apt install libreoffice-writer",
            hint_en="e.g. apt install libreoffice-writer",
        )
    return found


# What a profile must say so that LibreOffice does not take each start for its first since an upgrade:
# then it runs its graphics self-test (GraphicsRenderTests: about 1 GB of test bitmaps drawn and
# cleared, 0.6 of a conversion's ~1 CPU-second), and a headless LibreOffice never writes the version
# down, so a throw-away profile paid it on every start.
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse">\
<value>{version}</value></prop></item>
</oor:items>
"""


def profile_argument(profile: Path, soffice: str) -> str:
    """The `-env:UserInstallation` argument for a new throw-away profile in `profile`, which is
    first told the LibreOffice version (when the installation says it) so a start skips the self-test."""
    version = _office_version(soffice)
    registry = profile / "user" / "registrymodifications.xcu"
    if version is not None and not registry.exists():
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(_REGISTRY.format(version=version), encoding="utf-8")
    return f"-env:UserInstallation={profile.as_uri()}"


@functools.cache
def _office_version(soffice: str) -> str | None:
    """'7.4' for LibreOffice 7.4.x: ooSetupVersion in the installation's main.xcd, or None."""
    program = Path(shutil.which(soffice) or soffice).resolve().parent
    for registry in ("share/registry/main.xcd", "Resources/registry/main.xcd"):  # Linux, macOS
        try:
            text = (program.parent / registry).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found = re.search(r'<prop oor:name="ooSetupVersion">\s*<value>(\d+\.\d+)</value>', text)
        if found:
            return found.group(1)
    return None


def convert_many(docs: list[Path], outdir: Path, *, timeout: float = TIMEOUT_S, work: Path | None = None) -> list[Path]:
    """Convert .docx files to PDF in `outdir` with one LibreOffice run; returns the PDFs in order.

    LibreOffice's profile and temp files go in `work` (a private work folder), else in one of its own."""
    soffice = require_soffice()
    docs = [Path(d).resolve() for d in docs]
    outdir = Path(outdir).resolve()
    stems = [d.stem for d in docs]
    if len(set(stems)) != len(stems):
        raise UserError(
            "två filer med samma namn kan inte konverteras i samma katalog",
            "two files with the same name cannot be converted into one directory",
        )
    with contextlib.ExitStack() as stack:
        work = work or stack.enter_context(private_workdir())
        profile = work / "profile"
        command = [
            soffice,
            profile_argument(profile, soffice),
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, docs),
        ]
        # LibreOffice's own temp files (and its pipe) go into the private folder too.
        env = {**os.environ, "TMPDIR": str(work), "TMP": str(work), "TEMP": str(work)}
        _code, output = run_guarded(command, env=env, timeout=timeout, where=docs[0])
    pdfs = [outdir / f"{d.stem}.pdf" for d in docs]
    missing = [p for p in pdfs if not p.exists()]
    if missing:
        detail = output.strip().splitlines()[-1:] or [""]
        raise UserError(
            f"LibreOffice kunde inte göra PDF av filen {detail[0]}".strip(),
            f"LibreOffice could not convert the file to PDF {detail[0]}".strip(),
            where=docs[pdfs.index(missing[0])],
        )
    return pdfs


# The guard: LibreOffice's parent, in a process group of its own. It ends the whole group (the
# soffice script, oosplash and soffice.bin) the moment ansokan is gone, which it learns from the
# pipe ansokan holds open (end of file: ansokan died, however it died) or, on Linux, from the
# parent-death signal. Kept to the standard library so it starts in a few milliseconds.
GUARD = r"""
import os, select, signal, subprocess, sys
def end_group(*_):
    os.killpg(0, signal.SIGKILL)
signal.signal(signal.SIGTERM, end_group)
if sys.platform.startswith("linux"):
    import ctypes
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
fd, parent = int(sys.argv[1]), int(sys.argv[2])
if os.getppid() != parent:
    end_group()
try:
    child = subprocess.Popen(sys.argv[3:], stdin=subprocess.DEVNULL)
except OSError as exc:
    print(exc.strerror, flush=True)
    sys.exit(127)
while child.poll() is None:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:  # end of file: ansokan is gone
        end_group()
sys.exit(child.returncode)
"""


def run_guarded(command: list[str], *, env: dict[str, str], timeout: float, where: Path) -> tuple[int, str]:
    """Run LibreOffice under the guard; (exit code, its output). The whole group is killed on a
    timeout, on Ctrl+C and when this process dies, so no soffice outlives us."""
    read_end, write_end = os.pipe()
    try:
        guard = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", GUARD, str(read_end), str(os.getpid()), *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            pass_fds=(read_end,),
            start_new_session=True,
        )
    except OSError as exc:
        os.close(write_end)
        raise OfficeMissing(
            f"LibreOffice kunde inte startas: {exc.strerror}", f"LibreOffice could not be started: {exc.strerror}"
        ) from None
    finally:
        os.close(read_end)
    try:
        output, _ = guard.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise UserError(
            f"LibreOffice svarade inte inom {int(timeout)} s",
            f"LibreOffice did not finish within {int(timeout)} s",
            where=where,
        ) from None
    finally:  # done, timed out or interrupted: nothing of the group may stay
        _end_group(guard)
        os.close(write_end)
    text = output.decode("utf-8", "replace")
    if guard.returncode == CANNOT_START:
        reason = text.strip().splitlines()[-1:] or [""]
        raise OfficeMissing(
            f"LibreOffice kunde inte startas: {reason[0]}", f"LibreOffice could not be started: {reason[0]}"
        )
    return guard.returncode, text


def _end_group(guard: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(guard.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        guard.wait(timeout=10)
    if guard.stdout is not None:
        guard.stdout.close()


def convert_to_pdf(docx: Path, outdir: Path, *, timeout: float = TIMEOUT_S, work: Path | None = None) -> Path:
    """One .docx to PDF (in `outdir`, same stem)."""
    return convert_many([Path(docx)], Path(outdir), timeout=timeout, work=work)[0]


def pdf_page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def pdf_page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def counted_pages(pdf: Path, end_heading: str | None) -> tuple[int, int]:
    """(total pages, pages before the page where `end_heading` starts) of a converted PDF.

    Pages are read from the end (the signature page is last), so only a page or two is parsed.
    """
    from pypdf import PdfReader

    pages = PdfReader(str(pdf)).pages
    total = len(pages)
    if not end_heading:
        return total, total
    wanted = _squash(end_heading)
    for index in range(total - 1, -1, -1):
        if wanted in _squash(pages[index].extract_text() or ""):
            return total, index
    return total, total


def uncounted_heading(form: Form) -> str | None:
    """The display text of the first uncounted heading that starts its own page (the signature)."""
    for heading in form.headings:
        if heading.key in form.page.uncounted and heading.own_page:
            return heading.display
    return None


@dataclass(frozen=True)
class ConvertedPdf:
    """A PDF made by LibreOffice and its page counts (all pages, and those before `end_heading`)."""

    data: bytes
    total: int
    counted: int


def pdf_of(docx: Path, end_heading: str | None, *, timeout: float = TIMEOUT_S) -> ConvertedPdf:
    """The PDF of a .docx as bytes, made from a copy in a private work folder (LibreOffice writes
    its output non-atomically, and the copy is private data: the folder never outlives the run)."""
    with private_workdir() as work:
        copy = work / "ansokan.docx"
        copy.write_bytes(Path(docx).read_bytes())
        pdf = convert_to_pdf(copy, work, timeout=timeout, work=work)
        total, counted = counted_pages(pdf, end_heading)
        return ConvertedPdf(pdf.read_bytes(), total, counted)


def exact_pages(draft: Draft, form: Form | None = None) -> tuple[int, int]:
    """(total, counted) pages of the exported draft, as LibreOffice lays it out."""
    from assistant.core.document.export import export_docx  # python-docx only when exporting

    form = form or draft.form
    require_soffice()
    with private_workdir() as work:
        docx = export_docx(draft, work / "utkast.docx", form=form)
        pdf = convert_to_pdf(docx, work, work=work)
        return counted_pages(pdf, uncounted_heading(form))
