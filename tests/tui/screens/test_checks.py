"""The check screen: a carried-over figure is confirmed with one key, undone with Ctrl+Z, and the
main screen saves the confirmation when the screen closes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import OptionList

from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.model.drafts.carried import carry_over
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.checks import CheckScreen
from assistant.tui.screens.main import MainScreen

from ..conftest import settle, wait_until

ORIGIN = "Case management, Malmö stad 2017"


def carried_draft(path: Path) -> list[str]:
    """The demo with two figures of its Målgrupp remembered as carried over from Malmö."""
    draft = load_draft(path)
    draft.sections["malgrupp"] += "\n\nInsatsen når 120 deltagare, varav 40 % kvinnor."
    facts = carry_over(draft.carried, "malgrupp", "120 deltagare, varav 40 % kvinnor", ORIGIN)
    save_draft(draft)
    return [f.id for f in facts]


def carried_ids(screen: CheckScreen) -> list[str]:
    return [f.ref for items in screen.grouped.values() for f in items if f.code == "carried"]


def test_a_carried_figure_is_confirmed_with_one_key_undone_with_ctrl_z_and_saved(demo_copy: Path) -> None:
    first, second = carried_draft(demo_copy)

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            main = app.screen
            await pilot.press("f8")
            await wait_until(
                pilot, lambda: isinstance(app.screen, CheckScreen) and app.screen.report is not None, what="report"
            )
            check = app.screen
            assert carried_ids(check) == [first, second]
            findings = check.query_one("#findings", OptionList)

            # On a finding that is no carried figure the key only says what it is for.
            findings.highlighted = next(
                i for i in range(findings.option_count) if not findings.get_option_at_index(i).disabled
            )
            if check.highlighted_finding().code != "carried":
                await pilot.press("ctrl+k")
                await settle(pilot)
                assert carried_ids(check) == [first, second]

            findings.highlighted = next(
                i for i in range(findings.option_count) if getattr(check.finding_at(i), "ref", "") == first
            )
            await pilot.press("ctrl+k")
            await wait_until(pilot, lambda: carried_ids(check) == [second], what="the first figure gone")
            assert check.changed and main.draft.carried[0].confirmed

            await pilot.press("ctrl+z")
            await wait_until(pilot, lambda: carried_ids(check) == [first, second], what="asked again")
            assert not check.changed and not main.draft.carried[0].confirmed

            await pilot.press("ctrl+k")  # the highlight stayed on the same row
            await wait_until(pilot, lambda: carried_ids(check) == [second], what="confirmed again")
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main, what="back in the main screen")
            await settle(pilot)

        saved = load_draft(demo_copy)
        assert [f.id for f in saved.carried if f.confirmed] == [first]
        assert [f.id for f in saved.carried if not f.confirmed] == [second]

    asyncio.run(go())


def test_a_carried_name_says_to_write_the_right_name_and_is_confirmed_with_the_same_key(demo_copy: Path) -> None:
    draft = load_draft(demo_copy)
    draft.sections["malgrupp"] += "\n\nProjektledare Lena Oxelgren leder arbetet."
    [person] = carry_over(draft.carried, "malgrupp", "", ORIGIN, [("person", "Lena Oxelgren")])
    save_draft(draft)

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await pilot.press("f8")
            await wait_until(
                pilot, lambda: isinstance(app.screen, CheckScreen) and app.screen.report is not None, what="report"
            )
            check = app.screen
            findings = check.query_one("#findings", OptionList)
            row = next(i for i in range(findings.option_count) if getattr(check.finding_at(i), "ref", "") == person.id)
            shown = str(findings.get_option_at_index(row).prompt)
            assert "namnet ”Lena Oxelgren”" in shown and "skriv rätt namn, eller bekräfta det med Ctrl+K" in shown
            findings.highlighted = row
            await pilot.press("ctrl+k")
            await wait_until(pilot, lambda: person.id not in carried_ids(check), what="the name confirmed")

    asyncio.run(go())


@pytest.mark.parametrize(("lang", "size"), [("sv", (120, 40)), ("en", (80, 24))])
def test_a_carried_organisation_is_confirmed_with_the_same_key_in_every_section(
    demo_copy: Path, lang: str, size: tuple[int, int]
) -> None:
    from assistant.tui.i18n import set_lang

    draft = load_draft(demo_copy)
    ids = []
    for key in ("malgrupp", "organisering"):
        draft.sections[key] += "\n\nArbetet leds från Lärvux."
        ids += [f.id for f in carry_over(draft.carried, key, "", ORIGIN, [("organisation", "Lärvux")])]
    save_draft(draft)

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code=lang)
        async with app.run_test(size=size) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await pilot.press("f8")
            await wait_until(
                pilot, lambda: isinstance(app.screen, CheckScreen) and app.screen.report is not None, what="report"
            )
            check = app.screen
            assert set(ids) <= set(carried_ids(check))
            findings = check.query_one("#findings", OptionList)
            row = next(i for i in range(findings.option_count) if getattr(check.finding_at(i), "ref", "") == ids[0])
            shown = " ".join(str(findings.get_option_at_index(row).prompt).split())
            if lang == "sv":
                assert "organisationen ”Lärvux”" in shown and "skriv er egen organisation" in shown
            else:
                assert "the organisation “Lärvux”" in shown and "write your own organisation" in shown
            findings.highlighted = row
            await pilot.press("ctrl+k")
            await wait_until(pilot, lambda: not set(ids) & set(carried_ids(check)), what="confirmed in both sections")

    try:
        asyncio.run(go())
    finally:
        set_lang("sv")
