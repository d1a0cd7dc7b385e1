"""Broken form files (TOML) for `forms check`: a part of the bad-input corpus (payloads.py)."""

from __future__ import annotations

from collections.abc import Callable

from tests.hardening.builders import FORM_FILE, Payload, _lazy

# ---------------------------------------------------------------------------------------------
# Forms (TOML)


def _form_edit(old: str, new: str, *, count: int = 1) -> Callable[[], str]:
    def build() -> str:
        text = FORM_FILE.read_text(encoding="utf-8")
        assert old in text, old
        return text.replace(old, new, count)

    return build


def _form_without_headings() -> str:
    text = FORM_FILE.read_text(encoding="utf-8")
    return text.split("[[headings]]", 1)[0]


def form_payloads() -> list[Payload]:
    g = ("forms-check",)
    name_line = 'name = "FINSAM Malmö – ansökan om projektmedel"'
    cases = {
        "oavslutad-text": _form_edit(name_line, 'name = "FINSAM Malmö'),
        "oavslutad-flerradstext": _form_edit(
            'Vid frågor kontakta FINSAM:s kansli, se www.finsamimalmo.se\n"""', "Vid frågor kontakta FINSAM:s kansli"
        ),
        "dubbel-nyckel": _form_edit(name_line, name_line + '\nname = "igen"'),
        "dubbel-tabell": lambda: FORM_FILE.read_text(encoding="utf-8") + '\n[page]\nsize = "A4"\n',
        "ogiltigt-datum": _form_edit(name_line, name_line + "\ncreated = 2020-02-30"),
        "fel-typ-max-pages": _form_edit("max_pages = 7", 'max_pages = "sju"'),
        "fel-typ-font-size": _form_edit("font_size = 11", "font_size = true"),
        "fel-typ-titel": _form_edit('title = "Bakgrund"', "title = 5"),
        "fel-typ-kategorier": _form_edit(
            'categories = ["Personal", "Externa tjänster", "Lokaler", "Övriga kostnader"]', 'categories = "Personal"'
        ),
        "fel-typ-rubriker": lambda: (
            FORM_FILE.read_text(encoding="utf-8")
            .split("[[headings]]", 1)[0]
            .replace(name_line, name_line + '\nheadings = "alla"')
        ),
        "saknar-id": _form_edit('id = "finsam-malmo"\n', ""),
        "saknar-rubriker": _form_without_headings,
        "rubrik-utan-nyckel": _form_edit('key = "bakgrund"\n', ""),
        "dubbla-rubriknycklar": _form_edit('key = "malgrupp"', 'key = "bakgrund"'),
        "okand-nyckel": _form_edit(name_line, name_line + '\ncolour = "röd"'),
        "okand-sidnyckel": _form_edit("font_size = 11", "font_size = 11\nfontsize = 11"),
        "lista-fel-typ": _form_edit("allowed_sizes = [11, 12]", 'allowed_sizes = ["elva", "tolv"]'),
        "lista-blandad": _form_edit('uncounted = ["underskrift"]', 'uncounted = ["underskrift", 5]'),
        "okand-rubrik-i-lista": _form_edit('uncounted = ["underskrift"]', 'uncounted = ["finns-inte"]'),
        "negativ-storlek": _form_edit("font_size = 11", "font_size = -11"),
        "nan-marginal": _form_edit("margin_top_cm = 2.5", "margin_top_cm = nan"),
        "oandlig-marginal": _form_edit("margin_top_cm = 2.5", "margin_top_cm = inf"),
        "jattemarginal": _form_edit("margin_left_cm = 2.5", "margin_left_cm = 30"),
        "jattetal": _form_edit("max_pages = 7", "max_pages = 99999999999999999999999"),
        "noll-sidor": _form_edit("max_pages = 7", "max_pages = 0"),
        "mall-trasig": _form_edit('title_template = "Ansökan: {{ title }}"', 'title_template = "Ansökan: {{ title"'),
        "mall-injektion": _form_edit(
            'title_template = "Ansökan: {{ title }}"',
            "title_template = \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"",
        ),
        "mall-include": _form_edit(
            'title_template = "Ansökan: {{ title }}"', "title_template = \"{% include '/etc/passwd' %}\""
        ),
        "okand-kontroll": lambda: FORM_FILE.read_text(encoding="utf-8") + "\n[checks.finns_inte]\nx = 1\n",
        "bara-kommentarer": lambda: "# bara en kommentar\n",
        "trasig-syntax": lambda: "= värde\n[[headings]\n",
        "styrtecken-i-text": _form_edit(name_line, 'name = "FINSAM\x01Malmö"'),
        "for-stor": lambda: FORM_FILE.read_text(encoding="utf-8") + "# " + "x" * 1_100_000 + "\n",
        "nastlad-djup": lambda: "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "feltyp-kontroll": lambda: FORM_FILE.read_text(encoding="utf-8").replace(
            "[checks.page_limit]", "[checks.page_limit]\nlevel = [1]"
        ),
    }
    out = [Payload(f"formular-{name}", _lazy(f"{name}.toml", build), g) for name, build in cases.items()]
    out.append(
        Payload("formular-giltigt", _lazy("finsam-malmo.toml", lambda: FORM_FILE.read_text(encoding="utf-8")), g)
    )
    out.append(
        Payload(
            "formular-utf16", _lazy("utf16.toml", lambda: FORM_FILE.read_text(encoding="utf-8").encode("utf-16")), g
        )
    )
    out.append(
        Payload(
            "formular-latin1",
            _lazy("latin1.toml", lambda: FORM_FILE.read_text(encoding="utf-8").encode("latin-1", "replace")),
            g,
        )
    )
    return out
