"""Eight writers at once against one shared PostgreSQL library, for 60 seconds.

    python benchmarks/shared_load.py [--writers 8] [--seconds 60] [--passages 6000]

Starts a throwaway server (tests/pgserver.py), stores a synthetic library (benchmarks/suggest.py's
recombined real sentences), and runs each writer in a process of its own, connected as its own
member login role (approver: it may also import) in a library where imports wait for approval.
Each writer syncs its copy, then loops: suggest (the program's own path: PostgreSQL finds the
candidates, the local second stage ranks them), take a suggestion (a take id sent twice now and
then, as a retried offline sync does), import an application (some the same as another writer's),
approve what waits. Afterwards it checks from the owner's account that no passage was lost or
duplicated, every take counted once, and that no writer met an error (a deadlock would be one).

Prints p50/p95 wall ms per suggestion under this load, each action's count, and the counts of
entries, passages and takes before and after. Wall times depend on the machine's load (2 cores
here, shared): the CPU per suggestion of the writers' processes is printed beside them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import psycopg  # noqa: E402
from suggest import SECTIONS, percentile, queries, real_sentences  # noqa: E402

from assistant.core.reuse.library import Entry, Section  # noqa: E402
from assistant.core.reuse.shared import SharedLibrary  # noqa: E402
from assistant.core.reuse.shared.cache import Cache  # noqa: E402
from assistant.core.reuse.shared.ranking import SharedIndex  # noqa: E402
from assistant.core.reuse.suggest import suggest  # noqa: E402
from tests.pgserver import binaries, database, member_url, running_server  # noqa: E402

ORGANISATION = "forbundet"


def synthetic(n: int, rng: random.Random, sentences: list[str], prefix: str = "synt") -> Entry:
    entry = Entry(id=f"{prefix}-{n:06d}", title=f"Syntetisk ansökan {n}", form="finsam-malmo", year=2015 + n % 10)
    per_section: dict[str, list[str]] = {key: [] for key in SECTIONS}
    for i in range(12):
        per_section[SECTIONS[i % len(SECTIONS)]].append(" ".join(rng.sample(sentences, rng.randint(2, 4))))
    entry.sections = [Section(key, key.capitalize(), "\n\n".join(t)) for key, t in per_section.items() if t]
    return entry


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        one = lambda sql: int(conn.execute(sql).fetchone()[0])  # type: ignore[index]  # noqa: E731
        return {
            "entries": one("SELECT count(*) FROM entries"),
            "passages": one("SELECT count(*) FROM passages"),
            "takes": one("SELECT count(*) FROM takes"),
            "waiting": one("SELECT count(*) FROM passages WHERE NOT approved"),
            "hashes stored twice": one(
                "SELECT count(*) FROM (SELECT 1 FROM entries GROUP BY content_hash HAVING count(*) > 1) d"
            ),
        }


def writer(
    number: int, url: str, folder: str, seconds: float, imports: list[Entry], out: multiprocessing.Queue
) -> None:
    """One writer's program: its own connection pool, copy and index; reports what it did."""
    rng = random.Random(100 + number)
    qs = queries(rng, real_sentences())
    result: dict = {"times": [], "cpu": 0.0, "errors": [], "takes": set(), "created": {}, "actions": {}}
    try:
        with SharedLibrary(url, max_connections=2) as server:
            cache = Cache(Path(folder) / f"copy{number}")
            generation, entries, allowed, owners = server.snapshot()
            cache.replace_entries(entries)
            cache.synced(generation, allowed, owners)
            index = SharedIndex(
                [(cache.entries, False)], Path(folder) / f"copy{number}.sqlite", library=server, allowed=allowed
            )
            index.refresh()
            found: list[str] = []
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                action = rng.choices(["suggest", "take", "import", "approve"], [70, 15, 10, 5])[0]
                result["actions"][action] = result["actions"].get(action, 0) + 1
                try:
                    if action == "suggest":
                        c0, t0 = time.process_time(), time.perf_counter()
                        hits = suggest(rng.choice(qs), form_id="finsam-malmo", section="malgrupp", index=index)
                        result["times"].append((time.perf_counter() - t0) * 1000)
                        result["cpu"] += time.process_time() - c0
                        found += [h.passage_id for h in hits[:1]]
                    elif action == "take" and found:
                        take = (str(uuid.uuid4()), rng.choice(found))
                        again = [take] if rng.random() < 0.3 else []  # a sync retried after a lost answer
                        server.record_takes([take])
                        server.record_takes(again)
                        result["takes"].add(take[0])
                    elif action == "import" and imports:
                        stored = server.add(imports.pop(0))
                        if stored.created:
                            result["created"][stored.id] = stored.passages
                        else:
                            result["there already"] = result.get("there already", 0) + 1
                    elif action == "approve" and (waiting := [pid for pid, _ in server.waiting()[:20]]):
                        server.approve(waiting)
                except Exception as error:  # counted and shown: the benchmark fails on any
                    result["errors"].append(f"{action}: {type(error).__name__}: {error}")
            assert index.online, "the server stopped answering"
            index.close()
    except Exception as error:
        result["errors"].append(f"setup: {type(error).__name__}: {error}")
    out.put(result)


