"""Structure checks: headings present and filled, their order, the Tidsplan, the contacts."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

from assistant.core.checks.base import MAX_SCAN_CHARS, Context, Finding, Severity, finding
from assistant.core.i18n import format_number
from assistant.core.model.dates import END_RE, START_RE, parse_date
from assistant.core.model.drafts import section_status

MAX_LISTED = 20  # extra or doubled headings named one by one; the rest in one finding


def check_required_sections(ctx: Context) -> Iterator[Finding]:
    for status in section_status(ctx.draft, ctx.form):
        heading = ctx.form.heading(status.key)
        if heading is None or heading.kind == "signature" or not status.empty:
            continue
        if status.required:
            yield finding(
                Severity.ERROR,
                "sections.missing",
                status.key,
                f"avsnittet ”{heading.label}” är tomt men krävs av formuläret",
                f"the section “{heading.label}” is empty but the form requires it",
                heading.guidance[:160],
                heading.guidance[:160],
            )
        else:
            yield finding(
                Severity.INFO,
                "sections.empty_optional",
                status.key,
                f"avsnittet ”{heading.label}” är tomt (frivilligt)",
                f"the section “{heading.label}” is empty (optional)",
                "skriv något om det gäller er insats, annars kan det stå tomt",
                "write something if it applies, otherwise leave it empty",
            )

    yield from _too_long(ctx)


def _too_long(ctx: Context) -> Iterator[Finding]:
    """Sections beyond what the text checks read (Context.texts cuts them at MAX_SCAN_CHARS)."""
    texts = [(h.key, ctx.draft.text(h.key)) for h in ctx.form.headings]
    texts += [(ex.key, ex.text) for ex in ctx.draft.extra]
    for key, text in texts:
        if len(text) <= MAX_SCAN_CHARS or (ctx.only is not None and ctx.only != key):
            continue
        label = ctx.heading_label(key)
        size_sv, size_en = format_number(len(text), lang="sv"), format_number(len(text), lang="en")
        limit_sv, limit_en = format_number(MAX_SCAN_CHARS, lang="sv"), format_number(MAX_SCAN_CHARS, lang="en")
        yield finding(
            Severity.WARNING,
            "sections.too_long",
            key,
            f"avsnittet ”{label}” har {size_sv} tecken; bara de första {limit_sv} kontrolleras",
            f"the section “{label}” has {size_en} characters; only the first {limit_en} are checked",
            "en hel ansökan är sällan över 30 000 tecken; har text klistrats in flera gånger?",
            "a whole application is rarely over 30,000 characters; was text pasted several times?",
        )


def check_section_order(ctx: Context) -> Iterator[Finding]:
    """Headings in another order than the form's (a hand-edited file), and text the form does not ask for."""
    position = {key: i for i, key in enumerate(ctx.form.keys)}
    order = [k for k in ctx.draft.written_order if k in position]
    for before, after in itertools.pairwise(order):
        if position[after] < position[before]:
            yield finding(
                Severity.INFO,
                "sections.order",
                after,
                f"”{ctx.heading_label(after)}” står efter ”{ctx.heading_label(before)}” i filen, "
                "men formuläret har den ordningen omvänd",
                f"“{ctx.heading_label(after)}” comes after “{ctx.heading_label(before)}” in the file, "
                "but the form has them the other way round",
                "exporten och nästa sparning följer formulärets ordning; kontrollera att texten står rätt",
                "the export and the next save follow the form's order; check the text is where it belongs",
            )
            break
    yield from _extra_sections(ctx)
    yield from _duplicates(ctx)


def _extra_sections(ctx: Context) -> Iterator[Finding]:
    """One finding per heading the form does not know, the first MAX_LISTED of them, then one for
    the rest: a pasted document can have thousands, and a list that long helps nobody."""
    extras = ctx.draft.extra
    listed = extras[:MAX_LISTED] if ctx.only is None else [e for e in extras if e.key == ctx.only]
    for extra in listed:
        after = ctx.heading_label(extra.after) if extra.after else ""
        where_sv = f" (efter ”{after}”)" if after else " (först)"
        where_en = f" (after “{after}”)" if after else " (first)"
        yield finding(
            Severity.INFO,
            "sections.extra",
            extra.key,
            f"avsnittet ”{extra.heading}” finns inte i formuläret{where_sv}",
            f"the section “{extra.heading}” is not in the form{where_en}",
            "flytta texten till en av formulärets rubriker eller ta bort den",
            "move the text under one of the form's headings or remove it",
        )
    rest = len(extras) - MAX_LISTED
    if rest > 0 and ctx.only is None:
        yield finding(
            Severity.INFO,
            "sections.extra",
            None,
            f"och {format_number(rest, lang='sv')} avsnitt till som inte finns i formuläret",
            f"and {format_number(rest, lang='en')} more sections that are not in the form",
            "har ett helt dokument klistrats in? rubrikerna ska vara formulärets",
            "was a whole document pasted in? the headings should be the form's",
        )


