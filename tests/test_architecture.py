"""The core is free of the UI, importing the package creates nothing on disk, and no tracked file
names a place on one machine."""

from __future__ import annotations

import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import assistant.core

ROOT = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(assistant.core.__path__, "assistant.core."))


def test_core_never_imports_textual(tmp_path):
    code = (
        "import sys, importlib\n"
        f"for name in {_core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'assistant.tui'))]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.skipif(
    shutil.which("lint-imports") is None and not (Path(sys.executable).parent / "lint-imports").exists(),
    reason="import-linter is not installed",
)
def test_import_linter_contract_holds():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_everything_creates_nothing_on_disk(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSOKAN_", "XDG_"))}
    env["HOME"] = str(home)
    code = (
        "import importlib, pkgutil, assistant, assistant.core, assistant.commands\n"
        "for pkg in (assistant.core, assistant.commands):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert list(home.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# No machine paths: a path written from the file-system root, or one that climbs out of the
# checkout to a folder beside it, works on one machine and points nowhere on the next.

_TOP_DIRS = (
    "bin|boot|dev|etc|home|lib|lib64|media|mnt|nix|opt|proc|root|run|sbin|srv|sys|tmp|usr|var|work"
    "|Users|Volumes|private|Applications"
)
# A top-level directory right after a "/" that starts the path (not a URL, "~/", "$HOME/" or
# "{base}/"), followed by "/" or the end of the literal: a quoted bare top directory counts, the
# slash command "/run x" does not. A backslash ends it: in a literal it starts an escape ("#!/bin/sh\n").
_ROOTED = re.compile(rf"(?<![\w.~:/$}}\-])/(?:{_TOP_DIRS})(?=[/\"'`\\])[^\s\"'`)\]>,;\\]*")
_BESIDE_THE_CHECKOUT = re.compile(r"""\.\./shared\b|\.parents?\b[^\n#]*/\s*["']shared["']""")

# System tools and files every machine has, named on purpose: shebangs, the hostile
# inputs of the hardening tests, and where LibreOffice and PostgreSQL install themselves when
# they are not on $PATH.
_SYSTEM_PATHS = {
    "/usr/bin/env",
    "/bin/sh",
    "/bin/bash",
    "/bin/true",
    "/usr/bin/true",
    "/etc/passwd",
    "/usr/lib/libreoffice/program/soffice",
    "/usr/lib/postgresql/*/bin/initdb",  # where Debian installs PostgreSQL (not on $PATH)
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
}
# The kernel's own trees are the same on every Linux machine (/dev/null, /proc/{pid}/stat ...).
_KERNEL_TREES = {"proc", "dev", "sys"}
_SCANNED = ("*.py", "*.md", "*.toml", "*.sh", "*.yaml", "*.yml", "*.cfg", "Makefile", ".ci/run")


def machine_paths(text: str) -> list[str]:
    """The paths in `text` that name one machine's places (system tools aside)."""
    found = (m.group() for m in _ROOTED.finditer(text))
    rooted = [path for path in found if path not in _SYSTEM_PATHS and path.split("/")[1] not in _KERNEL_TREES]
    return rooted + [m.group() for m in _BESIDE_THE_CHECKOUT.finditer(text)]


def test_the_scanner_finds_machine_paths_and_lets_system_tools_be():
    assert machine_paths('SOURCES = Path("/wo' + 'rk/shared/library-sources")') == ["/wo" + "rk/shared/library-sources"]
    assert machine_paths("fallback = os.environ.get('TMPDIR', '/t" + "mp')") == ["/t" + "mp"]
    assert machine_paths("see /ho" + "me/anna/notes.md and /op" + "t/x") == ["/ho" + "me/anna/notes.md", "/op" + "t/x"]
    assert machine_paths('SOURCES = ROOT.parent / "sha' + 'red" / "library-sources"') != []
    assert machine_paths("python -m x --rebuild ../sha" + "red/library-sources") != []
    for fine in (
        "#!/usr/bin/env bash",
        'write_text("#!/bin/sh\\n")',
        "cmd >/dev/null 2>&1",
        "'../../../etc/passwd' as a file name",
        "https://example.org/home/page",
        "~/.config/ansokan and $HOME/tmp/x and {base}/tmp/a.md",
        "type /run to start, tests/fixtures/library-sources, and/or",
        'Path(f"/proc/{pid}/stat") and "/proc" and /dev/urandom',
    ):
        assert machine_paths(fine) == [], fine


def _tracked_files() -> list[Path]:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist): nothing tracked to scan")
    listed = subprocess.run(
        # safe.directory: a clone made by another user (CI) is still listed rather than refused
        ["git", "-c", "safe.directory=*", "ls-files", "-z", "--", *_SCANNED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def test_no_tracked_file_names_a_path_of_one_machine():
    files = _tracked_files()
    assert len(files) > 50
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {found}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        for found in machine_paths(line)
    ]
    assert not hits, "paths that only exist on one machine (use tmp_path or a path inside the repo):\n" + "\n".join(
        hits
    )
