"""Staff and years the text states, against the budget: "en halvtidstjänst som handläggare" when the
budget pays that handläggare a whole tjänst, "2029 budgeteras 300 000 kr" when the budget has no 2029.

Staff is read the Swedish way: `0,5 tjänst`, `1,5 tjänster`, `en halvtidstjänst`, `två heltidstjänster`,
`50 % tjänst`, `2,5 årsarbetare`. The budget's staff is what its Personal items say: the `tjänst` of
a formula (`0,5 tjänst × 38 000 kr/mån × 12 mån`), the item's quantity, or its text ("Handläggare,
kommunen, 1,0 tjänst"). A statement is compared only when it is plainly about one item (the
sentence names words only that item's text has, "handläggare … Försäkringskassan") or about all
the staff ("totalt", "sammanlagt", "projektet bemannas med"): anything else is left alone rather
than guessed at. A mismatch is an error naming the text and the budget's row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.model.amounts import AmountError, amounts_in_text
from assistant.core.model.budget import Budget, BudgetItem
from assistant.core.model.budget_formula import evaluate, is_formula
from assistant.core.model.figures import YEAR_RE

_WORD_NUMBERS = {
    "en": Decimal(1),
    "ett": Decimal(1),
    "två": Decimal(2),
    "tre": Decimal(3),
    "fyra": Decimal(4),
    "fem": Decimal(5),
    "sex": Decimal(6),
    "sju": Decimal(7),
    "åtta": Decimal(8),
    "nio": Decimal(9),
    "tio": Decimal(10),
}
_DIGITS = r"\d+(?:,\d+)?"
_WORDS = "|".join(_WORD_NUMBERS)
# "0,5 tjänst", "2,5 heltidstjänster", "två halvtidstjänster", "en och en halv tjänst", "50 % tjänst",
# "50-procentig tjänst", "2 årsarbetare". A word number only with heltid/halvtid (or "halv"): "en
# tjänst" alone is as often a service bought as a post.
STAFF_RE = re.compile(
    rf"(?<![\w,])(?:(?P<pct>\d{{1,3}}(?:,\d+)?)\s?(?:%|procent|-procentig|\s?procentig)\s+(?:av\s+en\s+)?(?:tjänst|anställning)"
    rf"|(?P<num>{_DIGITS})\s+(?P<unit>heltidstjänst(?:er)?|halvtidstjänst(?:er)?|tjänst(?:er)?|årsarbetare|årsarbetskrafter)"
    rf"|(?P<word>{_WORDS})\s+(?P<wunit>heltidstjänst(?:er)?|halvtidstjänst(?:er)?)"
    rf"|(?P<half>(?:(?:{_WORDS})\s+och\s+)?en\s+halv)\s+(?:tjänst|heltidstjänst))(?![\wåäö])",
    re.IGNORECASE,
)
_PART_RE = re.compile(r"\s*(?:\(\s*|på\s+|om\s+)(\d{1,3}(?:,\d+)?)\s?(?:%|procent)", re.IGNORECASE)
# Words that make a staff count one of the whole project.
TOTAL_STAFF_RE = re.compile(
    r"\b(?:total\w*|sammanlag\w*|sammantaget|sammanlagt|bemann\w*|projektpersonal\w*|personalstyrka\w*|"
    r"projektet\s+(?:har|finansierar|anställer|avsätter))\b",
    re.IGNORECASE,
)
# Item words that name no one in particular.
_COMMON = {"tjänst", "tjänster", "inkl", "inklusive", "personal", "lön", "löner", "kostnad", "kostnader", "projekt"}
_SENTENCE_END = re.compile(r"[.!?;\n](?=\s|$)")


def staff_in_text(text: str) -> list[tuple[Decimal, int, int]]:
    """Every staff count in running text as (tjänster, start, end): "en halvtidstjänst" is 0,5."""
    out = []
    for m in STAFF_RE.finditer(text):
        if m.group("pct"):
            value = _decimal(m.group("pct")) / 100
        elif m.group("num"):
            value = _decimal(m.group("num")) * _unit_share(m.group("unit"))
        elif m.group("word"):
            value = _WORD_NUMBERS[m.group("word").lower()] * _unit_share(m.group("wunit"))
        else:
            whole = m.group("half").lower().split()[0]
            value = (_WORD_NUMBERS.get(whole, Decimal(0)) if "och" in m.group("half").lower() else 0) + Decimal("0.5")
        if part := _PART_RE.match(text, m.end()):  # "1 tjänst (50 %)", "en tjänst på 75 %"
            value *= _decimal(part.group(1)) / 100
        out.append((value, m.start(), m.end()))
    return out


def _unit_share(unit: str) -> Decimal:
    return Decimal("0.5") if unit.lower().startswith("halvtid") else Decimal(1)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


@dataclass(frozen=True)
class Post:
    """A Personal item's tjänst: for the whole period and per year (a formula per year may differ)."""

    item: BudgetItem
    values: frozenset[Decimal]  # every tjänst the item gives (one per year when per year)


