"""The bad inputs themselves, generated on the fly (nothing large is committed).

Each payload writes one file (or directory, symlink, FIFO …) into a directory of its own and
returns the path the command is pointed at. `groups` says which commands read it: a broken
document is fed to every reader, a broken form only to `forms check`, a bad budget cell to the
commands that read a draft. The makers of each kind of file are in builders.py.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

from tests.hardening.builders import (  # re-exported: the corpus and other tests import them from here
    APPLICATION_TEXT,
    BUDGET_READERS,
    DRAFT_READERS,
    EXTERNAL_RELATIONS,
    FILE_READERS,
    FORM_FILE,
    ROOT,
    SOURCES,
    XXE_DOCUMENT,
    Payload,
    _big_draft,
    _big_text,
    _dangling,
    _dev_zero,
    _directory,
    _docx_with,
    _elf,
    _fifo,
    _flipped,
    _lazy,
    _missing,
    _name_too_long,
    _not_a_directory,
    _png,
    _proc_mem,
    _symlink_loop,
    _truncated,
    _unreadable,
    _with_external_refs,
    _write,
    _xml_bomb_under_limit,
    _zip_bomb,
    docx_bytes,
    good_draft_text,
    pdf_bytes,
    real_source_text,
)
from tests.hardening.form_payloads import form_payloads

# ---------------------------------------------------------------------------------------------
# Text content


CONTROL = "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) + "\x7f\x1b[31m\x1b]0;titel\x07"
RTL = "\u202eטקסט בעברית\u202c و نص عربي \u200fمرحبا\u200e – svensk text om samverkan."
EMOJI = "Deltagarna 👩‍👩‍👧‍👦 når målen 🎯🚀 tillsammans med kommunen 🇸🇪. \U0001f600" * 3
JINJA = "{{ ''.__class__.__mro__ }} {% include '/etc/passwd' %} {{ config }} {{ lipsum.__globals__ }}"
HTML = "<script>alert(1)</script><p>2. Bakgrund</p><ul><li>Stöd</li><li>Praktik</li></ul><iframe src=x>"


def _draft_with(**sections: str) -> Callable[[], str]:
    return lambda: good_draft_text(**{f"section_{k}": v for k, v in sections.items()})


def _source_with(text: str) -> str:
    return APPLICATION_TEXT.replace("Insatsen bygger", text + " Insatsen bygger")


def file_payloads() -> list[Payload]:
    """Broken and strange files, fed to every command that reads a file."""
    return [
        Payload("tom-fil", _write("tom.txt", b"")),
        Payload("tomt-utkast", _write("tom.md", b"")),
        Payload("bara-blanksteg", _write("blanksteg.md", "\n \n\t\n")),
        Payload("50mb-text", _big_text, heavy=True, timeout=60),
        Payload("ogiltig-utf8", _write("ogiltig.txt", APPLICATION_TEXT.encode() + b"\xff\xfe\xc3\x28 trasig")),
        Payload(
            "ogiltig-utf8-utkast", _lazy("ogiltig.md", lambda: good_draft_text().encode() + b"\n\xc3\x28\xa0\xa1\n")
        ),
        Payload("utf16-bom", _write("utf16.txt", APPLICATION_TEXT.encode("utf-16"))),
        Payload("utf16-utkast", _lazy("utf16.md", lambda: good_draft_text().encode("utf-16"))),
        Payload("utf16-utan-bom", _write("utf16le.txt", APPLICATION_TEXT.encode("utf-16-le"))),
        Payload("crlf-utkast", _lazy("crlf.md", lambda: good_draft_text().replace("\n", "\r\n"))),
        Payload("crlf-kalla", _lazy("crlf.txt", lambda: real_source_text().replace("\n", "\r\n"))),
        Payload("bara-cr", _lazy("cr.txt", lambda: APPLICATION_TEXT.replace("\n", "\r"))),
        Payload("cp1252", _write("windows.txt", APPLICATION_TEXT.encode("cp1252", "replace"))),
        Payload("kontrolltecken", _write("kontroll.txt", _source_with(CONTROL))),
        Payload(
            "kontrolltecken-utkast", _lazy("kontroll.md", _draft_with(bakgrund=CONTROL, mal="ok \ufffe\uffff \ud7ff"))
        ),
        Payload("nul-tecken", _write("nul.txt", _source_with("a\x00b\x00c"))),
        Payload("hoger-till-vanster", _write("rtl.txt", _source_with(RTL))),
        Payload("hoger-till-vanster-utkast", _lazy("rtl.md", _draft_with(bakgrund=RTL, presentation=RTL))),
        Payload("emoji", _write("emoji.txt", _source_with(EMOJI))),
        Payload("emoji-utkast", _lazy("emoji.md", _draft_with(bakgrund=EMOJI))),
        Payload("rad-1mb", _write("lang-rad.txt", "2. Bakgrund\n" + "samverkan " * 100_000 + "\n")),
        Payload("ord-1mb-utkast", _lazy("langt-ord.md", _draft_with(bakgrund="x" * 1_000_000))),
        Payload("rad-1mb-utkast", _lazy("lang-rad.md", _draft_with(bakgrund="samverkan och stöd " * 55_000))),
        Payload("html", _write("html.txt", _source_with(HTML))),
        Payload("mallkod", _write("mall.txt", _source_with(JINJA))),
        Payload("mallkod-utkast", _lazy("mall.md", _draft_with(bakgrund=JINJA))),
        Payload("png-som-docx", _lazy("bild.docx", _png)),
        Payload("png-som-pdf", _lazy("bild.pdf", _png)),
        Payload("elf-som-txt", _lazy("program.txt", _elf)),
        Payload("elf-som-md", _lazy("program.md", _elf)),
        Payload("slumpbytes", _write("slump.md", random.Random(3).randbytes(50_000))),
        Payload("gammal-doc", _write("gammal.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))),
        Payload("zip-som-txt", _lazy("arkiv.txt", docx_bytes)),
        Payload("giltig-docx", _lazy("giltig.docx", docx_bytes)),
        Payload("giltig-pdf", _lazy("giltig.pdf", lambda: pdf_bytes(APPLICATION_TEXT.split("\n")))),
        Payload("avkortad-docx", _truncated("avkortad.docx", docx_bytes, 0.5)),
        Payload("avkortad-docx-slut", _truncated("avkortad2.docx", docx_bytes, 0.97)),
        Payload("trasig-docx", _flipped("trasig.docx", docx_bytes)),
        Payload("avkortad-pdf", _truncated("avkortad.pdf", lambda: pdf_bytes(APPLICATION_TEXT.split("\n")), 0.6)),
        Payload("trasig-pdf", _lazy("trasig.pdf", lambda: b"%PDF-1.7\n" + random.Random(5).randbytes(20_000))),
        Payload("pdf-utan-text", _lazy("tom.pdf", lambda: pdf_bytes([]))),
        Payload("docx-utan-dokument", _lazy("utan.docx", lambda: _zip_without_document())),
        Payload(
            "makro-docm",
            _docx_with(
                "makro.docm",
                {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(4000)},
                b'<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>',
            ),
        ),
        Payload("makro-som-docx", _docx_with("makro.docx", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(4000)})),
        Payload("externa-referenser", _with_external_refs),
        Payload("xxe-docx", _docx_with("xxe.docx", {}, document_xml=XXE_DOCUMENT)),
        Payload("zip-bomb-300mb", _zip_bomb("bomb-liten.docx", 1, 300 << 20), timeout=30),
        Payload("zip-bomb-2gb", _zip_bomb("bomb.docx", 2, 1 << 30), heavy=True, timeout=60),
        Payload("xml-bomb-190mb", _xml_bomb_under_limit, heavy=True, timeout=60),
        Payload("katalog", _directory),
        Payload("chmod-000", _unreadable),
        Payload("symlink-slinga", _symlink_loop),
        Payload("dinglande-symlink", _dangling),
        Payload("namngiven-pipe", _fifo),
        Payload("proc-mem", _proc_mem),
        Payload("dev-zero", _dev_zero),
        Payload("inte-en-katalog", _not_a_directory),
        Payload("for-langt-namn", _name_too_long),
        Payload("saknas", _missing),
    ]


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hej.txt", "inte ett dokument")
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Drafts that are valid text but wrong as drafts


def _replace_front(old: str, new: str) -> Callable[[], str]:
    def build() -> str:
        text = good_draft_text()
        assert old in text, old
        return text.replace(old, new, 1)

    return _lazy("utkast.md", build)


def _body_dup() -> str:
    text = good_draft_text()
    return text + "\n## 2. Bakgrund {#bakgrund}\n\nEn andra bakgrund.\n\n## Bakgrund\n\nEn tredje.\n"


def _only_two_sections() -> str:
    text = good_draft_text()
    front = text.split("\n+++\n", 1)[0] + "\n+++\n"
    return front + "\n## 2. Bakgrund {#bakgrund}\n\nText.\n\n## Egen rubrik {#egen}\n\nMer text.\n"


def _many_sections() -> str:
    text = good_draft_text()
    return text + "".join(f"\n## Rubrik {n} {{#r{n}}}\n\nText {n}.\n" for n in range(5000))


def _markup_torture() -> str:
    nasty = "\n".join(
        [
            "\\## inte en rubrik",
            "\\\\## två snedstreck",
            "+++",
            "### underrubrik",
            "####### sju",
            "\t".join(["cell"] * 400),
            "- " * 2000,
            "1. " * 500,
            "*" * 5000,
            "**fet utan slut",
            "    - djup punkt",
            "        - djupare",
            "[länk](javascript:alert(1))",
            "<w:p>xml</w:p>",
            "&amp; &#0; &#xD800;",
        ]
    )
    return good_draft_text(section_bakgrund=nasty, section_mal="+++\nschema = 99\n+++")


def draft_payloads() -> list[Payload]:
    g = DRAFT_READERS
    return [
        Payload("giltigt-utkast", _lazy("giltig.md", good_draft_text), g),
        Payload("dubbla-avsnitt", _lazy("dubbla.md", _body_dup), g),
        Payload("saknade-avsnitt", _lazy("saknade.md", _only_two_sections), g),
        Payload(
            "inga-rubriker", _lazy("inga.md", lambda: good_draft_text().split("\n## ", 1)[0] + "\nBara text.\n"), g
        ),
        Payload("5000-avsnitt", _lazy("manga.md", _many_sections), g, timeout=40),
        Payload("markup-tortyr", _lazy("markup.md", _markup_torture), g),
        Payload("utan-huvud", _write("utan-huvud.md", "## 2. Bakgrund\n\nText utan TOML-huvud.\n"), g),
        Payload(
            "huvud-utan-slut", _write("oavslutat.md", '+++\nschema = 1\nform = "finsam-malmo"\n\n## 2. Bakgrund\n'), g
        ),
        Payload("toml-fel-i-huvud", _replace_front('title = "Vägen vidare"', 'title = "Vägen vidare'), g),
        Payload("dubbel-nyckel-i-huvud", _replace_front('title = "Vägen vidare"', 'title = "A"\ntitle = "B"'), g),
        Payload("schema-99", _replace_front("schema = 1", "schema = 99"), g),
        Payload("schema-text", _replace_front("schema = 1", 'schema = "ett"'), g),
        Payload("okant-formular", _replace_front('form = "finsam-malmo"', 'form = "finns-inte"'), g),
        Payload("formular-sokvag", _replace_front('form = "finsam-malmo"', 'form = "../../../etc/passwd"'), g),
        Payload("formular-tal", _replace_front('form = "finsam-malmo"', "form = 5"), g),
        Payload("titel-tal", _replace_front('title = "Vägen vidare"', "title = 5"), g),
        Payload("datum-30-feb", _replace_front("start = 2026-01-01", "start = 2020-02-30"), g),
        Payload("datum-30-feb-text", _replace_front("start = 2026-01-01", 'start = "2020-02-30"'), g),
        Payload("start-efter-slut", _replace_front("start = 2026-01-01", "start = 2029-01-01"), g),
        Payload(
            "absurd-period",
            _replace_front("start = 2026-01-01\nend = 2027-12-31", "start = 0001-01-01\nend = 9999-12-31"),
            g,
        ),
        Payload("datum-med-tid", _replace_front("start = 2026-01-01", "start = 2026-01-01T10:00:00+02:00"), g),
        Payload(
            "kontakter-fel-typ",
            _lazy(
                "kontakt.md",
                lambda: (
                    good_draft_text()
                    .replace("[[contacts]]", "[[contacts_x]]")
                    .replace("+++\n", '+++\ncontacts = "Anna"\n', 1)
                ),
            ),
            g,
        ),
        Payload("kontakt-okand-nyckel", _replace_front('name = "Anna Ek"', 'name = "Anna Ek"\nshoe_size = 42'), g),
        Payload("budget-fel-typ", _lazy("budget-typ.md", lambda: _budget_front('budget = "mycket"')), g),
        Payload(
            "budget-ar-dubbla",
            _lazy("budget-ar.md", lambda: _budget_front('[budget]\nyears = [2026, 2026]\ncategories = ["Personal"]')),
            g,
        ),
        Payload(
            "budget-ar-orimliga",
            _lazy(
                "budget-ar2.md", lambda: _budget_front('[budget]\nyears = [-5, 99999999999]\ncategories = ["Personal"]')
            ),
            g,
        ),
        Payload(
            "budget-ar-flyttal",
            _lazy("budget-ar3.md", lambda: _budget_front('[budget]\nyears = [2026.5]\ncategories = ["Personal"]')),
            g,
        ),
        Payload(
            "budget-rad-fel-langd",
            _lazy(
                "budget-rad.md",
                lambda: _budget_front(
                    '[budget]\nyears = [2026, 2027]\ncategories = ["Personal"]\ncompiled = { Personal = ["1"] }'
                ),
            ),
            g,
        ),
        Payload(
            "budget-poster-fel",
            _lazy(
                "budget-poster.md",
                lambda: _budget_front('[budget]\nyears = [2026]\ncategories = ["Personal"]\nitems = [1, 2, 3]'),
            ),
            g,
        ),
        Payload(
            "budget-per-ar-fel",
            _lazy(
                "budget-perar.md",
                lambda: _budget_front(
                    '[budget]\nyears = [2026]\ncategories = ["Personal"]\n[[budget.items]]\ncategory = "Personal"\n'
                    'text = "Lön"\nper_year = { tjugo = "5" }'
                ),
            ),
            g,
        ),
        Payload(
            "budget-stated-fel",
            _lazy(
                "budget-stated.md",
                lambda: _budget_front(
                    '[budget]\nyears = [2026]\ncategories = ["Personal"]\n[budget.stated]\nrows = "x"\nyears = 5\n'
                    "subtotals = [1]"
                ),
            ),
            g,
        ),
        Payload(
            "budget-3000-ar",
            _lazy(
                "budget-manga-ar.md",
                lambda: _budget_front(
                    "[budget]\nyears = ["
                    + ", ".join(str(y) for y in range(1900, 2200))
                    + ']\ncategories = ["Personal"]\n'
                    "compiled = { Personal = [" + ", ".join('"1 000"' for _ in range(1900, 2200)) + "] }"
                ),
            ),
            g,
        ),
        Payload("stor-18mb-utkast", _big_draft, g, heavy=True, timeout=60),
    ]


def _budget_front(budget_toml: str) -> str:
    """The good draft with its [budget] tables replaced by `budget_toml`."""
    text = good_draft_text()
    front, body = text.split("\n+++\n", 1)
    lines = front.split("\n")
    kept: list[str] = []
    in_budget = False
    for line in lines:
        if line.startswith("["):
            in_budget = line.strip("[] ").startswith("budget")
        if not in_budget:
            kept.append(line)
    return "\n".join(kept) + "\n" + budget_toml + "\n+++\n" + body


BAD_CELLS = {
    "bokstaver": "ettusen kr",
    "formel": "=SUM(A1:A3)",
    "formel-at": "@SUM(A1)",
    "negativ": "-50 000",
    "minus-minus": "--5",
    "1e30": "1e30",
    "17-nior": "99999999999999999",
    "10000-siffror": "9" * 10_000,
    "exponent-jatte": "1e999999999",
    "nan": "NaN",
    "oandlig": "Infinity",
    "hex": "0x10",
    "arabiska-siffror": "١٢٣",
    "understreck": "1_000",
    "decimal-massa": "1,123456789123456789",
    "mkr": "1,4 mkr",
    "tkr": "8 000 tkr",
    "blandat": "12 kr 13 kr",
    "html": "<b>5</b>",
    "mall": "{{ 7*7 }}",
    "kontroll": "1\x00\x1b 000",
    "tom": "",
    "blanksteg": "   ",
    "nbsp": "1\u00a0373\u00a0334 kr",
    "procent": "50 %",
    "lang": "1 000 " * 2000,
}


def budget_payloads() -> list[Payload]:
    out = []
    for name, cell in BAD_CELLS.items():

        def build(cell: str = cell) -> str:
            import tomli_w

            value = tomli_w.dumps({"v": cell}).split("=", 1)[1].strip()
            return _budget_front(
                '[budget]\nyears = [2026, 2027]\ncategories = ["Personal", "Lokaler"]\n'
                f'compiled = {{ Personal = [{value}, "100 000"], Lokaler = ["5 000", {value}] }}\n'
                f'[[budget.items]]\ncategory = "Personal"\ntext = "Projektledare 100 %"\ntotal = {value}\n'
                f'per_year = {{ "2026" = {value} }}\n'
                f"[budget.stated]\ngrand = {value}\n"
            )

        out.append(Payload(f"budgetcell-{name}", _lazy(f"budget-{name}.md", build), BUDGET_READERS))
    return out


def all_payloads() -> list[Payload]:
    return file_payloads() + draft_payloads() + budget_payloads() + form_payloads()


__all__ = [
    "APPLICATION_TEXT",
    "BUDGET_READERS",
    "DRAFT_READERS",
    "EXTERNAL_RELATIONS",
    "FILE_READERS",
    "FORM_FILE",
    "ROOT",
    "SOURCES",
    "XXE_DOCUMENT",
    "Payload",
    "_big_draft",
    "_big_text",
    "_dangling",
    "_dev_zero",
    "_directory",
    "_docx_with",
    "_elf",
    "_fifo",
    "_flipped",
    "_lazy",
    "_missing",
    "_name_too_long",
    "_not_a_directory",
    "_png",
    "_proc_mem",
    "_symlink_loop",
    "_truncated",
    "_unreadable",
    "_with_external_refs",
    "_write",
    "_xml_bomb_under_limit",
    "_zip_bomb",
    "all_payloads",
    "docx_bytes",
    "good_draft_text",
    "pdf_bytes",
    "real_source_text",
]
