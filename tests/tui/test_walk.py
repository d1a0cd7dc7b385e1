"""A whole application written through the interface, the way a project leader would.

Start screen → new draft → every section written → a suggestion taken, undone and adapted →
budget filled (with a bad cell marked, then fixed) → a finding seen and fixed from the check
screen → export → the .docx read back with python-docx.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx
from textual.widgets import Input, OptionList, Select, TextArea

from assistant.core.model.drafts import load_draft
from assistant.core.model.forms import load_form
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.budget import BudgetScreen
from assistant.tui.screens.checks import CheckScreen
from assistant.tui.screens.dialogs import SuggestionScreen
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.main import MainScreen
from assistant.tui.screens.start import NewDraftScreen, StartScreen
from assistant.tui.widgets.suggestions.suggestion_list import Suggestions

from .conftest import settle, shown, wait_until

SECTIONS = {
    "kontaktuppgifter": "Projektägare är Arbetsmarknadsförvaltningen i Lunds kommun. Kontaktperson är Anna Ek.",
    "bakgrund": "Många unga vuxna i Lund står långt från arbetsmarknaden och har behov av samordnat stöd "
    "från kommunen, Arbetsförmedlingen och Försäkringskassan.",
    "presentation": "Insatsen ger unga vuxna ett samordnat stöd mot arbete eller studier.",
    "tidsplan": "Projektet pågår från 2026-01-01 till 2027-12-31 med uppstart, genomförande och avslut.",
    "malgrupp": "Målgruppen är 60 unga vuxna, kvinnor och män, 18–29 år som saknar sysselsättning.",
    "mal": "Minst 40 procent av deltagarna går vidare till arbete eller studier efter insatsen.",
    "organisering": "Styrgruppen består av chefer från parterna och projektgruppen av tre handläggare.",
    "aktiviteter": "Kartläggning, individuell plan, praktik och stöd i studier.",
    "implementering": "Arbetssättet förs över till ordinarie verksamhet hos kommunen efter projektet.",
    "budget": "Parterna bidrar med lokaler och handledning utöver de sökta medlen.",
    "uppfoljning": "Deltagarna registreras i SUS och utfallet redovisas för kvinnor och män.",
    "underskrift": "",
}


def main_screen(app: AnsokanApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), f"expected the main screen, got {screen!r}"
    return screen


async def write_section(pilot, screen: MainScreen, text: str, *, typed: int = 0) -> None:
    """The first `typed` characters as keystrokes, the rest as one edit (as a paste would)."""
    editor = screen.query_one("#editor", TextArea)
    editor.focus()
    if typed:
        await pilot.press(*text[:typed])
    editor.insert(text[typed:])
    await pilot.pause()


def test_whole_application_through_the_interface(private_dirs: Path) -> None:
    asyncio.run(walk(private_dirs))


async def walk(private_dirs: Path) -> None:
    draft_path = private_dirs / "drafts" / "lund.md"
    app = AnsokanApp(None)
    async with app.run_test(size=(120, 40)) as pilot:
        # Start screen → "Ny ansökan" dialog.
        assert isinstance(app.screen, StartScreen)
        await pilot.click("#new")
        await wait_until(pilot, lambda: isinstance(app.screen, NewDraftScreen), what="the new-draft dialog")
        dialog = app.screen
        await pilot.press(*"Unga i Lund")
        dialog.query_one("#new-form", Select).value = "finsam-malmo"
        dialog.query_one("#new-path", Input).value = str(draft_path)
        await pilot.click("#create")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="the main screen")
        screen = main_screen(app)
        assert draft_path.is_file()
        assert screen.draft.title == "Unga i Lund"

        # The assistant introduces the first heading with the form's guidance.
        form = load_form("finsam-malmo")
        first = form.headings[0]
        await wait_until(
            pilot,
            lambda: any(first.guidance[:40] in m.text for m in screen.messages),
            what="the introduction of the first heading",
        )

        # Suggestions arrive for the (empty) section from its guidance, in a worker.
        await wait_until(pilot, lambda: screen.suggestions.answered is not None, what="first suggestions")

        # Write every section, moving on with /nästa typed in the command line.
        for key, text in SECTIONS.items():
            assert screen.draft.current == key
            if text:
                await write_section(pilot, screen, text, typed=3 if key == "kontaktuppgifter" else 0)
            if key == "kontaktuppgifter":  # typed in the command line once…
                screen.query_one("#command", Input).focus()
                await pilot.press(*"/nästa", "enter")
            elif key == "bakgrund":  # …moved on with the key once…
                await pilot.press("ctrl+n")
            elif key != "underskrift":  # …and then the same command run directly (keystrokes are slow here)
                await screen.run_command("/nästa")
            if key != "underskrift":
                await wait_until(pilot, lambda k=key: screen.draft.current != k, what=f"leaving {key}")
        assert "kvinnor och män" in screen.draft.text("malgrupp")

        # Go back to a section by number and take a suggestion: insert, undo, then adapt.
        screen.query_one("#command", Input).focus()
        screen.query_one("#command", Input).value = "/gå 3.2"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.draft.current == "malgrupp", what="/gå 3.2")
        before = screen.draft.text("malgrupp")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: screen.suggestions.answered == screen.composer.query_text() and screen.suggestions.listing.items,
            what="suggestions for Målgrupp",
            state=lambda: (screen.suggestions.answered, screen.suggestions.error, screen.composer.query_text()),
        )
        chosen = screen.query_one(Suggestions).chosen
        await pilot.press("f2")
        await pilot.pause()
        editor = screen.query_one("#editor", TextArea)
        assert chosen.text.strip()[:30] in editor.text
        assert len(screen.draft.sources) == 1, "a taken suggestion is recorded as a source"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.draft.text("malgrupp") == before, "one Ctrl+Z undoes a taken suggestion"
        screen.save_now()
        await settle(pilot)
        assert screen.draft.sources == [], "an undone suggestion is no longer a source"

        await pilot.press("f6")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, SuggestionScreen) and not app.screen.adapting,
            what="the adapted suggestion",
        )
        adapted = app.screen.adapted
        await pilot.click("#append")
        await wait_until(pilot, lambda: app.screen is screen, what="back from the adapt dialog")
        taken = (adapted.text if adapted is not None else chosen.text).strip()
        assert screen.draft.text("malgrupp").endswith(taken.split("\n")[-1].strip()[-30:])
        assert screen.draft.text("malgrupp").startswith(before[:20])
        assert [s["section"] for s in screen.draft.sources] == ["malgrupp"]

        # Budget: the period gives the years; a bad cell is marked, then fixed.
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
        budget_screen = app.screen
        start = budget_screen.query_one("#period-start", Input)
        start.value = "2026-01-01"
        start.focus()
        end = budget_screen.query_one("#period-end", Input)
        end.value = "2027-12-31"
        end.focus()
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                bool(budget_screen.query("#cell-0-2027")) and app.focused is not None and app.focused.has_class("cell")
            ),
            what="budget table with 2027, first cell focused",
        )
        cell = budget_screen.query_one("#cell-0-2026", Input)
        cell.focus()
        await pilot.press(*"6x")
        await wait_until(
            pilot,
            lambda: cell.has_class("bad"),
            what="the bad cell marked",
            state=lambda: (cell.value, app.focused, cell.tooltip),
        )
        assert "inget belopp" in str(cell.tooltip)
        await pilot.press("backspace")
        await wait_until(pilot, lambda: not cell.has_class("bad"), what="the fixed cell")
        cell.value = "600 000"
        budget_screen.query_one("#cell-0-2027", Input).value = "650 000"
        budget_screen.query_one("#cell-1-2026", Input).value = "1,2 mkr"
        await pilot.pause()
        assert "2 450 000" in str(budget_screen.query_one("#grandtotal").render()).replace("\u00a0", " ")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: bool(budget_screen.query("#item-text-0")), what="a new budget item")
        budget_screen.query_one("#item-text-0", Input).value = "Projektledare 100 %"
        budget_screen.query_one("#item-total-0", Input).value = "1 250 000"
        await pilot.pause()
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, what="back from the budget")
        assert screen.draft.start.isoformat() == "2026-01-01"
        assert screen.draft.budget.cell("Personal", 2026) == "600 000"
        assert screen.draft.budget.cell("Externa tjänster", 2026) == "1,2 mkr"

        # A finding: a placeholder left in Bakgrund. The check screen lists it; choosing it jumps there.
        await screen.go_to("2")
        editor = screen.query_one("#editor", TextArea)
        editor.insert(" TODO: siffror från kommunen.")
        await pilot.pause()
        await pilot.press("f8")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, CheckScreen) and app.screen.report is not None,
            what="the check report",
        )
        check = app.screen
        todo = [f for f in check.grouped.get("bakgrund", []) if "TODO" in f.message]
        assert todo, "the placeholder is reported under Bakgrund"
        await screen.go_to("1")  # jump back from elsewhere to prove choosing the finding moves us
        findings = check.query_one("#findings", OptionList)
        index = next(
            i
            for i in range(findings.option_count)
            if (findings.get_option_at_index(i).id or "").startswith("bakgrund:")
        )
        findings.highlighted = index
        findings.focus()
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: app.screen is screen and screen.draft.current == "bakgrund", what="jump to Bakgrund"
        )
        editor.load_text(editor.text.replace(" TODO: siffror från kommunen.", " Siffror från kommunen."))
        await pilot.pause()
        screen.sync_editor()
        from assistant.core.checks import check_section

        assert not [f for f in check_section(screen.draft, "bakgrund") if "TODO" in f.message]

        # Export to Word (no PDF here; LibreOffice has its own test) and read the file back.
        out = private_dirs / "export" / "lund.docx"
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="export dialog")
        export = app.screen
        export.query_one("#export-path", Input).value = str(out)
        export.query_one("#export-pdf").value = False
        await pilot.click("#export-go")
        await wait_until(pilot, lambda: shown(export, "#export-result"), what="export finished", timeout=60)
        assert export.result is not None and export.result.docx == out and out.is_file()
        assert str(out) in str(export.query_one("#export-result").render())
        await pilot.click("#export-close")
        await wait_until(pilot, lambda: app.screen is screen, what="back from export")

        await pilot.press("ctrl+q")

    # The saved draft and the Word file hold what was written.
    saved = load_draft(draft_path)
    assert saved.text("bakgrund").endswith("Siffror från kommunen.")
    assert saved.budget.cell("Personal", 2027) == "650 000"
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in form.headings:
        assert any(heading.title in h for h in headings), f"{heading.display} is a heading in the .docx"
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Minst 40 procent av deltagarna" in body
