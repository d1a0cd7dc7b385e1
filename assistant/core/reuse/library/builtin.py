"""The built-in library: the four approved applications, rebuilt from their raw text with the
metadata below (what the text does not say reliably).

    python -m assistant.core.reuse.library --rebuild-builtin tests/fixtures/library-sources
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from assistant.core.reuse.library.entries import SUFFIX, passages, to_text
from assistant.core.reuse.library.importer import ImportResult, entry_from_document
from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text

BUILTIN_META: dict[str, dict[str, Any]] = {
    "000_18e62940bd9f888a.txt": {
        "id": "finsam-malmo-2017-case-management",
        "title": "Case management på Komvux Södervärn/Lärvux",
        "form": "finsam-malmo",
        "organisation": "Malmö stad",
        "municipality": "Malmö",
        "year": 2017,
        "start": dt.date(2017, 3, 1),
        "end": dt.date(2019, 2, 28),
        "projects": ["Case management", "Komvux Södervärn", "Lärvux"],
    },
    "001_4b5533777013640f.txt": {
        "id": "finsam-malmo-2020-make-it-work",
        "title": "Make it: work – från förarbete till hållbart arbete",
        "form": "finsam-malmo",
        "organisation": "Malmö stad",
        "municipality": "Malmö",
        "year": 2020,
        "start": dt.date(2020, 4, 1),
        "end": dt.date(2022, 3, 31),
        "projects": ["Make it: work", "Make it work"],
    },
    "002_03ecb636fa5e8369.txt": {
        "id": "burlov-staffanstorp-2020-pas",
        "title": "Projekt för aktivitet och självständighet (PAS)",
        "form": "burlov-staffanstorp",
        "organisation": "Staffanstorps kommun",
        "municipality": "Staffanstorp",
        "year": 2020,
        "start": dt.date(2020, 6, 1),
        "end": dt.date(2022, 12, 31),
        "projects": ["Projekt för aktivitet och självständighet", "PAS", "Vision Jobb"],
    },
    "003_d09aa5a5bf39ca34.txt": {
        "id": "finsam-malmo-2021-fram",
        "title": "FRAM",
        "form": "finsam-malmo",
        "organisation": "Malmö stad",
        "municipality": "Malmö",
        "year": 2021,
        "start": dt.date(2021, 1, 1),
        "end": dt.date(2023, 12, 31),
        "projects": ["FRAM", "Aktivitetscenter"],
    },
}


def rebuild_builtin(source_dir: Path, target: Path | None = None) -> ImportResult:
    target = target or paths.builtin_library_dir()
    files = [source_dir / name for name in BUILTIN_META]
    result = ImportResult()
    for path in files:
        meta = dict(BUILTIN_META[path.name])
        entry = entry_from_document(path, form_id=meta["form"], meta=meta)
        entry.imported = dt.date.today()
        entry.path = target / f"{entry.id}{SUFFIX}"
        target.mkdir(parents=True, exist_ok=True)
        atomic_write_text(entry.path, to_text(entry), backup=False)
        result.imported.append(entry)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 2 or argv[0] != "--rebuild-builtin":
        print("användning: python -m assistant.core.reuse.library --rebuild-builtin KÄLLKATALOG", file=sys.stderr)
        return 2
    result = rebuild_builtin(Path(argv[1]))
    for entry in result.imported:
        print(f"{entry.path}: {len(entry.sections)} avsnitt, {len(passages(entry))} stycken")
    return 0
