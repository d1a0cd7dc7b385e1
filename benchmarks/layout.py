"""The fast page estimate: time per estimate and accuracy against LibreOffice.

    python benchmarks/layout.py [--drafts N] [--no-libreoffice]

Targets: under 20 ms for a 7-page draft; the exact body page count on at least 95 % of the
generated drafts and never more than 1 page off.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core.document.export import export_docx  # noqa: E402
from assistant.core.document.layout import count_lines, estimate_pages  # noqa: E402
from assistant.core.model.forms import load_form  # noqa: E402
from benchmarks.export import seven_page_draft  # noqa: E402
from tests.core.document.test_layout import sample_set  # noqa: E402


def clear_caches() -> None:
    from assistant.core.document import build, layout
    from assistant.core.model import markup

    count_lines.cache_clear()
    markup._parse_blocks_cached.cache_clear()
    build._markup_table_for.cache_clear()
    layout._TABLE_ROWS.clear()


def timing(runs: int) -> None:
    form = load_form("finsam-malmo")
    seed, draft = seven_page_draft(form)
    cold, keystroke = [], []
    for _ in range(runs):
        clear_caches()
        start = time.perf_counter()
        estimate_pages(draft, form)
        cold.append(time.perf_counter() - start)
    for _i in range(runs):
        draft.sections["bakgrund"] += " ord"  # one keystroke-sized edit in one section
        start = time.perf_counter()
        estimate_pages(draft, form)
        keystroke.append(time.perf_counter() - start)
    print(f"estimate of a 7-page draft (seed {seed}):")
    print(f"  nothing cached: median {statistics.median(cold) * 1000:.1f} ms (target < 20 ms)")
    print(f"  after editing one section: median {statistics.median(keystroke) * 1000:.1f} ms")


def accuracy(count: int) -> None:
    from assistant.core.document.office import convert_many, counted_pages, uncounted_heading

    samples = sample_set(count)
    with tempfile.TemporaryDirectory() as tmp:
        docs = [export_docx(draft, Path(tmp) / f"{name}.docx", form=form) for name, form, draft in samples]
        start = time.perf_counter()
        pdfs = convert_many(docs, Path(tmp))
        convert = time.perf_counter() - start
        diffs = []
        for (name, form, draft), pdf in zip(samples, pdfs, strict=False):
            _total, truth = counted_pages(pdf, uncounted_heading(form))
            estimate = estimate_pages(draft, form).body_pages
            diffs.append(estimate - truth)
            if estimate != truth:
                print(
                    f"  {name}: {form.id} {form.page.font} {form.page.font_size:g} pt, "
                    f"LibreOffice {truth} pages, estimate {estimate}"
                )
    exact = sum(1 for d in diffs if d == 0)
    print(f"accuracy on {len(diffs)} generated drafts (1–12 pages, 3 fonts, 11/12 pt, 2 forms):")
    print(
        f"  exact {exact}/{len(diffs)} ({100 * exact / len(diffs):.0f} %), worst {max(map(abs, diffs))} page(s) off, "
        f"differences {dict(sorted(Counter(diffs).items()))}"
    )
    print(f"  (LibreOffice converted them in {convert:.1f} s, one invocation)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drafts", type=int, default=40)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()
    timing(args.runs)
    if args.no_libreoffice or not shutil.which("soffice"):
        print("accuracy: skipped (LibreOffice not used)")
        return
    accuracy(args.drafts)


if __name__ == "__main__":
    main()
