"""Do both backends suggest the same? The built-in library stored in a shared PostgreSQL library
(throwaway server) against the same library searched locally.

    python benchmarks/shared_parity.py [--half tune|test|all]

For the suggestion evaluation set (tests/eval/suggest_eval.toml, all of it) and the blind set's
positive queries (tests/eval/blind, the tune half unless asked: nothing is tuned on the test half),
prints how many queries get the same top passage and the same top five from both, and recall at 1
and 5 of each backend. Target (issue 16): recall at 1 and 5 within 0.02 of the local backend.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "eval"))

from evaluate_blind import load_cases  # noqa: E402

from assistant.core.reuse.index import Index  # noqa: E402
from assistant.core.reuse.library import load_library, passages  # noqa: E402
from assistant.core.reuse.shared import SharedLibrary  # noqa: E402
from assistant.core.reuse.shared.cache import Cache  # noqa: E402
from assistant.core.reuse.shared.ranking import SharedIndex  # noqa: E402
from assistant.core.reuse.suggest import suggest  # noqa: E402
from assistant.core.storage import paths  # noqa: E402
from tests.pgserver import binaries, database, running_server  # noqa: E402

Case = tuple[str, str, set[str]]  # text, section, wanted passage ids (empty: nothing should be found)


def eval_set(library: list) -> list[Case]:
    data = tomllib.loads((ROOT / "tests" / "eval" / "suggest_eval.toml").read_text(encoding="utf-8"))
    cases = []
    for q in data["query"] + data["offtopic"]:
        wanted = {
            p.id
            for item in q.get("expect", [])
            for e in library
            if e.id == item["id"]
            for p in passages(e)
            if item["contains"] in p.text
        }
        cases.append((q["text"], q.get("section", "bakgrund"), wanted))
    return cases


def blind_set(library: list, half: str) -> list[Case]:
    cases, _ = load_cases(library)
    return [(c.text, c.section, set(c.wanted)) for c in cases if not c.negative and half in ("all", c.half)]


def compare(name: str, cases: list[Case], local: Index, shared: SharedIndex) -> None:
    same1 = same5 = 0
    hits = {"local": [0, 0], "shared": [0, 0]}
    positives = sum(bool(w) for _, _, w in cases)
    for text, section, wanted in cases:
        got = {}
        for label, index in (("local", local), ("shared", shared)):
            found = suggest(text, form_id="finsam-malmo", section=section, k=5, index=index)
            got[label] = [s.passage_id for s in found]
            if wanted:
                hits[label][0] += bool(got[label][:1] and got[label][0] in wanted)
                hits[label][1] += bool(wanted & set(got[label]))
        same1 += got["local"][:1] == got["shared"][:1]
        same5 += got["local"] == got["shared"]
    assert shared.online, "the server stopped answering: these would be the copy's figures"
    n = len(cases)
    print(f"--- {name}: {n} queries ({positives} with a wanted passage)")
    print(f"same top passage       {same1}/{n}")
    print(f"same top five          {same5}/{n}")
    for k, label in ((0, "recall@1"), (1, "recall@5")):
        a, b = hits["local"][k] / positives, hits["shared"][k] / positives
        print(f"{label}               local {a:.3f}  shared {b:.3f}  difference {b - a:+.3f}  (target within 0.02)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=("tune", "test", "all"), default="tune")
    args = parser.parse_args()
    if binaries() is None:
        print("skipped: PostgreSQL is not installed (apt-get install postgresql)")
        return 0
    builtin = [(paths.builtin_library_dir(), True)]
    library = load_library(builtin)
    with running_server() as pg, tempfile.TemporaryDirectory() as tmp, SharedLibrary(database(pg.url)) as server:
        server.init()
        for entry in library:
            server.add(entry, organisation="forbundet")
        cache = Cache(Path(tmp) / "copy")
        generation, entries, allowed, owners = server.snapshot()
        cache.replace_entries(entries)
        cache.synced(generation, allowed, owners)
        local = Index(builtin, Path(tmp) / "local.sqlite")
        shared = SharedIndex([(cache.entries, False)], Path(tmp) / "shared.sqlite", library=server, allowed=allowed)
        local.refresh()
        shared.refresh()
        compare("suggestion evaluation set", eval_set(library), local, shared)
        compare(f"blind set, {args.half} half", blind_set(library, args.half), local, shared)
        local.close()
        shared.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
