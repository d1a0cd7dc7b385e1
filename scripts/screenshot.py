"""Save docs/screenshot.svg: the main screen on the demo draft with suggestions, 120×40.

python scripts/screenshot.py [OUT.svg]
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def shoot(out: Path) -> None:
    from assistant.core.model.drafts import load_draft
    from assistant.core.storage import paths
    from assistant.tui.app import AnsokanApp
    from assistant.tui.screens.main import MainScreen
    from assistant.tui.widgets.outline.page_meter import PageMeter

    def ready() -> bool:
        screen = app.screen
        return (
            isinstance(screen, MainScreen)
            and screen.suggestions.answered is not None
            and screen.query_one(PageMeter).estimate is not None
        )

    work = Path(tempfile.mkdtemp(prefix="ansokan-shot-"))
    for name in ("STATE", "CONFIG", "CACHE", "DRAFTS"):
        (work / name.lower()).mkdir()
        os.environ[f"ANSOKAN_{name}"] = str(work / name.lower())
    draft = work / "drafts" / paths.demo_draft().name
    draft.write_bytes(paths.demo_draft().read_bytes())
    app = AnsokanApp(load_draft(draft))
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 30
        while not ready():
            if time.monotonic() > deadline:
                raise SystemExit("the main screen did not get ready")
            await pilot.pause()
        app.screen.query_one("#editor").cursor_blink = False
        await pilot.pause()
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))
    print(out)


if __name__ == "__main__":
    asyncio.run(shoot(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.svg"))
