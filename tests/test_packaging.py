"""The assistant installs from a wheel (not editable) and finds its forms and library there."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs_from_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=300,
    )
    wheel = next(wheels.glob("ansokan-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=600)
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
            "import assistant.core.storage.paths as p; "
            "print(p.forms_dir()); print(p.builtin_library_dir()); print(p.demo_draft().exists())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert "site-packages" in installed[0] and "site-packages" in installed[1] and installed[2] == "True"
