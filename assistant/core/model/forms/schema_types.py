"""The types of a form file's values and the declaration of one key (see `schema`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.core.i18n import Text


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()

# The types a value may have; each reads the same in the docs' "type" column.
TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
BOOLEAN = "boolean"
TEXTS = "list of text"
NUMBERS = "list of numbers"
TEXT_TABLE = "table of text"
AMOUNT = "amount"
PATTERNS = "list of regular expressions"
HEADING_KEY = "heading key"
HEADING_KEYS = "list of heading keys"
TABLE = "table"
TABLES = "list of tables"

TYPE_NAMES: dict[str, Text] = {
    TEXT: Text("text", "text"),
    INTEGER: Text("ett heltal", "an integer"),
    NUMBER: Text("ett tal", "a number"),
    BOOLEAN: Text("true eller false", "true or false"),
    TEXTS: Text("en lista med texter", "a list of text"),
    NUMBERS: Text("en lista med tal", "a list of numbers"),
    TEXT_TABLE: Text("en tabell med texter", "a table of text"),
    AMOUNT: Text("ett belopp i kronor", "an amount in kronor"),
    PATTERNS: Text("en lista med reguljära uttryck", "a list of regular expressions"),
    HEADING_KEY: Text("en rubriknyckel (text)", "a heading key (text)"),
    HEADING_KEYS: Text("en lista med rubriknycklar", "a list of heading keys"),
    TABLE: Text("en tabell", "a table"),
    TABLES: Text("en lista med tabeller [[…]]", "a list of tables [[…]]"),
}

HEADING_KINDS = ("text", "contacts", "tidsplan", "budget", "signature")
CONTACT_FIELDS = ("name", "role", "organisation", "phone", "email")  # = the fields of a draft's Contact
PAGE_SIZES = ("A4",)


@dataclass(frozen=True)
class Key:
    name: str
    type: str
    default: Any
    description: Text
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    shown: str = ""  # the default as the docs write it, when it is not simply `default`

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def default_text(self) -> str:
        """The default as TOML (as docs/forms.md writes it): `"A4"`, `2.5`, `true`, `[]`, or a word."""
        if self.shown:
            return self.shown
        if self.required:
            return "required"
        return toml_value(self.default) if self.default not in (None, {}) else "none"


def key(name: str, type_: str, default: Any, sv: str, en: str, **limits: Any) -> Key:
    return Key(name, type_, default, Text(sv, en), **limits)


def toml_value(value: Any) -> str:
    """A value as TOML writes it (texts as basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_value(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    return toml_string(str(value))


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
