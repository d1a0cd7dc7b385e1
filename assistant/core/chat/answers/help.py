"""What the assistant can do (with example questions), and the honest answer when it does not
know: it says so and offers three questions it can answer, never an unrelated library hit."""

from __future__ import annotations

from functools import lru_cache

from assistant.core.chat.analysis import analyse
from assistant.core.chat.answer import Answer
from assistant.core.chat.answers.context import Asked, bullets
from assistant.core.chat.lexicon import CueIndex, lexicon, make_cue
from assistant.core.chat.router import Intent
from assistant.core.i18n import Text

ORDER = ("missing", "pages", "guidance", "budget", "examples", "navigate", "explain", "shorten")
UNKNOWN_EXAMPLES = ("missing", "pages", "guidance")

RULE = Text(
    "**Fråga eller sökning?** En rad är en fråga när den slutar med ?, börjar med ett frågeord eller en uppmaning "
    "(vad, hur, vilka, visa, gå till, förklara …) eller bara består av assistentens egna ord och rubriker (sidantal, "
    "LIX, hjälp, nästa rubrik, korta bakgrunden). Allt annat söker i biblioteket; ”sök …” söker alltid. Raden visar "
    "vilket det blir innan du trycker Enter.",
    "**Question or search?** A line is a question when it ends with ?, starts with a question word or a request "
    "(what, how, which, show, go to, explain …) or consists only of the assistant's own words and headings (page "
    "count, LIX, help, next section). Anything else searches the library; “search …” always searches. The line shows "
    "which before you press Enter.",
)
TOPICS = {
    "keys": (
        ["kortkommando*", "snabbkommando*", "tangent*", "shortcut*", "keys", "key bindings"],
        Text(
            "**Tangenter:** F1 hjälp, Ctrl+N nästa rubrik, Ctrl+B föregående, F2/F3/F4 ta in förslaget (infoga, sist, "
            "ersätt), F5 visa förslaget, F6 anpassa, F7 budget, F8 kontroll, F9 exportera, Ctrl+L kommandoraden, "
            "Ctrl+S spara, Ctrl+P alla kommandon.",
            "**Keys:** F1 help, Ctrl+N next heading, Ctrl+B previous, F2/F3/F4 take the suggestion (insert, append, "
            "replace), F5 show the suggestion, F6 adapt, F7 budget, F8 check, F9 export, Ctrl+L the command line, "
            "Ctrl+S save, Ctrl+P every command.",
        ),
    ),
    "language": (
        ["engelska", "svenska", "språk", "english", "swedish", "language"],
        Text(
            "**Språk:** starta med `ansokan --lang en` (eller `sv`), eller sätt `ANSOKAN_LANG=en`; "
            "valet sparas i inställningarna.",
            "**Language:** start with `ansokan --lang en` (or `sv`), or set `ANSOKAN_LANG=en`; the choice is kept in "
            "the settings.",
        ),
    ),
    "take": (
        ["förslag*", "ta in", "tar * in", "infoga", "suggestion*", "insert", "take"],
        Text(
            "**Ta in ett förslag:** förslagen till höger följer det du skriver. F2 infogar det valda, F3 lägger det "
            "sist, F4 ersätter texten, F6 anpassar det till ditt utkast; Ctrl+↑/↓ byter förslag. I ett svar här "
            "väljer du länken *Ta in*.",
            "**Take a suggestion:** the suggestions on the right follow what you write. F2 inserts the chosen one, F3 "
            "appends it, F4 replaces the text, F6 adapts it to your draft; Ctrl+↑/↓ moves between them. In an answer "
            "here, select the *Take it* link.",
        ),
    ),
    "new": (
        ["ny ansökan", "nytt utkast", "ny* ansökan", "gammal", "tidigare ansökan", "new application", "new draft"],
        Text(
            "**En ny ansökan:** startskärmen (`ansokan`) har *Ny ansökan*, tom eller från en tidigare ansökan; på "
            "kommandoraden `ansokan new --form ID --from GAMMAL.docx UTKAST.md`, som lägger texten under formulärets "
            "rubriker och anpassar den till dina projektuppgifter.",
            "**A new application:** the start screen (`ansokan`) has *New application*, empty or from an earlier one; "
            "on the command line `ansokan new --form ID --from OLD.docx DRAFT.md`, which places the text under the "
            "form's headings and adapts it to your project's facts.",
        ),
    ),
    "facts": (
        [
            "period*",
            "projektperiod*",
            "startdatum",
            "slutdatum",
            "projektuppgift*",
            "organisation",
            "kontaktperson*",
            "project period",
            "start date",
            "end date",
            "project facts",
        ],
        Text(
            "**Projektuppgifter:** Ctrl+R öppnar dem (titel, organisation, kommun, period, kontakter, underskrifter). "
            "Perioden går också att sätta på kommandoraden: `/period 2027-01-01 2028-12-31`.",
            "**Project facts:** Ctrl+R opens them (title, organisation, municipality, period, contacts, signatories). "
            "The period can also be set in the command line: `/period 2027-01-01 2028-12-31`.",
        ),
    ),
    "check": (
        ["kontroll*", "kör", "köra", "check", "run the check"],
        Text(
            "**Kontrollen:** F8 visar sidantal, budget, struktur och innehåll, varje fel med rubriken; frågan "
            "*vad saknas?* ger samma sak i chatten, viktigast först. Utan gränssnittet: `ansokan check UTKAST`.",
            "**The check:** F8 shows pages, budget, structure and content, each finding with its heading; asking "
            "*what is missing?* gives the same here, most important first. Without the interface: "
            "`ansokan check DRAFT`.",
        ),
    ),
    "export": (
        ["exportera*", "export*", "word", "docx", "pdf", "spara", "save"],
        Text(
            "**Spara och exportera:** utkastet sparas av sig självt (Ctrl+S sparar direkt). F9 exporterar till Word "
            "(och PDF), eller `ansokan export UTKAST`.",
            "**Save and export:** the draft saves itself (Ctrl+S saves at once). F9 exports to Word (and PDF), or "
            "`ansokan export DRAFT`.",
        ),
    ),
}


