"""Checking a form file against its schema: every problem at once, each naming its key and line.

`check_form_text` reads the TOML, walks it table by table with the schema's declared keys
(`schema`), converts every value by its type and collects what is wrong: unknown keys (with the
key that was most likely meant), wrong types, missing keys, values outside their limits. The
form's cross-references and the checks it leaves off are `validate_rules`'s. Only a form
without errors is built.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from assistant.core.errors import FormError
from assistant.core.i18n import Text, language
from assistant.core.model.forms.form import KEY_RE, Form
from assistant.core.model.forms.lines import KeyPath, dotted, locate_line, syntax_error_line
from assistant.core.model.forms.schema import closest, keys_of
from assistant.core.model.forms.schema_types import (
    AMOUNT,
    BOOLEAN,
    HEADING_KEY,
    HEADING_KEYS,
    INTEGER,
    NUMBER,
    NUMBERS,
    PATTERNS,
    TABLE,
    TABLES,
    TEXT,
    TEXT_TABLE,
    TEXTS,
    TYPE_NAMES,
    Key,
)

ERROR, WARNING, NOTE = "error", "warning", "note"
SEVERITY_WORDS = {ERROR: Text("fel", "error"), WARNING: Text("varning", "warning"), NOTE: Text("obs", "note")}
Table = dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth knowing about) a form file, at a line when it has one."""

    severity: str  # error | warning | note
    text: Text
    line: int | None = None

    def message(self, where: str, lang: str | None = None) -> str:
        """ "file:line: text", with "varning:"/"obs:" before the text of what is not an error."""
        at = f"{where}:{self.line}" if self.line else where
        word = "" if self.severity == ERROR else f"{SEVERITY_WORDS[self.severity].render(lang)}: "
        return f"{at}: {word}{self.text.render(lang)}"


@dataclass
class FormCheck:
    """The outcome of checking a form file: its problems, and the form when there is no error."""

    where: str
    problems: list[Problem] = field(default_factory=list)
    form: Form | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def lines(self, lang: str | None = None) -> list[str]:
        """Every problem as one line, in the order of the file (those without a line last)."""
        ordered = sorted(self.problems, key=lambda p: (p.line is None, p.line or 0))
        return [p.message(self.where, lang) for p in ordered]

    def raise_for_errors(self) -> Form:
        """The form, or one FormError naming the first error (and how many more there are)."""
        if self.form is not None and not self.errors:
            return self.form
        errors = sorted(self.errors, key=lambda p: (p.line is None, p.line or 0))
        first = errors[0]
        more = len(errors) - 1
        hint_sv = f"och {more} fel till; se `ansokan forms check`" if more else None
        hint_en = f"and {more} more; see `ansokan forms check`" if more else None
        where = f"{self.where}:{first.line}" if first.line else self.where
        raise FormError(first.text.sv, first.text.en, where=where, hint_sv=hint_sv, hint_en=hint_en)


class Checker:
    """Walks a form's parsed TOML, converting values by their declared type and noting problems."""

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        self.problems: list[Problem] = []

    def add(self, severity: str, path: KeyPath | None, sv: str, en: str, *, line: int | None = None) -> None:
        line = locate_line(self.text, path) if path else line
        if path:
            sv, en = f"nyckeln `{dotted(path)}`: {sv}", f"key `{dotted(path)}`: {en}"
        self.problems.append(Problem(severity, Text(sv, en), line))

    def error(self, path: KeyPath | None, sv: str, en: str) -> None:
        self.add(ERROR, path, sv, en)

    def table(self, raw: Any, table: str, path: KeyPath) -> Table:
        """The table's valid values, converted; each unknown, wrong or missing key is a problem."""
        if not isinstance(raw, dict):
            name = f"[{dotted(path)}]" if path else "?"
            self.error(path, f"ska vara en tabell {name}", f"must be a table {name}")
            return {}
        declared = {k.name: k for k in keys_of(table)}
        clean: Table = {}
        for name, value in raw.items():
            spec = declared.get(name)
            if spec is None:
                self.unknown((*path, name), name, list(declared))
                continue
            ok, converted = self.value(spec, value, (*path, name))
            if ok:
                clean[name] = converted
        for spec in declared.values():
            if spec.required and spec.name not in raw:
                self.missing((*path, spec.name))
        return clean

    def missing(self, path: KeyPath) -> None:
        line = locate_line(self.text, path)
        lines = self.text.splitlines()
        if line and lines[line - 1].lstrip().startswith("# TODO"):
            self.error(path, "fyll i värdet och ta bort `# TODO `", "fill in the value and remove `# TODO `")
        else:
            self.error(path, "saknas men krävs", "is missing but required")

    def unknown(self, path: KeyPath, name: str, allowed: list[str]) -> None:
        guess = closest(name, allowed)
        if guess:
            self.error(path, f"okänd nyckel; menar du `{guess}`?", f"unknown key; did you mean `{guess}`?")
        else:
            known = ", ".join(sorted(allowed))
            self.error(path, f"okänd nyckel (tillåtna: {known})", f"unknown key (allowed: {known})")

    def value(self, spec: Key, value: Any, path: KeyPath) -> tuple[bool, Any]:
        """(True, the value converted) or (False, None) after noting what is wrong with it."""
        converted = _convert(spec.type, value)
        if converted is _WRONG:
            want = TYPE_NAMES[spec.type]
            self.error(
                path, f"ska vara {want.sv}, inte {_toml_type(value)}", f"must be {want.en}, not {_toml_type(value)}"
            )
            return False, None
        problem = _limits(spec, converted)
        if problem is not None:
            self.error(path, problem.sv, problem.en)
            return False, None
        return True, converted


