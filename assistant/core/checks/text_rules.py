"""Checks on the writing: opening summary, placeholders, reused text not adapted, women and men,
readability (LIX)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.checks.carried import check_carried
from assistant.core.checks.lix import lix
from assistant.core.model.drafts import word_count
from assistant.core.model.markers import find_markers

MAX_PATTERN_CHARS = 200
MAX_PER_SECTION = 5
MIN_LIX_WORDS = 40
YEAR_RE = re.compile(r"(?<![\d\-/.])((?:19|20)\d\d)(?![\d])")
_LETTER = "A-Za-zÅÄÖåäöÉé"


def _quote(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(
        f"{'…' if start > width else ''}{left}{text[start:end]}{right}{'…' if end + width < len(text) else ''}".split()
    )


def check_summary(ctx: Context) -> Iterator[Finding]:
    key = ctx.settings.get("section")
    max_words = ctx.settings.get("max_words")
    if not isinstance(key, str) or not isinstance(max_words, int):
        return
    paragraphs = [
        p for p in re.split(r"\n\s*\n", ctx.draft.text(key)) if p.strip() and not p.lstrip().startswith("###")
    ]
    if not paragraphs:
        return
    words = word_count(paragraphs[0])
    if words > max_words:
        label = ctx.heading_label(key)
        yield finding(
            Severity.WARNING,
            "summary.too_long",
            key,
            f"”{label}” ska inledas med en kort sammanfattning, men första stycket har {words} ord (högst {max_words})",
            f"“{label}” should open with a short summary, but the first paragraph has {words} words "
            f"(at most {max_words})",
            "börja med några meningar om vad insatsen är och vem den är till för",
            "start with a few sentences on what the project is and who it is for",
        )


# ---------------------------------------------------------------------------------------------
# Placeholders


@lru_cache(maxsize=16)
def _placeholder_res(patterns: tuple[object, ...]) -> list[re.Pattern[str]]:
    """The form's patterns as regexes (cached: the UI checks on every pause in typing)."""
    out = []
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern or len(pattern) > MAX_PATTERN_CHARS:
            continue
        flags = re.I if re.search(r"[a-z]", pattern) else 0  # "TODO" and "XX" only in capitals
        try:
            out.append(re.compile(rf"(?<![{_LETTER}])(?:{pattern})(?![{_LETTER}])", flags))
        except re.error:
            continue  # forms.py has checked the TOML; a broken regex simply does not run
    return out


def check_placeholders(ctx: Context) -> Iterator[Finding]:
    yield from _markers(ctx)
    patterns = ctx.settings.get("patterns", [])
    regexes = _placeholder_res(tuple(patterns) if isinstance(patterns, list) else ())
    if not regexes:
        return
    for key, text in ctx.texts():
        hits = sorted({(m.start(), m.end()) for rx in regexes for m in rx.finditer(text)})
        for start, end in hits[:MAX_PER_SECTION]:
            spot = _quote(text, start, end)
            label = ctx.heading_label(key)
            yield finding(
                Severity.ERROR,
                "placeholder",
                key,
                f"”{label}”: platshållaren ”{text[start:end]}” står kvar: ”{spot}”",
                f"“{label}”: the placeholder “{text[start:end]}” is still there: “{spot}”",
                "skriv in den riktiga texten",
                "write the real text",
            )
        if len(hits) > MAX_PER_SECTION:
            yield finding(
                Severity.ERROR,
                "placeholder",
                key,
                f"”{ctx.heading_label(key)}”: ytterligare {len(hits) - MAX_PER_SECTION} platshållare",
                f"“{ctx.heading_label(key)}”: {len(hits) - MAX_PER_SECTION} more placeholders",
                "sök efter TODO och XX",
                "search for TODO and XX",
            )


def _markers(ctx: Context) -> Iterator[Finding]:
    """Each ⟦… → ?⟧ that adapting reused text left for the writer (not in the unplaced notes,
    which the export leaves out)."""
    unplaced = {ex.key for ex in ctx.draft.extra if ex.unplaced}
    for key, text in ctx.texts():
        for found in find_markers(text) if key not in unplaced else []:
            label = ctx.heading_label(key)
            yield finding(
                Severity.ERROR,
                "marker",
                key,
                f"”{label}”: {found.text} är inte anpassat: ”{_quote(text, found.start, found.end)}”",
                f"“{label}”: {found.text} is not adapted: “{_quote(text, found.start, found.end)}”",
                "skriv in det som gäller för er ansökan i stället för markeringen",
                "write what holds for your application in place of the marker",
            )


# ---------------------------------------------------------------------------------------------
# Reused text that still speaks of another project


def check_unadapted(ctx: Context) -> Iterator[Finding]:
    yield from _from_sources(ctx)
    yield from check_carried(ctx)
    yield from _years_after_end(ctx)


def _own_names(ctx: Context) -> set[str]:
    draft = ctx.draft
    names = {draft.organisation, draft.municipality, draft.title}
    names |= {c.organisation for c in draft.contacts} | {c.name for c in draft.contacts}
    names |= {s.organisation for s in draft.signatories} | {s.name for s in draft.signatories}
    return {n.strip().lower() for n in names if n and n.strip()}


