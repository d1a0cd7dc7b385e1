"""Shared fixtures: the real library sources, isolated user dirs, a CLI runner; the suite's markers."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: two workers, LibreOffice and the serial tests share two cores, and an
# example that takes 250 ms instead of 200 ms under that load is not a bug (Hypothesis would call it
# a failure, and a flaky one). A test's own @settings still decides everything else.
settings.register_profile("ansokan", deadline=None)
settings.load_profile("ansokan")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "fixtures" / "library-sources"
SOURCE_FORMS = {
    "000_18e62940bd9f888a.txt": "finsam-malmo",
    "001_4b5533777013640f.txt": "finsam-malmo",
    "002_03ecb636fa5e8369.txt": "burlov-staffanstorp",
    "003_d09aa5a5bf39ca34.txt": "finsam-malmo",
}


def source_files() -> list[tuple[Path, str]]:
    """The four earlier approved applications, copied into the repo's test fixtures."""
    return [(SOURCES / name, form) for name, form in SOURCE_FORMS.items() if (SOURCES / name).exists()]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's library, cache, config or state from a test."""
    base = tmp_path_factory.mktemp("ansokan-home")
    for var in ("ANSOKAN_LIBRARY", "ANSOKAN_CACHE", "ANSOKAN_CONFIG", "ANSOKAN_STATE", "ANSOKAN_FORMS"):
        monkeypatch.setenv(var, str(base / var.lower()))
    monkeypatch.delenv("ANSOKAN_LANG", raising=False)
    # The language is one process-wide choice: a test that ran in English before this one in the same
    # worker must not leave it so (a Swedish assertion then failed only in some orders of the suite).
    from assistant.core import i18n

    i18n.set_language("sv")
    yield base


def run_cli(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120, input: str | None = None
) -> subprocess.CompletedProcess:
    """Run `ansokan …` in this process through `assistant.cli.main`, as the entry point does.

    What a subprocess gave a test for free is done by hand: stdout and stderr captured, the exit code
    taken from the return value or a SystemExit, an uncaught exception printed as a traceback with
    exit code 1 (so "no traceback" assertions still see one), the environment, working folder and stdin
    set for the call and restored after it, and the language and the per-process caches a second run
    would otherwise inherit reset. A command that would start the terminal UI is an error here.
    `timeout` is kept for the signature: tests that need a real process (signals, kills, the entry
    point, a wall-clock limit) call `run_cli_subprocess`."""
    del timeout
    from assistant import cli
    from assistant.core import i18n

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd, saved_lang = dict(os.environ), os.getcwd(), i18n.language()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_ui = cli._run_ui
    os.environ.update({key: str(value) for key, value in (env or {}).items()})
    code: int
    try:
        os.chdir(cwd or ROOT)
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(input or ""), out, err
        cli._run_ui = _no_interface  # type: ignore[assignment]
        try:
            code = _exit_code(cli.main(list(args)))
        except SystemExit as exc:
            code = _exit_code(exc.code, err)
        except Exception:
            traceback.print_exc(file=err)
            code = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        cli._run_ui = saved_ui  # type: ignore[method-assign]
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        i18n.set_language(saved_lang)
        _forget_process_state()
    return subprocess.CompletedProcess(["ansokan", *args], code, out.getvalue(), err.getvalue())


def _no_interface(*_args: object, **_kwargs: object) -> int:
    raise AssertionError("run_cli runs in-process and cannot start the terminal UI; use run_cli_subprocess")


