"""The assistant installs from a wheel (not editable) and finds its forms and library there."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _site_packages(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip())


def _fresh_venv_with_these_dependencies(env_dir: Path) -> Path:
    """A new venv (no pip, no packages) that sees this venv's installed dependencies through a .pth line.

    Installing every dependency from the index again took a minute and tested pip, not the wheel.
    A .pth line only appends the folder to sys.path: the .pth files inside it (this venv's editable
    hook to the repo among them) are not run, so `assistant` can come only from the wheel."""
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    (_site_packages(python) / "_running_venv_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return python


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs_from_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    # Built with the dev extra's hatchling, not in an isolated build env that pip fills from the index
    # on every run (1.7 of the test's 2.7 CPU-s, and a network dependency in `make test`).
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(wheels.glob("ansokan-*.whl"))
    env_dir = tmp_path / "venv"
    python = _fresh_venv_with_these_dependencies(env_dir)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "ansokan"), "forms", "list", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert {"finsam-malmo", "burlov-staffanstorp"} <= {f["id"] for f in json.loads(result.stdout)}
    same = subprocess.run(
        [str(python), "-m", "assistant", "forms", "list"], cwd=elsewhere, capture_output=True, text=True, timeout=60
    )
    assert same.returncode == 0 and "finsam-malmo" in same.stdout
    installed = subprocess.run(
        [
            str(python),
            "-c",
            "import assistant, assistant.core.storage.paths as p; print(assistant.__file__); "
            "print(p.forms_dir()); print(p.builtin_library_dir()); print(p.demo_draft().exists())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    wheel_site = _site_packages(python)
    assert [Path(p).is_relative_to(wheel_site) for p in installed[:3]] == [True, True, True], installed
    assert installed[3] == "True"