def _strings(value: object) -> list[str]:
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    return []


def _from_sources(ctx: Context) -> Iterator[Finding]:
    own = _own_names(ctx)
    start = ctx.period[0]
    reported: set[tuple[str, str]] = set()
    for source in ctx.draft.sources:
        key = source.get("section") or source.get("key")
        text = ctx.draft.text(key) if isinstance(key, str) else ""
        if not isinstance(key, str) or not text:
            continue
        origin = str(source.get("title") or source.get("entry") or source.get("id") or "en tidigare ansökan")
        # What record_source keeps about the passage's origin: its organisation, municipality,
        # project names and people, plus the names adapt() could not replace ("unresolved").
        fields = ("organisation", "municipality", "title", "projects", "people", "names", "places", "unresolved")
        names = [n.strip() for f in fields for n in _strings(source.get(f)) if len(n.strip()) >= 3]
        # Another municipality or organisation contradicts the project's own facts: an error.
        theirs = {n.strip() for f in ("organisation", "municipality") for n in _strings(source.get(f))}
        spans: list[tuple[int, int]] = []
        for name in sorted(set(names), key=len, reverse=True):  # "Malmö stad" before "Malmö"
            if name.lower() in own or any(name.lower() in o for o in own) or (key, name) in reported:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                if any(a <= m.start() < b for a, b in spans):
                    continue
                spans.append((m.start(), m.end()))
                reported.add((key, name))
                severity = Severity.ERROR if name in theirs else Severity.WARNING
                yield _unadapted(ctx, key, name, origin, _quote(text, m.start(), m.end()), severity)
                break
        years = [*_strings(source.get("years")), *_strings(source.get("year"))]
        for year in years if start else []:
            if start and year.isdigit() and int(year) < start.year and (key, year) not in reported:
                found = re.search(rf"(?<!\d){year}(?!\d)", text)
                if found:
                    reported.add((key, year))
                    spot = _quote(text, found.start(), found.end())
                    yield _unadapted(ctx, key, year, origin, spot, Severity.ERROR)  # before the project starts


def _unadapted(
    ctx: Context, key: str, name: str, origin: str, spot: str, severity: Severity = Severity.WARNING
) -> Finding:
    label = ctx.heading_label(key)
    return finding(
        severity,
        "unadapted",
        key,
        f"”{label}”: återanvänd text från {origin} nämner fortfarande ”{name}”: ”{spot}”",
        f"“{label}”: text reused from {origin} still mentions “{name}”: “{spot}”",
        "byt till er egen organisation, kommun och era egna årtal",
        "change it to your own organisation, municipality and years",
    )


def _years_after_end(ctx: Context) -> Iterator[Finding]:
    """Plans that run past the project's end ("1,5 tjänst år 2020–2023" when it ends in 2022)."""
    end = ctx.period[1]
    if end is None:
        return
    skip = set(ctx.settings.get("skip_sections", ["implementering"]))
    for key, text in ctx.texts():
        if key in skip:
            continue
        for m in YEAR_RE.finditer(text):
            year = int(m.group(1))
            if year > end.year:
                label = ctx.heading_label(key)
                spot = _quote(text, m.start(), m.end())
                yield finding(
                    Severity.WARNING,
                    "unadapted.year_after_end",
                    key,
                    f"”{label}”: året {year} ligger efter projektets slut {end}: ”{spot}”",
                    f"“{label}”: the year {year} is after the project ends ({end}): “{spot}”",
                    "rätta årtalet eller tidsplanen",
                    "correct the year or the Tidsplan",
                )
                break  # one per section is enough to send the writer there


# ---------------------------------------------------------------------------------------------
# Women and men; readability


def check_gender(ctx: Context) -> Iterator[Finding]:
    phrases = [p.lower() for p in ctx.settings.get("phrases", []) if isinstance(p, str) and p]
    for key in ctx.settings.get("sections", []):
        text = ctx.draft.text(key).lower()
        if not text.strip():
            continue
        both = re.search(r"\bkvinn", text) and re.search(r"\bmän\b", text)
        if not both and not any(p in text for p in phrases):
            label = ctx.heading_label(key)
            yield finding(
                Severity.WARNING,
                "gender",
                key,
                f"”{label}” nämner inte kvinnor och män",
                f"“{label}” does not mention women and men",
                "redovisa fördelningen eller uppföljningen per kön, t.ex. ”kvinnor och män”",
                "give the distribution or follow-up by sex, e.g. “kvinnor och män”",
            )


def check_readability(ctx: Context) -> Iterator[Finding]:
    for key, text in ctx.texts():
        heading = ctx.form.heading(key)
        if heading is not None and heading.kind in ("budget", "signature", "contacts"):
            continue
        score = lix(text)
        if score.words < MIN_LIX_WORDS:
            continue
        label = ctx.heading_label(key)
        value = f"{score.value:.0f}"
        yield finding(
            Severity.INFO,
            "readability",
            key,
            f"”{label}”: LIX {value} ({score.band})",
            f"“{label}”: LIX {value} ({score.band_en})",
            "kortare meningar och kortare ord sänker LIX" if score.value >= 50 else "",
            "shorter sentences and words lower LIX" if score.value >= 50 else "",
        )