def run(writers: int, seconds: float, size: int, seed: int = 11) -> int:
    rng = random.Random(seed)
    sentences = real_sentences()
    with running_server() as pg, tempfile.TemporaryDirectory() as tmp:
        url = database(pg.url)
        with SharedLibrary(url) as owner:
            owner.init()
            for n in range(size // 12):
                owner.add(synthetic(n, rng, sentences), organisation=ORGANISATION)
            owner.set_require_approval(True)
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute("VACUUM ANALYZE passages")
                for w in range(writers):
                    admin.execute(f'CREATE ROLE "writer{w}" LOGIN')  # our own names, not input
            for w in range(writers):
                owner.grant(f"writer{w}", organisation=ORGANISATION, role="approver")
        before = counts(url)
        # Imports: 40 new applications per writer; each writer starts with eight of its own that the
        # writer before it imports at the same time (the same content: one entry, whoever wins).
        own = [[synthetic(100_000 + w * 40 + n, rng, sentences, "ny") for n in range(40)] for w in range(writers)]
        plans = [own[w][:8] + own[(w + 1) % writers][:8] + own[w][8:] for w in range(writers)]
        context = multiprocessing.get_context("fork")
        out: multiprocessing.Queue = context.Queue()
        procs = [
            context.Process(target=writer, args=(w, member_url(url, f"writer{w}"), tmp, seconds, plans[w], out))
            for w in range(writers)
        ]
        t0 = time.perf_counter()
        for p in procs:
            p.start()
        results = [out.get(timeout=seconds + 600) for _ in procs]
        for p in procs:
            p.join()
        wall = time.perf_counter() - t0
        after = counts(url)
    times = [t for r in results for t in r["times"]]
    errors = [e for r in results for e in r["errors"]]
    created: dict[str, int] = {}
    for r in results:
        for entry_id, n in r["created"].items():
            assert entry_id not in created, f"{entry_id} created by two writers"
            created[entry_id] = n
    taken = set().union(*(r["takes"] for r in results))
    actions = {a: sum(r["actions"].get(a, 0) for r in results) for a in ("suggest", "take", "import", "approve")}
    expected_passages = before["passages"] + sum(created.values())
    again = sum(r.get("there already", 0) for r in results)
    print(f"--- shared library under load: {writers} writers for {seconds:.0f} s ({wall:.0f} s wall with setup)")
    print(f"load average             {os.getloadavg()[0]:6.2f}  (2 cores: the writers and the server share them)")
    print(f"actions                  {actions}")
    print(
        f"suggestion p50 / p95     {statistics.median(times):6.1f} / {percentile(times, 0.95):.1f} ms wall over {len(times)}"
    )
    print(
        f"  CPU per suggestion     {sum(r['cpu'] for r in results) * 1000 / len(times):6.2f} ms in the writer's process"
    )
    print(f"before                   {before}")
    print(f"after                    {after}")
    print(
        f"passages expected        {expected_passages} ({before['passages']} + {sum(created.values())} of the"
        f" {len(created)} applications created; {again} imports found theirs there already)"
    )
    print(f"takes expected           {len(taken)} (each take id once, {before['takes']} before)")
    print(f"errors                   {len(errors)}")
    for e in errors[:10]:
        print("   ", e)
    ok = (
        not errors
        and after["passages"] == expected_passages
        and after["entries"] == before["entries"] + len(created)
        and after["takes"] == before["takes"] + len(taken)
        and after["hashes stored twice"] == 0
    )
    print("no lost or duplicated passage, every take once, no error:", "yes" if ok else "NO")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--passages", type=int, default=6000)
    args = parser.parse_args()
    if binaries() is None:
        print("skipped: PostgreSQL is not installed (apt-get install postgresql)")
        return 0
    return run(args.writers, args.seconds, args.passages)


if __name__ == "__main__":
    raise SystemExit(main())
