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
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.hardening.payloads import APPLICATION_TEXT, ROOT, Payload, all_payloads, good_draft_text

# How each command is called; {file} is the payload, {out} and {lib} the directories watched.
ENTRY_POINTS: dict[str, list[str]] = {
    "status": ["status", "{file}"],
    "check": ["check", "{file}"],
    "export": ["export", "{file}", "-o", "{out}/ansokan.docx"],
    "forms-check": ["forms", "check", "{file}"],
    "import": ["--library", "{lib}", "library", "import", "{file}"],
    "new-from": ["new", "--form", "finsam-malmo", "--from", "{file}", "{out}/utkast.md"],
}
# The subcommand module each entry point needs (some are still being written by other people).
MODULE_OF = {
    "status": "status",
    "check": "check",
    "export": "export",
    "forms-check": "forms",
    "import": "library",
    "new-from": "new",
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


def _cli_cases() -> list[Case]:
    """Bad command lines (no payload): wrong commands, missing values, impossible targets."""

    def good(directory: Path) -> None:
        (directory / "in").mkdir(exist_ok=True)
        (directory / "in" / "giltig.md").write_text(good_draft_text(), encoding="utf-8")

    cases = [
        ("okant-kommando", ["gör-något", "--lang", "en"]),
        ("saknat-argument", ["status"]),
        ("fel-sprak", ["--lang", "xx", "status", "{in}/giltig.md"]),
        ("new-utan-formular", ["new", "--title", "X", "{out}/a.md"]),
        ("new-okant-formular", ["new", "--form", "finns-inte", "--title", "X", "{out}/a.md"]),
        ("new-katalog-saknas", ["new", "--form", "finsam-malmo", "--title", "X", "{out}/saknas/a.md"]),
        ("new-mal-ar-katalog", ["new", "--form", "finsam-malmo", "--title", "X", "{out}"]),
        ("new-jattetitel", ["new", "--form", "finsam-malmo", "--title", "Å" * 60_000, "{out}/a.md"]),
        (
            "new-malltitel",
            ["new", "--form", "finsam-malmo", "--title", "{{ ''.__class__ }}{% include 'x' %}", "{out}/a.md"],
        ),
        ("new-finns-redan", ["new", "--form", "finsam-malmo", "--title", "X", "{in}/giltig.md"]),
        ("new-kalla-ar-malet", ["new", "--form", "finsam-malmo", "--from", "{in}/giltig.md", "{in}/giltig.md"]),
        ("forms-show-sokvag", ["forms", "show", "../../../etc/passwd"]),
        ("forms-check-passwd", ["forms", "check", "/etc/passwd"]),
        ("forms-check-dev-null", ["forms", "check", "/dev/null"]),
        ("status-json", ["status", "--json", "{in}/giltig.md"]),
        ("check-json-en", ["check", "--json", "{in}/giltig.md", "--lang", "en"]),
        ("export-till-katalog", ["export", "{in}/giltig.md", "-o", "{out}"]),
        ("export-katalog-saknas", ["export", "{in}/giltig.md", "-o", "{out}/saknas/x.docx"]),
        ("export-over-utkastet", ["export", "{in}/giltig.md", "-o", "{in}/giltig.md"]),
        ("import-bibliotek-ar-fil", ["--library", "{in}/giltig.md", "library", "import", "{in}/giltig.md"]),
        ("import-inga-filer", ["--library", "{lib}", "library", "import"]),
        ("tomt-argument", ["status", ""]),
        (
            "suggest-mallkod",
            [
                "suggest",
                "--form",
                "finsam-malmo",
                "--section",
                "bakgrund",
                "--text",
                "{{ ''.__class__.__mro__ }} {% include '/etc/passwd' %} samverkan",
            ],
        ),
        (
            "suggest-jattetext",
            ["suggest", "--form", "finsam-malmo", "--section", "bakgrund", "--text", "samverkan arbete stöd " * 5000],
        ),
        (
            "suggest-styrtecken",
            ["suggest", "--form", "finsam-malmo", "--section", "mal", "--text", "\x01\x1b[31m 👩‍👩‍👧 \u202e mål ١٢٣"],
        ),
        (
            "suggest-fts-syntax",
            [
                "suggest",
                "--form",
                "finsam-malmo",
                "--section",
                "mal",
                "--text",
                'NEAR("a" "b") OR * AND " ( ) : ^ -- NOT',
            ],
        ),
        ("suggest-okant-avsnitt", ["suggest", "--form", "finsam-malmo", "--section", "../../etc", "--text", "x"]),
        ("suggest-negativt-k", ["suggest", "--form", "finsam-malmo", "--section", "mal", "-k", "-5"]),
        ("suggest-jatte-k", ["suggest", "--form", "finsam-malmo", "--section", "mal", "-k", "99999999999"]),
        ("suggest-adapt-trasigt", ["suggest", "--form", "finsam-malmo", "--section", "mal", "--adapt", "{out}"]),
        ("library-show-sokvag", ["library", "show", "../../../etc/passwd"]),
        ("library-remove-inbyggd", ["--library", "{lib}", "library", "remove", "finsam-malmo-2021-fram"]),
        ("export-pdf-trasigt", ["export", "{in}/giltig.md", "--pdf", "-o", "{out}/x.docx"]),
        ("bara-lang", ["--lang"]),
    ]
    out = []
    for name, argv in cases:
        entry = (
            "export"
            if "export" in argv
            else "import"
            if "library" in argv
            else "suggest"
            if "suggest" in argv
            else "cli"
        )
        entry = "cli-all" if name == "okant-kommando" else entry  # --help lists every command
        out.append(Case(f"cli/{name}", entry, argv, setup=good))
    return out


# A form the user added (in $ANSOKAN_FORMS) whose Word template is something else.
TEMPLATES = {
    "passwd": "/etc/passwd",
    "katalog": "..",
    "saknas": "finns-inte.docx",
    "dev-zero": "/dev/zero",
    "bild": "bild.png",
    "avkortad": "avkortad.docx",
    "bomb": "bomb.docx",
    "giltig": "mall.docx",
}


def _template_cases() -> list[Case]:
    from tests.hardening.payloads import FORM_FILE, _png, _zip_bomb, docx_bytes

    def setup_for(template: str) -> Callable[[Path], None]:
        def setup(work: Path) -> None:
            forms = work / "home" / "forms"
            forms.mkdir(parents=True, exist_ok=True)
            (forms / "bild.png").write_bytes(_png())
            (forms / "avkortad.docx").write_bytes(docx_bytes()[:3000])
            (forms / "mall.docx").write_bytes(docx_bytes())
            if template == "bomb.docx":
                _zip_bomb("bomb.docx", 1, 300 << 20)(forms)
            text = FORM_FILE.read_text(encoding="utf-8").replace(
                'id = "finsam-malmo"', f'id = "egen"\ntemplate = "{template}"'
            )
            (forms / "egen.toml").write_text(text, encoding="utf-8")
            (work / "in").mkdir(exist_ok=True)
            (work / "in" / "egen.md").write_text(
                good_draft_text().replace('form = "finsam-malmo"', 'form = "egen"'), encoding="utf-8"
            )

        return setup

    return [
        Case(
            f"formularmall/{name}",
            "export",
            ["export", "{in}/egen.md", "-o", "{out}/ut.docx"],
            setup=setup_for(template),
            timeout=30,
        )
        for name, template in TEMPLATES.items()
    ]


def _broken_library_cases() -> list[Case]:
    """A user library with broken entry files, and a cache directory that cannot be created."""

    def broken_library(work: Path) -> None:
        lib = work / "lib"
        lib.mkdir(parents=True, exist_ok=True)
        (lib / "skrap.md").write_bytes(b"\x00\xff binary \x00")
        (lib / "utan-huvud.md").write_text("## Bakgrund\n\nText.\n", encoding="utf-8")
        (lib / "fel-id.md").write_text('+++\nid = "../../etc"\n+++\n', encoding="utf-8")
        (lib / "for-stor.md").write_text(
            '+++\nid = "stor"\n+++\n## Mål {#mal}\n\n' + "ord " * 1_600_000, encoding="utf-8"
        )
        (lib / "katalog.md").mkdir()
        (lib / "slinga.md").symlink_to(lib / "slinga.md")
        os.mkfifo(lib / "ror.md")  # a pipe would block whoever opens it

    def cache_is_a_file(work: Path) -> None:
        (work / "home").mkdir(parents=True, exist_ok=True)
        (work / "home" / "cache").write_text("inte en katalog", encoding="utf-8")

    def broken_user_forms(work: Path) -> None:
        forms = work / "home" / "forms"
        forms.mkdir(parents=True, exist_ok=True)
        (forms / "trasig.toml").write_text('id = "trasig\n', encoding="utf-8")
        (forms / "binar.toml").write_bytes(b"\x00\xff\xfe")
        os.mkfifo(forms / "ror.toml")
        (work / "in").mkdir(exist_ok=True)
        (work / "in" / "ansokan.txt").write_text(APPLICATION_TEXT, encoding="utf-8")

    suggest = ["suggest", "--form", "finsam-malmo", "--section", "mal", "--text", "deltagare arbete studier"]
    return [
        Case("anvandarformular/forms-list", "cli", ["forms", "list"], setup=broken_user_forms),
        Case(
            "anvandarformular/import-gissar",
            "import",
            ["--library", "{lib}", "library", "import", "{in}/ansokan.txt"],
            setup=broken_user_forms,
        ),
        Case(
            "anvandarformular/new",
            "cli",
            ["new", "--form", "finsam-malmo", "--title", "X", "{out}/a.md"],
            setup=broken_user_forms,
        ),
        Case(
            "anvandarformular/new-from",
            "new-from",
            ["new", "--form", "finsam-malmo", "--from", "{in}/ansokan.txt", "{out}/b.md"],
            setup=broken_user_forms,
        ),
        Case("bibliotek/trasiga-filer-suggest", "suggest", suggest, setup=broken_library),
        Case("bibliotek/trasiga-filer-list", "import", ["library", "list"], setup=broken_library),
        Case("bibliotek/cache-ar-en-fil", "suggest", suggest, setup=cache_is_a_file),
    ]


def _exact_cases() -> list[Case]:
    """`check --exact` runs LibreOffice on hostile drafts: it must end, with a timeout if need be."""
    wanted = ("markup-tortyr", "kontrolltecken-utkast", "hoger-till-vanster-utkast", "emoji-utkast", "mallkod-utkast")
    return [
        Case(f"{p.name}/check-exact", "check", ["check", "--exact", "{file}"], p, timeout=120)
        for p in all_payloads()
        if p.name in wanted
    ]


def build_cases(payloads: Iterable[Payload] | None = None, *, heavy: bool = True) -> list[Case]:
    cases: list[Case] = []
    for payload in payloads if payloads is not None else all_payloads():
        if payload.heavy and not heavy:
            continue
        for entry in payload.only or payload.groups:
            cases.append(Case(f"{payload.name}/{entry}", entry, list(ENTRY_POINTS[entry]), payload, payload.timeout))
    cases += _source_cases()
    return cases + _cli_cases() + _template_cases() + _broken_library_cases() + (_exact_cases() if heavy else [])


# Always in the sample: one of each kind of trouble the issue names.
MUST = (
    "zip-bomb-300mb/import",
    "xxe-docx/new-from",
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
        }
    )
    return env


