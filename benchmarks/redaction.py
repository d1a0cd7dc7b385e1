"""How well the import redacts people: recall of hand-labelled person names, and the share of other
words redacted as names, on the four library sources and on the held-out passages.

    python benchmarks/redaction.py              # sources + the tune half of the held-out set
    python benchmarks/redaction.py --test       # ... and the test half (report it once, at the end)

The labels (tests/fixtures/names/) were written by a session that saw no code. A name occurrence
counts as found only when every character of it is redacted; "other words" are the words of the text
outside the labelled names that a name redaction covered (contact data redacted as such is not
counted: it is meant to go). Also prints the CPU time of redacting the sources 100 times over and
of one line of 1 and 4 MB of capitalised names (it must grow linearly).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core.reuse.library.redact import Span, redaction_spans  # noqa: E402

NAMES = ROOT / "tests" / "fixtures" / "names"
SOURCES = ROOT / "tests" / "fixtures" / "library-sources"
WORD_RE = re.compile(r"[^\W_][\w\-]*")


@dataclass
class Score:
    names: int = 0
    found: int = 0
    words: int = 0
    wrong: int = 0
    kept: int = 0
    keepable: int = 0
    missed: list[str] | None = None

    def add(self, other: Score) -> None:
        self.names += other.names
        self.found += other.found
        self.words += other.words
        self.wrong += other.wrong
        self.kept += other.kept
        self.keepable += other.keepable
        (self.missed or []).extend(other.missed or [])

    def line(self, label: str) -> str:
        recall = self.found / self.names if self.names else 1.0
        share = self.wrong / self.words if self.words else 0.0
        kept = self.kept / self.keepable if self.keepable else 1.0
        return (
            f"{label:24} recall {recall:6.1%} ({self.found}/{self.names})   other words redacted "
            f"{share:5.2%} ({self.wrong}/{self.words})   not-names kept {kept:6.1%} ({self.kept}/{self.keepable})"
        )


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", text)]


def score(text: str, persons: list[str], not_names: list[str]) -> Score:
    spans: list[Span] = redaction_spans(text)
    covered = bytearray(len(text) + 1)
    by_name = bytearray(len(text) + 1)
    for start, end, kind in spans:
        covered[start:end] = b"\1" * (end - start)
        if kind == "name":
            by_name[start:end] = b"\1" * (end - start)
    labelled = bytearray(len(text) + 1)
    result = Score(missed=[])
    seen: set[tuple[int, int]] = set()
    for name in sorted(set(persons), key=len, reverse=True):
        for start, end in occurrences(text, name):
            if labelled[start]:  # a part inside a longer labelled name, counted with it
                continue
            labelled[start:end] = b"\1" * (end - start)
            seen.add((start, end))
            result.names += 1
            if all(covered[start:end]):
                result.found += 1
            else:
                assert result.missed is not None
                result.missed.append(name)
    for m in WORD_RE.finditer(text):
        if any(labelled[m.start() : m.end()]):
            continue
        if any(covered[m.start() : m.end()]) and not any(by_name[m.start() : m.end()]):
            continue  # contact data, redacted as such
        result.words += 1
        result.wrong += any(by_name[m.start() : m.end()])
    for phrase in not_names:
        for start, end in occurrences(text, phrase):
            result.keepable += 1
            result.kept += not any(covered[start:end])
    return result


def sources() -> Score:
    labels = tomllib.loads((NAMES / "labels.toml").read_text(encoding="utf-8"))
    total = Score(missed=[])
    for item in labels["file"]:
        text = (SOURCES / item["name"]).read_text(encoding="utf-8")
        persons = [p["name"] for p in item.get("persons", [])]
        total.add(score(text, persons, item.get("not_names", [])))
    return total


def heldout(half: str) -> Score:
    data = tomllib.loads((NAMES / "heldout.toml").read_text(encoding="utf-8"))
    total = Score(missed=[])
    for passage in data["passage"]:
        if passage["half"] != half:
            continue
        part = score(passage["text"], passage["persons"], passage["not_names"])
        ids = passage.get("ids", [])
        spans = redaction_spans(passage["text"])
        for number in ids:  # identity numbers count as names to find
            part.names += 1
            start = passage["text"].find(number)
            hit = any(s <= start and start + len(number) <= e for s, e, _ in spans)
            part.found += hit
            if not hit:
                assert part.missed is not None
                part.missed.append(number)
        total.add(part)
    return total


def speed() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
    redaction_spans(texts[0])  # load the name list once
    started = time.process_time()
    for _ in range(100):
        for text in texts:
            redaction_spans(text)
    took = time.process_time() - started
    size = sum(len(t) for t in texts) * 100
    lines = [f"speed: {size / 1e6:.1f} M characters in {took:.2f} s CPU ({size / took / 1e6:.2f} M characters/s)"]
    for megabytes in (1, 4):  # pathological: one line of capitalised names, no line breaks
        text = pathological(megabytes * 1_000_000)
        started = time.process_time()
        redaction_spans(text)
        took = time.process_time() - started
        lines.append(
            f"one line of names, {megabytes} MB: {took:.2f} s CPU ({len(text) / took / 1e6:.2f} M characters/s)"
        )
    return "\n".join(lines)


def pathological(size: int) -> str:
    """`size` characters on one line, a third of them first name + surname pairs, all capitalised."""
    firsts = ["Anna", "Erik", "Maria", "Johan", "Karin", "Lars", "Sara", "Per", "Elin", "Nils"] * 50
    firsts = [f + suffix for f, suffix in zip(firsts, [""] * 10 + ["a", "e", "o"] * 163, strict=False)]
    sur = ["Svensson", "Lindqvist", "Berg", "Holm", "Ekström", "Nyberg", "Lilja", "Sandberg"]
    other = ["Projektet", "Samverkan", "Kommunen", "och", "med", "Deltagare", "projektledare", "Lund"]
    words, length, i = [], 0, 0
    while length < size:
        word = f"{firsts[i % len(firsts)]} {sur[i % 7]}" if i % 3 == 0 else other[i % 8]
        words.append(word)
        length += len(word) + 1
        i += 1
    return " ".join(words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--test", action="store_true", help="also the held-out test half")
    parser.add_argument("--missed", action="store_true", help="list the names not found")
    args = parser.parse_args()
    rows = [("sources (labels.toml)", sources()), ("heldout tune", heldout("tune"))]
    if args.test:
        rows.append(("heldout test", heldout("test")))
    for label, result in rows:
        print(result.line(label))
        if args.missed and result.missed:
            print("   missed:", ", ".join(result.missed))
    print(speed())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
