"""The router on the tune halves of the blind evaluation sets (tests/eval/chat_eval.toml and
tests/eval/blind/chat_round2.toml).

Only the tune halves are read here: the test halves are for tests/eval/evaluate_chat.py to report."""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.core.chat import Kind, classify, route
from assistant.core.model.forms import load_form

EVAL = Path(__file__).resolve().parents[2] / "eval"
SETS = (EVAL / "chat_eval.toml", EVAL / "blind" / "chat_round2.toml")


def tune_cases() -> list[dict]:
    cases = []
    for path in SETS:
        with path.open("rb") as handle:
            cases += [c for c in tomllib.load(handle)["case"] if c["split"] == "tune"]
    return cases


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