def _duplicates(ctx: Context) -> Iterator[Finding]:
    duplicates = [w for w in ctx.draft.warnings if "två gånger" in w]
    for warning in duplicates[:MAX_LISTED]:
        yield finding(
            Severity.WARNING,
            "sections.duplicate",
            None,
            warning,
            warning.replace("förekommer två gånger; texterna har slagits ihop", "appears twice; the texts were merged"),
            "kontrollera att texten inte står dubbelt",
            "check that no text is doubled",
        )
    rest = len(duplicates) - MAX_LISTED
    if rest > 0:
        yield finding(
            Severity.WARNING,
            "sections.duplicate",
            None,
            f"och {format_number(rest, lang='sv')} rubriker till som förekommer mer än en gång; texterna har slagits ihop",
            f"and {format_number(rest, lang='en')} more headings that appear more than once; the texts were merged",
            "kontrollera att texten inte står dubbelt",
            "check that no text is doubled",
        )


# ---------------------------------------------------------------------------------------------
# Tidsplan


def check_tidsplan(ctx: Context) -> Iterator[Finding]:
    key = ctx.tidsplan_key
    start, end = ctx.period
    yield from _unreadable_dates(ctx, key, start, end)
    if start is None:
        yield finding(
            Severity.ERROR,
            "tidsplan.start_missing",
            key,
            "Tidsplan: startdatum saknas",
            "Tidsplan: the start date is missing",
            "skriv ”Startdatum: 2026-01-01” i Tidsplan",
            "write “Startdatum: 2026-01-01” in the Tidsplan",
        )
    if end is None:
        yield finding(
            Severity.ERROR,
            "tidsplan.end_missing",
            key,
            "Tidsplan: slutdatum saknas",
            "Tidsplan: the end date is missing",
            "skriv ”Slutdatum: 2027-12-31” i Tidsplan",
            "write “Slutdatum: 2027-12-31” in the Tidsplan",
        )
    if start and end and end <= start:
        yield finding(
            Severity.ERROR,
            "tidsplan.order",
            key,
            f"Tidsplan: slutdatum {end} ligger inte efter startdatum {start}",
            f"Tidsplan: the end date {end} is not after the start date {start}",
            "byt plats på datumen eller rätta årtalet",
            "swap the dates or correct the year",
        )
        return
    max_months = ctx.settings.get("max_months")
    if start and end and isinstance(max_months, int):
        months = (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day else 0)
        if months > max_months:
            yield finding(
                Severity.ERROR,
                "tidsplan.too_long",
                key,
                f"Tidsplan: projektet pågår {months} månader, formuläret tillåter högst {max_months}",
                f"Tidsplan: the project runs {months} months; the form allows at most {max_months}",
                "korta projektperioden",
                "shorten the project period",
            )
    yield from _front_vs_text(ctx, key)


def _unreadable_dates(ctx: Context, key: str | None, start: dt.date | None, end: dt.date | None) -> Iterator[Finding]:
    """ "Startdatum: 2020-02-30" in the text that the front matter does not override."""
    for regex, have, sv, en in ((START_RE, start, "startdatum", "start date"), (END_RE, end, "slutdatum", "end date")):
        m = regex.search(ctx.tidsplan_text)
        if m and have is None and re.search(r"\d", m.group(1)) and parse_date(m.group(1)) is None:
            spot = m.group(1).strip()[:30]
            yield finding(
                Severity.ERROR,
                "tidsplan.bad_date",
                key,
                f"Tidsplan: {sv} ”{spot}” är inget giltigt datum",
                f"Tidsplan: {en} “{spot}” is not a valid date",
                "skriv datumet som 2026-01-31 eller 31 januari 2026",
                "write the date as 2026-01-31 or 31 januari 2026",
            )


