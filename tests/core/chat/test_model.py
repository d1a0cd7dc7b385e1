"""The optional model the organisation brings, against a small OpenAI-compatible server started
by the test on 127.0.0.1 (a stand-in for llama.cpp/Ollama/vLLM; no network)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.core.chat import ActionKind, Intent, answer
from assistant.core.chat.model import ModelError

REPLY = "En kortare text om målgruppen."


class Server:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append({"path": self.path, "body": body})
                data = json.dumps({"choices": [{"message": {"role": "assistant", "content": REPLY}}]}).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/v1"


@pytest.fixture
def server() -> Iterator[Server]:
    stand_in = Server()
    thread = threading.Thread(target=stand_in.http.serve_forever, daemon=True)
    thread.start()
    yield stand_in
    stand_in.http.shutdown()
    stand_in.http.server_close()


@pytest.fixture(autouse=True)
def no_model_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("ANSOKAN_CONFIG", str(config))
    monkeypatch.delenv("ANSOKAN_CHAT_MODEL_URL", raising=False)
    monkeypatch.delenv("ANSOKAN_CHAT_MODEL", raising=False)
    return config


def test_without_a_model_nothing_is_sent_and_the_answer_says_how_to_set_one(demo, server) -> None:
    reply = answer(demo, "korta ner texten", current_section="malgrupp")
    assert reply.intent is Intent.SHORTEN and "chat-model.toml" in reply.text
    assert server.requests == []


def test_a_rewrite_comes_back_as_a_suggestion_to_take(demo, server, monkeypatch) -> None:
    monkeypatch.setenv("ANSOKAN_CHAT_MODEL_URL", server.url)
    monkeypatch.setenv("ANSOKAN_CHAT_MODEL", "llama-test")
    before = demo.text("malgrupp")
    reply = answer(demo, "skriv om enklare", current_section="malgrupp")
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "llama-test"
    user = request["body"]["messages"][-1]["content"]
    assert before.strip()[:40] in user and demo.form.heading("malgrupp").guidance in user
    (suggestion,) = reply.suggestions
    assert suggestion.text == REPLY and suggestion.section == "malgrupp"
    take = [a for a in reply.actions if a.kind is ActionKind.TAKE]
    assert take and take[0].target == suggestion.passage_id and f"(take:{suggestion.passage_id})" in reply.text
    assert demo.text("malgrupp") == before  # offered, never written in


def test_the_settings_file_names_the_model(demo, server, no_model_set) -> None:
    (no_model_set / "chat-model.toml").write_text(f'url = "{server.url}"\nmodel = "ollama-x"\n', encoding="utf-8")
    reply = answer(demo, "gör en sammanfattning", current_section="bakgrund")
    assert server.requests[0]["body"]["model"] == "ollama-x"
    assert reply.suggestions[0].text == REPLY


def test_a_model_that_fails_is_one_clear_error(demo, server, monkeypatch) -> None:
    monkeypatch.setenv("ANSOKAN_CHAT_MODEL_URL", server.url)
    server.status = 500
    with pytest.raises(ModelError) as caught:
        answer(demo, "korta ner", current_section="malgrupp")
    assert server.url in caught.value.message("sv")


def test_questions_about_shortening_still_get_the_assistants_own_answer(demo, server, monkeypatch) -> None:
    monkeypatch.setenv("ANSOKAN_CHAT_MODEL_URL", server.url)
    reply = answer(demo, "hur kan jag korta bakgrunden?")
    assert reply.intent is Intent.SHORTEN and not reply.suggestions and server.requests == []
