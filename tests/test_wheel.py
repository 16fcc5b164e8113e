"""The built wheel ships templates, taxonomies and data, and runs from outside the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_repo(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    root = Path(request.config.rootpath)
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(root)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("disclosure-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in (("templates", "disclosure/templates"), ("taxonomies", "disclosure/taxonomies")):
        for path in (root / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert f"{package}/{path.relative_to(root / folder).as_posix()}" in names
    assert "disclosure/data/codes.yaml" in names
    assert "disclosure/schema/filing.schema.json" in names
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    work = tmp_path / "elsewhere"
    shutil.copytree(root / "samples" / "szse-cement", work)
    ran = subprocess.run([str(python), "-m", "disclosure", "validate", "filing.yaml"], cwd=work,
                         capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    built = subprocess.run([str(env_dir / "bin" / "disclosure"), "build", "filing.yaml", "-o", "out"],
                           cwd=work, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (work / "out" / "manifest.json").is_file()
