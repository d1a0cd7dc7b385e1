""" "Korta ner", "skriv om enklare", "gör en sammanfattning": with a model the organisation set up
(model.py), the section's text and the form's guidance go to it and its text comes back as a
suggestion to take; without one, the assistant says how to set one up."""

from __future__ import annotations

import hashlib

from assistant.core.chat.answer import Action, ActionKind, Answer
from assistant.core.chat.answers.context import Asked
from assistant.core.chat.model import MODEL_FILE, Endpoint, rewrite
from assistant.core.i18n import Text
from assistant.core.reuse.suggest import Suggestion


def model_answer(asked: Asked, kind: str, where: Endpoint) -> Answer:
    key = asked.section or asked.current
    text = asked.text_of(key).strip() if key else ""
    if not key or not text:
        return asked.done(
            str(Text("Det finns ingen text här att skriva om än.", "There is no text here to rewrite yet."))
        )
    heading = asked.form.heading(key)
    result = rewrite(where, kind, text, heading.guidance if heading else "", asked.lang)
    passage_id = "model-" + hashlib.sha256(result.encode()).hexdigest()[:12]
    suggestion = Suggestion(
        text=result,
        score=0.0,
        section=key,
        heading=asked.name(key),
        source={"title": f"Språkmodell ({where.model})", "kind": "model", "url": where.url},
        passage_id=passage_id,
    )
    take = Text("Ta in", "Take").render(asked.lang)
    asked.actions.append(Action(ActionKind.TAKE, passage_id, take, key))
    quoted = "\n".join(f"> {line}" if line else ">" for line in result.splitlines())
    head = Text(
        f"Förslag från språkmodellen *{where.model}* för {asked.link(key)} – läs och ta in om det passar "
        "(det skrivs inte in av sig självt):",
        f"A suggestion from the model *{where.model}* for {asked.link(key)} – read it and take it if it fits "
        "(it is not written in by itself):",
    )
    return asked.done(f"{head}\n\n{quoted}\n\n[{take}](take:{passage_id})", suggestions=[suggestion], section=key)


def how_to_set_up() -> str:
    return str(
        Text(
            f"En språkmodell som organisationen själv kör (llama.cpp, Ollama, vLLM) kan skriva om texten åt dig: "
            f'skriv `url = "http://localhost:8080/v1"` och `model = "…"` i `{MODEL_FILE}` i inställningsmappen '
            "(eller sätt $ANSOKAN_CHAT_MODEL_URL). Utan den skickas ingenting någonstans.",
            f"A language model your organisation runs itself (llama.cpp, Ollama, vLLM) can rewrite the text for you: "
            f'put `url = "http://localhost:8080/v1"` and `model = "…"` in `{MODEL_FILE}` in the settings folder '
            "(or set $ANSOKAN_CHAT_MODEL_URL). Without it nothing is sent anywhere.",
        )
    )
