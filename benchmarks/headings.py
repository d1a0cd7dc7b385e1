"""How the work grows with the number of headings in a draft: reading the draft (each heading
aligned to the form's), the structure checks, and all the checks, at 1k/10k/100k headings.

    python benchmarks/headings.py [--sizes 1000 10000 100000] [--no-all]

The headings are a mix a hand-edited or pasted draft has: a third the form's own headings again
(numbered, so they merge as duplicates), a third near misses, a third headings the form does not
know (extra sections), each with a line of text. Target: linear growth, and 100k headings read and
structure-checked in at most 5 s (a draft at the 20 MB size cap has fewer). Times are CPU seconds of
this process (time.process_time): on a machine shared with other work the wall clock measures the
neighbours too.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.core.checks import RULES, run_checks
from assistant.core.checks.base import Context
from assistant.core.model.drafts import new_draft, parse_draft, to_text
from assistant.core.model.forms import load_form

STRUCTURE = ("required_sections", "section_order", "tidsplan", "contacts")
TARGET_S = 5.0


def draft_text(count: int, form_id: str = "finsam-malmo") -> str:
    form = load_form(form_id)
    parts = [to_text(new_draft(form, title="Många rubriker"))]
    displays = [h.display for h in form.headings]
    for i in range(count):
        kind = i % 3
        if kind == 0:
            title = f"Eget avsnitt nummer {i}"
        elif kind == 1:
            title = f"{i}. {displays[i % len(displays)]}"
        else:
            title = f"{form.headings[i % len(form.headings)].title} och mer {i}"
        parts.append(f"## {title}\n\nText {i} om samverkan mellan kommunen och Arbetsförmedlingen.\n")
    return "\n".join(parts)


def measure(count: int, *, everything: bool) -> dict[str, float]:
    form = load_form("finsam-malmo")
    text = draft_text(count)
    start = time.process_time()
    draft = parse_draft(text)
    parsed = time.process_time()
    for check_id in STRUCTURE:
        settings = form.check_settings(check_id)
        if settings is not None:
            list(RULES[check_id](Context(draft, form, settings)))
    structure = time.process_time()
    times = {"read": parsed - start, "structure": structure - parsed}
    if everything:
        run_checks(draft, form)
        times["all checks"] = time.process_time() - structure
    times["MB"] = len(text.encode("utf-8")) / 1e6
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--no-all", action="store_true", help="leave out the full run_checks")
    args = parser.parse_args(argv)
    rows = []
    for count in args.sizes:
        times = measure(count, everything=not args.no_all)
        rows.append((count, times))
        full = f"   all checks {times['all checks']:6.2f} s" if "all checks" in times else ""
        print(
            f"{count:>7} headings ({times['MB']:5.1f} MB), CPU: read {times['read']:6.2f} s   "
            f"structure {times['structure']:6.2f} s{full}",
            flush=True,
        )
    for (before_count, before), (count, times) in itertools.pairwise(rows):
        ratio = (times["read"] + times["structure"]) / max(before["read"] + before["structure"], 1e-9)
        print(f"  {count / before_count:g}× the headings: {ratio:.1f}× the time (read + structure)")
    last_count, last = rows[-1]
    total = last["read"] + last["structure"]
    ok = total <= TARGET_S or last_count < 100_000
    print(
        f"target: read + structure at {last_count} headings {total:.2f} s CPU (≤ {TARGET_S:g} s): "
        f"{'ok' if ok else 'SLOW'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
