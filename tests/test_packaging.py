"""A wheel (`pip install .`, pipx) carries everything in `resources/`, and the app finds it there."""

from __future__ import annotations

import tomllib
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parent.parent


def test_every_resource_is_in_the_wheel_where_the_app_looks_for_it() -> None:
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "data-files"]
    installed = {f"{target}/{Path(source).name}" for target, patterns in data_files.items()
                 for pattern in patterns for source in map(str, ROOT.glob(pattern))}
    shipped = {f"share/journey-canvas/{path.relative_to(ROOT).as_posix()}"
               for path in (ROOT / "resources").rglob("*") if path.is_file()}
    assert shipped and installed == shipped


def test_the_app_reads_the_clone_first_then_the_installed_copy(tmp_path: Path) -> None:
    clone = tmp_path / "clone" / "resources"
    assert app._resources(clone, tmp_path) == tmp_path / "share" / "journey-canvas" / "resources"
    clone.mkdir(parents=True)
    assert app._resources(clone, tmp_path) == clone
    assert app.RESOURCES == ROOT / "resources"
