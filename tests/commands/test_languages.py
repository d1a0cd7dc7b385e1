"""Every command's usual success and error messages, rendered in Swedish and in English.

Each command runs in-process through `assistant.cli.main` twice, once per language. The English
output may hold no Swedish interface word and the Swedish output no English one; what the
commands print from the user's own data (form headings and guidance, library passages, file
names) is Swedish in both, so it is taken out before looking. The exit codes must not depend on
the language.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.core.i18n import set_language
from assistant.core.model.forms import load_form
from assistant.core.reuse.library import load_library
from assistant.usecases.drafts import create_draft

ROOT = Path(__file__).resolve().parents[2]
BUILTIN_ENTRY = "finsam-malmo-2020-make-it-work"

# Words of the Swedish interface that have no business in English output (whole words).
SWEDISH = [
    "sida",
    "sidor",
    "Skrev",
    "Skapade",
    "saknas",
    "Saknas",
    "fel",
    "användning",
    "tom",
    "gräns",
    "rubriker",
    "Klart",
    "finns",
    "katalogen",
    "Borttagen",
    "stycken",
    "Källa",
    "Sidgräns",
    "frivillig",
    "Inga",
    "förslag",
    "Anpassa",
    "Utbytt",
    "formuläret",
    "varning",
    "varningar",
    "Hela",
    "avbrutet",
    "importerade",
    "misslyckades",
    "Demoutkastet",
    "utan",
    "titel",
    "obligatoriska",
    "underskriftssida",
    "enligt",
    "ange",
    "väntar",
    "okänt",
    "redan",
    "katalog",
    "ingen",
    "filen",
    "utkastet",
    "Budgetkategorier",
    "räknas",
    "inte",
    "och",
    "är",
    "av",
    "för",
    "mycket",
    "kan",
    "ska",
    "mellan",
    "avsnitt",
    "Öppna",
    "med",
    "inbyggd",
    "egen",
]
# Phrases of the English interface that have no business in Swedish output.
ENGLISH = [
    "Wrote",
    "Created",
    "page",
    "pages",
    "limit",
    "Missing",
    "not found",
    "does not exist",
    "bad usage",
    "empty",
    "Done",
    "error",
    "errors",
    "warning",
    "warnings",
    "Removed",
    "passages",
    "Source",
    "optional",
    "No suggestions",
    "Adapt yourself",
    "Replaced",
    "the form",
    "Whole application",
    "interrupted",
    "imported",
    "failed",
    "demo draft",
    "untitled",
    "required",
    "signature page",
    "as laid out",
    "directory",
    "already exists",
    "no such file",
    "Budget categories",
    "Page limit",
    "must",
    "between",
    "Open with",
    "built-in",
    "own",
    "headings",
    "is valid",
]


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    exit_code: int


def _cases(w: Path) -> list[Case]:
    draft, form_file = str(w / "draft.md"), str(ROOT / "sections" / "finsam-malmo.toml")
    return [
        Case(("forms", "list"), 0),
        Case(("forms", "show", "finsam-malmo"), 0),
        Case(("forms", "check", form_file), 0),
        Case(("forms", "show", "no-such-form"), 2),
        Case(("forms", "visa"), 2),
        Case(("suggest", "--form", "finsam-malmo", "--section", "bakgrund", "-k", "many"), 2),
        Case(("library", "import"), 2),
        Case(("new", "--form", "finsam-malmo", "--title", "T", str(w / "new-{lang}.md")), 0),
        Case(("new", "--form", "finsam-malmo", "--from", str(w / "source.txt"), str(w / "from-{lang}.md")), 0),
        Case(("new", "--form", "no-such-form", "--title", "T", str(w / "x.md")), 2),
        Case(("new", "--form", "finsam-malmo", draft), 2),
        Case(("new", "--form", "finsam-malmo", str(w / "gone" / "x.md")), 2),
        Case(("new", "--form", "finsam-malmo", "a" * 300 + ".md"), 2),
        Case(("new", "--form", "finsam-malmo", "--start", "2027-13-01", str(w / "bad.md")), 2),
        Case(("new", "--form", "finsam-malmo", "--start", "2028-01-01", "--end", "2027-01-01", str(w / "bad.md")), 2),
        Case(
            ("new", "--form", "finsam-malmo", "--contact", "Per Ek, roll, org, 046-35 50 00, nej", str(w / "b.md")), 2
        ),
        Case(("new", "--form", "finsam-malmo", "--signatory", "A, B, C, D", str(w / "bad.md")), 2),
        Case(
            (
                "new",
                "--form",
                "finsam-malmo",
                "--from",
                str(ROOT / "tests" / "fixtures" / "library-sources" / "000_18e62940bd9f888a.txt"),
                "--municipality",
                "Lund",
                "--start",
                "2027-01-01",
                "--end",
                "2028-12-31",
                str(w / "facts-{lang}.md"),
            ),
            0,
        ),
        Case(("status", draft), 0),
        Case(("status", str(w / "missing.md")), 2),
        Case(("status", str(w)), 2),
        Case(("check", draft), 1),
        Case(("check", str(w / "broken.md")), 2),
        Case(("export", draft, "-o", str(w / "out-{lang}.docx")), 0),
        Case(("export", draft, "-o", str(w / "dir-{lang}" / "out.docx")), 0),
        Case(("export", draft, "-o", str(w / "out.txt")), 2),
        Case(("export", "--strict", draft), 1),
        Case(("export", draft, "-o", draft), 2),
        Case(("export", str(w / "linked.md")), 2),
        Case(("export", draft, "--review", "--since", "-o", str(w / "review-{lang}.docx")), 0),
        Case(("export", str(w / "broken.md"), "--review", "--since", "99"), 2),
        Case(("note", draft, "malgrupp", "60?"), 0),
        Case(("note", draft, "--list"), 0),
        Case(("note", draft, "no-such-section", "x"), 2),
        Case(("note", draft, "--resolve", "nzzzz"), 2),
        Case(("library", "import", "--form", "finsam-malmo", str(w / "source.txt")), 0),
        Case(("library", "import", str(w / "missing.txt")), 1),
        Case(("library", "list"), 0),
        Case(("library", "show", BUILTIN_ENTRY), 0),
        Case(("library", "show", "no-such-entry"), 2),
        Case(("library", "remove", BUILTIN_ENTRY), 2),
        Case(
            ("suggest", "--form", "finsam-malmo", "--section", "malgrupp", "--text", "unga vuxna", "--adapt", draft), 0
        ),
        Case(("suggest", "--form", "finsam-malmo", "--section", "bakgrund", "--text", "xqzv wplk"), 0),
        Case(("suggest", "--form", "finsam-malmo", "--section", "no-such-section"), 2),
        Case(("suggest", "--form", "finsam-malmo", "--section", "bakgrund", "-k", "0"), 2),
        Case(("status", draft, "--lang"), 2),
    ]


class Data:
    """Text the commands print from the user's files, Swedish whatever the language: names and
    headings inside interface lines, and whole lines of guidance, library and passage text."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.text: list[str] = []

    def add_forms(self) -> None:
        for form_id in ("finsam-malmo", "burlov-staffanstorp"):
            form = load_form(form_id)
            self.names |= {form.name, form.funder, *form.budget.categories}
            self.names |= {a.title for a in form.attachments}  # the checklist's names, as the form gives them
            for h in form.headings:
                self.names |= {h.display, h.display[:70], h.label, h.title}
                self.text.append(h.guidance)

    def add_library(self) -> None:
        for entry in load_library():
            self.names |= {entry.title, entry.title[:50], entry.organisation, entry.organisation[:24]}
            self.names |= {entry.source, entry.municipality, entry.funder}
            self.text += [s.heading for s in entry.sections] + [s.text for s in entry.sections]

    def add_suggestions(self, json_output: str) -> None:
        for item in json.loads(json_output):
            self.names |= {item["heading"], *(str(v) for v in item["source"].values())}
            self.text += [item["text"], item.get("adapted", {}).get("text", "")]

    def scrub(self, output: str, w: Path) -> str:
        """The output without the data: names replaced by ◊, lines of data text dropped."""
        haystack = " ".join(" ".join(t.split()) for t in self.text)
        kept = []
        for line in output.replace(str(w), "<tmp>").splitlines():
            bare = " ".join(line.strip().lstrip("→").split())
            if bare and bare not in haystack:
                kept.append(line)
        output = "\n".join(kept)
        for name in sorted((n for n in self.names if len(n) > 2), key=len, reverse=True):
            output = output.replace(name, "◊")
        return re.sub(r"⟦[^⟧]*⟧", "◊", output)  # names left in a passage for the writer to adapt


