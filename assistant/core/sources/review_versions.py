"""What was sent: each export for sending kept as a version of the draft, and what changed since.

A version is the draft's text as it was exported and the exported file's SHA-256, kept beside
the draft in a hidden folder `.<draft file name>.versioner/` (it moves with the draft): `1.md`,
`1.json`, `2.md`, ... A .docx someone sends back is matched to its version by its hash, so
`ansokan diff DRAFT --against FILE.docx` compares against the text that file was made from.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.errors import UserError
from assistant.core.storage.atomic import atomic_write_text


@dataclass(frozen=True)
class Version:
    number: int
    saved: str  # ISO time, UTC
    exported: str  # the exported file's name
    sha256: str
    text_file: Path

    def text(self) -> str:
        return self.text_file.read_text(encoding="utf-8")


@dataclass(frozen=True)
class SectionDiff:
    section: str
    lines: list[tuple[str, str]]  # ("-", old paragraph) / ("+", new) / ("~", a paragraph with its words marked)


def versions_dir(draft_path: Path) -> Path:
    return draft_path.parent / f".{draft_path.name}.versioner"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def list_versions(draft_path: Path) -> list[Version]:
    folder = versions_dir(draft_path)
    found = []
    for meta in folder.glob("*.json") if folder.is_dir() else []:
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            found.append(
                Version(int(meta.stem), data["saved"], data["exported"], data["sha256"], meta.with_suffix(".md"))
            )
        except (ValueError, KeyError, OSError):
            continue  # a damaged record is skipped, the others still count
    return sorted(found, key=lambda v: v.number)


def keep_version(draft_path: Path, draft_text: str, exported: Path) -> Version:
    """Record `draft_text` as the version sent in `exported` (text first, then its record)."""
    folder = versions_dir(draft_path)
    folder.mkdir(exist_ok=True)
    number = max((v.number for v in list_versions(draft_path)), default=0) + 1
    text_file = folder / f"{number}.md"
    atomic_write_text(text_file, draft_text, backup=False)
    version = Version(
        number, datetime.now(UTC).isoformat(timespec="seconds"), exported.name, file_hash(exported), text_file
    )
    record = {"saved": version.saved, "exported": version.exported, "sha256": version.sha256}
    atomic_write_text(folder / f"{number}.json", json.dumps(record, ensure_ascii=False, indent=1), backup=False)
    return version


def find_version(draft_path: Path, against: str | None) -> Version:
    """The version named by number or by the .docx made from it; the last one when None."""
    versions = list_versions(draft_path)
    if not versions:
        raise UserError(
            f"{draft_path.name}: ingen version sparad än (varje `ansokan export` sparar en)",
            f"{draft_path.name}: no version kept yet (every `ansokan export` keeps one)",
        )
    if against is None:
        return versions[-1]
    if against.isdigit():
        for version in versions:
            if version.number == int(against):
                return version
        numbers = ", ".join(str(v.number) for v in versions)
        raise UserError(
            f"version {against} finns inte (det finns {numbers})",
            f"there is no version {against} (there are {numbers})",
        )
    path = Path(against).expanduser()
    if not path.is_file():
        raise UserError(f"{against}: filen finns inte", f"{against}: the file does not exist")
    digest = file_hash(path)
    for version in reversed(versions):
        if version.sha256 == digest:
            return version
    raise UserError(
        f"{against}: inte en fil som exporterats från utkastet (eller ändrad sedan); ange versionens nummer",
        f"{against}: not a file exported from this draft (or changed since); give the version's number",
    )


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def diff_sections(old: dict[str, str], new: dict[str, str]) -> list[SectionDiff]:
    """Per section, the paragraphs removed, added and changed (words marked [-old-]{+new+})."""
    out = []
    for key in dict.fromkeys([*old, *new]):
        before, after = _paragraphs(old.get(key, "")), _paragraphs(new.get(key, ""))
        if before == after:
            continue
        lines: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and a2 - a1 == b2 - b1:
                lines += [("~", _words(a, b)) for a, b in zip(before[a1:a2], after[b1:b2], strict=True)]
                continue
            lines += [("-", p) for p in before[a1:a2]] + [("+", p) for p in after[b1:b2]]
        out.append(SectionDiff(key, lines))
    return out


def _words(old: str, new: str) -> str:
    a, b = old.split(" "), new.split(" ")
    pieces = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(" ".join(a[a1:a2]))
            continue
        if a2 > a1:
            pieces.append("[-" + " ".join(a[a1:a2]) + "-]")
        if b2 > b1:
            pieces.append("{+" + " ".join(b[b1:b2]) + "+}")
    return " ".join(pieces)