def _front_vs_text(ctx: Context, key: str | None) -> Iterator[Finding]:
    """The front matter and the Tidsplan text naming different dates."""
    for regex, have, sv, en in (
        (START_RE, ctx.draft.start, "startdatum", "start date"),
        (END_RE, ctx.draft.end, "slutdatum", "end date"),
    ):
        m = regex.search(ctx.tidsplan_text)
        written = parse_date(m.group(1)) if m else None
        if have and written and written != have:
            yield finding(
                Severity.WARNING,
                "tidsplan.mismatch",
                key,
                f"Tidsplan: texten anger {sv} {written} men utkastets huvud {have}",
                f"Tidsplan: the text gives the {en} {written} but the draft's header {have}",
                "låt båda ange samma datum",
                "make both give the same date",
            )


# ---------------------------------------------------------------------------------------------
# Contacts


EMAIL_RE = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w.-]+", re.UNICODE)  # lookbehind: linear on long words
_VALID_EMAIL_RE = re.compile(r"^[\w.+'-]+@(?:[\w-]+\.)+[^\W\d_]{2,}$", re.UNICODE)
PHONE_RE = re.compile(r"(?<![\w+])(?:\+46|0)[\d  ()\-–]{5,16}\d(?!\d)")


def valid_email(address: str) -> bool:
    return bool(_VALID_EMAIL_RE.match(address)) and ".." not in address and not address.startswith(".")


def valid_phone(number: str) -> bool:
    """0xx-xxx xx xx, 010-…, 07x-… or +46 …: a leading 0 (or +46) and 8–10 digits in all."""
    if re.search(r"[^\d\s+()\-–/]", number):
        return False
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        if not digits.startswith("46"):
            return True  # a foreign number: not ours to judge
        digits = "0" + digits[2:].lstrip("0")
    return digits.startswith("0") and not digits.startswith("00") and 8 <= len(digits) <= 10


def check_contacts(ctx: Context) -> Iterator[Finding]:
    key = next((h.key for h in ctx.form.headings if h.kind == "contacts"), None)
    for contact in ctx.draft.contacts:
        who = contact.name or contact.organisation or "?"
        if contact.email:
            yield from _email(contact.email.strip(), key, f"kontaktperson {who}", f"contact {who}")
        if contact.phone:
            yield from _phone(contact.phone.strip(), key, f"kontaktperson {who}", f"contact {who}")
        if contact.name and not contact.email and not contact.phone:
            yield finding(
                Severity.WARNING,
                "contacts.unreachable",
                key,
                f"kontaktperson {who}: varken e-post eller telefon",
                f"contact {who}: neither e-mail nor phone",
                "ange minst e-post eller telefonnummer",
                "give at least an e-mail or a phone number",
            )
    seen = {c.email.strip().lower() for c in ctx.draft.contacts} | {c.phone.strip() for c in ctx.draft.contacts}
    for section, text in ctx.texts():
        heading = ctx.form.heading(section)
        if heading is None or heading.kind != "contacts":
            continue
        for m in EMAIL_RE.finditer(text):
            address = m.group(0).rstrip(".")
            if address.lower() not in seen:
                yield from _email(address, section, "e-postadressen", "the e-mail address")
        for m in PHONE_RE.finditer(text):
            if m.group(0).strip() not in seen:
                yield from _phone(m.group(0).strip(), section, "telefonnumret", "the phone number")


def _email(address: str, key: str | None, who_sv: str, who_en: str) -> Iterator[Finding]:
    if not valid_email(address):
        yield finding(
            Severity.WARNING,
            "contacts.email",
            key,
            f"{who_sv}: e-postadressen ”{address[:60]}” ser felaktig ut",
            f"{who_en}: the e-mail address “{address[:60]}” looks wrong",
            "skriv den som namn@organisation.se",
            "write it as name@organisation.se",
        )
        return
    domain = address.split("@", 1)[1]
    if not domain.isascii():
        yield finding(
            Severity.INFO,
            "contacts.email_idn",
            key,
            f"{who_sv}: ”{address}” har å, ä eller ö i domänen; giltigt men en del e-postprogram klarar det inte",
            f"{who_en}: “{address}” has a non-ASCII domain; valid, but some mail programs fail on it",
            "ange gärna även en adress utan å, ä, ö om en sådan finns",
            "give an ASCII address too if there is one",
        )


def _phone(number: str, key: str | None, who_sv: str, who_en: str) -> Iterator[Finding]:
    if not valid_phone(number):
        yield finding(
            Severity.WARNING,
            "contacts.phone",
            key,
            f"{who_sv}: telefonnumret ”{number[:30]}” ser felaktigt ut",
            f"{who_en}: the phone number “{number[:30]}” looks wrong",
            "skriv t.ex. 040-34 10 00, 070-123 45 67 eller +46 40 34 10 00",
            "write e.g. 040-34 10 00, 070-123 45 67 or +46 40 34 10 00",
        )
