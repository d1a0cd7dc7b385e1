"""Speed of suggestions from a shared PostgreSQL library of 60,000 passages on a local server.

    python benchmarks/shared_suggest.py [--passages 60000]

Starts a throwaway server (tests/pgserver.py: initdb into a temporary folder, unix socket only),
stores a synthetic library made by recombining the real library's sentences (as benchmarks/suggest.py
does) through the program's own import path, syncs the writer's copy, and times `suggest` with the
server answering (candidates from PostgreSQL, the local second stage) and with the copy alone.
The copy holds the whole library, so offline it suggests what the local library would: how often
online and offline agree is the parity of the two backends at this size.

Prints p50/p95 wall ms per suggestion and, since wall times on a shared machine depend on the load,
the CPU per suggestion of this process and of the server's backend (read from /proc), which do not.
Target: p95 <= 50 ms at 60,000 passages.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import psycopg  # noqa: E402
from suggest import percentile, queries, real_sentences, write_library  # noqa: E402

from assistant.core.reuse.library import load_library  # noqa: E402
from assistant.core.reuse.shared import SharedLibrary  # noqa: E402
from assistant.core.reuse.shared.cache import Cache  # noqa: E402
from assistant.core.reuse.shared.ranking import SharedIndex  # noqa: E402
from assistant.core.reuse.suggest import suggest  # noqa: E402
from tests.pgserver import binaries, database, member_url, running_server  # noqa: E402


def backend_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process `pid` has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(texts: list[str], index: SharedIndex) -> tuple[list[float], float, list[list[str]]]:
    """Wall ms per suggestion, this process's CPU s in all, and each query's suggested passages."""
    times, found = [], []
    c0 = time.process_time()
    for q in texts:
        t = time.perf_counter()
        got = suggest(q, form_id="finsam-malmo", section="malgrupp", index=index)
        times.append((time.perf_counter() - t) * 1000)
        found.append([s.passage_id for s in got])
    return times, time.process_time() - c0, found


def fill(server: SharedLibrary, size: int, folder: Path, rng: random.Random) -> tuple[int, float]:
    write_library(folder, size, rng, real_sentences())
    entries = load_library([(folder, False)])
    t0 = time.process_time()
    for entry in entries:
        server.add(entry, organisation="forbundet")
    return len(entries), time.process_time() - t0


def run(size: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with running_server() as pg, tempfile.TemporaryDirectory() as tmp:
        url = database(pg.url)
        with SharedLibrary(url) as owner:
            owner.init()
            t0 = time.perf_counter()
            count, store_cpu = fill(owner, size, Path(tmp) / "source", rng)
            stored = time.perf_counter() - t0
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute("VACUUM ANALYZE passages")  # as a server that has been running a while
                admin.execute('CREATE ROLE "reader_bench" LOGIN')
            owner.grant("reader_bench", organisation="forbundet", role="reader")
        # A writer's program connects as its own member role: row-level security is in every query.
        with SharedLibrary(member_url(url, "reader_bench"), max_connections=1) as server:
            with server._connection() as conn:  # one backend: its CPU is the server's share
                pid = int(conn.execute("SELECT pg_backend_pid()").fetchone()[0])  # type: ignore[index]
            cache = Cache(Path(tmp) / "copy")
            t0 = time.perf_counter()
            generation, entries, allowed, owners = server.snapshot()
            cache.replace_entries(entries)
            cache.synced(generation, allowed, owners)
            index = SharedIndex([(cache.entries, False)], Path(tmp) / "copy.sqlite", library=server, allowed=allowed)
            index.refresh()
            synced = time.perf_counter() - t0
            qs = queries(rng, real_sentences())
            for q in qs[:10]:  # warm caches as a running UI has them
                suggest(q, form_id="finsam-malmo", section="malgrupp", index=index)
            s0 = backend_cpu(pid)
            online, cpu, online_found = timed(qs, index)
            server_cpu = backend_cpu(pid) - s0
            assert index.online, "the server stopped answering during the benchmark"
            index.online = False
            index.generation += 1  # the remembered windows were the server's: search the copy afresh
            offline, offline_cpu, offline_found = timed(qs, index)
            index.close()
    n = len(qs)
    print(f"--- shared library: {size:,} passages in {count:,} applications, {n} queries")
    print(f"load average           {os.getloadavg()[0]:6.2f}       (2 cores; other work slows wall times)")
    print(f"store through add()    {stored:6.1f} s     (this process's CPU {store_cpu:.1f} s)")
    print(f"first sync + index     {synced:6.1f} s     (as a reader: row-level security applies from here)")
    print(
        f"online  p50 / p95      {statistics.median(online):6.2f} / {percentile(online, 0.95):.2f} ms  (target p95 <= 50 ms)"
    )
    print(
        f"        CPU per query   {cpu * 1000 / n:6.2f} ms here + {server_cpu * 1000 / n:.2f} ms in the server's backend"
    )
    print(
        f"offline p50 / p95      {statistics.median(offline):6.2f} / {percentile(offline, 0.95):.2f} ms"
        f"  (the copy alone; CPU {offline_cpu * 1000 / n:.2f} ms per query)"
    )
    same_top = sum(a[:1] == b[:1] for a, b in zip(online_found, offline_found, strict=True))
    same_all = sum(a == b for a, b in zip(online_found, offline_found, strict=True))
    print(f"online as offline      same top passage {same_top}/{n}, same suggestions {same_all}/{n}")
    print("                       (the copy holds all of it: offline ranks as the local library would)")
    print(f"queries with no suggestion {sum(not f for f in online_found)}/{n}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=60_000)
    args = parser.parse_args()
    if binaries() is None:
        print("skipped: PostgreSQL is not installed (apt-get install postgresql)")
        return 0
    run(args.passages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
