"""The chat's use case: an answer about a draft (open or on disk), and the line's kind."""

from __future__ import annotations

import shutil

from assistant.core.storage import paths
from assistant.usecases.ask import ask, classify, parse_href


def test_ask_about_a_draft_on_disk_and_an_open_one(tmp_path):
    target = tmp_path / "demo.md"
    shutil.copy(paths.demo_draft(), target)
    on_disk = ask(target, "stämmer budgeten?")
    assert str(on_disk.intent) == "budget"
    from assistant.usecases.drafts import open_draft

    draft = open_draft(target)
    assert ask(draft, "nästa", current_section="bakgrund").actions[0].target == "presentation"
    assert target.read_bytes() == paths.demo_draft().read_bytes()  # asking never writes the draft


def test_classify_and_links():
    assert str(classify("vad saknas?")) == "question"
    assert str(classify("samverkan psykiatrin IPS")) == "search"
    kind, target = parse_href("take:finsam-malmo-2020-x#uppfoljning-1") or (None, None)
    assert (str(kind), target) == ("take", "finsam-malmo-2020-x#uppfoljning-1")