def run_process(argv: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> tuple[int | None, str, str]:
    """Run `python -m assistant …` in its own process group; on timeout kill that group only."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", *argv],
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
    except UserError as exc:
        return f"{path.name} does not read back: {exc.message()}"
    except Exception as exc:
        return f"{path.name} does not reopen: {type(exc).__name__}: {exc}"
    return None


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
    if inputs_before != inputs_after:
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


def run_case(case: Case, base: Path, payload_paths: dict[str, Path]) -> Outcome:
    if not available(case.entry):
        return Outcome(case, "skipped", detail=f"`ansokan {case.entry}` does not exist yet")
    work = base / "cases" / case.name.replace("/", "__")
    out, lib, home, inputs = work / "out", work / "lib", work / "home", work / "in"
    for d in (out, lib, home, inputs):
        d.mkdir(parents=True, exist_ok=True)
    if case.setup:
        case.setup(work)
    file = payload_paths.get(case.payload.name) if case.payload else None
    input_dirs = [inputs] + ([file.parent] if file is not None else [])
    argv = [
        a.format(file=file, out=out, lib=lib, **{"in": inputs}) if "{" in a and not a.startswith("{{") else a
        for a in case.argv
    ]
    before, inputs_before = _snapshot([out, lib]), _snapshot(input_dirs)
    start = time.perf_counter()
    try:
        code, _stdout, stderr = run_process(argv, cwd=work, env=_env(home, lib), timeout=case.timeout)
    except OSError as exc:  # the corpus itself asked for something impossible
        return Outcome(case, "failure", None, 0.0, f"could not start the command: {exc}")
    seconds = time.perf_counter() - start
    after, inputs_after = _snapshot([out, lib]), _snapshot(input_dirs)
    status, detail = judge(case, code, stderr, before, after, inputs_before, inputs_after)
    return Outcome(case, status, code, seconds, detail, stderr[-2000:])


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
    cases: list[Case], base: Path, *, workers: int = 2, progress: Callable[[Outcome], None] | None = None
) -> Summary:
    payload_paths = prepare_payloads(cases, base)
    summary = Summary()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(lambda c: run_case(c, base, payload_paths), cases):
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
    return summary


def restore_permissions(base: Path) -> None:
    """chmod 000 payloads would make the temp dir hard to remove for a non-root user."""
    for root, dirs, files in os.walk(base):
        for name in dirs + files:
            path = Path(root) / name
            if not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.chmod(0o700)


# ---------------------------------------------------------------------------------------------
# Sources: encrypted PDFs, Word files from the wild, tables in pathological shapes


def _encrypted_pdf(name: str, algorithm: str, user_password: str = "") -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        import io

        from pypdf import PdfReader, PdfWriter

        from tests.hardening.payloads import pdf_bytes

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(APPLICATION_TEXT.split("\n")))))
        writer.encrypt(user_password=user_password, owner_password="ägare", algorithm=algorithm)
        path = directory / name
        with path.open("wb") as handle:
            writer.write(handle)
        return path

    return make


def _wild_docx(name: str, build: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(build())
        return path

    return make


def _wild_fragments() -> list[str | tuple[str, str]]:
    from tests.core.sources import wild_docx as w

    return [
        ("Ansökan: Vägen vidare", "Title"),
        w.outline_heading("2. Bakgrund", 0),
        w.smart_tag("Projektet drivs i ", "Malmö", " tillsammans med parterna."),
        w.simple_field("Se ", "Tabell 1", "."),
        w.complex_field("Enligt ", "CITATION Fin20 \\l 1053", "(FINSAM, 2020)", " behövs stöd."),
        w.inline_control("Projektägare är ", "Malmö stad", "."),
        w.block_control("Ett stycke i en innehållskontroll.", "Ett till."),
    ]


def _wild() -> bytes:
    from tests.core.sources import wild_docx as w

    return w.build(_wild_fragments())


def _strict() -> bytes:
    from tests.core.sources import wild_docx as w

    return w.strictify(_wild())


def _strict_damaged() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_strict())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            dst.writestr(info, blob[: len(blob) // 3] if info.filename == "word/document.xml" else blob)
    return out.getvalue()


def _nested_smart_tags(depth: int) -> Callable[[], bytes]:
    """Smart tags nested `depth` deep, spliced into the XML as text (lxml itself stops at 256)."""

    def build() -> bytes:
        import io
        import zipfile

        from tests.core.sources import wild_docx as w

        tag = '<w:smartTag w:uri="urn:x" w:element="place">'
        deep = f"<w:p>{tag * depth}<w:r><w:t>djupt</w:t></w:r>{'</w:smartTag>' * depth}</w:p>".encode()
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(w.build([("2. Bakgrund", "Heading 1")]))) as src:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    blob = src.read(info)
                    if info.filename == "word/document.xml":
                        blob = blob.replace(b"<w:body>", b"<w:body>" + deep, 1)
                    dst.writestr(info, blob)
        return out.getvalue()

    return build


def _unended_fields() -> bytes:
    from tests.core.sources import wild_docx as w

    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r>'
    return w.build([f"<w:p>{begin * 20_000}<w:r><w:t>kvar?</w:t></w:r></w:p>", ("2. Bakgrund", "Heading 1")])


def _style_loop() -> bytes:
    """Two styles based on each other: following basedOn for an outline level must end."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    for own, other in (("A", "B"), ("B", "A")):
        document.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Slinga{own}"><w:name w:val="Slinga {own}"/>'
                f'<w:basedOn w:val="Slinga{other}"/></w:style>'
            )
        )
    paragraph = document.add_paragraph("2. Bakgrund")
    paragraph._p.get_or_add_pPr().style = "SlingaA"
    document.add_paragraph("Text under rubriken.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _many_styles(directory: Path) -> Path:
    from benchmarks.read_styles import build

    path = directory / "5000-stilar.docx"
    build(path, 5000, 400)
    return path


def _pipe_torture() -> str:
    return APPLICATION_TEXT + "\n" + "|---|---|\n| 1 | 2 |\n" * 20_000 + "| " + " | ".join(["x"] * 5000) + " |\n"


def _html_table_torture() -> str:
    return APPLICATION_TEXT + "\n<table>" + "<tr><td>Personal<td>1 000" * 30_000 + "<tr" + " " * 100_000


def _source_cases() -> list[Case]:
    """Readers of earlier applications: what Word and PDF writers really produce, and worse."""
    from tests.hardening.payloads import _write

    readers = ("import", "new-from")
    payloads = [
        Payload("pdf-aes256-oppen", _encrypted_pdf("aes256.pdf", "AES-256"), only=readers),
        Payload("pdf-aes128-oppen", _encrypted_pdf("aes128.pdf", "AES-128"), only=readers),
        Payload("pdf-rc4-oppen", _encrypted_pdf("rc4.pdf", "RC4-128"), only=readers),
        Payload("pdf-losenord", _encrypted_pdf("las.pdf", "AES-256", user_password="hemligt"), only=readers),
        Payload("docx-vild", _wild_docx("vild.docx", _wild), only=readers),
        Payload("docx-strict", _wild_docx("strikt.docx", _strict), only=readers),
        Payload("docx-strict-trasig", _wild_docx("strikt-trasig.docx", _strict_damaged), only=readers),
        Payload("docx-smarttaggar-200-djupt", _wild_docx("djup.docx", _nested_smart_tags(200)), only=readers),
        Payload("docx-smarttaggar-2000-djupt", _wild_docx("djupare.docx", _nested_smart_tags(2000)), only=readers),
        Payload("docx-falt-utan-slut", _wild_docx("falt.docx", _unended_fields), only=readers),
        Payload("docx-stilslinga", _wild_docx("slinga.docx", _style_loop), only=readers),
        Payload("docx-5000-stilar", _many_styles, only=readers, timeout=30),
        Payload("pipetabell-tortyr", _write("pipor.md", _pipe_torture()), only=readers),
        Payload("html-tabell-tortyr", _write("tabell.txt", _html_table_torture()), only=readers),
    ]
    return [
        Case(f"{p.name}/{entry}", entry, list(ENTRY_POINTS[entry]), p, p.timeout) for p in payloads for entry in p.only
    ]
