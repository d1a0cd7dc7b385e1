"""How quickly the commands and the interface start, and how quickly suggestions follow typing.

    python benchmarks/startup.py [--runs 5] [--keys 20] [--cold-runs 7] [--cli-only]

Prints:
- reference: a bare `python -c 'import docx'` in a fresh process, measured in the same run, so
  the figures below can be read against this machine's speed and load;
- cold `ansokan check DEMO` and `ansokan export DEMO -o X`: each run a fresh process, median of
  --cold-runs, wall time and CPU time (user + system: on a loaded machine the steadier figure), with the font metrics cache warm (the usual case) and cold (the first run on a
  machine); target 300 ms each on an idle machine. Python's compiled files are written to a
  private directory and used, as an installed package's are (PYTHONDONTWRITEBYTECODE is dropped);
- import: importing the interface (Textual and our screens; no python-docx, no index);
- to interactive (headless): from creating the app to the main screen with the editor focused
  on the shipped demo draft, with the built-in library (target < 1 s);
- to interactive (terminal): a real `python -m assistant open demo.md` in tmux, until the main
  screen (outline, editor and its section label) is on screen, target 600 ms (a bare Textual
  app takes about 350 ms), and the CPU time the app had used by then (Linux); when tmux is installed;
- keystroke → suggestions: from a typed key to the refreshed suggestions panel, debounce
  included (target < 150 ms), median and worst of --keys keystrokes;
- which heavy modules were loaded when the editor got the focus (only workers may load them).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HEAVY = ("docx", "pypdf", "assistant.core.document.export", "assistant.core.document.office")
COMMAND_TARGET_S = 0.3
TERMINAL_TARGET_S = 0.6


def private_dirs() -> Path:
    work = Path(tempfile.mkdtemp(prefix="ansokan-bench-"))
    for name in ("STATE", "CONFIG", "CACHE", "DRAFTS"):
        (work / name.lower()).mkdir()
        os.environ[f"ANSOKAN_{name}"] = str(work / name.lower())
    return work


def demo_copy(work: Path) -> Path:
    from assistant.core.storage import paths

    target = work / "drafts" / "demo.md"
    target.write_bytes(paths.demo_draft().read_bytes())
    return target


async def headless_start(draft_path: Path) -> tuple[float, list[str]]:
    from assistant.core.model.drafts import load_draft
    from assistant.tui.app import AnsokanApp
    from assistant.tui.screens.main import MainScreen

    started = time.perf_counter()
    app = AnsokanApp(load_draft(draft_path))
    async with app.run_test(size=(120, 40)) as pilot:
        while not (
            isinstance(app.screen, MainScreen)
            and app.screen.messages
            and app.focused is not None
            and app.focused.id == "editor"
        ):
            await pilot.pause(0.005)
        elapsed = time.perf_counter() - started
        heavy = [m for m in HEAVY if m in sys.modules]
        await pilot.press("ctrl+q")
    return elapsed, heavy


async def keystroke_latency(draft_path: Path, keys: int) -> list[float]:
    """From sending the key to the suggestions shown for the text with it."""
    from assistant.core.model.drafts import load_draft
    from assistant.tui.app import AnsokanApp
    from assistant.tui.screens.main import MainScreen

    app = AnsokanApp(load_draft(draft_path))
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, MainScreen) and app.screen.suggestions.answered is not None):
            await pilot.pause(0.01)
        screen = app.screen
        editor = screen.query_one("#editor")
        editor.focus()
        editor.move_cursor(editor.document.end)
        for _i, key in zip(range(keys), "deltagarna arbetar med stöd i studier".replace(" ", "") * 5, strict=False):
            pressed = time.perf_counter()
            await pilot.press(key)
            while screen.suggestions.answered != screen.composer.query_text():
                await asyncio.sleep(0.001)
            latencies.append(time.perf_counter() - pressed)
        await pilot.press("ctrl+q")
    return latencies


def fresh_process_env(work: Path, cache: Path) -> dict[str, str]:
    """The environment of a fresh `ansokan` process: the private dirs, `cache` as its cache, and
    compiled files kept (in a private prefix) as an installed package keeps them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(ANSOKAN_CACHE=str(cache), PYTHONPYCACHEPREFIX=str(work / "pycache"), PYTHONPATH=str(ROOT))
    return env


