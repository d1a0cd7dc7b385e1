"""`ansokan ask DRAFT "fråga" [--json]`: the chat's answers from the command line, in a real process."""

from __future__ import annotations

import json
import shutil

import pytest

from assistant.core.storage import paths
from tests.conftest import run_cli


@pytest.fixture
def demo(tmp_path):
    target = tmp_path / "demo.md"
    shutil.copy(paths.demo_draft(), target)
    return target


def ask_json(*args: str) -> dict:
    result = run_cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_acceptance_questions(demo):
    missing = ask_json("ask", str(demo), "vad saknas?")
    assert missing["intent"] == "missing" and "Organisering" in missing["text"]
    pages = ask_json("ask", str(demo), "hur många sidor har jag kvar?")
    assert pages["intent"] == "pages" and "av 7 sidor" in pages["text"]
    guidance = ask_json("ask", str(demo), "vad vill förbundet ha under målgrupp?")
    assert guidance["intent"] == "guidance" and "Beskriv vilka personer insatsen riktar sig till" in guidance["text"]
    assert guidance["actions"][0] == {"kind": "goto", "target": "malgrupp", "label": "3.2 Målgrupp"}
    budget = ask_json("ask", str(demo), "stämmer budgeten?")
    assert budget["intent"] == "budget" and "2\u00a0500\u00a0000" in budget["text"]
    examples = ask_json("ask", str(demo), "visa exempel på uppföljning")
    assert examples["intent"] == "examples" and examples["section"] == "uppfoljning"
    assert any(a["kind"] == "take" for a in examples["actions"]) and examples["suggestions"]
    unknown = ask_json("ask", str(demo), "vad tycker du om fotboll?")
    assert unknown["intent"] == "unknown" and not unknown["actions"] and not unknown["suggestions"]


def test_plain_output_is_text_without_link_targets(demo):
    result = run_cli("ask", str(demo), "gå till tidsplanen")
    assert result.returncode == 0
    assert result.stdout.strip() == "Går till 3.1 Tidsplan."


def test_english(demo):
    result = run_cli("--lang", "en", "ask", str(demo), "what do you think about football?")
    assert result.returncode == 0 and result.stdout.startswith("I can't answer that.")


def test_the_current_section(demo):
    reply = ask_json("ask", str(demo), "nästa", "--section", "malgrupp")
    assert reply["actions"][0]["target"] == "mal"


def test_a_missing_draft_is_one_line(tmp_path):
    result = run_cli("ask", str(tmp_path / "saknas.md"), "vad saknas?")
    assert result.returncode == 2 and "saknas.md" in result.stderr and "Traceback" not in result.stderr
