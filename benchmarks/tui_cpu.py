"""The interface's own CPU cost of what a writer does most, measured headless on the shipped demo
at 120x40 (CPU seconds of the whole process, threads included, so the machine's load barely counts):

    python benchmarks/tui_cpu.py [--keys 50] [--opens 4]

Prints:
- editor keystroke: CPU per letter typed into the main screen's editor, each key awaited until the
  app is idle (the section label's word count, the suggestions' and the page meter's debounces
  included); target 15 ms;
- budget keystroke: CPU per key typing digits into the compiled table's first cell, each key
  awaited until the app is idle (totals, marks and the key bar included); target 40 ms;
- budget screen: CPU to open it (F7) from the main screen, median of --opens; target 0.8 s;
- help screen: CPU to open it (F1), median of --opens; target 0.6 s;
- outline redrawn: CPU per redraw of the main screen's outline with nothing changed (as after a
  check that found what the last one found), each awaited until idle; target 5 ms;
- suggestions shown: CPU per showing the five suggestions of a search again, each awaited until
  idle; target 15 ms;
- key bar: how many times the key bars are composed in a walk (F7, 15 Tabs, 2 digits, Escape,
  3 letters, 5 Tabs, F1, Escape); the screens' bars are built once each and again only when the
  keys they show change (Textual's footer rebuilt itself on every focus change: 51 a walk).

The budget's fields are SizedInputs (widgets/sized_input.py): typing redraws a field instead of
laying the screen out. What remains per key is mostly Textual's own drawing; opening a screen is
Textual building and styling its widgets.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KEY_TARGET_MS = 40.0
EDITOR_KEY_TARGET_MS = 15.0
BUDGET_OPEN_TARGET_S = 0.8
HELP_OPEN_TARGET_S = 0.6
KEYBAR_WALK_TARGET = 20
OUTLINE_TARGET_MS = 5.0
SUGGESTIONS_TARGET_MS = 15.0


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def demo_copy() -> Path:
    work = Path(tempfile.mkdtemp(prefix="ansokan-bench-"))
    for name in ("STATE", "CONFIG", "CACHE", "DRAFTS"):
        (work / name.lower()).mkdir()
        os.environ[f"ANSOKAN_{name}"] = str(work / name.lower())
    from assistant.core.storage import paths

    target = work / "drafts" / "demo.md"
    target.write_bytes(paths.demo_draft().read_bytes())
    return target


async def measure(draft_path: Path, keys: int, opens: int) -> dict[str, float]:
    from assistant.core.model.drafts import load_draft
    from assistant.tui.app import AnsokanApp
    from assistant.tui.screens.budget import BudgetScreen
    from assistant.tui.screens.dialogs import HelpScreen
    from assistant.tui.screens.main import MainScreen
    from assistant.tui.widgets.keybar import KeyBar
    from assistant.tui.widgets.outline.outline import Outline
    from assistant.tui.widgets.suggestions.suggestion_list import Suggestions

    composes = [0]
    compose = KeyBar.compose

    def counted(self: KeyBar):  # type: ignore[no-untyped-def]
        composes[0] += 1
        return compose(self)

    KeyBar.compose = counted  # type: ignore[method-assign]
    app = AnsokanApp(load_draft(draft_path))
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:

        async def until(kind: type) -> None:
            while not isinstance(app.screen, kind):
                await pilot.pause()
            await pilot.pause()

        while not (isinstance(app.screen, MainScreen) and app.focused is not None and app.focused.id == "editor"):
            await pilot.pause(0.005)
        await app.workers.wait_for_complete()
        await pilot.pause()
        outline, suggestions = app.screen.query_one(Outline), app.screen.query_one(Suggestions)
        items = list(suggestions.items)
        for name, redraw in (("outline_ms", outline.redraw), ("suggestions_ms", lambda: suggestions.show(items))):
            start = cpu()
            for _ in range(20):
                redraw()
                await pilot.pause()
            out[name] = (cpu() - start) / 20 * 1000
        start = cpu()
        for key in ("hej och hopp " * (keys // 13 + 1))[:keys]:
            await pilot.press(key)
        await pilot.pause()
        out["editor_key_ms"] = (cpu() - start) / keys * 1000
        await app.workers.wait_for_complete()
        budget_opens, help_opens = [], []
        for _ in range(opens):
            start = cpu()
            await pilot.press("f7")
            await until(BudgetScreen)
            budget_opens.append(cpu() - start)
            await pilot.press("escape")
            await until(MainScreen)
            start = cpu()
            await pilot.press("f1")
            await until(HelpScreen)
            help_opens.append(cpu() - start)
            await pilot.press("escape")
            await until(MainScreen)
        out["budget_open"], out["help_open"] = statistics.median(budget_opens), statistics.median(help_opens)

        await pilot.press("f7")
        await until(BudgetScreen)
        start = cpu()
        for key in ("1234567890" * (keys // 10 + 1))[:keys]:
            await pilot.press(key)
        await pilot.pause()
        out["budget_key_ms"] = (cpu() - start) / keys * 1000
        await pilot.press("escape")
        await until(MainScreen)

        before = composes[0]
        await pilot.press("f7")
        await until(BudgetScreen)
        for _ in range(15):
            await pilot.press("tab")
        await pilot.press(*"12", "escape")
        await until(MainScreen)
        await pilot.press(*"abc", *["tab"] * 5, "f1")
        await until(HelpScreen)
        await pilot.press("escape")
        await until(MainScreen)
        out["keybar_composes"] = composes[0] - before
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=50)
    parser.add_argument("--opens", type=int, default=4)
    args = parser.parse_args()
    figures = asyncio.run(measure(demo_copy(), args.keys, args.opens))
    print(f"load average {os.getloadavg()[0]:.1f}")
    rows = [
        (
            "editor keystroke",
            f"{figures['editor_key_ms']:.1f} ms CPU",
            figures["editor_key_ms"] <= EDITOR_KEY_TARGET_MS,
        ),
        ("budget keystroke", f"{figures['budget_key_ms']:.1f} ms CPU", figures["budget_key_ms"] <= KEY_TARGET_MS),
        ("budget screen (F7)", f"{figures['budget_open']:.2f} s CPU", figures["budget_open"] <= BUDGET_OPEN_TARGET_S),
        ("help screen (F1)", f"{figures['help_open']:.2f} s CPU", figures["help_open"] <= HELP_OPEN_TARGET_S),
        ("outline redrawn", f"{figures['outline_ms']:.1f} ms CPU", figures["outline_ms"] <= OUTLINE_TARGET_MS),
        (
            "suggestions shown",
            f"{figures['suggestions_ms']:.1f} ms CPU",
            figures["suggestions_ms"] <= SUGGESTIONS_TARGET_MS,
        ),
        (
            "key bar composes a walk",
            f"{figures['keybar_composes']:.0f}",
            figures["keybar_composes"] <= KEYBAR_WALK_TARGET,
        ),
    ]
    for what, figure, ok in rows:
        print(f"{what:26} {figure:>14}  {'ok' if ok else 'over target'}")


if __name__ == "__main__":
    main()
