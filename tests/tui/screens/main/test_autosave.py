"""The autosave policy: a pause of AUTOSAVE_DELAY saves, and typing without a pause is saved
AUTOSAVE_MAX_WAIT after its first unsaved keystroke (times are given, not waited for)."""

from __future__ import annotations

from pathlib import Path

from assistant.tui.screens.main.autosave import AutosavePolicy, free_copy_name


def test_a_pause_after_an_edit_saves_after_the_delay() -> None:
    policy = AutosavePolicy(delay=3.0, max_wait=8.0)
    assert policy.due_in(100.0) == 3.0


def test_typing_without_a_pause_is_saved_by_the_maximum_wait() -> None:
    policy = AutosavePolicy(delay=3.0, max_wait=8.0)
    keystrokes = [100.0 + 0.3 * i for i in range(27)]  # 7.8 s of typing, never a 3 s pause
    due = [round(now + policy.due_in(now), 6) for now in keystrokes]
    assert due[0] == 103.0
    assert max(due) == due[-1] == 108.0, "no keystroke postpones the save past 8 s after the first"
    assert policy.due_in(108.5) == 0.0  # overdue: at once


def test_a_started_save_begins_a_new_wait() -> None:
    policy = AutosavePolicy(delay=3.0, max_wait=8.0)
    policy.due_in(100.0)
    policy.saving()
    assert policy.due_in(107.5) == 3.0


def test_a_copy_gets_the_first_free_name(tmp_path: Path) -> None:
    original = tmp_path / "ansokan.md"
    assert free_copy_name(original) == tmp_path / "ansokan.kopia.md"
    (tmp_path / "ansokan.kopia.md").write_text("x", encoding="utf-8")
    assert free_copy_name(original) == tmp_path / "ansokan.kopia2.md"


def test_retries_back_off_while_the_place_stays_unwritable() -> None:
    policy = AutosavePolicy(retry=5.0)
    assert [policy.retry_in(n) for n in range(1, 7)] == [5.0, 10.0, 20.0, 40.0, 60.0, 60.0]
