"""How well the chat line understands the writer, on the frozen blind evaluation sets:
tests/eval/chat_eval.toml (`first`, 280 cases) and tests/eval/blind/chat_round2.toml (`round2`, 366).

    python tests/eval/evaluate_chat.py --half tune   # while tuning: the test halves are not even counted
    python tests/eval/evaluate_chat.py --set round2 --half tune
    python tests/eval/evaluate_chat.py               # every set and half's figures; the tune failures
    python tests/eval/evaluate_chat.py --quiet       # figures only
    python tests/eval/evaluate_chat.py --check       # exit 1 when a goal is missed (on any half)

Each set was written blind (by a session that never saw the router) and is split in two halves:
`tune`, the only one the router's word lists may be adjusted against, and `test`, reported here
and never shown case by case – this script prints failures for the tune half only, so nobody reads
the test cases for ideas.

Figures per half, each with a 95 % Wilson interval:
- intent accuracy: the router's intent is the case's;
- slot accuracy: of the cases with a heading, direction or topic whose intent is right, the slot is
  right too (a topic is right when its content words are all in the router's topic);
- searches taken as questions: search cases the line would send to the assistant (goal ≤ 2 %);
- questions taken as searches: the other way round;
- off-topic answered: off-topic cases whose real answer (on a copy of the demo draft) is anything
  but the honest "I don't know" (goal 0);
- per intent: for the tune half only.
Goals (the issue's): intent accuracy ≥ 0.90, searches taken as questions ≤ 0.02, off-topic answered 0.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.core.chat import Intent, Kind, answer, classify, route  # noqa: E402
from assistant.core.chat.router import Route  # noqa: E402
from assistant.core.i18n import set_language  # noqa: E402
from assistant.core.model.drafts import load_draft  # noqa: E402
from assistant.core.model.forms import load_form  # noqa: E402
from assistant.core.reuse.textnorm import stems  # noqa: E402
from assistant.core.storage import paths  # noqa: E402

HERE = Path(__file__).resolve().parent
SETS = {"first": HERE / "chat_eval.toml", "round2": HERE / "blind" / "chat_round2.toml"}
FORM = "finsam-malmo"  # the set's heading numbers are this form's
GOAL_ACCURACY = 0.90
GOAL_SEARCH_AS_QUESTION = 0.02
GOAL_OFF_TOPIC_ANSWERED = 0


@dataclass(frozen=True)
class Case:
    set: str
    id: str
    text: str
    intent: str
    lang: str
    split: str
    section: str | None = None
    direction: str | None = None
    topic: str | None = None

    @property
    def has_slot(self) -> bool:
        return any(v is not None for v in (self.section, self.direction, self.topic))


@dataclass(frozen=True)
class Result:
    case: Case
    route: Route
    kind: Kind

    @property
    def intent_right(self) -> bool:
        return str(self.route.intent) == self.case.intent

    @property
    def slot_right(self) -> bool:
        case, found = self.case, self.route
        if case.section is not None and found.section != case.section:
            return False
        if case.direction is not None and found.direction != case.direction:
            return False
        return case.topic is None or set(stems(case.topic)) <= set(stems(found.topic))


def load_cases(name: str) -> list[Case]:
    """One set's cases (both files share one schema: id, text, intent, lang, split and the slots)."""
    with SETS[name].open("rb") as handle:
        data = tomllib.load(handle)
    fields = Case.__dataclass_fields__
    return [Case(set=name, **{k: v for k, v in item.items() if k in fields and k != "set"}) for item in data["case"]]


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % interval of a share (Wilson: sound for small counts and shares near 0 or 1)."""
    if total == 0:
        return 0.0, 0.0
    share = hits / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def share(hits: int, total: int) -> str:
    low, high = wilson(hits, total)
    value = hits / total if total else 0.0
    return f"{value:.3f}  ({hits}/{total}; 95 % {low:.2f}–{high:.2f})"


def off_topic_answered(results: list[Result], work: Path) -> list[Result]:
    """Off-topic cases whose real answer on the demo draft is not the honest one (or holds a hit)."""
    draft_path = work / "demo.md"
    shutil.copy(paths.demo_draft(), draft_path)
    draft = load_draft(draft_path)
    builtin = [(paths.builtin_library_dir(), True)]
    wrong = []
    for result in results:
        if result.case.intent != "unknown":
            continue
        set_language(result.case.lang)
        reply = answer(draft, result.case.text, library_dirs=builtin)
        if reply.intent is not Intent.UNKNOWN or reply.suggestions:
            wrong.append(result)
    set_language("sv")
    return wrong


def report(name: str, results: list[Result], work: Path) -> dict[str, float]:
    total = len(results)
    right = sum(r.intent_right for r in results)
    slotted = [r for r in results if r.case.has_slot and r.intent_right]
    searches = [r for r in results if r.case.intent == "search"]
    questions = [r for r in results if r.case.intent != "search"]
    searched_as_question = [r for r in searches if r.kind is not Kind.SEARCH]
    question_as_search = [r for r in questions if r.kind is Kind.SEARCH]
    off_topic = [r for r in results if r.case.intent == "unknown"]
    answered = off_topic_answered(results, work)
    print(f"\n== {name} ({total} cases)")
    print(f"intent accuracy              {share(right, total)}")
    print(f"slot accuracy                {share(sum(r.slot_right for r in slotted), len(slotted))}")
    print(f"searches taken as questions  {share(len(searched_as_question), len(searches))}")
    print(f"questions taken as searches  {share(len(question_as_search), len(questions))}")
    print(f"off-topic answered           {len(answered)} of {len(off_topic)}")
    if name.endswith("tune"):  # the test half's breakdown would point a tuner at its cases
        by_intent: Counter[str] = Counter(r.case.intent for r in results)
        right_by: Counter[str] = Counter(r.case.intent for r in results if r.intent_right)
        print(
            "per intent                   " + ", ".join(f"{i} {right_by[i]}/{n}" for i, n in sorted(by_intent.items()))
        )
    return {
        "accuracy": right / total if total else 0.0,
        "search_as_question": len(searched_as_question) / len(searches) if searches else 0.0,
        "off_topic_answered": float(len(answered)),
    }


def tune_failures(results: list[Result]) -> None:
    """Case by case, for the tune half only."""
    wrong = [r for r in results if not r.intent_right or (r.case.has_slot and not r.slot_right)]
    if not wrong:
        print("\ntune: no failures")
        return
    print(f"\ntune failures, {len(wrong)} (set id, expected → found, scores):")
    for r in wrong:
        want = r.case.section or r.case.direction or r.case.topic or ""
        got = r.route.section or r.route.direction or r.route.topic or ""
        top = sorted(r.route.scores.items(), key=lambda item: -item[1])[:3]
        print(f"  {r.case.set} {r.case.id} {r.case.intent}[{want}] → {r.route.intent}[{got}] {top}  {r.case.text!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="figures only, no tune failures")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--half", choices=("tune", "test"), help="only this half (tune while tuning)")
    parser.add_argument("--set", choices=(*SETS, "all"), default="all", help="one set, or all (the default)")
    args = parser.parse_args()
    form = load_form(FORM)
    names = list(SETS) if args.set == "all" else [args.set]
    halves = (args.half,) if args.half else ("tune", "test")
    # The test halves' texts are not even routed unless asked for.
    cases = [c for name in names for c in load_cases(name) if c.split in halves]
    results = [Result(c, route(c.text, form), classify(c.text)) for c in cases]
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ.setdefault("ANSOKAN_CACHE", str(work / "cache"))  # a throw-away index
        groups = [
            (f"{n} {h}", [r for r in results if r.case.set == n and r.case.split == h]) for n in names for h in halves
        ]
        if len(names) > 1:
            groups += [(f"all {h}", [r for r in results if r.case.split == h]) for h in halves]
        for label, group in groups:
            figures[label] = report(label, group, work)
    if not args.quiet and "tune" in halves:
        tune_failures([r for r in results if r.case.split == "tune"])
    print(
        f"\ngoals: intent accuracy ≥ {GOAL_ACCURACY}, searches taken as questions ≤ {GOAL_SEARCH_AS_QUESTION}, "
        f"off-topic answered {GOAL_OFF_TOPIC_ANSWERED}"
    )
    missed = [
        half
        for half, f in figures.items()
        if f["accuracy"] < GOAL_ACCURACY
        or f["search_as_question"] > GOAL_SEARCH_AS_QUESTION
        or f["off_topic_answered"] > GOAL_OFF_TOPIC_ANSWERED
    ]
    print("all goals met" if not missed else f"goals missed on: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
