"""Markdown with TOML front matter: the one reader and writer of drafts and library entries.

    +++
    schema = 1
    title = "Unga vuxna i arbete"
    +++

    Text before the first heading (the prelude).

    ## 2. Bakgrund {#bakgrund}

    Text …

The front matter is the TOML between the first non-blank line `+++` and the next `+++`; a `+++`
further down is text. Every `## ` line after it starts a section, `{#key}` naming it. A line of
text that starts with `##` is written with one more backslash in front (`\\##`), and read back
with one less, so text can never turn into a heading. Errors carry the line number of the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import tomli_w

FENCE = "+++"
KEY_RE = re.compile(r"[A-Za-z][\w-]*")
ESCAPED_RE = re.compile(r"^(\\*)(##)")

Problem = Literal["empty", "unopened", "unclosed", "toml", "nested"]


class FrontMatterError(ValueError):
    """Why a text is not Markdown with front matter; each file type words it for its readers.

    `problem`: "empty" (nothing but blanks), "unopened" (no `+++` first), "unclosed" (no second
    `+++`), "toml" (`detail` says what tomllib found), "nested" (TOML nested too deeply).
    `line` is the 1-based line of the file the problem is on.
    """

    def __init__(self, problem: Problem, line: int, detail: str = "") -> None:
        super().__init__(f"line {line}: {problem} {detail}".rstrip())
        self.problem: Problem = problem
        self.line = line
        self.detail = detail


@dataclass
class Section:
    """A `## ` heading and the lines under it (unescaped), `line` being the heading's line."""

    title: str
    key: str | None
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body without the blank lines at either end."""
        return _trim_blank_lines("\n".join(self.lines))


@dataclass
class Parsed:
    """A text split into its front matter (parsed), the prelude and the sections."""

    front: dict[str, Any]
    front_lines: list[str]
    front_start: int  # the line of the opening `+++`
    prelude: Section  # the lines before the first heading (title "", key None)
    sections: list[Section]

    def line_of(self, key: str) -> int | None:
        """The file line where `key = …` or a `[key]` table is written in the front matter."""
        assignment = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        table = re.compile(rf"^\s*\[+\s*{re.escape(key)}\b")
        for i, line in enumerate(self.front_lines):
            if assignment.match(line) or table.match(line):
                return self.front_start + 1 + i
        return None


def escape(text: str) -> str:
    """Section text as written: a line starting with `\\*##` gets one more backslash."""
    text = text.replace("\x00", "")  # a NUL makes the file look binary, never to be opened again
    return "\n".join(ESCAPED_RE.sub(r"\\\1\2", line) for line in text.split("\n"))


def unescape(line: str) -> str:
    m = ESCAPED_RE.match(line)
    if m and m.group(1):
        return line[1:]
    return line


def parse(text: str) -> Parsed:
    """Split and parse a text. Raises FrontMatterError naming the file line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    front_lines, body_start = _split_front(lines)
    front_start = body_start - len(front_lines) - 1  # 1-based line of the opening fence
    front = _load_toml("\n".join(front_lines), front_start)
    prelude = Section("", None, body_start + 1)
    sections: list[Section] = []
    body = lines[body_start:]
    # Only a line starting with ## can be a heading: find those first (one quick pass), then hand
    # each section its slice of lines, so a file of many headings is read in linear time.
    heads = [(i, h) for i, line in enumerate(body) if line.startswith("##") and (h := split_heading(line))]
    prelude.lines = _unescaped(body[: heads[0][0] if heads else len(body)])
    for n, (i, (title, key)) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(body)
        sections.append(Section(title, key, body_start + 1 + i, _unescaped(body[i + 1 : end])))
    return Parsed(front, front_lines, front_start, prelude, sections)


def split_heading(line: str) -> tuple[str, str | None] | None:
    """(title, key) of a `## Title {#key}` line, None for any other line (`### ` is text).

    A loop, not a regex: a lazy title before optional trailing parts and `$` was quadratic in a line
    of many spaces (40 000 took minutes)."""
    if not line.startswith("##") or line.startswith("###"):
        return None
    body, key = line[2:].rstrip(" \t"), None
    if body.endswith("}"):
        start = body.rfind("{#")
        if start >= 0 and KEY_RE.fullmatch(body, start + 2, len(body) - 1):
            body, key = body[:start], body[start + 2 : -1]
    return body.strip(), key


def _unescaped(lines: list[str]) -> list[str]:
    return [unescape(line) if line.startswith("\\") else line for line in lines]


def write(front: dict[str, Any], sections: Iterable[tuple[str, str | None, str]], prelude: str = "") -> str:
    """The file text: front matter, the prelude, then each (heading, key, text) section."""
    parts = [FENCE, tomli_w.dumps(front).rstrip("\n"), FENCE, ""]
    if prelude.strip():
        parts += [escape(prelude), ""]
    for heading, key, text in sections:
        parts += [f"## {heading} {{#{key}}}" if key else f"## {heading}", ""]
        if text:
            parts += [escape(text), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def _split_front(lines: list[str]) -> tuple[list[str], int]:
    """The front matter's lines and the index of the first body line."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise FrontMatterError("empty", 1)
    if lines[first].strip() != FENCE:
        raise FrontMatterError("unopened", first + 1)
    for j in range(first + 1, len(lines)):
        if lines[j].strip() == FENCE:
            return lines[first + 1 : j], j + 1
    raise FrontMatterError("unclosed", first + 1)


def _load_toml(front_text: str, front_start: int) -> dict[str, Any]:
    try:
        return tomllib.loads(front_text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = front_start + int(m.group(1)) if m else front_start
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise FrontMatterError("toml", line, detail) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise FrontMatterError("nested", front_start) from None


def _trim_blank_lines(text: str) -> str:
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)
