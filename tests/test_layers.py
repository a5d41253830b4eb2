"""Architecture rules: the model and the command line never import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT

QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
PURE_PACKAGES = ("app/model", "app/layout")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_pure_packages_have_no_qt_imports_in_source():
    offenders = []
    for package in PURE_PACKAGES:
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            for name in _imports(path):
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(PROJECT_ROOT)} imports {name}")
    assert offenders == []


def test_importing_the_model_and_running_the_cli_loads_no_qt(tmp_path):
    script = (
        "import sys, app.model, app.model.templates, app.cli\n"
        f"assert app.cli.main(['new', {str(tmp_path / 'a.journey')!r}]) == 0\n"
        f"assert app.cli.main(['info', '--json', {str(tmp_path / 'a.journey')!r}]) == 0\n"
        f"assert app.cli.main(['convert', {str(tmp_path / 'a.journey')!r}, {str(tmp_path / 'b.json')!r}]) == 0\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in %r]\n"
        "assert not loaded, loaded\n" % (QT_MODULES,)
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
