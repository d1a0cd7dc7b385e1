"""Speed of suggestions on a synthetic library made by recombining the real library's sentences.

    python benchmarks/suggest.py                 # 60,000 and 300,000 passages (what `make bench` runs)
    python benchmarks/suggest.py --passages 5000 # one size only

Prints: index build time, median and p95 ms per suggestion for a sentence and for a paragraph of three
sentences (the current one searched with the earlier two as context; index open, as in the UI; and
through `open_index` with its freshness check), the index's size on disk and in memory, RSS, and the
time to add one application to an indexed library.
Targets on a 2-core machine: p95 <= 30 ms at 60k and <= 60 ms at 300k; build <= 15 s at 60k;
adding one application <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core.reuse.index import Index, forget_open_indexes, open_index  # noqa: E402
from assistant.core.reuse.library import Entry, Section, load_library, passages, to_text  # noqa: E402
from assistant.core.reuse.suggest import Recent, suggest  # noqa: E402
from assistant.core.storage import paths  # noqa: E402
from assistant.core.storage.atomic import atomic_write_text  # noqa: E402

PASSAGES_PER_ENTRY = 150
SECTIONS = (
    "bakgrund",
    "presentation",
    "malgrupp",
    "mal",
    "organisering",
    "aktiviteter",
    "implementering",
    "uppfoljning",
)


def real_sentences() -> list[str]:
    out: list[str] = []
    for entry in load_library([(paths.builtin_library_dir(), True)]):
        for p in passages(entry):
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", p.text.replace("\n", " ")) if len(s.split()) >= 5]
    return out


def write_library(directory: Path, total: int, rng: random.Random, sentences: list[str], start: int = 0) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    written = 0
    n = start
    while written < total:
        count = min(PASSAGES_PER_ENTRY, total - written)
        entry = Entry(
            id=f"synt-{n:06d}",
            title=f"Syntetisk ansökan {n}",
            form="finsam-malmo",
            organisation="Exempelstad",
            municipality="Exempel",
            year=2015 + n % 10,
        )
        per_section: dict[str, list[str]] = {key: [] for key in SECTIONS}
        for i in range(count):
            text = " ".join(rng.sample(sentences, rng.randint(2, 4)))
            per_section[SECTIONS[i % len(SECTIONS)]].append(text)
        entry.sections = [
            Section(key, key.capitalize(), "\n\n".join(texts)) for key, texts in per_section.items() if texts
        ]
        atomic_write_text(directory / f"{entry.id}.md", to_text(entry), backup=False)
        written += count
        n += 1
    return n


def queries(rng: random.Random, sentences: list[str]) -> list[str]:
    data = tomllib.loads((ROOT / "tests" / "eval" / "suggest_eval.toml").read_text(encoding="utf-8"))
    out = [q["text"] for q in data["query"]] + [q["text"] for q in data["offtopic"]]
    for _ in range(120):  # half-sentences as typed: the first 3-8 words of some sentence
        words = rng.choice(sentences).split()
        out.append(" ".join(words[: rng.randint(3, 8)]))
    return out


def paragraphs(rng: random.Random, sentences: list[str], count: int = 60) -> list[str]:
    """Three sentences of one passage's kind in a row: what the UI sends while a paragraph grows."""
    return [" ".join(rng.sample(sentences, 3)) for _ in range(count)]


def memory_mb(index: Index) -> float:
    """The index's structures in the process: the vocabulary with its counts and the sorted terms."""
    size = sys.getsizeof(index.vocabulary) + sys.getsizeof(index.sorted_terms)
    size += sum(sys.getsizeof(t) + 28 for t in index.vocabulary)  # a key and its int; keys are shared
    return size / 1e6


