"""Corpus cases for the second round's classes: a write that cannot happen (a folder where the lock
file goes, a path through a file, a full disk, a read-only file system), links followed and not
replaced, names at the system's limits, nothing private left in the temp folder, drafts with a
hundred thousand headings or a line of a hundred thousand spaces, and the same application
imported twice. Part of corpus.py; each must end in success or one clear line, within its time."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.hardening.corpus import Case
from tests.hardening.payloads import good_draft_text, real_source_text

NEW = ["new", "--form", "finsam-malmo", "--title", "Ny"]
READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'


@functools.cache
def _no_read_only_mount() -> str:
    """Why a folder cannot be made read-only for one command here ("" when it can)."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return "a read-only mount needs root and unshare"
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(
            ["unshare", "-m", "--propagation", "private", "sh", "-c", READ_ONLY, "sh", folder, "true"],
            capture_output=True,
            timeout=30,
        )
    return "" if probe.returncode == 0 else "no read-only bind mount here"


def _read_only(folder: str) -> list[str]:
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", READ_ONLY, "sh", folder]


def _files(files: dict[str, str]) -> Callable[[Path], None]:
    """A setup writing each {relative path: text} ("draft" and "source" stand for a good one)."""

    def setup(work: Path) -> None:
        for name, text in files.items():
            path = work / name
            path.parent.mkdir(parents=True, exist_ok=True)
            body = {"draft": good_draft_text(), "source": real_source_text()}.get(text, text)
            path.write_text(body, encoding="utf-8")

    return setup


