"""A language model the organisation brings (optional, off by default): an OpenAI-compatible chat
endpoint on the writer's own machine or network (llama.cpp server, Ollama, vLLM).

Set in `chat-model.toml` in the config folder (`url = "http://localhost:8080/v1"`, `model = "…"`),
or by $ANSOKAN_CHAT_MODEL_URL and $ANSOKAN_CHAT_MODEL. Nothing is sent anywhere unless the writer
set it; what comes back is offered as a suggestion to take, never written into the draft.
"""

from __future__ import annotations

import json
import os
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass

from assistant.core.chat.text import fold
from assistant.core.errors import UserError
from assistant.core.i18n import Text
from assistant.core.storage import paths

MODEL_FILE = "chat-model.toml"
TIMEOUT = 120.0  # seconds: a local model on a laptop is slow; the interface asks in a worker
MAX_REPLY = 200_000  # bytes read from the endpoint at most

# What a line asks the model to do, by how it starts (folded), and what the model is told.
REQUESTS = {
    "shorten": (("korta ner", "korta texten", "förkorta", "gör kortare", "shorten", "make it shorter")),
    "simplify": (("skriv om", "förenkla", "gör enklare", "rewrite", "simplify", "make it simpler")),
    "summary": (
        ("gör en sammanfattning", "sammanfatta", "summarise", "summarize", "make a summary", "write a summary")
    ),
}
TASKS = {
    "shorten": Text(
        "Korta texten så mycket det går utan att tappa innehåll. Behåll alla siffror, namn och datum.",
        "Shorten the text as much as possible without losing content. Keep every figure, name and date.",
    ),
    "simplify": Text(
        "Skriv om texten enklare, med korta meningar och vanliga ord. Behåll alla siffror, namn och datum.",
        "Rewrite the text more simply, in short sentences and plain words. Keep every figure, name and date.",
    ),
    "summary": Text(
        "Skriv en kort sammanfattning av texten (högst fem meningar).",
        "Write a short summary of the text (five sentences at most).",
    ),
}


class ModelError(UserError):
    """The configured model could not answer (one clear line, never a traceback)."""


@dataclass(frozen=True)
class Endpoint:
    url: str  # the API base, e.g. http://localhost:8080/v1
    model: str

    @property
    def completions(self) -> str:
        return self.url.rstrip("/") + "/chat/completions"


def model_request(text: str) -> str | None:
    """ "shorten", "simplify" or "summary" when the line asks for a rewrite, else None."""
    line = " ".join(fold(text).strip(" ?!.").split())
    for kind, starts in REQUESTS.items():
        if any(line == fold(s) or line.startswith(fold(s) + " ") for s in starts):
            return kind
    return None


def endpoint() -> Endpoint | None:
    """The writer's configured model, or None (the default: no model, nothing sent)."""
    url, model = os.environ.get("ANSOKAN_CHAT_MODEL_URL", ""), os.environ.get("ANSOKAN_CHAT_MODEL", "")
    settings = paths.config_dir() / MODEL_FILE
    if not url and settings.is_file():
        try:
            data = tomllib.loads(settings.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ModelError(f"{settings}: kan inte läsas ({exc})", f"{settings}: cannot be read ({exc})") from exc
        url, model = str(data.get("url", "")), model or str(data.get("model", ""))
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ModelError(
            f"Modellens adress måste börja med http://: {url}", f"The model's URL must start with http://: {url}"
        )
    return Endpoint(url, model or "default")


def rewrite(where: Endpoint, kind: str, text: str, guidance: str, lang: str) -> str:
    """The model's rewrite of `text` (the section) under the form's `guidance`."""
    system = (
        TASKS[kind].render(lang)
        + " "
        + Text("Svara bara med den nya texten, på svenska.", "Answer with the new text only, in English.").render(lang)
    )
    user = (f"{guidance}\n\n---\n\n" if guidance else "") + text
    body = {
        "model": where.model,
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
    }
    request = urllib.request.Request(
        where.completions, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            reply = json.loads(response.read(MAX_REPLY))
        content = reply["choices"][0]["message"]["content"]
    except (OSError, urllib.error.URLError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise ModelError(
            f"Språkmodellen på {where.url} svarade inte: {exc}", f"The model at {where.url} did not answer: {exc}"
        ) from exc
    if not isinstance(content, str) or not content.strip():
        raise ModelError(
            f"Språkmodellen på {where.url} gav ett tomt svar.", f"The model at {where.url} gave an empty answer."
        )
    return content.strip()
