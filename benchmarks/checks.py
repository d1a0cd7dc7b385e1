"""How long the checks take on a 7-page draft: all of them (live in the UI), one section, --exact.

    python benchmarks/checks.py [--runs N] [--no-exact]

Target: all checks without --exact under 50 ms (median), since the UI runs them while typing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.core.checks import check_section, run_checks
from assistant.core.document.layout import estimate_pages
from assistant.core.model.budget import BudgetItem
from assistant.core.model.drafts import Contact, new_draft
from assistant.core.model.forms import load_form

PARAGRAPH = (
    "Insatsen riktar sig till unga vuxna mellan 19 och 29 år som står långt från arbetsmarknaden "
    "och har behov av samordnat stöd från flera myndigheter. Vi arbetar tillsammans med "
    "Arbetsförmedlingen och Försäkringskassan så att varje deltagare får en handledare, en "
    "gemensam plan och ett tydligt steg mot arbete eller studier. Kvinnor och män följs upp "
    "var för sig, och resultaten redovisas till styrgruppen var sjätte månad."
)


def seven_page_draft():
    form = load_form("finsam-malmo")
    d = new_draft(form, title="Unga vuxna i arbete", organisation="Lunds kommun", municipality="Lund")
    d.start, d.end = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    d.contacts = [
        Contact(name="Anna Berg", organisation="Lunds kommun", phone="046-35 50 00", email="anna.berg@lund.se")
    ]
    d.sections["tidsplan"] = "Startdatum: 2026-01-01\n\nSlutdatum: 2027-12-31"
    for category, amount in {
        "Personal": "600 000",
        "Externa tjänster": "50 000",
        "Lokaler": "40 000",
        "Övriga kostnader": "10 000",
    }.items():
        for year in (2026, 2027):
            d.budget.set_cell(category, year, amount)
        d.budget.items.append(BudgetItem(category, f"{category}, post", per_year={2026: amount, 2027: amount}))
    text_keys = [h.key for h in form.headings if h.kind == "text"]
    paragraphs = 1
    while True:  # grow every section evenly until the estimate reaches 6.5–7 pages
        for key in text_keys:
            d.sections[key] = "\n\n".join([PARAGRAPH] * paragraphs)
        if estimate_pages(d, form).pages >= 6.5:
            return d, form
        paragraphs += 1


def median_ms(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-exact", action="store_true")
    args = parser.parse_args()
    draft, form = seven_page_draft()
    report = run_checks(draft, form)  # warm-up: fonts and width tables are loaded once per process
    words = sum(len(t.split()) for t in draft.sections.values())
    print(f"draft: {report.pages['estimate']} pages estimated, {words} words, {len(report.findings)} findings")
    med, worst = median_ms(lambda: run_checks(draft, form), args.runs)
    print(
        f"run_checks (all, no --exact): median {med:.1f} ms, max {worst:.1f} ms over {args.runs} runs"
        f" – target < 50 ms: {'OK' if med < 50 else 'TOO SLOW'}"
    )
    med, worst = median_ms(lambda: estimate_pages(draft, form), args.runs)
    print(f"  of which estimate_pages: median {med:.1f} ms")
    med, worst = median_ms(lambda: check_section(draft, "bakgrund", form), args.runs)
    print(f"check_section(bakgrund): median {med:.1f} ms, max {worst:.1f} ms")
    if args.no_exact:
        return
    if shutil.which("soffice") is None:
        print("run_checks --exact: skipped, LibreOffice (soffice) is not installed")
        return
    start = time.perf_counter()
    exact = run_checks(draft, form, exact=True)
    print(
        f"run_checks --exact: {(time.perf_counter() - start):.2f} s "
        f"(LibreOffice counted {exact.pages['exact']} pages, estimate {exact.pages['estimate']})"
    )


if __name__ == "__main__":
    main()
