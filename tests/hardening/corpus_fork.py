"""The corpus's commands started from a parent that has already imported the code. Part of corpus.py.

Each case is still a process of its own: forked, in a session of its own, with the case's working
folder, environment, stdin from /dev/null, stdout and stderr to files, its file-size limit, and
ended by the interpreter as `python -m assistant` ends (a traceback and exit 1 for an uncaught
exception). Only the imports are done once: a fresh interpreter spent most of a case's CPU on them
(about 0.25 s a case against 0.1 s). A case with a wrapper command (a read-only mount) needs a real
exec and does not come here.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.hardening.payloads import ROOT

# The parent: imports everything a command may need, then forks one child a request and says how it ended.
PARENT = r"""
import gc, importlib, json, os, pkgutil, resource, signal, sys, tempfile

import assistant

def preload(path, prefix):  # every module but the terminal UI's (walk_packages would import its packages)
    for info in pkgutil.iter_modules(path, prefix):
        if info.name == "assistant.tui" or info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:
            continue
        if info.ispkg:
            preload(module.__path__, info.name + ".")

preload(assistant.__path__, "assistant.")
gc.collect()
gc.freeze()  # what the parent holds stays out of the children's collections (and their pages shared)
streams = sys.stdout.encoding, sys.stdout.errors, sys.stderr.encoding, sys.stderr.errors
channel = os.fdopen(int(sys.argv[1]), "w")
child = None
for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        child = request
        break
    channel.write(json.dumps({"pid": pid}) + "\n")
    channel.flush()
    _, status = os.waitpid(pid, 0)
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    channel.write(json.dumps({"code": code}) + "\n")
    channel.flush()
if child is None:
    raise SystemExit(0)
channel.close()
os.setsid()
os.chdir(child["cwd"])
os.environ.clear()
os.environ.update(child["env"])
tempfile.tempdir = None
if child["fsize"] is not None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (child["fsize"], child["fsize"]))
for fd, (path, flags) in enumerate(
    [(os.devnull, os.O_RDONLY), (child["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), (child["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)]
):
    opened = os.open(path, flags, 0o600)
    os.dup2(opened, fd)
    os.close(opened)
sys.stdin = open(0, encoding=sys.stdin.encoding, closefd=False)
sys.stdout = open(1, "w", encoding=streams[0], errors=streams[1], closefd=False)
sys.stderr = open(2, "w", encoding=streams[2], errors=streams[3], closefd=False, buffering=1)
sys.argv = [child["main"], *child["argv"]]
# As the interpreter ends `raise SystemExit(main())`, less tearing down every module (the whole heap of a
# forked child, page by page: 0.2 s a case): the command's threads joined and its atexit work done.
import atexit, threading, traceback
from assistant.cli import main

try:
    code = main()
except SystemExit as exc:
    code = exc.code
except BaseException:
    traceback.print_exc()
    code = 1
if code is not None and not isinstance(code, int):
    print(code, file=sys.stderr)
    code = 1
threading._shutdown()
atexit._run_exitfuncs()
try:
    sys.stdout.flush()
except Exception:
    code = 120
sys.stderr.flush()
os._exit(code or 0)
"""


class Forker:
    """One parent process; `run` is called from one thread at a time (one Forker per worker thread)."""

    def __init__(self, env: dict[str, str], streams: Path) -> None:
        self.streams = streams
        self.count = 0
        self._read, write = os.pipe()
        self._log = streams / "parent.err"
        with self._log.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", PARENT, str(write)],
                env=env,
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=log,
                pass_fds=(write,),
                text=True,
            )
        os.close(write)
        self._buffer = b""

    def _reply(self, deadline: float | None) -> dict | None:
        while b"\n" not in self._buffer:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._read], [], [], wait)
            if not ready:
                return None
            chunk = os.read(self._read, 4096)
            if not chunk:
                raise RuntimeError(f"the corpus's parent process ended: {_text(self._log)[-2000:]}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def run(
        self, argv: list[str], *, cwd: Path, env: dict[str, str], timeout: float, fsize: int | None
    ) -> tuple[int | None, str, str]:
        self.count += 1
        out, err = self.streams / f"{self.count}.out", self.streams / f"{self.count}.err"
        request = {
            "argv": argv,
            "cwd": str(cwd),
            "env": env,
            "fsize": fsize,
            "stdout": str(out),
            "stderr": str(err),
            "main": str(ROOT / "assistant" / "__main__.py"),
        }
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError(f"the corpus's parent process ended: {_text(self._log)[-2000:]}") from None
        started = self._reply(time.monotonic() + 30)
        if started is None:
            raise RuntimeError("the corpus's parent process did not fork")
        ended = self._reply(time.monotonic() + timeout)
        code: int | None
        if ended is None:  # hung: kill its session, as run_process kills its process group
            os.killpg(started["pid"], signal.SIGKILL)
            self._reply(None)
            code = None
        else:
            code = ended["code"]
        return code, _text(out), _text(err)

    def close(self) -> None:
        if self.proc.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.close()
        self.proc.wait(timeout=30)
        os.close(self._read)


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


class Forkers:
    """A Forker for each thread of the corpus's pool, started on first use."""

    def __init__(self, env: dict[str, str], streams: Path) -> None:
        self.env, self.streams = env, streams
        self._local = threading.local()
        self._all: list[Forker] = []
        self._lock = threading.Lock()

    def get(self) -> Forker:
        forker = getattr(self._local, "forker", None)
        if forker is None:
            with self._lock:
                directory = self.streams / str(len(self._all))
                directory.mkdir(parents=True)
                forker = Forker(self.env, directory)
                self._all.append(forker)
            self._local.forker = forker
        return forker

    def close(self) -> None:
        for forker in self._all:
            forker.close()
