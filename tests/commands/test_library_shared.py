"""`ansokan library …` and `ansokan suggest` on a shared PostgreSQL library, as IT and writers type
them: set up with approval required, members with their own login roles, import, approve, suggest
(with owner and status), edit with history, stats; and the same top passages as the local library
for the evaluation set's queries."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from assistant.cli import main
from assistant.core.reuse.shared import SCHEMA_VERSION
from assistant.usecases.library_backend import close_shared_backends
from tests.conftest import ROOT, SOURCE_FORMS, SOURCES, run_cli
from tests.pgserver import member_url, pg_server, pg_url

__all__ = ["pg_server", "pg_url"]

EVAL = ROOT / "tests" / "eval" / "suggest_eval.toml"
APPLICATION = """Ansökan: Stallet

5. Målgrupp

Unga vuxna med aktivitetsersättning får hästunderstödd träning i stallet tre dagar i veckan.

Deltagarna lär sig rutiner i stallet och ansvar för djuren som väg mot arbete.
"""


@pytest.fixture(autouse=True)
def _closed_backends() -> Iterator[None]:
    yield
    close_shared_backends()


def role(url: str, name: str) -> str:
    name = f"{name}_{urlsplit(url).path.strip('/')}"  # roles are the whole server's: one set per database
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN')  # our own name, not input
    return name


def cli(url: str, *args: str) -> str:
    result = run_cli("--library-url", url, *args, env={"ANSOKAN_LANG": "sv"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_it_sets_up_a_library_where_imports_wait_and_an_approver_lets_them_through(pg_url: str, tmp_path: Path):
    out = cli(pg_url, "library", "init", "--require-approval")
    assert f"schemaversion {SCHEMA_VERSION}" in out and "väntar på godkännande" in out
    writer, approver = role(pg_url, "anna"), role(pg_url, "bertil")
    cli(pg_url, "library", "grant", writer, "--organisation", "lund", "--role", "writer")
    cli(pg_url, "library", "grant", approver, "--organisation", "lund", "--role", "approver")
    as_writer, as_approver = member_url(pg_url, writer), member_url(pg_url, approver)

    source = tmp_path / "stallet.txt"
    source.write_text(APPLICATION, encoding="utf-8")
    out = cli(as_writer, "library", "import", str(source), "--form", "finsam-malmo")
    assert "(delade biblioteket)" in out
    entry_id = out.split(":")[0]
    assert "delad: lund, beviljad" in cli(as_writer, "library", "list")

    ask = ("suggest", "--form", "finsam-malmo", "--section", "malgrupp", "--json")
    query = ("--text", "unga vuxna får hästunderstödd träning i stallet")
    assert not [s for s in json.loads(cli(as_writer, *ask, *query)) if s["source"]["id"] == entry_id]
    waiting = json.loads(cli(as_approver, "library", "waiting", "--json"))
    assert [w["id"] for w in waiting] == [f"{entry_id}#malgrupp-1", f"{entry_id}#malgrupp-2"]

    denied = run_cli("--library-url", as_writer, "library", "approve", entry_id, env={"ANSOKAN_LANG": "en"})
    assert denied.returncode != 0 and "Traceback" not in denied.stderr
    assert "does not allow" in denied.stderr or "no passage" in denied.stderr

    assert "Godkända: 2 stycken" in cli(as_approver, "library", "approve", entry_id)
    found = [s for s in json.loads(cli(as_writer, *ask, *query)) if s["source"]["id"] == entry_id]
    assert found and found[0]["source"]["owner"] == "lund" and found[0]["source"]["status"] == "beviljad"
    text = cli(as_writer, "suggest", "--form", "finsam-malmo", "--section", "malgrupp", *query)
    assert "lund" in text and "beviljad" in text
    assert "None" not in text  # an application without a known year shows none, not "None"

    pid = found[0]["passage_id"]
    cli(as_writer, "library", "edit", pid, "--text", "Unga vuxna får hästunderstödd träning i stallet varje dag.")
    history = json.loads(cli(as_writer, "library", "history", pid, "--json"))
    assert [h["text"] for h in history] == [
        "Unga vuxna med aktivitetsersättning får hästunderstödd träning i stallet tre dagar i veckan."
    ]
    assert "varje dag" in cli(as_writer, "library", "show", entry_id)

    stats = json.loads(cli(as_writer, "library", "stats", "--json"))
    assert stats["takes"] == 0 and {u["passage_id"] for u in stats["never"]} == {pid, f"{entry_id}#malgrupp-2"}
    assert "Ur bruk: 1 stycken" in cli(as_writer, "library", "retire", pid)
    after = [s for s in json.loads(cli(as_writer, *ask, *query)) if s["source"]["id"] == entry_id]
    assert pid not in [s["passage_id"] for s in after]


def test_a_shared_library_command_without_an_address_says_how_to_give_one():
    result = run_cli("library", "sync", env={"ANSOKAN_LANG": "en"})
    assert result.returncode != 0 and "--library-url" in result.stderr and "Traceback" not in result.stderr


def _suggested(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main([*args]) == 0
    return [s["passage_id"] for s in json.loads(capsys.readouterr().out)]


def test_import_then_suggest_gives_the_same_top_passages_as_the_local_library(pg_url, capsys, monkeypatch):
    """The acceptance's parity: the same sources imported into a local and a shared library, then
    `suggest --json` for every query of the evaluation set (in this process: 2 × 89 runs)."""
    monkeypatch.setenv("ANSOKAN_LIBRARY_ORGANISATION", "malmo")
    assert main(["--library-url", pg_url, "library", "init"]) == 0
    for url in ([], ["--library-url", pg_url]):
        for name, form in SOURCE_FORMS.items():
            assert main([*url, "library", "import", str(SOURCES / name), "--form", form]) == 0
    capsys.readouterr()
    data = tomllib.loads(EVAL.read_text(encoding="utf-8"))
    queries = data["query"] + data["offtopic"]
    assert len(queries) >= 30
    differ = []
    for q in queries:
        ask = [
            "suggest",
            "--json",
            "--form",
            "finsam-malmo",
            "--section",
            q.get("section", "bakgrund"),
            "--text",
            q["text"],
        ]
        local, shared = _suggested(capsys, *ask), _suggested(capsys, "--library-url", pg_url, *ask)
        if local[:1] != shared[:1]:
            differ.append((q["text"], local[:1], shared[:1]))
    assert differ == []
