"""The one check of a name to be written: each kind of impossible name is one clear line, before
anything is written, in every command that writes (new, export -o, demo, library import)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import UserError
from assistant.usecases.drafts import create_draft, demo_copy
from assistant.usecases.export import export_application
from assistant.usecases.library import import_to_library
from assistant.usecases.paths import check_path, shown
from tests.conftest import SOURCES

LONG = "a" * 300


def _one_line(caught: pytest.ExceptionInfo[UserError]) -> str:
    message = caught.value.message("sv")
    assert "\n" not in message and "\n" not in caught.value.message("en")
    return message


@pytest.mark.parametrize(
    ("name", "says"),
    [
        (f"{LONG}.md", "namnet är för långt"),
        (f"{LONG}/x.md", "namnet är för långt"),
        ("/".join(["b" * 200] * 25) + "/x.md", "sökvägen är för lång"),
        ("rad\nbrytning.md", "radbrytning"),
        ("tab\tb.md", "styrtecken"),
        ("-x.md", "bindestreck"),
    ],
)
def test_a_name_that_cannot_be_written_is_refused(tmp_path, name, says):
    with pytest.raises(UserError) as caught:
        check_path(tmp_path / name)
    assert says in _one_line(caught)


def test_a_folder_where_a_file_is_wanted_and_a_file_where_a_folder_is(tmp_path):
    (tmp_path / "mapp").mkdir()
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="är en katalog"):
        check_path(tmp_path / "mapp")
    with pytest.raises(UserError, match="är en fil, inte en katalog"):
        check_path(tmp_path / "fil", folder=True)
    with pytest.raises(UserError, match="är en fil, inte en katalog") as caught:
        check_path(tmp_path / "fil" / "x.md")
    assert caught.value.where == str(tmp_path / "fil")
    assert check_path(tmp_path / "ny" / "x.md") == tmp_path / "ny" / "x.md"
    assert check_path(tmp_path / "mapp", folder=True) == tmp_path / "mapp"


def test_shown_keeps_a_path_on_one_line():
    assert shown("a\nb\x1b.md") == "a\\nb\\x1b.md" and shown("vanlig.md") == "vanlig.md"


def test_every_command_that_writes_refuses_before_writing(tmp_path):
    made = create_draft("finsam-malmo", tmp_path / "u.md", title="T").path
    before = sorted(p.name for p in tmp_path.iterdir())
    for call in (
        lambda: create_draft("finsam-malmo", tmp_path / f"{LONG}.md"),
        lambda: create_draft("finsam-malmo", tmp_path / "a\nb.md"),
        lambda: export_application(made, tmp_path / f"{LONG}.docx"),
        lambda: export_application(made, tmp_path / "-ut.docx"),
        lambda: export_application(made, tmp_path / "u.md" / "ut.docx"),
        lambda: demo_copy(tmp_path / LONG),
        lambda: import_to_library([SOURCES / "000_18e62940bd9f888a.txt"], library=tmp_path / "rad\nbib"),
    ):
        with pytest.raises(UserError) as caught:
            call()
        _one_line(caught)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_demo_says_when_the_drafts_folder_is_a_file(tmp_path, monkeypatch):
    folder = tmp_path / "utkast"
    folder.write_text("inte en katalog", encoding="utf-8")
    monkeypatch.setenv("ANSOKAN_DRAFTS", str(folder))
    with pytest.raises(UserError) as caught:
        demo_copy()
    message = _one_line(caught)
    assert "utkastkatalogen är en fil" in message and "ANSOKAN_DRAFTS" in message
    assert "the drafts folder is a file" in caught.value.message("en")


def test_the_demo_goes_to_the_drafts_folder_of_the_settings_file(tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(f'drafts = "{(tmp_path / "mina").as_posix()}"\n', encoding="utf-8")
    monkeypatch.delenv("ANSOKAN_DRAFTS", raising=False)
    monkeypatch.setenv("ANSOKAN_CONFIG", str(config))
    assert demo_copy().parent == tmp_path / "mina"
    monkeypatch.setenv("ANSOKAN_DRAFTS", str(tmp_path / "env"))  # the environment wins
    assert demo_copy().parent == tmp_path / "env"


def test_a_library_folder_that_is_a_file_is_named(tmp_path):
    target = tmp_path / "bib"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="bibliotekskatalogen är en fil"):
        import_to_library([SOURCES / "000_18e62940bd9f888a.txt"], library=target)
    assert Path(target).read_text(encoding="utf-8") == "x"


def test_a_source_name_too_long_to_look_up_fails_alone_and_says_so(tmp_path):
    done = import_to_library([tmp_path / f"{LONG}.txt", SOURCES / "000_18e62940bd9f888a.txt"], library=tmp_path / "bib")
    assert len(done.imported) == 1 and len(done.failed) == 1
    assert "för långt" in done.failed[0][1] and "biblioteket" not in done.failed[0][1]