def item_staff(item: BudgetItem) -> frozenset[Decimal]:
    """The tjänster an item pays: from its formulas, else its quantity, else its text."""
    found = set()
    for cell in (item.total, *item.per_year.values()):
        if cell and is_formula(cell):
            try:
                steps = evaluate(cell).steps
            except AmountError:
                continue
            found |= {t.value for s in steps for t in s.terms if re.search(r"tjänst|årsarb", t.shown, re.I)}
    if found:
        return frozenset(found)
    for text in (item.quantity, item.text):
        counts = staff_in_text(text or "")
        if counts:
            return frozenset({counts[0][0]})
    return frozenset()


def budget_posts(budget: Budget) -> list[Post]:
    posts = [Post(item, item_staff(item)) for item in budget.items]
    return [p for p in posts if p.values]


def check_budget_staff(ctx: Context, budget: Budget) -> Iterator[Finding]:
    """Staff counts in the text against the budget's Personal items (one item, or all of them)."""
    posts = budget_posts(budget)
    if not posts or ctx.budget_key is None:
        return
    totals = _total_staff(posts)
    for key, text in ctx.texts():
        if key == ctx.budget_key:
            continue  # the budget section describes the rows themselves
        seen: set[int] = set()  # sentences whose first count was read as the project's staff
        for value, start, end in staff_in_text(text):
            sentence, left = _sentence_around(text, start, end)
            post = _the_post(posts, sentence)
            whole = left not in seen and TOTAL_STAFF_RE.search(text, left, start) is not None
            seen.add(left)
            if post is not None:
                if value in post.values:
                    continue
                shown = _fte(min(post.values, key=lambda v: abs(v - value)))
                place = f"detaljerad budget, ”{post.item.text[:50]}”"
                place_en = f"detailed budget, “{post.item.text[:50]}”"
            elif whole and len(posts) > 1:
                if value in totals:
                    continue
                shown = _fte(max(totals))
                place, place_en = "detaljerad budget, Personal", "detailed budget, Personal"
            else:
                continue
            label = ctx.heading_label(key)
            quote = " ".join(sentence.split())[:90]
            yield finding(
                Severity.ERROR,
                "budget.text_staff",
                key,
                f"texten säger ”{quote}” (”{label}”) men budgeten har {shown} tjänst ({place})",
                f"the text says “{quote}” (“{label}”) but the budget has {shown.replace(',', '.')} posts ({place_en})",
                "ändra tjänsten i texten eller i budgeten så att de stämmer",
                "change the post in the text or in the budget so they agree",
            )


def _total_staff(posts: list[Post]) -> frozenset[Decimal]:
    """The project's staff in all: the sum of the items' largest and of their smallest tjänster."""
    return frozenset({sum((max(p.values) for p in posts), Decimal(0)), sum((min(p.values) for p in posts), Decimal(0))})


def _the_post(posts: list[Post], sentence: str) -> Post | None:
    """The one item whose own words the sentence names most ("handläggare" and "Försäkringskassan"
    for "Handläggare, Försäkringskassan, 0,5 tjänst"); None when none, or a tie."""
    lowered = sentence.lower()
    scores = []
    for post in posts:
        name = re.split(r"[\d(:]", post.item.text, maxsplit=1)[0]  # "Handläggare, kommunen, " of "…, 1,0 tjänst"
        words = {w for w in re.findall(r"[^\W\d_]{4,}", name.lower()) if w not in _COMMON}
        scores.append(sum(1 for w in words if w[:7] in lowered))
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        return None
    return posts[scores.index(best)]


def _fte(value: Decimal) -> str:
    shown = format(value.normalize(), "f")
    return (shown if "." in shown else f"{shown},0").replace(".", ",")


def check_budget_years(ctx: Context, budget: Budget) -> Iterator[Finding]:
    """A year the text gives an amount for ("2029 budgeteras 300 000 kr") that the budget has not."""
    if not budget.years:
        return
    years = set(budget.years)
    for key, text in ctx.texts():
        amounts = amounts_in_text(text)
        if not amounts:
            continue
        for m in YEAR_RE.finditer(text):
            year = int(m.group(1))
            if year in years:
                continue
            sentence, _left = _sentence_around(text, m.start(), m.end())
            near = [a for a in amounts if _same_sentence(text, m.start(), a[1]) and abs(a[1] - m.start()) <= 60]
            if not near or not re.search(r"\bbudget\w*|\bkostnad\w*|\bsöker\b|\bsöks\b|\bmedel\b", sentence, re.I):
                continue
            shown = f"{min(years)}–{max(years)}" if len(years) > 1 else str(min(years))
            label = ctx.heading_label(key)
            quote = " ".join(sentence.split())[:90]
            yield finding(
                Severity.ERROR,
                "budget.text_year",
                key,
                f"texten säger ”{quote}” (”{label}”) men budgeten har inget år {year} (budgetens år: {shown})",
                f"the text says “{quote}” (“{label}”) but the budget has no year {year} (the budget's years: {shown})",
                "rätta årtalet i texten, eller lägg till året i budgeten",
                "correct the year in the text, or add the year to the budget",
            )
            break  # one per section sends the writer there


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return not any(True for _ in _SENTENCE_END.finditer(text, low, high))


def _sentence_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence (at most 300 characters either side) and where it starts."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    right = next((m.start() for m in _SENTENCE_END.finditer(text, end, end + 300)), min(len(text), end + 300))
    return text[left:right], left
