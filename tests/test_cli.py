"""The command as a user meets it: exit codes, one-line Swedish errors, English on request."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.core.i18n import set_language
from tests.conftest import run_cli, run_cli_subprocess

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "assistant" / "demo" / "demo-steget-vidare.md"


def test_english_with_lang_en_anywhere_on_the_line(tmp_path):
    result = run_cli_subprocess("new", "--form", "finns-inte", "--title", "X", str(tmp_path / "u.md"), "--lang", "en")
    assert result.returncode == 2 and "unknown form" in result.stderr


def test_bad_usage_is_exit_2_without_usage_dump():
    result = run_cli_subprocess("forms", "visa")
    assert result.returncode == 2
    assert "fel användning" in result.stderr and "Traceback" not in result.stderr


def test_python_dash_m_is_the_same_command():
    result = run_cli_subprocess("forms", "show", "finsam-malmo")
    assert result.returncode == 0 and "3.1. Tidsplan" in result.stdout and "max" not in result.stderr


# ---------------------------------------------------------------------------------------------
# The interface is started by cli.py, the top layer; the commands only prepare what it opens.


@pytest.fixture
def started(monkeypatch):
    """A stand-in for `assistant.tui.app`: records how the interface would have been started."""
    calls: list[dict] = []

    def run(draft_path, *, lang_code, library):
        calls.append({"draft": draft_path, "lang": lang_code, "library": library})
        return 0

    fake = types.ModuleType("assistant.tui.app")
    fake.run = run
    monkeypatch.setitem(sys.modules, "assistant.tui.app", fake)
    yield calls
    set_language("sv")


def test_bare_command_opens_the_start_screen_and_leaves_the_language_to_the_settings(started):
    assert main([]) == 0
    assert started == [{"draft": None, "lang": "", "library": None}]


def test_open_passes_the_draft_the_language_and_the_library(started, tmp_path):
    assert main(["open", str(tmp_path / "a.md"), "--lang", "en", "--library", str(tmp_path)]) == 0
    assert started == [{"draft": str(tmp_path / "a.md"), "lang": "en", "library": str(tmp_path)}]


def test_a_draft_named_alone_is_opened_and_a_mistyped_command_is_still_bad_usage(started, tmp_path, capsys):
    draft = tmp_path / "ansökan.md"
    draft.write_bytes(DEMO.read_bytes())
    assert main([str(draft), "--lang", "en"]) == 0  # `ansokan ansökan.md`, as a writer types it
    assert started == [{"draft": str(draft), "lang": "en", "library": None}]
    assert main(["opne", "x"]) == 2 and "ogiltigt val: 'opne'" in capsys.readouterr().err
    assert len(started) == 1


def test_demo_honours_ansokan_lang(started, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ANSOKAN_DRAFTS", str(tmp_path))
    monkeypatch.setenv("ANSOKAN_LANG", "en")
    assert main(["demo"]) == 0
    assert capsys.readouterr().out.startswith("The demo draft: ")
    assert started[0]["lang"] == "en" and Path(started[0]["draft"]).parent == tmp_path


def test_the_cli_face_never_imports_the_interface_and_check_stays_light(tmp_path):
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        f"assert main(['check', {str(DEMO)!r}]) == 1\n"
        "print('LOADED:' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx', 'pypdf')\n"
        "    or m.startswith(('assistant.tui', 'assistant.core.reuse')))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED:"


def test_no_command_module_imports_the_cli(tmp_path):
    code = (
        "import importlib, pkgutil, sys, assistant.commands\n"
        "for m in pkgutil.iter_modules(assistant.commands.__path__):\n"
        "    importlib.import_module('assistant.commands.' + m.name)\n"
        "print('assistant.cli' in sys.modules, any(m.startswith('assistant.tui') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSOKAN_")}
    for name in ("STATE", "CONFIG", "CACHE", "LIBRARY", "FORMS", "DRAFTS"):
        env[f"ANSOKAN_{name}"] = str(tmp_path / name.lower())
    return env


def test_a_file_system_refusal_no_check_foresaw_is_still_one_line(monkeypatch, capsys):
    """The safety net under every command: an OSError the use cases did not turn into a UserError
    (injected here, as real ones are all caught earlier) is one line naming the file, exit 2."""
    import errno

    import assistant.commands.status as status

    def fail(path):
        raise OSError(errno.EIO, "Input/output error", "utkast\n.md")

    monkeypatch.setattr(status, "draft_status", fail)
    assert main(["status", "utkast.md"]) == 2
    err = capsys.readouterr().err
    assert err == "ansokan: utkast\\n.md: filsystemet svarade: Input/output error\n"
    assert main(["--lang", "en", "status", "utkast.md"]) == 2
    assert "the file system said: Input/output error" in capsys.readouterr().err
    set_language("sv")


def test_a_library_folder_the_file_system_cannot_look_up_is_one_line(tmp_path):
    for args in (
        ("library", "list"),
        ("library", "show", "x"),
        ("suggest", "--form", "finsam-malmo", "--section", "bakgrund"),
    ):
        result = run_cli("--library", str(tmp_path / ("a" * 300)), *args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "för långt" in result.stderr and len(result.stderr.strip().splitlines()) == 1