def help_answer(asked: Asked) -> Answer:
    tokens = analyse(asked.route.text).tokens
    topics = {hit.cue.label for hit in _topic_words().hits(tokens)}
    parts = [TOPICS[name][1].render(asked.lang) for name in TOPICS if name in topics]
    if not parts:
        parts = [
            str(
                Text(
                    "**Jag kan svara på frågor om din ansökan**, till exempel:",
                    "**I can answer questions about your application**, for example:",
                )
            ),
            bullets(_examples(asked, ORDER)),
            RULE.render(asked.lang),
            str(
                Text(
                    "Fråga också om tangenter, språk, förslag eller export.",
                    "Ask about keys, language, suggestions or export too.",
                )
            ),
        ]
    return asked.done("\n\n".join(parts), intent=Intent.HELP)


def unknown(asked: Asked) -> Answer:
    """The honest answer: not known, and three questions that can be answered – the first about
    the heading the line named, when it named one ("Tycker förbundet att vår bakgrund är
    övertygande?" -> what the funder wants under Bakgrund)."""
    head = Text(
        "**Det kan jag inte svara på.** Jag svarar bara på frågor om din ansökan och formuläret. Prova till exempel:",
        "**I can't answer that.** I only answer questions about your application and the form. Try for example:",
    )
    offered = _examples(asked, UNKNOWN_EXAMPLES)
    heading = asked.form.heading(asked.route.section) if asked.route.section else None
    if heading is not None:
        about = Text(
            f"*vad vill förbundet ha under {heading.label}?*", f"*what does the funder want under {heading.label}?*"
        )
        offered = [f"{about} – {asked.link(heading.key)}", *_examples(asked, ("missing", "pages"))]
    more = Text("Skriv *hjälp* för allt jag kan svara på.", "Type *help* for everything I can answer.")
    return asked.done(f"{head}\n\n{bullets(offered)}\n\n{more}", intent=Intent.UNKNOWN)


def _examples(asked: Asked, intents: tuple[str, ...]) -> list[str]:
    words = lexicon().intents
    out = []
    for intent in intents:
        shown = words[intent].examples(asked.lang)
        if shown:
            out.append(f"*{shown[0]}* – {words[intent].name.render(asked.lang)}")
    return out


@lru_cache(maxsize=1)
def _topic_words() -> CueIndex:
    index = CueIndex()
    for name, (words, _text) in TOPICS.items():
        for word in words:
            index.add(make_cue(name, word, 1))
    return index
