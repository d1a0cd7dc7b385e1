"""Run the whole bad-input corpus through every command and print a summary table.

    python scripts/run_corpus.py [--light] [--workers 2] [--only SUBSTRING] [--keep DIR] [--exec]

Exit 0 when there are no failures (a case either succeeds or stops with a clear one-line
error), 1 otherwise. `--light` leaves out the large payloads (50 MB text, 2 GB zip bomb …).
Each command is a process forked from one that has imported the code; `--exec` starts a fresh
`python -m assistant` for each instead (the entry point itself; about twice the CPU).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hardening.corpus import build_cases, restore_permissions, run_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--light", action="store_true", help="leave out the large payloads")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    parser.add_argument("--keep", metavar="DIR", help="build the cases in DIR and keep them")
    parser.add_argument("--exec", action="store_true", help="a fresh python -m assistant for each command")
    args = parser.parse_args(argv)

    cases = [c for c in build_cases(heavy=not args.light) if args.only in c.name]
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ansokan-corpus-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"{len(cases)} cases, {args.workers} workers, in {base}", flush=True)
    start = time.perf_counter()

    def progress(outcome) -> None:
        if outcome.status == "failure":
            print(f"  FAIL {outcome.case.name}: {outcome.detail}", flush=True)

    try:
        summary = run_corpus(cases, base, workers=args.workers, progress=progress, fork=not args.exec)
    finally:
        if not args.keep:
            restore_permissions(base)
            shutil.rmtree(base, ignore_errors=True)
    elapsed = time.perf_counter() - start

    by_entry: dict[str, Counter] = {}
    for o in summary.outcomes:
        by_entry.setdefault(o.case.entry, Counter())[o.status] += 1
    print()
    print(f"{'command':14} {'cases':>6} {'passed':>7} {'clear errors':>13} {'failures':>9} {'skipped':>8}")
    for entry, counts in sorted(by_entry.items()):
        total = sum(counts.values())
        print(
            f"{entry:14} {total:6} {counts['ok']:7} {counts['clear-error']:13} {counts['failure']:9} {counts['skipped']:8}"
        )
    total = len(summary.outcomes)
    print(
        f"{'ALL':14} {total:6} {summary.count('ok'):7} {summary.count('clear-error'):13} "
        f"{summary.count('failure'):9} {summary.count('skipped'):8}"
    )
    slowest = sorted(summary.outcomes, key=lambda o: -o.seconds)[:5]
    print("\nslowest: " + ", ".join(f"{o.case.name} {o.seconds:.1f} s" for o in slowest))
    skipped = sorted({o.detail for o in summary.outcomes if o.status == "skipped"})
    if skipped:
        print("skipped: " + "; ".join(skipped))
    tracebacks = sum(1 for o in summary.failures if o.detail.startswith("traceback"))
    hangs = sum(1 for o in summary.failures if o.detail.startswith("hung"))
    print(f"tracebacks {tracebacks}, hangs {hangs}, other failures {len(summary.failures) - tracebacks - hangs}")
    print(f"wall time {elapsed:.0f} s")
    for o in summary.failures:
        print(f"\nFAILURE {o.case.name} (exit {o.code}, {o.seconds:.1f} s): {o.detail}")
    return 1 if summary.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
