"""The bad-input corpus: every payload through every command that reads it, in real subprocesses.

A case passes when the command either succeeds (exit 0 or 1) or stops with a clear error: exit 2
and exactly one stderr line starting with `ansokan: `. Never a traceback, never a hang (each run
has a timeout), and nothing half-written: after a failure the output and library directories are
byte-for-byte as before, after a success every file there is whole (a .docx python-docx opens, a
draft or library entry that parses). The input itself is never changed by any command.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tests.hardening.payloads import ROOT, Payload, all_payloads

if TYPE_CHECKING:
    from tests.hardening.corpus_fork import Forkers

# How each command is called; {file} is the payload, {out} and {lib} the directories watched.
ENTRY_POINTS: dict[str, list[str]] = {
    "status": ["status", "{file}"],
    "check": ["check", "{file}"],
    "export": ["export", "{file}", "-o", "{out}/ansokan.docx"],
    "forms-check": ["forms", "check", "{file}"],
    "import": ["--library", "{lib}", "library", "import", "{file}"],
    "new-from": ["new", "--form", "finsam-malmo", "--from", "{file}", "{out}/utkast.md"],
    "forms-new": ["forms", "new", "--from", "{file}", "korpus-prov", "-o", "{out}/korpus-prov.toml"],
}
# The subcommand module each entry point needs (some are still being written by other people).
MODULE_OF = {
    "status": "status",
    "check": "check",
    "export": "export",
    "forms-check": "forms",
    "import": "library",
    "new-from": "new",
    "forms-new": "forms",
    "suggest": "suggest",
    "cli": None,
}


@dataclass
class Case:
    name: str
    entry: str
    argv: list[str]
    payload: Payload | None = None
    timeout: float = 20.0
    setup: Callable[[Path], None] | None = None
    # Round-two classes: a command to run it under (a read-only mount), a file-size limit for the
    # child (a full disk), a reason it cannot run here, and what must hold afterwards (None: holds).
    wrap: list[str] = field(default_factory=list)
    fsize: int | None = None
    skip: str = ""
    expect: Callable[[Path], str | None] | None = None


@dataclass
class Outcome:
    case: Case
    status: str  # ok | clear-error | failure | skipped
    code: int | None = None
    seconds: float = 0.0
    detail: str = ""
    stderr: str = ""


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failure"]


# ---------------------------------------------------------------------------------------------
# The cases


def build_cases(payloads: Iterable[Payload] | None = None, *, heavy: bool = True) -> list[Case]:
    cases: list[Case] = []
    for payload in payloads if payloads is not None else all_payloads():
        if payload.heavy and not heavy:
            continue
        for entry in payload.only or payload.groups:
            cases.append(Case(f"{payload.name}/{entry}", entry, list(ENTRY_POINTS[entry]), payload, payload.timeout))
    from tests.hardening.corpus_cases import broken_library_cases, cli_cases, exact_cases, template_cases
    from tests.hardening.corpus_classes import class_cases
    from tests.hardening.corpus_sources import source_cases

    cases += source_cases()
    return (
        cases
        + cli_cases()
        + template_cases()
        + broken_library_cases()
        + (exact_cases() if heavy else [])
        + class_cases(heavy=heavy)
    )


# Always in the sample: one of each kind of trouble the issue names.
MUST = (
    "zip-bomb-300mb/import",
    "xxe-docx/new-from",
    "xxe-docx/forms-new",
    "docx-strict/forms-new",
    "makro-docm/import",
    "externa-referenser/new-from",
    "avkortad-docx/new-from",
    "trasig-pdf/import",
    "png-som-docx/export",
    "elf-som-txt/new-from",
    "tom-fil/import",
    "ogiltig-utf8-utkast/status",
    "utf16-utkast/check",
    "crlf-utkast/export",
    "kontrolltecken-utkast/export",
    "rad-1mb/import",
    "ord-1mb-utkast/check",
    "symlink-slinga/status",
    "namngiven-pipe/forms-check",
    "dev-zero/status",
    "katalog/import",
    "chmod-000/check",
    "dubbla-avsnitt/export",
    "datum-30-feb/status",
    "markup-tortyr/check",
    "budgetcell-formel/export",
    "budgetcell-1e30/check",
    "formular-dubbel-nyckel/forms-check",
    "formular-saknar-id/forms-check",
    "mallkod/new-from",
    "formularmall/passwd",
    "skrivfel/las-ar-katalog",
    "skrivfel/disk-full-export",
    "lankar/new-genom-lank",
    "namn/radbrytning",
    "rubriker/rubrik-100k-mellanslag/check",
    "dubblett/samma-fil",
)


def sample(cases: list[Case], size: int = 40) -> list[Case]:
    """A representative, deterministic sample: the MUST cases, then other payloads in rotation."""
    by_name = {c.name: c for c in cases}
    picked = [by_name[n] for n in MUST if n in by_name]
    others: dict[str, list[Case]] = {}
    for case in cases:
        if case.payload is not None and not case.payload.heavy and case not in picked:
            others.setdefault(case.payload.name, []).append(case)
    rest = [group[n % len(group)] for n, (_, group) in enumerate(sorted(others.items()))]
    cli = [c for c in cases if c.payload is None][::5][:4]
    room = max(0, size - len(picked) - len(cli))
    step = max(1, len(rest) // max(1, room))
    return picked + rest[::step][:room] + cli


# ---------------------------------------------------------------------------------------------
# Running


def available(entry: str) -> bool:
    if entry == "cli-all":
        from assistant.cli import COMMANDS

        return all(available(e) for e in ENTRY_POINTS if MODULE_OF[e] in COMMANDS)
    module = MODULE_OF.get(entry)
    return module is None or importlib.util.find_spec(f"assistant.commands.{module}") is not None


def _snapshot(directories: Iterable[Path]) -> dict[str, str]:
    """Every file (not lock files) under the directories, with a hash of its bytes."""
    seen: dict[str, str] = {}
    for directory in directories:
        if not directory.exists():
            continue
        for root, _dirs, files in os.walk(directory, followlinks=False):
            for name in files:
                if name.endswith(".lock"):
                    continue
                path = Path(root) / name
                try:
                    if path.is_symlink() or not path.is_file():
                        seen[str(path)] = "special"
                        continue
                    if path.stat().st_size > 100_000_000:
                        seen[str(path)] = f"size:{path.stat().st_size}"
                        continue
                    seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
                except OSError:
                    seen[str(path)] = "unreadable"
    return seen


def _env(home: Path, lib: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSOKAN_")}
    env.update(
        {
            "ANSOKAN_LIBRARY": str(lib),
            "ANSOKAN_CACHE": str(home / "cache"),
            "ANSOKAN_CONFIG": str(home / "config"),
            "ANSOKAN_STATE": str(home / "state"),
            "ANSOKAN_FORMS": str(home / "forms"),
            "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
            "PYTHONDONTWRITEBYTECODE": "1",
            "TMPDIR": str(home / "tmp"),  # each case's own: what it leaves there is seen
        }
    )
    return env


def run_process(
    argv: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    wrap: list[str] | None = None,
    fsize: int | None = None,
) -> tuple[int | None, str, str]:
    """Run `python -m assistant …` in its own process group; on timeout kill that group only.
    `wrap` goes in front of the command; `fsize` limits the size of any file it writes."""
    proc = subprocess.Popen(
        [*(wrap or []), sys.executable, "-m", "assistant", *argv],
        preexec_fn=None if fsize is None else _file_size_limit(fsize),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return None, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _complete(path: Path) -> str | None:
    """Why a file the command wrote is not whole, or None when it is."""
    from assistant.core.errors import UserError
    from assistant.core.model.drafts import load_draft

    try:
        if path.suffix == ".docx":
            import docx

            docx.Document(str(path))
        elif path.suffix == ".md" and path.parent.name == "lib":
            from assistant.core.reuse.library import load_entry

            load_entry(path)
        elif path.suffix == ".md":
            load_draft(path)
        elif path.suffix == ".toml":  # a new form: valid TOML, its TODOs left for the writer to fill
            import tomllib

            tomllib.loads(path.read_text(encoding="utf-8"))
    except UserError as exc:
        return f"{path.name} does not read back: {exc.message()}"
    except Exception as exc:
        return f"{path.name} does not reopen: {type(exc).__name__}: {exc}"
    return None


def _without_new_versions(before: dict[str, str], after: dict[str, str]) -> dict[str, str]:
    """The input files after a run, less the versions an export adds in its draft's versions
    folder (`versions_dir`): a record beside the draft, which itself must stay as it was."""
    from assistant.core.sources.review_versions import versions_dir

    def is_new_version(path: str) -> bool:
        parent = Path(path).parent
        return (
            path not in before
            and parent.name.startswith(".")
            and versions_dir(parent.parent / parent.name[1:].removesuffix(".versioner")) == parent
        )

    return {path: digest for path, digest in after.items() if not is_new_version(path)}


def judge(
    case: Case,
    code: int | None,
    stderr: str,
    before: dict[str, str],
    after: dict[str, str],
    inputs_before: dict[str, str],
    inputs_after: dict[str, str],
) -> tuple[str, str]:
    if code is None:
        return "failure", f"hung: killed after {case.timeout:g} s"
    if "Traceback" in stderr:
        return "failure", "traceback: " + stderr.strip().splitlines()[-1][:300]
    leftovers = [p for p in {**after, **inputs_after} if p.endswith(".tmp")]
    if leftovers:
        return "failure", f"temp files left behind: {leftovers[:3]}"
    if _without_new_versions(inputs_before, inputs_after) != inputs_before:
        changed = sorted(set(inputs_before.items()) ^ set(inputs_after.items()))
        return "failure", f"the input was changed: {changed[:3]}"
    if code == 2:
        lines = stderr.strip().splitlines()
        if len(lines) != 1 or not lines[0].startswith("ansokan: "):
            return "failure", f"exit 2 without one clear line: {stderr.strip()[:300]!r}"
        if before != after:
            return "failure", f"a failed command changed files: {sorted(set(after) ^ set(before))[:3] or 'contents'}"
        return "clear-error", lines[0][:200]
    if code not in (0, 1):
        return "failure", f"exit code {code}: {stderr.strip()[:300]!r}"
    for path in sorted(set(after) - set(before)) + [p for p in after if p in before and before[p] != after[p]]:
        problem = _complete(Path(path))
        if problem:
            return "failure", problem
    return "ok", stderr.strip().splitlines()[0][:200] if stderr.strip() else ""


def _file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write (EFBIG), not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def run_case(case: Case, base: Path, payload_paths: dict[str, Path], forkers: Forkers | None = None) -> Outcome:
    if not available(case.entry):
        return Outcome(case, "skipped", detail=f"`ansokan {case.entry}` does not exist yet")
    if case.skip:
        return Outcome(case, "skipped", detail=case.skip)
    work = base / "cases" / case.name.replace("/", "__")
    out, lib, home, inputs = work / "out", work / "lib", work / "home", work / "in"
    for d in (out, lib, home, inputs, home / "tmp"):
        d.mkdir(parents=True, exist_ok=True)
    if case.setup:
        case.setup(work)
    file = payload_paths.get(case.payload.name) if case.payload else None
    input_dirs = [inputs] + ([file.parent] if file is not None else [])
    argv = [_fill(a, file=file, out=out, lib=lib, inputs=inputs) for a in case.argv]
    wrap = [_fill(a, file=file, out=out, lib=lib, inputs=inputs) for a in case.wrap]
    before, inputs_before = _snapshot([out, lib]), _snapshot(input_dirs)
    start = time.perf_counter()
    try:
        if forkers is not None and not wrap:
            code, _stdout, stderr = forkers.get().run(
                argv, cwd=work, env=_env(home, lib), timeout=case.timeout, fsize=case.fsize
            )
        else:
            code, _stdout, stderr = run_process(
                argv, cwd=work, env=_env(home, lib), timeout=case.timeout, wrap=wrap, fsize=case.fsize
            )
    except OSError as exc:  # the corpus itself asked for something impossible
        return Outcome(case, "failure", None, 0.0, f"could not start the command: {exc}")
    seconds = time.perf_counter() - start
    after, inputs_after = _snapshot([out, lib]), _snapshot(input_dirs)
    status, detail = judge(case, code, stderr, before, after, inputs_before, inputs_after)
    if status != "failure":
        problem = _left_behind(home / "tmp") or (case.expect(work) if case.expect and code is not None else None)
        if problem:
            status, detail = "failure", problem
    return Outcome(case, status, code, seconds, detail, stderr[-2000:])


def _fill(arg: str, *, file: Path | None, out: Path, lib: Path, inputs: Path) -> str:
    if "{" in arg and not arg.startswith("{{"):
        return arg.format(file=file, out=out, lib=lib, **{"in": inputs})
    return arg


def _left_behind(temp: Path) -> str | None:
    """Private copies or a LibreOffice profile the command left in its temp folder."""
    left = sorted(p.name for p in temp.glob("ansokan-*")) if temp.is_dir() else []
    return f"left behind in the temp folder: {left[:3]}" if left else None


def prepare_payloads(cases: list[Case], base: Path) -> dict[str, Path]:
    """Build each payload once, in a directory of its own (shared read-only by its cases)."""
    paths: dict[str, Path] = {}
    for case in cases:
        payload = case.payload
        if payload is None or payload.name in paths or not available(case.entry):
            continue
        directory = base / "payloads" / payload.name
        directory.mkdir(parents=True, exist_ok=True)
        paths[payload.name] = payload.make(directory)
    return paths


def run_corpus(
    cases: list[Case],
    base: Path,
    *,
    workers: int = 2,
    progress: Callable[[Outcome], None] | None = None,
    fork: bool = True,
) -> Summary:
    """Run the cases, `workers` at a time. With `fork` each command is forked from a parent that has
    imported the code (corpus_fork.py); without, each is a fresh `python -m assistant`."""
    from tests.hardening.corpus_fork import Forkers

    payload_paths = prepare_payloads(cases, base)
    forkers = Forkers(_env(base, base), base / "streams") if fork else None
    # The cases of one payload one after the other: they share its folder, and an export keeps a version
    # beside its draft there, which a case of the same payload running at that moment saw as its input
    # changed, or as a temp file left behind (seen: utf16-utkast/new-from beside utf16-utkast/export).
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.payload.name if case.payload else case.name, []).append(case)
    outcomes: dict[int, Outcome] = {}
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            runs = pool.map(lambda group: [run_case(c, base, payload_paths, forkers) for c in group], groups.values())
            for ran in runs:
                for outcome in ran:
                    outcomes[id(outcome.case)] = outcome
                    if progress:
                        progress(outcome)
    finally:
        if forkers is not None:
            forkers.close()
    return Summary([outcomes[id(case)] for case in cases])


def restore_permissions(base: Path) -> None:
    """chmod 000 payloads would make the temp dir hard to remove for a non-root user."""
    for root, dirs, files in os.walk(base):
        for name in dirs + files:
            path = Path(root) / name
            if not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.chmod(0o700)