def _then(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(work: Path) -> None:
        for one in setups:
            one(work)

    return setup


def _mkdir(relative: str) -> Callable[[Path], None]:
    return lambda work: (work / relative).mkdir(parents=True, exist_ok=True)


def _link(relative: str, to: str) -> Callable[[Path], None]:
    return lambda work: (work / relative).symlink_to(to)


def _is_link(relative: str, real: str) -> Callable[[Path], str | None]:
    def expect(work: Path) -> str | None:
        if not (work / relative).is_symlink():
            return f"{relative} is no longer a link"
        return None if (work / real).is_file() else f"{real} was not written"

    return expect


def _entries(count: int) -> Callable[[Path], str | None]:
    def expect(work: Path) -> str | None:
        found = len(list((work / "lib").glob("*.md")))
        return None if found == count else f"{found} library entries, expected {count}"

    return expect


def _imported(work: Path) -> None:
    """The source, imported once already."""
    from assistant.core.reuse.library import import_files

    _files({"in/kalla.txt": "source"})(work)
    import_files([work / "in" / "kalla.txt"], work / "lib")


def write_fault_cases() -> list[Case]:
    full = 4000  # bytes a file may grow to: every write past it fails as on a full disk
    ro = _no_read_only_mount()
    return [
        Case(
            "skrivfel/las-ar-katalog",
            "cli",
            ["new", "--force", "--form", "finsam-malmo", "--title", "X", "{out}/utkast.md"],
            setup=_then(_files({"out/utkast.md": "draft"}), _mkdir("out/.utkast.md.lock")),
        ),
        Case("skrivfel/sokvag-genom-fil", "cli", [*NEW, "{out}/fil/utkast.md"], setup=_files({"out/fil": "en fil"})),
        Case("skrivfel/lasfil-for-lang", "cli", [*NEW, "{out}/" + "a" * 248 + ".md"]),
        Case(
            "skrivfel/disk-full-new",
            "new-from",
            ["new", "--force", "--form", "finsam-malmo", "--from", "{in}/kalla.txt", "{out}/utkast.md"],
            setup=_files({"in/kalla.txt": "source", "out/utkast.md": good_draft_text()[:3000]}),
            fsize=full,
        ),
        Case(
            "skrivfel/disk-full-export",
            "export",
            ["export", "{in}/giltig.md", "-o", "{out}/ut.docx"],
            setup=_files({"in/giltig.md": "draft"}),
            fsize=full,
        ),
        Case(
            "skrivfel/disk-full-import",
            "import",
            ["--library", "{lib}", "library", "import", "{in}/kalla.txt"],
            setup=_files({"in/kalla.txt": "source"}),
            fsize=full,
        ),
        Case(
            "skrivfel/skrivskyddad-export",
            "export",
            ["export", "{in}/giltig.md", "-o", "{out}/ut.docx"],
            setup=_files({"in/giltig.md": "draft"}),
            wrap=_read_only("{out}"),
            skip=ro,
        ),
        Case(
            "skrivfel/skrivskyddat-utkast",
            "cli",
            ["new", "--force", "--form", "finsam-malmo", "--title", "X", "{out}/utkast.md"],
            setup=_files({"out/utkast.md": "draft"}),
            wrap=_read_only("{out}"),
            skip=ro,
        ),
        Case(
            "skrivfel/skrivskyddat-bibliotek",
            "import",
            ["--library", "{lib}", "library", "import", "{in}/kalla.txt"],
            setup=_files({"in/kalla.txt": "source"}),
            wrap=_read_only("{lib}"),
            skip=ro,
        ),
    ]


def link_cases() -> list[Case]:
    return [
        Case(
            "lankar/new-genom-lank",
            "cli",
            ["new", "--force", "--form", "finsam-malmo", "--title", "Genom länken", "{out}/utkast.md"],
            setup=_then(_files({"out/synkad/utkast.md": "draft"}), _link("out/utkast.md", "synkad/utkast.md")),
            expect=_is_link("out/utkast.md", "out/synkad/utkast.md"),
        ),
        Case(
            "lankar/export-genom-lank",
            "export",
            ["export", "{in}/giltig.md", "-o", "{out}/ut.docx"],
            setup=_then(
                _files({"in/giltig.md": "draft"}), _mkdir("out/synkad"), _link("out/ut.docx", "synkad/ut.docx")
            ),
            expect=_is_link("out/ut.docx", "out/synkad/ut.docx"),
        ),
        Case(
            "lankar/slinga",
            "cli",
            ["new", "--force", "--form", "finsam-malmo", "--title", "X", "{out}/a.md"],
            setup=_then(_link("out/a.md", "b.md"), _link("out/b.md", "a.md")),
        ),
    ]


def name_cases() -> list[Case]:
    deep = "{out}/" + ("d" * 200 + "/") * 25 + "utkast.md"
    return [
        Case("namn/radbrytning", "cli", [*NEW, "{out}/rad\nbrytning.md"]),
        Case("namn/bindestreck", "cli", [*NEW, "{out}/-utkast.md"]),
        Case("namn/styrtecken", "cli", [*NEW, "{out}/utkast\x1b[31m.md"]),
        Case("namn/for-langt", "cli", [*NEW, "{out}/" + "å" * 200 + ".md"]),
        Case("namn/sokvag-for-lang", "cli", [*NEW, deep]),
        Case(
            "namn/export-radbrytning",
            "export",
            ["export", "{in}/giltig.md", "-o", "{out}/ut\n.docx"],
            setup=_files({"in/giltig.md": "draft"}),
        ),
        Case(
            "namn/export-katalog-dar-fil-vantas",
            "export",
            ["export", "{in}/giltig.md", "-o", "{out}/mapp.docx"],
            setup=_then(_files({"in/giltig.md": "draft"}), _mkdir("out/mapp.docx")),
        ),
        Case(
            "namn/bibliotek-radbrytning",
            "import",
            ["--library", "{lib}/ny\nbib", "library", "import", "{in}/kalla.txt"],
            setup=_files({"in/kalla.txt": "source"}),
        ),
        Case(
            "namn/bibliotek-genom-fil",
            "import",
            ["--library", "{lib}/fil/bib", "library", "import", "{in}/kalla.txt"],
            setup=_files({"in/kalla.txt": "source", "lib/fil": "en fil"}),
        ),
    ]


def private_cases() -> list[Case]:
    """LibreOffice's profile and the application's copies: nothing `ansokan-*` in the temp folder
    after the command (run_case checks every case's own $TMPDIR)."""
    return [
        Case(
            "privat/export-pdf",
            "export",
            ["export", "{in}/giltig.md", "--pdf", "-o", "{out}/ut.docx"],
            setup=_files({"in/giltig.md": "draft"}),
            timeout=120,
        ),
        Case(
            "privat/check-exact",
            "check",
            ["check", "--exact", "{in}/giltig.md"],
            setup=_files({"in/giltig.md": "draft"}),
            timeout=120,
        ),
    ]


def _many_headings(work: Path) -> None:
    from benchmarks.headings import draft_text

    (work / "in").mkdir(parents=True, exist_ok=True)
    (work / "in" / "rubriker.md").write_text(draft_text(100_000), encoding="utf-8")


def _spaces(heading: str) -> Callable[[Path], None]:
    def setup(work: Path) -> None:
        text = good_draft_text(section_bakgrund="Text.\n\n" + heading.replace("SPACES", " " * 100_000) + "\n\nMer.")
        if heading.startswith("## "):  # a draft's own heading line
            text = text.replace("\nText.\n", "\n" + heading.replace("SPACES", " " * 100_000) + "\n", 1)
        (work / "in").mkdir(parents=True, exist_ok=True)
        (work / "in" / "mellanslag.md").write_text(text, encoding="utf-8")

    return setup


def heading_cases(*, heavy: bool) -> list[Case]:
    """A hundred thousand headings (10 MB: heavy, seconds of linear work; the export writes them
    all), and one heading line of a hundred thousand spaces (a pattern once quadratic in it)."""
    out: list[Case] = []
    for command in ("status", "check", "export"):
        argv = [command, "{in}/rubriker.md"] + (["-o", "{out}/ut.docx"] if command == "export" else [])
        if heavy:
            out.append(Case(f"rubriker/100k-rubriker/{command}", command, argv, setup=_many_headings, timeout=180))
        for name, heading in (("rubrik", "## Bakgrund SPACES x"), ("underrubrik", "### Mål SPACES och medel ###")):
            argv = [command, "{in}/mellanslag.md"] + (["-o", "{out}/ut.docx"] if command == "export" else [])
            out.append(Case(f"rubriker/{name}-100k-mellanslag/{command}", command, argv, setup=_spaces(heading)))
    return out


def duplicate_cases() -> list[Case]:
    import_ = ["--library", "{lib}", "library", "import", "{in}/kalla.txt"]
    return [
        Case("dubblett/samma-fil", "import", import_, setup=_imported, expect=_entries(1)),
        Case("dubblett/igen", "import", [*import_[:4], "--again", import_[4]], setup=_imported, expect=_entries(2)),
    ]


def class_cases(*, heavy: bool = True) -> list[Case]:
    cases = write_fault_cases() + link_cases() + name_cases() + private_cases()
    return cases + heading_cases(heavy=heavy) + duplicate_cases()
