"""Quality of suggestions on tests/eval/suggest_eval.toml: recall@1, recall@5, off-topic share.

    python benchmarks/eval_suggest.py [--verbose] [--file tests/eval/suggest_holdout.toml]

Targets: recall@5 >= 0.95, recall@1 >= 0.85, off-topic queries with a suggestion <= 5 %.
Runs against the built-in library only (an empty user library), with a throw-away index.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core.reuse.index import Index  # noqa: E402
from assistant.core.reuse.library import load_library, passages  # noqa: E402
from assistant.core.reuse.suggest import suggest  # noqa: E402
from assistant.core.storage import paths  # noqa: E402

EVAL_FILE = ROOT / "tests" / "eval" / "suggest_eval.toml"


@dataclass
class EvalResult:
    recall_at_1: float
    recall_at_5: float
    offtopic_share: float
    queries: int
    offtopic: int
    misses: list[str] = field(default_factory=list)
    offtopic_hits: list[str] = field(default_factory=list)


def expected_pids(expect: list[dict], library) -> set[str]:
    """Passage ids named by (library id, distinctive substring); a name that matches nothing is an error."""
    pids: set[str] = set()
    for item in expect:
        found = {p.id for e in library if e.id == item["id"] for p in passages(e) if item["contains"] in p.text}
        if not found:
            raise ValueError(f"eval set: no passage in {item['id']} contains {item['contains']!r}")
        pids |= found
    return pids


def evaluate(eval_file: Path = EVAL_FILE, *, k: int = 5) -> EvalResult:
    data = tomllib.loads(eval_file.read_text(encoding="utf-8"))
    dirs = [(paths.builtin_library_dir(), True)]
    library = load_library(dirs)
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(dirs, Path(tmp) / "eval.sqlite")
        index.refresh()
        at1 = at5 = 0
        misses: list[str] = []
        for q in data.get("query", []):
            wanted = expected_pids(q["expect"], library)
            got = [
                s.passage_id
                for s in suggest(q["text"], form_id="finsam-malmo", section=q.get("section"), k=k, index=index)
            ]
            at1 += bool(got[:1] and got[0] in wanted)
            at5 += bool(wanted & set(got[:k]))
            if not wanted & set(got[:k]):
                misses.append(f"{q['text']!r} -> {got[:3]}")
        off_hits = []
        for q in data["offtopic"]:
            got = suggest(
                q["text"],
                form_id="finsam-malmo",
                section=q.get("section", "bakgrund"),
                k=k,
                index=index,
            )
            if got:
                off_hits.append(f"{q['text']!r} -> {got[0].score} {got[0].passage_id}")
        index.close()
    n, m = len(data.get("query", [])), len(data["offtopic"])
    return EvalResult(at1 / max(n, 1), at5 / max(n, 1), len(off_hits) / m, n, m, misses, off_hits)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--file", type=Path, default=EVAL_FILE, help="the evaluation set (TOML)")
    args = parser.parse_args()
    r = evaluate(args.file)
    print(f"{args.file.name}: queries {r.queries}, off-topic {r.offtopic}")
    print(f"recall@1 {r.recall_at_1:.3f}   (target >= 0.85)")
    print(f"recall@5 {r.recall_at_5:.3f}   (target >= 0.95)")
    print(f"off-topic with a suggestion {r.offtopic_share:.1%}   (target <= 5 %)")
    if args.verbose:
        for line in r.misses:
            print("MISS", line)
        for line in r.offtopic_hits:
            print("OFF ", line)
    ok = (not r.queries or (r.recall_at_1 >= 0.85 and r.recall_at_5 >= 0.95)) and r.offtopic_share <= 0.05
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
