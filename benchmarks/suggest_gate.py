"""The gate's trade-off on the blind set's tune half: right answers shown against negatives answered.

    python benchmarks/suggest_gate.py [--coverage 0.45 0.5 0.55 0.6 0.65] [--many 0.2 0.25 0.3]

For each pair of thresholds (GATE_COVERAGE: the share of the query's weight a passage must hold with
two of the writer's specific words; GATE_MANY_COVERAGE: the share with three of them) it prints
recall@5 after the gate, the share of negative queries answered, and the same on the old evaluation
set (tests/eval/suggest_eval.toml, which must stay at R@5 >= 0.97), marking the thresholds in force.
Only the tune half: the test half is for reporting (tests/eval/evaluate_blind.py --half test).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "eval"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_suggest import evaluate  # noqa: E402
from evaluate_blind import Case, load_cases  # noqa: E402

from assistant.core.reuse import suggest as engine  # noqa: E402
from assistant.core.reuse.index import Index  # noqa: E402
from assistant.core.reuse.library import load_library  # noqa: E402
from assistant.core.storage import paths  # noqa: E402


def measure(cases: list[Case], dirs: list[tuple[Path, bool]]) -> tuple[float, float]:
    """(R@5 after the gate, share of negatives answered). A fresh index each time: the engine
    remembers searched windows per index, with the gate's verdict in them."""
    hits, positives, answered, negatives = 0, 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(dirs, Path(tmp) / "gate.sqlite")
        index.refresh()
        for case in cases:
            found = engine.suggest(case.text, form_id="finsam-malmo", section=case.section, k=5, index=index)
            if case.negative:
                negatives += 1
                answered += bool(found)
            else:
                positives += 1
                hits += bool(case.wanted & {s.passage_id for s in found})
        index.close()
    return hits / max(positives, 1), answered / max(negatives, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--coverage", type=float, nargs="+", default=[0.45, 0.5, 0.55, 0.6, 0.65])
    parser.add_argument("--many", type=float, nargs="+", default=[0.2, 0.25, 0.3])
    args = parser.parse_args()
    dirs = [(paths.builtin_library_dir(), True)]
    every, _ = load_cases(load_library(dirs))
    cases = [c for c in every if c.half == "tune"]
    in_force = (engine.GATE_COVERAGE, engine.GATE_MANY_COVERAGE)
    print(f"gate trade-off, tune half ({len(cases)} queries); * = the thresholds in force")
    print(f"{'coverage':>9} {'many':>6}  {'R@5':>5} {'negatives':>9}  {'old R@1':>7} {'old R@5':>7}")
    try:
        for coverage in args.coverage:
            for many in args.many:
                engine.GATE_COVERAGE, engine.GATE_MANY_COVERAGE = coverage, many
                r5, answered = measure(cases, dirs)
                old = evaluate()
                mark = "*" if (coverage, many) == in_force else " "
                print(
                    f"{mark}{coverage:8.2f} {many:6.2f}  {r5:5.2f} {answered:9.0%}"
                    f"  {old.recall_at_1:7.2f} {old.recall_at_5:7.2f}"
                )
    finally:
        engine.GATE_COVERAGE, engine.GATE_MANY_COVERAGE = in_force
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
