"""Suggestion quality on the blind evaluation set (tests/eval/blind/), with confidence intervals.

    python tests/eval/evaluate_blind.py [--half tune|test|all] [--verbose]

Reports, for the chosen half (default: test, the half nobody tunes on): recall@1 and recall@5 of the
positive queries, the share of negative queries (near and far) that get any suggestion, and the
growing-prefix survival (a prefix series whose 5- or 10-word start finds its passage in the top five:
how often the longer texts of the same series still do). Every figure comes with a 95 % bootstrap
interval and per query kind, and always beside the ungated ranking (what the engine ranks before it
decides whether to show anything), so a gate that hides right answers is visible.

Runs against the built-in library only, with a throw-away index.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import tomllib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.core.reuse.index import Index  # noqa: E402
from assistant.core.reuse.library import load_library, passages  # noqa: E402
from assistant.core.reuse.suggest import suggest  # noqa: E402
from assistant.core.storage import paths  # noqa: E402

BLIND = Path(__file__).resolve().parent / "blind"
BOOTSTRAP_ROUNDS = 2000


@dataclass(frozen=True)
class Case:
    brief: str
    kind: str  # plain | variant | start | long | prefix | near | far
    section: str
    text: str
    wanted: frozenset[str]  # passage ids; empty for negatives
    series: str | None = None
    words: int | None = None
    split: str = ""  # the half a round-2 negative names; round 1 splits by the brief's number

    @property
    def negative(self) -> bool:
        return not self.wanted

    @property
    def half(self) -> str:
        if self.split:
            return self.split
        return "tune" if int(self.brief.lstrip("b")) % 2 else "test"


def load_cases(library: Sequence[object]) -> tuple[list[Case], list[str]]:
    """The cases, and the briefs left out because no suggestable passage holds their target (the
    library keeps budget tables and contact lines out of its passages)."""
    queries = tomllib.loads((BLIND / "queries.toml").read_text(encoding="utf-8"))["query"]
    targets = {b["id"]: b for b in tomllib.loads((BLIND / "targets.toml").read_text(encoding="utf-8"))["brief"]}
    by_entry = {e.id: passages(e) for e in library}  # type: ignore[attr-defined]
    cases: list[Case] = []
    skipped: list[str] = []
    for q in queries:
        target = targets[q["brief"]]
        wanted: set[str] = set()
        for item in target.get("expect", []):
            found = {p.id for p in by_entry[item["id"]] if item["contains"] in p.text}
            wanted |= found
        if "negative" not in target and not wanted:
            skipped.append(q["brief"])
            continue
        kind = target["negative"] if "negative" in target else q["kind"]
        cases.append(
            Case(q["brief"], kind, q["section"], q["text"], frozenset(wanted), q.get("series"), q.get("words"))
        )
    return cases + round_two(), skipped


def round_two() -> list[Case]:
    """The second round of negatives (negatives_round2.toml), when it is there: near negatives
    written in the field's vocabulary (its `kind` is how they are written) and far ones, each
    with the half it belongs to."""
    path = BLIND / "negatives_round2.toml"
    if not path.exists():
        return []
    queries = tomllib.loads(path.read_text(encoding="utf-8"))["query"]
    return [
        Case(q["id"], "far" if q["kind"] == "far" else "near", q["section"], q["text"], frozenset(), split=q["half"])
        for q in queries
    ]


def bootstrap(values: Sequence[float], rounds: int = BOOTSTRAP_ROUNDS, seed: int = 7) -> tuple[float, float]:
    """95 % percentile interval of the mean."""
    if not values:
        return (float("nan"), float("nan"))
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def fmt(values: Sequence[float]) -> str:
    if not values:
        return "   –              "
    low, high = bootstrap(values)
    return f"{sum(values) / len(values):5.2f} [{low:4.2f}–{high:4.2f}]"


Ranker = Callable[[Case], list[str]]


def make_rankers(index: Index) -> tuple[Ranker, Ranker]:
    def ranked(case: Case, gated: bool) -> list[str]:
        got = suggest(case.text, form_id="finsam-malmo", section=case.section, k=5, index=index, gated=gated)
        return [s.passage_id for s in got]

    return (lambda c: ranked(c, True)), (lambda c: ranked(c, False))


def report(cases: list[Case], gated: Ranker, ungated: Ranker, *, verbose: bool) -> None:
    rows: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    survival: dict[str, list[float]] = defaultdict(list)
    results = {c: (gated(c), ungated(c)) for c in cases}
    for case, (got, raw) in results.items():
        groups = [case.kind, "negatives" if case.negative else "positives"]
        for group in groups:
            if case.negative:
                rows[group]["answered"].append(float(bool(got)))
                rows[group]["answered_ungated"].append(float(bool(raw)))
            else:
                rows[group]["r1"].append(float(bool(got[:1]) and got[0] in case.wanted))
                rows[group]["r5"].append(float(bool(case.wanted & set(got[:5]))))
                rows[group]["r1_ungated"].append(float(bool(raw[:1]) and raw[0] in case.wanted))
                rows[group]["r5_ungated"].append(float(bool(case.wanted & set(raw[:5]))))
        if verbose and not case.negative and not case.wanted & set(got[:5]):
            print(f"MISS [{case.kind}] {case.brief} {case.text[:90]!r} -> {got[:3]} (ungated {raw[:3]})")
        if verbose and case.negative and got:
            print(f"NEG  [{case.kind}] {case.brief} {case.text[:90]!r} -> {got[:2]}")
    series: dict[str, dict[int, Case]] = defaultdict(dict)
    for case in cases:
        if case.kind == "prefix" and case.series and case.words:
            series[case.series][case.words] = case
    for steps in series.values():
        for label, which in (("gated", 0), ("ungated", 1)):
            found = [w for w in sorted(steps) if steps[w].wanted & set(results[steps[w]][which][:5])]
            if found and found[0] <= 10:
                longer = [w for w in steps if w > found[0]]
                survival[label] += [float(w in found) for w in longer]

    print(f"{'kind':10} {'n':>4}  {'R@1':^18} {'R@5':^18} {'R@1 ungated':^18} {'R@5 ungated':^18}")
    for group in ("positives", "plain", "variant", "start", "long", "prefix"):
        r = rows.get(group)
        if r:
            n = len(r["r1"])
            print(f"{group:10} {n:4}  {fmt(r['r1'])} {fmt(r['r5'])} {fmt(r['r1_ungated'])} {fmt(r['r5_ungated'])}")
    print(f"\n{'negatives':10} {'n':>4}  {'answered':^18} {'answered ungated':^18}")
    for group in ("negatives", "near", "far"):
        r = rows.get(group)
        if r:
            print(f"{group:10} {len(r['answered']):4}  {fmt(r['answered'])} {fmt(r['answered_ungated'])}")
    print("\ngrowing-prefix survival (hit at 5 or 10 words still a hit at 20/40):")
    for label in ("gated", "ungated"):
        print(f"  {label:8} {len(survival[label]):3} later steps  {fmt(survival[label])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    dirs = [(paths.builtin_library_dir(), True)]
    every, skipped = load_cases(load_library(dirs))
    cases = [c for c in every if args.half in ("all", c.half)]
    near = sum(c.kind == "near" for c in cases)
    print(f"blind set, {args.half} half: {len(cases)} queries, {near / len(cases):.0%} of them near negatives")
    print(f"(left out: {len(set(skipped))} briefs whose only targets are not suggestable passages)\n")
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(dirs, Path(tmp) / "eval.sqlite")
        index.refresh()
        gated, ungated = make_rankers(index)
        report(cases, gated, ungated, verbose=args.verbose)
        index.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
