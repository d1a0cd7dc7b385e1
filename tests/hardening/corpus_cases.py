"""Corpus cases without a payload file: bad command lines, a user's form whose Word template is
something else, a broken user library, `check --exact` on hostile drafts. Part of corpus.py."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tests.hardening.corpus import Case
from tests.hardening.payloads import APPLICATION_TEXT, all_payloads, good_draft_text


def cli_cases() -> list[Case]:
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


def template_cases() -> list[Case]:
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


def broken_library_cases() -> list[Case]:
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


def exact_cases() -> list[Case]:
    """`check --exact` runs LibreOffice on hostile drafts: it must end, with a timeout if need be."""
    wanted = ("markup-tortyr", "kontrolltecken-utkast", "hoger-till-vanster-utkast", "emoji-utkast", "mallkod-utkast")
    return [
        Case(f"{p.name}/check-exact", "check", ["check", "--exact", "{file}"], p, timeout=120)
        for p in all_payloads()
        if p.name in wanted
    ]
