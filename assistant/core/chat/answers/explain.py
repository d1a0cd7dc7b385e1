"""Explaining a finding of the check: what it means and how to fix it (explanations.toml),
for the finding the question names by its heading or its kind, else the worst one."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.core.chat.analysis import analyse
from assistant.core.chat.answer import Answer
from assistant.core.chat.answers.context import Asked, finding_message
from assistant.core.chat.lexicon import CueIndex, lexicon, read_data
from assistant.core.checks import Finding, Severity
from assistant.core.i18n import Text

SHOWN = 3


@dataclass(frozen=True)
class Explanation:
    meaning: Text
    fix: Text


@dataclass(frozen=True)
class Explanations:
    by_code: dict[str, Explanation]
    words: CueIndex  # label = the code

    def of(self, code: str) -> Explanation | None:
        return self.by_code.get(code) or self.by_code.get(code.split(".", 1)[0])


@lru_cache(maxsize=1)
def explanations() -> Explanations:
    data = read_data("explanations.toml")["codes"]
    return Explanations(
        {code: Explanation(Text(s["sv"], s["en"]), Text(s["fix_sv"], s["fix_en"])) for code, s in data.items()},
        lexicon().check_words,
    )


def explain(asked: Asked) -> Answer:
    known = explanations()
    codes = {hit.cue.label for hit in known.words.hits(analyse(asked.route.text).tokens)}
    section = asked.section
    findings = [f for f in asked.report.findings if f.code != "pages.count"]
    chosen = _chosen(findings, codes, section, asked.current)
    if chosen:
        shown = SHOWN if codes or section else 1  # "förklara felet": the worst one, and how many more
        text = "\n\n".join(_explained(asked, f, known) for f in chosen[:shown])
        more = len(chosen) - shown
        if more > 0:
            text += "\n\n" + Text(
                f"*{more} till – fråga ”vad saknas?” för hela listan.*",
                f"*{more} more – ask “what is missing?” for the whole list.*",
            ).render(asked.lang)
        return asked.done(text, section=chosen[0].section)
    return asked.done(_nothing_found(asked, codes, section, known))


def _matches(finding: Finding, codes: set[str]) -> bool:
    return finding.code in codes or finding.code.split(".", 1)[0] in codes


def _chosen(findings: list[Finding], codes: set[str], section: str | None, current: str | None) -> list[Finding]:
    """The findings the question is about: its kind and heading, its kind, its heading, else the worst."""
    if codes and section:
        both = [f for f in findings if _matches(f, codes) and f.section == section]
        if both:
            return _worst_first(both)
    if codes:
        return _worst_first([f for f in findings if _matches(f, codes)])
    if section:
        return _worst_first([f for f in findings if f.section == section])
    serious = [f for f in findings if f.severity is not Severity.INFO]
    return sorted(serious, key=lambda f: (f.section != current, f.severity.rank))


def _worst_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.severity.rank)


def _explained(asked: Asked, finding: Finding, known: Explanations) -> str:
    lang = asked.lang
    where = asked.link(finding.section) + " – " if finding.section else ""
    lines = [f"{where}**{finding.severity.label.render(lang)}**: {finding_message(finding, lang)}"]
    explanation = known.of(finding.code)
    if explanation is not None:
        lines.append(Text("*Vad det betyder:* ", "*What it means:* ").render(lang) + explanation.meaning.render(lang))
    hint = finding.hint_text(lang)  # names the cell or the sentence: better than the general fix
    how = _sentence(hint) if hint else (explanation.fix.render(lang) if explanation else "")
    if how:
        lines.append(Text("*Så rättar du:* ", "*How to fix it:* ").render(lang) + how)
    return "\n\n".join(lines)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text[-1:] in ".!?" else ".")


def _nothing_found(asked: Asked, codes: set[str], section: str | None, known: Explanations) -> str:
    lang = asked.lang
    where = f" {Text('om', 'about').render(lang)} {asked.link(section)}" if section else ""
    head = Text(
        f"Kontrollen hittar inget sådant fel{where} i ditt utkast just nu.",
        f"The check finds no such error{where} in your draft right now.",
    ).render(lang)
    general = next((known.of(code) for code in sorted(codes) if known.of(code)), None)
    if general is None:
        if not asked.report.findings or all(f.severity is Severity.INFO for f in asked.report.findings):
            return str(
                Text(
                    "Kontrollen hittar inga fel eller varningar just nu.",
                    "The check finds no errors or warnings right now.",
                )
            )
        return (
            head
            + " "
            + str(Text("Fråga ”vad saknas?” för allt som är kvar.", "Ask “what is missing?” for everything left."))
        )
    return (
        head
        + "\n\n"
        + Text("*Vad kontrollen ser efter:* ", "*What the check looks for:* ").render(lang)
        + general.meaning.render(lang)
        + "\n\n"
        + Text("*Om den hittar något:* ", "*If it finds something:* ").render(lang)
        + general.fix.render(lang)
    )