def timed(texts: list[str], index: Index, recents: list[Recent] | None = None) -> tuple[list[float], int]:
    """Wall times; `recents`, one per text, as the TUI's panel passes what it showed a moment ago."""
    times: list[float] = []
    empty = 0
    for n, q in enumerate(texts):
        recent = recents[n] if recents else None
        t = time.perf_counter()
        got = suggest(q, form_id="finsam-malmo", section="malgrupp", index=index, recent=recent)
        times.append((time.perf_counter() - t) * 1000)
        empty += not got
    return times, empty


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def run(size: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sentences = real_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp) / "library"
        t0 = time.perf_counter()
        next_id = write_library(lib, size, rng, sentences)
        written = time.perf_counter() - t0
        dirs = [(lib, False)]
        db = Path(tmp) / "index.sqlite"
        t0, c0 = time.perf_counter(), time.process_time()
        index = Index(dirs, db)
        index.refresh()
        build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
        qs = queries(rng, sentences)
        for q in qs[:10]:  # warm the caches as a running UI would have them
            suggest(q, form_id="finsam-malmo", section="malgrupp", index=index)
        c0 = time.process_time()
        times, empty = timed(qs, index)
        cpu_ms = (time.process_time() - c0) * 1000 / len(qs)
        paras = paragraphs(rng, sentences)
        c0 = time.process_time()
        recents = [Recent() for _ in paras]
        para_times, _ = timed(paras, index, recents)
        para_cpu = (time.process_time() - c0) * 1000 / len(paras)
        c0 = time.process_time()
        # One more word: the earlier sentences are cached, what the paragraph showed is carried.
        typing_times, _ = timed([p + " och" for p in paras], index, recents)
        typing_cpu = (time.process_time() - c0) * 1000 / len(paras)
        # Through open_index, which checks the files for changes (at most every 2 s).
        forget_open_indexes()
        open_times: list[float] = []
        for q in qs[:60]:
            t = time.perf_counter()
            suggest(q, form_id="finsam-malmo", section="malgrupp", library_dirs=dirs, index=open_index(dirs, db))
            open_times.append((time.perf_counter() - t) * 1000)
        index_memory = memory_mb(index)
        t0 = time.perf_counter()
        forced = index.refresh()  # a full freshness check with nothing changed
        check = time.perf_counter() - t0
        write_library(lib, PASSAGES_PER_ENTRY, rng, sentences, start=next_id)
        t0 = time.perf_counter()
        report = index.refresh()
        add = time.perf_counter() - t0
        index.close()
        forget_open_indexes()
        print(f"--- {size:,} passages in {next_id:,} files (written in {written:.1f} s), {len(qs)} queries")
        print(
            f"load average           {os.getloadavg()[0]:6.2f}       (2 cores; other work on the machine slows wall times)"
        )
        print(f"index build            {build:6.2f} s     (target <= 15 s at 60k; CPU {build_cpu:.2f} s)")
        print(f"suggest p50            {statistics.median(times):6.2f} ms    (a sentence; CPU mean {cpu_ms:.2f} ms)")
        print(f"suggest p95            {percentile(times, 0.95):6.2f} ms    (target <= 30 ms at 60k, <= 60 ms at 300k)")
        print(f"suggest max            {max(times):6.2f} ms")
        print(
            f"paragraph p50 / p95    {statistics.median(para_times):6.2f} / {percentile(para_times, 0.95):.2f} ms"
            f" (three sentences: the focus and two context windows; CPU mean {para_cpu:.2f} ms)"
        )
        print(
            f"  while typing p50/p95 {statistics.median(typing_times):6.2f} / {percentile(typing_times, 0.95):.2f} ms"
            f" (one word on: the earlier sentences come from the cache; CPU mean {typing_cpu:.2f} ms)"
        )
        print(
            f"via open_index p95     {percentile(open_times, 0.95):6.2f} ms    (first call includes the freshness check)"
        )
        print(f"freshness check        {check * 1000:6.1f} ms    (nothing changed, {forced.unchanged} files)")
        print(
            f"add one application    {add:6.3f} s     ({report.added} file, {PASSAGES_PER_ENTRY} passages; target <= 1 s)"
        )
        print(f"queries with no suggestion {empty}/{len(qs)}")
        print(f"max RSS                {rss_mb():6.0f} MB")
        print(f"index size on disk     {db.stat().st_size / 1e6:6.1f} MB")
        print(
            f"index in memory        {index_memory:6.1f} MB    (vocabulary and sorted terms; the rest stays in SQLite)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, help="one library size instead of 60,000 and 300,000")
    args = parser.parse_args()
    for size in [args.passages] if args.passages else [60_000, 300_000]:
        run(size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
