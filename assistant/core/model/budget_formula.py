"""Budget cells written the way project leaders reason: a formula the tool understands and shows.

    0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO     staff: 228 000 + 71 638 = 299 638 kr
    350 kr/tim × 1 700 tim                                rate × quantity: 595 000 kr
    2 × 25 000 kr + 10 %                                  lump sums with a surcharge: 55 000 kr

A formula is products (`×`, `x`, `*` or `·`) added or subtracted (`+`, `−`); a term standing
alone after `+` as a percentage ("+ 31,42 % PO") is that share of everything before it (employer's
contributions, overhead), inside a product it is a factor ("× 50 %"). Numbers are Swedish (`38 000`,
`0,5`); `tkr` and `mkr` scale; other words (tjänst, kr/mån, tim, PO) are labels for the reader.
All arithmetic is Decimal; the result is rounded to whole kronor (half up) unless asked otherwise.
Nothing in a cell is ever executed: it is read by this parser only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from assistant.core.model.amounts import AmountError, format_amount, parse_amount

MAX_FORMULA_CHARS = 200
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_TOKEN_RE = re.compile(
    rf"(?P<num>{_NUMBER})|(?P<op>[×*·+\-−–]|(?<!\w)x(?!\w))|(?P<pct>%|procent\b)|(?P<word>[^\W\d_][\w/.:]*)|(?P<space>\s+)|(?P<other>.)",
    re.IGNORECASE,
)
_SCALES = {"tkr": Decimal(1000), "ksek": Decimal(1000), "mkr": Decimal(1_000_000), "mnkr": Decimal(1_000_000)}
_FORMULA_HINT = (
    "skriv t.ex. 0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO, eller 350 kr/tim × 1 700 tim",
    "write e.g. 0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO, or 350 kr/tim × 1 700 tim",
)
_MULTIPLY = {"×", "*", "·", "x", "X"}


@dataclass(frozen=True)
class Term:
    value: Decimal  # the factor this term contributes (a percentage as its fraction)
    shown: str  # as written, for the explanation
    percent: bool = False


@dataclass(frozen=True)
class Step:
    """One part of the sum: a product of terms, or a share of what came before it."""

    sign: int
    terms: tuple[Term, ...]
    value: Decimal  # what this step adds (signed)

    @property
    def is_share(self) -> bool:
        return len(self.terms) == 1 and self.terms[0].percent


@dataclass(frozen=True)
class Formula:
    text: str
    steps: tuple[Step, ...]
    exact: Decimal  # before rounding
    value: Decimal  # rounded

    def explain(self) -> str:
        """The arithmetic as the budget screen shows it, in the writer's own terms:
        `0,5 tjänst × 38 000 kr/mån × 12 mån = 228 000; + 31,42 % PO = 71 638; = 299 638 kr`."""
        parts = []
        for i, step in enumerate(self.steps):
            sign = "" if i == 0 and step.sign > 0 else ("+ " if step.sign > 0 else "− ")
            shown = " × ".join(t.shown for t in step.terms)
            parts.append(f"{sign}{shown} = {format_amount(abs(step.value).quantize(Decimal(1), ROUND_HALF_UP))}")
        total = f"{format_amount(self.value)} kr"
        if len(self.steps) == 1:
            return f"{' × '.join(t.shown for t in self.steps[0].terms)} = {total}"
        return "; ".join([*parts, f"= {total}"])


def is_formula(text: str) -> bool:
    """Whether a cell is a formula rather than one amount ("1 209 124 kr", "1,4 mkr", "-50 000")."""
    s = text.strip()
    return bool(re.search(r"[×*·+]|\d\s*%|\d[^\d]*\s[xX]\s", s)) and bool(re.search(r"\d", s))


def evaluate(text: str, *, where: str | None = None, rounding: Decimal = Decimal(1)) -> Formula:
    """The formula's value, rounded to `rounding` (whole kronor by default). AmountError naming
    `where` when it cannot be read."""
    if len(text) > MAX_FORMULA_CHARS:
        raise _error(text, where, "är för lång för en formel", "is too long for a formula")
    products = _products(_tokens(text, where), text, where)
    steps: list[Step] = []
    running = Decimal(0)
    for sign, terms in products:
        if len(terms) == 1 and terms[0].percent:
            if not steps:
                raise _error(
                    text, where, "börjar med en procentsats: procent av vad?", "starts with a percentage: of what?"
                )
            added = running * terms[0].value  # "+ 31,42 % PO": a share of what came before
        else:
            added = _product(terms)
        running += sign * added
        steps.append(Step(sign, tuple(terms), sign * added))
    return Formula(text, tuple(steps), running, round_to(running, rounding))


def round_to(value: Decimal, unit: Decimal = Decimal(1)) -> Decimal:
    """`value` rounded half up to a multiple of `unit` (1: whole kronor, 100, 1000: tusental)."""
    return ((value / unit).quantize(Decimal(1), ROUND_HALF_UP) * unit).quantize(Decimal(1))


def cell_amount(text: str | None, *, where: str | None = None, rounding: Decimal = Decimal(1)) -> Decimal | None:
    """A budget cell's amount: a formula's value rounded to `rounding` (the form's, whole kronor by
    default), else the amount as `parse_amount` reads it (as typed: the checks say when it is not
    rounded as the form wants)."""
    if text is not None and is_formula(str(text)):
        return evaluate(str(text), where=where, rounding=rounding).value
    return parse_amount(text, where=where)


def _tokens(text: str, where: str | None) -> list[tuple[str, str]]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "space":
            continue
        if kind == "other" and m.group(0) not in "()=~":
            raise _error(
                text,
                where,
                f"har ett tecken som inte hör hemma i en formel: ”{m.group(0)}”",
                f"has a character that does not belong in a formula: “{m.group(0)}”",
            )
        if kind != "other":
            out.append((kind, m.group(0)))
    return out


def _products(tokens: list[tuple[str, str]], text: str, where: str | None) -> list[tuple[int, list[Term]]]:
    """The tokens as signed products of terms: [(+1, [0,5 tjänst, 38 000 kr/mån, 12 mån]), (+1, [31,42 %])]."""
    products: list[tuple[int, list[Term]]] = []
    sign, terms, pending = 1, [], True  # pending: a number is expected next
    for kind, value in tokens:
        if kind == "num":
            if not pending:
                raise _error(
                    text, where, "har två tal utan räknetecken emellan", "has two numbers with no operator between"
                )
            terms.append(Term(_number(value, text, where), value))
            pending = False
        elif kind == "pct" and terms and not pending:
            last = terms[-1]
            terms[-1] = Term(last.value / 100, f"{last.shown} %", percent=True)
        elif kind == "word" and terms and not pending:
            scale = _SCALES.get(value.lower().split("/")[0])
            last = terms[-1]
            terms[-1] = Term(last.value * scale if scale else last.value, f"{last.shown} {value}", last.percent)
        elif kind == "op" and value in _MULTIPLY and not pending:
            pending = True
        elif kind == "op" and value not in _MULTIPLY:
            if terms and not pending:
                products.append((sign, terms))
            elif terms or products:
                raise _error(
                    text, where, "har ett räknetecken utan tal efter", "has an operator with no number after it"
                )
            sign, terms, pending = (1 if value == "+" else -1), [], True
        elif kind != "word":
            raise _error(text, where, "går inte att räkna ut", "cannot be worked out")
    if pending or not terms:
        raise _error(text, where, "slutar utan tal", "ends without a number")
    products.append((sign, terms))
    return products


def _product(terms: list[Term]) -> Decimal:
    value = Decimal(1)
    for term in terms:
        value *= term.value
    return value


def _number(text: str, formula: str, where: str | None) -> Decimal:
    digits = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation as exc:  # the token pattern allows only digits, so this is a bug
        raise _error(formula, where, "har ett tal som inte går att läsa", "has a number that cannot be read") from exc


def _error(text: str, where: str | None, sv: str, en: str) -> AmountError:
    shown = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())[:60]
    return AmountError(
        f"formeln ”{shown}” {sv}",
        f"the formula “{shown}” {en}",
        where=where,
        hint_sv=_FORMULA_HINT[0],
        hint_en=_FORMULA_HINT[1],
    )
