"""Time to export a 7-page draft to .docx (python-docx only, LibreOffice not included).

    python benchmarks/export.py [--runs N]

Target: under 0.3 s per export.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core.document.export import export_docx  # noqa: E402
from assistant.core.document.layout import estimate_pages  # noqa: E402
from assistant.core.model.forms import load_form  # noqa: E402
from tests.core.document.test_layout import sample_draft  # noqa: E402


def seven_page_draft(form):
    """The first generated draft whose body is exactly 7 pages (by the estimate)."""
    for seed in range(200):
        draft = sample_draft(seed, form, 7)
        if estimate_pages(draft, form).body_pages == 7:
            return seed, draft
    raise SystemExit("no 7-page draft among the generated ones")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    form = load_form("finsam-malmo")
    seed, draft = seven_page_draft(form)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "ansokan.docx"
        start = time.perf_counter()
        export_docx(draft, target, form=form)
        first = time.perf_counter() - start
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            export_docx(draft, target, form=form)
            times.append(time.perf_counter() - start)
        size = target.stat().st_size
    print(f"export of a 7-page draft (seed {seed}, {size // 1024} KiB .docx):")
    print(f"  first export (imports, template load): {first * 1000:.0f} ms")
    print(
        f"  median of {args.runs}: {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms (target < 300 ms)"
    )


if __name__ == "__main__":
    main()
