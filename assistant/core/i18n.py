"""The one place that decides the language, and the messages and number formats in it.

Ansökan is Swedish first, English on request. The language is chosen once per run, in this order:
the `--lang` flag, then `$ANSOKAN_LANG`, then the settings file (`lang = "en"`), else Swedish.
Both faces call `choose_language()` at start and everything below reads `language()`.

A message is one `Text` with its Swedish and its English wording side by side, so a translator
sees both and neither can be forgotten. Numbers and percentages are formatted with Babel for the
chosen locale (`67 %` with a no-break space in Swedish, `67%` in English).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal

LANGUAGES = ("sv", "en")
ENV_VAR = "ANSOKAN_LANG"
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}

_current = "sv"


def normalise(lang: str | None) -> str | None:
    """'en', 'en_GB.UTF-8', 'EN' -> 'en'; 'sv', 'sv_SE' -> 'sv'; anything else -> None."""
    if not lang:
        return None
    code = str(lang).strip().lower()[:2]
    return code if code in LANGUAGES else None


def choose_language(flag: str | None = None, *, configured: str | None = None) -> str:
    """Decide the run's language (flag > $ANSOKAN_LANG > settings > Swedish) and make it current."""
    chosen = normalise(flag) or normalise(os.environ.get(ENV_VAR)) or normalise(configured) or "sv"
    set_language(chosen)
    return chosen


def explicit_language(flag: str | None = None) -> bool:
    """Whether the flag or the environment chose the language (then the settings file may not)."""
    return bool(normalise(flag) or normalise(os.environ.get(ENV_VAR)))


def set_language(lang: str) -> None:
    global _current
    _current = normalise(lang) or "sv"


def language() -> str:
    return _current


def locale() -> str:
    """The Babel locale of the current language."""
    return _LOCALES[_current]


def tr(sv: str, en: str) -> str:
    """The Swedish or English text, as the current language says."""
    return en if _current == "en" else sv


@dataclass(frozen=True)
class Text:
    """One message in both languages; `str()` gives it in the current one."""

    sv: str
    en: str

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        return self.en if (normalise(lang) or _current) == "en" else self.sv

    def format(self, **values: object) -> Text:
        """The same message with `{name}` fields filled in, in both languages."""
        return Text(self.sv.format(**values), self.en.format(**values))


def format_percent(share: float | Decimal) -> str:
    """0.667 -> '67 %' (Swedish) / '67%' (English)."""
    from babel.numbers import format_percent as _babel_percent

    return str(_babel_percent(share, locale=locale()))


def format_number(value: float | int | Decimal, *, decimals: int | None = None, lang: str | None = None) -> str:
    """Grouped for the current locale (or `lang`'s, for the two texts of one message): '1 373 334' /
    '1,373,334'; '2,5' / '2.5'."""
    from babel.numbers import format_decimal

    where = _LOCALES[lang] if lang else locale()
    if decimals is None:
        return str(format_decimal(value, locale=where))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=where))


def plural(count: int, one: Text, many: Text) -> str:
    """'1 sida' / '3 sidor' in the current language (the count is put in front)."""
    return f"{count} {(one if count == 1 else many).render()}"
