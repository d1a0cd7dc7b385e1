"""Reading a Word file with a huge style sheet: 5,000 styles, a few hundred paragraphs.

    python benchmarks/read_styles.py [--styles 5000] [--paragraphs 400] [--runs 3]

Real files collect styles over years of copy and paste. python-docx finds a paragraph's style by
scanning the whole style list (and the default style the same way for a paragraph without one),
so such a file once took 10–15 s to import. The reader keeps a dict per style id instead.
Goal: under 1 s for the default sizes. Prints the best of --runs reads.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 1.0


def build(path: Path, styles: int, paragraphs: int) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    # Written as XML: python-docx's add_style scans the list too (a minute for 5,000). Custom
    # styles go to the end of the list, so the real ones are found last by a scan.
    sheet = document.styles.element
    for n in range(styles):
        sheet.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Kopierad{n}">'
                f'<w:name w:val="Kopierad stil {n}"/><w:basedOn w:val="Normal"/></w:style>'
            )
        )
    for n in range(paragraphs):
        if n % 40 == 0:
            document.add_paragraph(f"{n // 40 + 1}. Rubrik", style="Heading 1")
        elif n % 3 == 0:
            paragraph = document.add_paragraph(f"Stycke {n} i en egen stil om samverkan och stöd.")
            paragraph._p.get_or_add_pPr().style = f"Kopierad{n % styles}"
        else:
            document.add_paragraph(f"Stycke {n} utan egen stil, med deltagare och insatser.")
    document.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--styles", type=int, default=5000)
    parser.add_argument("--paragraphs", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from assistant.core.sources.documents import read_document

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "manga-stilar.docx"
        start = time.perf_counter()
        build(path, args.styles, args.paragraphs)
        print(
            f"built {path.name}: {args.styles} styles, {args.paragraphs} paragraphs in {time.perf_counter() - start:.1f} s"
        )
        read_document(path)  # warm: python-docx's import is not what is measured
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            doc = read_document(path)
            times.append(time.perf_counter() - start)
    best = min(times)
    print(f"read: {len(doc.blocks)} blocks in {best:.3f} s (best of {args.runs}; goal < {GOAL_SECONDS:.0f} s)")
    return 0 if best < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
