"""A pytest plugin that records each test's CPU seconds, for measuring the suite on a busy machine.

Wall time grows with whatever else the machine runs; CPU time barely does. With `-p tests.cpu_times`
and `CPU_TIMES_OUT=FILE`, every test (in every xdist worker) appends one tab-separated line to FILE:
its own CPU seconds, the CPU seconds of the child processes it waited for (the CLI in a subprocess,
LibreOffice), its wall seconds, its node id and `ok` or `FAILED`. Sum or sort them with awk:

    CPU_TIMES_OUT=cpu.tsv .venv/bin/python -m pytest -p tests.cpu_times -n 2 tests/tui
    sort -t$'\\t' -k1,1gr cpu.tsv | head
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator

import pytest

_failed: set[str] = set()


def _cpu() -> tuple[float, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed:
        _failed.add(report.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    out = os.environ.get("CPU_TIMES_OUT")
    own, children = _cpu()
    start = time.perf_counter()
    yield
    if not out:
        return
    own_after, children_after = _cpu()
    outcome = "FAILED" if item.nodeid in _failed else "ok"
    line = f"{own_after - own:.3f}\t{children_after - children:.3f}\t{time.perf_counter() - start:.3f}"
    with open(out, "a", encoding="utf-8") as handle:
        handle.write(f"{line}\t{item.nodeid}\t{outcome}\n")