def _words_in(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(w)}(?![\wåäöÅÄÖ])", text)]


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ANSOKAN_DRAFTS", str(tmp_path / "drafts"))
    draft = create_draft("finsam-malmo", tmp_path / "draft.md", title="Unga i arbete").draft
    draft.organisation, draft.municipality = "Lunds kommun", "Lund"
    from assistant.usecases.drafts import save_draft

    save_draft(draft, force=True)
    (tmp_path / "broken.md").write_text('+++\nform = "finsam-malmo"\ntitle = 3\n+++\n', encoding="utf-8")
    shutil.copyfile(tmp_path / "draft.md", tmp_path / "linked.md")
    (tmp_path / "linked.docx").symlink_to(tmp_path / "elsewhere.docx")
    (tmp_path / "source.txt").write_text(
        "Bakgrund\n\nUnga vuxna i Lund behöver stöd för att komma i arbete och studier.\n\n"
        "Målgrupp\n\nUnga vuxna 18–29 år som står långt från arbetsmarknaden.\n",
        encoding="utf-8",
    )
    yield tmp_path
    set_language("sv")


def _run(case: Case, lang: str, w: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    args = [a.replace("{lang}", lang) for a in case.args]
    code = main(["--lang", lang, *args] if args[-1] != "--lang" else [*args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_every_message_in_both_languages(workspace, capsys, monkeypatch):
    data = Data()
    data.add_forms()
    runs = []
    for case in _cases(workspace):
        for lang in ("sv", "en"):
            if case.args[-1] == "--lang":  # the dangling flag: the environment decides
                monkeypatch.setenv("ANSOKAN_LANG", lang)
            code, out = _run(case, lang, workspace, capsys)
            monkeypatch.delenv("ANSOKAN_LANG", raising=False)
            assert code == case.exit_code, (case.args, lang, out)
            assert "Traceback" not in out and out.strip(), (case.args, lang, out)
            runs.append((case, lang, out))
        if case.args[0] == "suggest" and case.exit_code == 0:
            assert main([*case.args, "--json"]) == 0
            data.add_suggestions(capsys.readouterr().out)
    data.add_library()  # after the import, so the user's own entry is known too
    problems = []
    for case, lang, out in runs:
        scrubbed = data.scrub(out, workspace)
        if lang == "en" and (swedish := _words_in(scrubbed, SWEDISH)):
            problems.append(f"{' '.join(case.args)} [en] has {swedish}:\n{scrubbed}")
        if lang == "sv" and (english := _words_in(scrubbed, ENGLISH)):
            problems.append(f"{' '.join(case.args)} [sv] has {english}:\n{scrubbed}")
    assert not problems, "\n\n".join(problems)


def test_demo_path_only_follows_ansokan_lang(workspace, capsys, monkeypatch):
    monkeypatch.setenv("ANSOKAN_LANG", "en")
    assert main(["demo", "--path-only"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == workspace / "drafts" and path.is_file()
    assert main(["status", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Done: 67% of the required headings"


def test_status_percentage_is_formatted_for_each_language(workspace, capsys):
    assert main(["demo", "--path-only"]) == 0
    path = capsys.readouterr().out.strip()
    assert main(["--lang", "en", "status", path]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Done: 67% of the required headings"
    assert main(["status", path]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Klart: 67\u00a0% av de obligatoriska rubrikerna"
