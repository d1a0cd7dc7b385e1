"""The bad-input corpus in the test suite: a representative sample in `make test`, the whole corpus on request.

Each case runs the real `ansokan` command in a process of its own (two at a time; forked from one
that has imported the code, corpus_fork.py) and must end in success or one clear `ansokan: ` line,
within its timeout, with nothing half-written. The whole corpus (with the 50 MB and zip-bomb
payloads) is `python scripts/run_corpus.py` (`--exec`: a fresh interpreter for each command).
"""

from __future__ import annotations

import os

import pytest

from tests.hardening.corpus import build_cases, restore_permissions, run_corpus, sample
from tests.hardening.payloads import all_payloads


def _report(summary) -> str:
    return "\n".join(f"{o.case.name} (exit {o.code}, {o.seconds:.1f} s): {o.detail}" for o in summary.failures)


def test_the_corpus_is_large_and_covers_every_reader():
    cases = build_cases()
    assert len(cases) >= 150
    entries = {c.entry for c in cases}
    assert {"status", "check", "export", "forms-check", "import", "new-from", "forms-new", "cli"} <= entries
    names = {p.name for p in all_payloads()}
    for required in (
        "zip-bomb-2gb",
        "50mb-text",
        "makro-docm",
        "externa-referenser",
        "symlink-slinga",
        "utf16-bom",
        "ogiltig-utf8",
        "rad-1mb",
        "budgetcell-formel",
        "formular-dubbel-nyckel",
    ):
        assert required in names


@pytest.mark.slow  # 40 commands in processes of their own (5 CPU-s): in `make test`, not in `make test-fast`
def test_a_sample_of_the_corpus_ends_in_success_or_one_clear_line(tmp_path):
    cases = sample(build_cases(heavy=False), 40)
    assert len(cases) >= 35
    try:
        summary = run_corpus(cases, tmp_path)
    finally:
        restore_permissions(tmp_path)
    ran = [o for o in summary.outcomes if o.status != "skipped"]
    assert len(ran) >= 30
    assert not summary.failures, _report(summary)


def test_the_judge_catches_what_it_must(tmp_path):
    """The corpus is only as good as its judge: a traceback, a hang, two lines or a half-written
    output must each be a failure."""
    from tests.hardening.corpus import Case, judge

    case = Case("x", "status", [])
    same: dict[str, str] = {}
    assert judge(case, None, "", same, same, same, same)[0] == "failure"
    assert judge(case, 1, "Traceback (most recent call last):\n  boom", same, same, same, same)[0] == "failure"
    assert judge(case, 2, "ansokan: fel\nmer", same, same, same, same)[0] == "failure"
    assert judge(case, 2, "fel utan prefix", same, same, same, same)[0] == "failure"
    assert judge(case, 2, "ansokan: fel", {}, {"out/x.docx": "abc"}, same, same)[0] == "failure"
    assert judge(case, 0, "", same, same, {"in/a.md": "1"}, {"in/a.md": "2"})[0] == "failure"
    assert judge(case, 0, "", same, {"out/.a.md.123.tmp": "x"}, same, same)[0] == "failure"
    half = tmp_path / "ansokan.docx"
    half.write_bytes(b"PK\x03\x04 halv")
    assert judge(case, 0, "", {}, {str(half): "x"}, same, same)[0] == "failure"
    assert judge(case, 2, "ansokan: tydligt fel", same, same, same, same)[0] == "clear-error"
    assert judge(case, 0, "", same, same, same, same)[0] == "ok"


def test_what_a_command_leaves_in_its_temp_folder_is_a_failure(tmp_path):
    from tests.hardening.corpus import _left_behind

    assert _left_behind(tmp_path) is None
    (tmp_path / "ansokan-work-123-abc").mkdir()
    assert "ansokan-work-123-abc" in (_left_behind(tmp_path) or "")


def test_the_second_rounds_classes_are_in_the_corpus():
    names = {c.name for c in build_cases()}
    for prefix in ("skrivfel/", "lankar/", "namn/", "privat/", "rubriker/", "dubblett/"):
        assert sum(1 for n in names if n.startswith(prefix)) >= 2, prefix


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("ANSOKAN_WHOLE_CORPUS"), reason="set ANSOKAN_WHOLE_CORPUS=1 (about 5 min)")
def test_the_whole_light_corpus(tmp_path):
    """Every non-heavy case (about 550, about five minutes on two cores)."""
    try:
        summary = run_corpus(build_cases(heavy=False), tmp_path)
    finally:
        restore_permissions(tmp_path)
    assert not summary.failures, _report(summary)
