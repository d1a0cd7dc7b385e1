"""Shared fixtures for the terminal interface: private user dirs and a way to wait on conditions."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet
from textual.pilot import WaitForScreenTimeout
from textual.worker import WorkerCancelled, WorkerFailed

from assistant.core.storage import paths

FIXTURES = Path(__file__).parent / "fixtures"


def _share_parsed_css() -> None:
    """Textual parses every stylesheet source again for each app (its parse cache lives in the app's
    Stylesheet, and a reparse starts a fresh one): ~37 parses, ~0.13 s of CPU an app, a test or more
    each. Here the parsed rules are kept for the whole process, keyed as Textual keys them plus the
    CSS variables they were parsed with. Textual already shares one parse's RuleSets between every
    widget of an app and never changes them after parsing (textual/css/stylesheet.py, model.py), so
    apps sharing them see what a parse of their own would give."""
    parse_rules = Stylesheet._parse_rules
    parsed: dict[tuple, list] = {}

    def shared(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):  # type: ignore[no-untyped-def]
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        rules = parsed.get(key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                parsed[key] = rules
        return rules

    Stylesheet._parse_rules = shared  # type: ignore[method-assign]


_share_parsed_css()


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own state, config, cache and drafts folders (never the user's)."""
    for name in ("STATE", "CONFIG", "CACHE", "DRAFTS"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(f"ANSOKAN_{name}", str(folder))
    monkeypatch.delenv("ANSOKAN_LANG", raising=False)
    monkeypatch.delenv("ANSOKAN_LIBRARY", raising=False)
    return tmp_path


async def wait_until(pilot, condition, *, timeout: float = 20.0, what: str = "condition", state=None) -> None:
    """Let the app process messages until `condition()` holds (workers run in threads meanwhile).

    `state()` describes what the app showed instead, for the failure message."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}" + (f"; app state: {state()}" if state else ""))
        await pilot.pause()


async def run_from_palette(pilot, query: str, best: str) -> None:
    """Ctrl+P, type `query`, wait until the first hit reads `best`, and pick it."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), what="the palette")
    await pilot.press(*query)
    commands = pilot.app.screen.query_one(CommandList)

    def first() -> str:
        return str(commands.get_option_at_index(0).prompt) if commands.option_count else ""

    await wait_until(pilot, lambda: best in first(), what=f"{best!r} as the best hit", state=first)
    if commands.highlighted is None:
        await pilot.press("down")
    await pilot.press("enter")


def shown(screen, selector: str) -> str:
    """The text a widget shows now (empty until something is shown)."""
    return str(screen.query_one(selector).render())


def plain(text: str) -> str:
    """Amounts as typed: the no-break spaces of Swedish thousands ("1 255 000 kr") as spaces."""
    return text.replace("\u00a0", " ")


async def settle(pilot) -> None:
    """Until every worker (searches, estimates, checks, saves) has finished and its message is handled."""
    app = pilot.app
    await pause_patiently(pilot)
    while app.workers:
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete()
        await pause_patiently(pilot)


async def pause_patiently(pilot, *, rounds: int = 6) -> None:
    """`pilot.pause()`, which gives up after 30 s of pending messages: a backlog of hundreds of keys
    typed at a machine's pace on a loaded machine (load 9 on 2 cores) takes longer than that to work
    through. Waits up to `rounds` times as long before it fails."""
    for _ in range(rounds - 1):
        try:
            await pilot.pause()
            return
        except WaitForScreenTimeout:
            continue
    await pilot.pause()


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped demo draft."""
    target = tmp_path / "drafts" / "demo.md"
    target.write_bytes(paths.demo_draft().read_bytes())
    return target
