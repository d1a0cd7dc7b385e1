"""The router on the tune half of the blind evaluation set (tests/eval/chat_eval.toml).

Only the tune half is read here: the test half is for tests/eval/evaluate_chat.py to report."""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.core.chat import Kind, classify, route
from assistant.core.model.forms import load_form

CASES = Path(__file__).resolve().parents[2] / "eval" / "chat_eval.toml"


def tune_cases() -> list[dict]:
    with CASES.open("rb") as handle:
        return [c for c in tomllib.load(handle)["case"] if c["split"] == "tune"]


def test_tune_half_meets_the_goals():
    form = load_form("finsam-malmo")
    cases = tune_cases()
    right = sum(str(route(c["text"], form).intent) == c["intent"] for c in cases)
    searches = [c for c in cases if c["intent"] == "search"]
    taken = sum(classify(c["text"]) is not Kind.SEARCH for c in searches)
    off_topic = [c for c in cases if c["intent"] == "unknown"]
    assert right / len(cases) >= 0.90
    assert taken / len(searches) <= 0.02
    assert all(str(route(c["text"], form).intent) == "unknown" for c in off_topic)