_WRONG: Any = object()


def _convert(kind: str, value: Any) -> Any:
    """The value as the type wants it, or _WRONG."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind in (TEXT, HEADING_KEY):
        return value if isinstance(value, str) else _WRONG
    if kind == INTEGER:
        return value if isinstance(value, int) and not isinstance(value, bool) else _WRONG
    if kind == NUMBER:
        return float(value) if number and math.isfinite(value) else _WRONG
    if kind == BOOLEAN:
        return value if isinstance(value, bool) else _WRONG
    if kind in (TEXTS, PATTERNS, HEADING_KEYS):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return tuple(value) if ok else _WRONG
    if kind == NUMBERS:
        ok = isinstance(value, list) and all(_finite(v) for v in value)
        return tuple(float(v) for v in value) if ok else _WRONG
    if kind == TEXT_TABLE:
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return dict(value) if ok else _WRONG
    if kind == AMOUNT:
        return _amount(value)
    if kind in (TABLE, TABLES):
        ok = isinstance(value, dict) if kind == TABLE else isinstance(value, list)
        return value if ok else _WRONG
    raise ValueError(kind)


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return _WRONG
    try:
        amount = Decimal(str(value).replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        return _WRONG
    return amount if amount.is_finite() else _WRONG


def _limits(spec: Key, value: Any) -> Text | None:
    """What is wrong with a value of the right type (out of range, not a choice), or None."""
    if spec.required and spec.type == TEXT and not value.strip():
        return Text("får inte vara tom", "must not be empty")
    if spec.type == HEADING_KEY and not KEY_RE.match(value):
        return Text(
            "ska vara gemena a–z, 0–9 och _ (t.ex. `malgrupp`)", "must be lowercase a–z, 0–9 and _ (e.g. `malgrupp`)"
        )
    if spec.choices:
        values = value if isinstance(value, tuple) else (value,)
        for v in values:
            if v not in spec.choices:
                options = ", ".join(spec.choices)
                return Text(f"`{v}` ska vara en av {options}", f"`{v}` must be one of {options}")
    if spec.type == PATTERNS:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                return Text(
                    f"`{pattern}` är inget giltigt reguljärt uttryck ({exc})",
                    f"`{pattern}` is no valid regular expression ({exc})",
                )
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        low, high = spec.minimum, spec.maximum
        if low is not None and value < low:
            return Text(f"ska vara minst {low:g}", f"must be at least {low:g}")
        if high is not None and value > high:
            return Text(f"får vara högst {high:g}", f"must be at most {high:g}")
    return None


def _toml_type(value: Any) -> str:
    names = {bool: "true/false", str: "text", int: "integer", float: "float", list: "array", dict: "table"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), type(value).__name__)


def check_form_text(text: str, where: Path | str = "<form>") -> FormCheck:
    """Every problem of a form's TOML text, and the form itself when there is no error."""
    from assistant.core.model.forms.build import build_form
    from assistant.core.model.forms.validate_rules import check_rules

    result = FormCheck(str(where))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        result.problems.append(
            Problem(ERROR, Text(f"ogiltig TOML: {exc}", f"invalid TOML: {exc}"), syntax_error_line(str(exc)))
        )
        return result
    except RecursionError:  # tomllib recurses once per nested array or inline table
        result.problems.append(
            Problem(
                ERROR,
                Text(
                    "ogiltig TOML: för djupt nästlade listor eller tabeller",
                    "invalid TOML: lists or tables nested too deeply",
                ),
            )
        )
        return result
    checker = Checker(text, str(where))
    clean = check_rules(checker, data, Path(where) if isinstance(where, Path) else None)
    result.problems = checker.problems
    if not result.errors:
        result.form = build_form(clean, Path(where) if isinstance(where, Path) else None)
    return result


def current_lines(check: FormCheck) -> list[str]:
    return check.lines(language())