def ansokan_command() -> list[str]:
    """The installed `ansokan` script beside this Python, else `python -m assistant`."""
    script = Path(sys.executable).with_name("ansokan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]


def timed_process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one fresh process: the CPU time holds when
    other work loads the machine, the wall time does not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_commands(work: Path, draft_path: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    """(Wall, CPU) seconds per fresh process: the bare python-docx import and the two commands, the font
    cache warm and cold; interleaved, so a change in the machine's load touches all alike."""
    warm_cache = work / "cache-warm"
    out = work / "export" / "ut.docx"
    out.parent.mkdir()
    ansokan = ansokan_command()
    commands = {
        "import docx": [sys.executable, "-c", "import docx"],
        "check": [*ansokan, "check", str(draft_path)],
        "export": [*ansokan, "export", str(draft_path), "-o", str(out)],
    }
    for command in commands.values():  # compiles the modules once and fills the warm cache
        timed_process(command, fresh_process_env(work, warm_cache))
    times: dict[str, list[tuple[float, float]]] = {}
    for run in range(runs):
        for name, command in commands.items():
            times.setdefault(name, []).append(timed_process(command, fresh_process_env(work, warm_cache)))
            if name != "import docx":
                cold_cache = work / f"cache-cold-{name}-{run}"
                times.setdefault(f"{name}, cold font cache", []).append(
                    timed_process(command, fresh_process_env(work, cold_cache))
                )
    return times


def print_cold_commands(times: dict[str, list[tuple[float, float]]]) -> None:
    reference = statistics.median(wall for wall, _ in times["import docx"])
    reference_cpu = statistics.median(cpu for _, cpu in times["import docx"])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"cold start, fresh processes, median of {len(times['import docx'])} (load average {load}), wall and CPU:")
    print(f"  python -c 'import docx' (reference):  {1000 * reference:5.0f} ms  CPU {1000 * reference_cpu:4.0f} ms")
    for name, runs in times.items():
        if name == "import docx":
            continue
        median = statistics.median(wall for wall, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        if "cold font" in name:
            note = "the first run on a machine"
        else:
            verdict = "ok" if median <= COMMAND_TARGET_S else "over"
            note = f"target ≤ {1000 * COMMAND_TARGET_S:.0f} ms: {verdict}"
        print(
            f"  ansokan {name + ':':<30} {1000 * median:5.0f} ms  CPU {1000 * cpu:4.0f} ms"
            f"  ({median / reference:.1f}× the reference, CPU {cpu / reference_cpu:.1f}×; {note})"
        )


def _process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a running process has used so far (Linux /proc), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _app_process(pane_pid: int) -> int | None:
    """The Python the pane's shell started (its child), else the shell itself."""
    try:
        children = Path(f"/proc/{pane_pid}/task/{pane_pid}/children").read_text().split()
    except OSError:
        return None
    return int(children[0]) if children else pane_pid


# A bare Textual app, the reference for the terminal start: one line of text on screen.
BARE_TEXTUAL = (
    "from textual.app import App\nfrom textual.widgets import Static\n"
    "class Bare(App):\n    def compose(self):\n        yield Static('bare app up')\n"
    "Bare().run()\n"
)


def terminal_start(draft_path: Path, work: Path, *, bare: bool = False) -> tuple[float, float | None] | None:
    """Wall seconds until the outline is on screen (`bare`: a bare Textual app's line), and the app's CPU
    seconds by then (None off Linux)."""
    if shutil.which("tmux") is None:
        return None
    script = work / "bare_textual.py"
    script.write_text(BARE_TEXTUAL, encoding="utf-8")
    program = f"'{script}'" if bare else f"-m assistant open '{draft_path}'"
    session = f"ansokan-bench-{os.getpid()}"
    env = " ".join(f"{k}='{v}'" for k, v in os.environ.items() if k.startswith("ANSOKAN_"))
    env = f"env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX='{work / 'pycache'}' {env}"
    started = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "120",
            "-y",
            "40",
            f"cd '{ROOT}' && {env} '{sys.executable}' {program}; sleep 5",
        ],
        check=True,
    )
    try:
        while time.perf_counter() - started < 30:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            # the editor's label: the main screen is up
            if (bare and "bare app up" in shown) or (not bare and (" ord · " in shown or " words · " in shown)):
                wall = time.perf_counter() - started
                pane = subprocess.run(
                    ["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"], capture_output=True, text=True
                ).stdout.split()
                app = _app_process(int(pane[0])) if pane else None
                return wall, (_process_cpu(app) if app is not None else None)
            time.sleep(0.01)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--cli-only", action="store_true", help="only the cold command starts")
    args = parser.parse_args()
    work = private_dirs()
    draft_path = demo_copy(work)
    print_cold_commands(cold_commands(work, draft_path, args.cold_runs))
    if args.cli_only:
        shutil.rmtree(work, ignore_errors=True)
        return

    started = time.perf_counter()
    import assistant.tui.app  # noqa: F401
    from assistant.tui.widgets.suggestions.panel import SUGGEST_DELAY

    print(f"import of the interface:          {1000 * (time.perf_counter() - started):7.0f} ms")
    # One warm-up builds the library index in the (private) cache, as the first run on a machine does.
    first, heavy = asyncio.run(headless_start(draft_path))
    print(f"first start (builds the index):   {1000 * first:7.0f} ms")
    times = [asyncio.run(headless_start(draft_path))[0] for _ in range(args.runs)]
    print(
        f"to interactive, headless:         {1000 * statistics.median(times):7.0f} ms median, "
        f"{1000 * max(times):.0f} ms worst of {args.runs}  (target < 1000 ms)"
    )
    terminal_start(draft_path, work)  # compiles the interface's modules once, as an install has them
    terminal_start(draft_path, work, bare=True)
    terminal, reference = [], []
    for _ in range(min(args.runs, 3)):  # interleaved, so the machine's load touches both alike
        terminal.append(terminal_start(draft_path, work))
        reference.append(terminal_start(draft_path, work, bare=True))
    shown_bare = [r for r in reference if r is not None]
    if shown_bare:
        cpus = [cpu for _, cpu in shown_bare if cpu is not None]
        cpu = f", CPU {1000 * statistics.median(cpus):.0f} ms" if cpus else ""
        print(
            f"bare Textual app, real terminal:  {1000 * statistics.median(w for w, _ in shown_bare):7.0f} ms median{cpu} (reference)"
        )
    terminal = [t for t in terminal if t is not None]
    if terminal:
        median = statistics.median(wall for wall, _ in terminal)
        cpus = [cpu for _, cpu in terminal if cpu is not None]
        cpu = f", CPU {1000 * statistics.median(cpus):.0f} ms" if cpus else ""
        print(
            f"to interactive, real terminal:    {1000 * median:7.0f} ms median{cpu} "
            f"(tmux, includes starting Python; outline on screen, target ≤ {1000 * TERMINAL_TARGET_S:.0f} ms, "
            f"{'ok' if median <= TERMINAL_TARGET_S else 'over'})"
        )
    latencies = asyncio.run(keystroke_latency(draft_path, args.keys))
    print(
        f"keystroke → suggestions (pilot):  {1000 * statistics.median(latencies):7.0f} ms median, "
        f"{1000 * max(latencies):.0f} ms worst of {len(latencies)}  (target < 150 ms, debounce included;"
        f" debounce {1000 * SUGGEST_DELAY:.0f} ms; includes the test driver's own wait)"
    )
    print(
        f"heavy modules loaded when the editor has the focus: {', '.join(heavy) or 'none'}"
        " (the page estimate may have started in its worker thread)"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