def _exit_code(code: object, err: io.StringIO | None = None) -> int:
    """What the interpreter makes of a return value or a SystemExit's code."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    if err is not None:
        print(code, file=err)
    return 1


def _forget_process_state() -> None:
    """Close what a command left open for the rest of the process (an index, a shared library's pool),
    so the next run starts as a new process would: no connection kept, no index refreshed late."""
    index = sys.modules.get("assistant.core.reuse.index")
    if index is not None:
        index.forget_open_indexes()
    backends = sys.modules.get("assistant.usecases.library_backend")
    if backends is not None:
        backends.close_shared_backends()


def run_cli_subprocess(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120, input: str | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m assistant …` in a real subprocess: for the entry point itself and for what only a
    process shows (signals, kills, a wall-clock limit, a second process holding a lock)."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )


def has_soffice() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


needs_libreoffice = pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) is not installed")


# The suite's markers for tests in files of every room, applied here by test name (not by file, so a
# test keeps its marks when it moves), so the test files themselves need no edits.
#
# serial: must run alone (`make test` runs them after the parallel part): a real terminal walk and
# the autosave tests, which measure seconds between a keystroke and the disk and failed when another
# test took the second core.
SERIAL = {
    "test_walk_in_a_real_terminal",
    "test_writing_loop_in_a_real_terminal",
    "test_a_kill_while_typing_loses_at_most_two_seconds",
    "test_typing_on_a_read_only_mount_warns_and_saves_elsewhere",
    "test_typing_then_killing_the_app_keeps_what_was_typed_before_a_pause",
    "test_continuous_typing_is_saved_every_few_seconds_even_without_a_pause",
    "test_autosave_after_the_writer_stops_typing",
}
# slow: five seconds or more each (measured with --durations), left out of `make test-fast`.
SLOW = {
    "test_typing_then_killing_the_app_keeps_what_was_typed_before_a_pause",
    "test_continuous_typing_is_saved_every_few_seconds_even_without_a_pause",
    "test_whole_application_through_the_interface",
    "test_sigkill_during_saves_never_corrupts",
    "test_a_locked_draft_is_a_clear_refusal_not_a_wait_forever",
    "test_take_undo_redo_in_an_empty_section",  # 5-6 s per key: types a sentence key by key
    "test_an_adapted_suggestion_is_one_undoable_step_too",
}
# thorough: the further seeds of a seeded test whose first seed `make test` runs (`make test-thorough`
# runs them all). The random keys take 10-15 s of CPU a run, 20 runs were half the suite's CPU time;
# seed 1 on each of the five screens still covers every screen in `make test`; the review screen's random
# decisions likewise (seed 2 is 3.5 s of CPU).
THOROUGH_BEYOND_FIRST_SEED = {
    "test_random_keys_never_crash_nor_lose_text",
    "test_random_decisions_never_crash_nor_lose_text",
}


# pilot: drives the terminal UI with Textual's Pilot (everything under tests/tui/). Half a second or more
# each (an app started, laid out and rendered at 120x40): ~85 of them were 96 of the quick loop's 133 s
# of CPU, so `make test-fast` leaves them out and `make test` runs them.
PILOT_DIR = ROOT / "tests" / "tui"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "pilot: drives the terminal UI with Pilot (tests/tui/); not in make test-fast")


def _skip_reasons(item: pytest.Item) -> str:
    return " ".join(str(mark.kwargs.get("reason", "")) for mark in item.iter_markers("skipif")).lower()


def _seed(item: pytest.Item) -> object:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("seed") if callspec else None


def _is_long(item: pytest.Item) -> bool:
    return any(item.get_closest_marker(name) for name in ("slow", "libreoffice", "tmux"))


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what needs LibreOffice or tmux by what the test skips without, so `-m "not libreoffice"`
    leaves out every such test, marked by its author or not; mark the serial and slow ones by name.
    Then the long tests go first, so two workers finish together instead of one waiting on the other."""
    for item in items:
        reasons = _skip_reasons(item)
        if "libreoffice" in reasons or "soffice" in reasons:
            item.add_marker(pytest.mark.libreoffice)
        if "tmux" in reasons:
            item.add_marker(pytest.mark.tmux)
        if PILOT_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.pilot)
        name = getattr(item, "originalname", item.name)
        if name in SERIAL:
            item.add_marker(pytest.mark.serial)
        if name in SLOW:
            item.add_marker(pytest.mark.slow)
        if name in THOROUGH_BEYOND_FIRST_SEED and _seed(item) not in (None, 1):
            item.add_marker(pytest.mark.thorough)
    items.sort(key=lambda item: not _is_long(item))  # stable: the same order in every xdist worker
