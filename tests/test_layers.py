"""Architecture rules, read from every import statement (top level or inside a function):

- `app/model` is the bottom layer: no other `app` package, no Qt, no reportlab;
- `app/layout` imports only `app.model` and itself: no Qt, no reportlab, no exporter or widget;
- `app/io` and `app/painters` never import `app/widgets` (exporters draw through `app/painters`);
- the command line loads no Qt unless it renders.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
PDF_MODULES = ("reportlab",)

# package -> (top-level modules it may not import, app packages it may not import)
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "app/model": (QT_MODULES + PDF_MODULES, ("app",)),
    "app/layout": (QT_MODULES + PDF_MODULES, ("app.io", "app.painters", "app.widgets", "app.document",
                                              "app.commands", "app.cli", "app.gui", "app.check")),
    "app/io": ((), ("app.widgets", "app.document", "app.commands", "app.gui")),
    "app/painters": ((), ("app.widgets", "app.io", "app.document", "app.commands", "app.gui")),
}
OWN_PACKAGE_ALLOWED = {"app/model": ("app.model",), "app/layout": ("app.model", "app.layout")}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            if node.module == "app":  # `from app import widgets`
                names.extend(f"app.{alias.name}" for alias in node.names)
    return names


def _forbidden(name: str, banned_tops: tuple[str, ...], banned_app: tuple[str, ...],
               allowed: tuple[str, ...]) -> bool:
    def within(prefixes: tuple[str, ...]) -> bool:
        return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)

    if name.split(".")[0] in banned_tops:
        return True
    return name.startswith("app.") and not within(allowed) and within(banned_app)


def layer_violations(root: Path) -> list[str]:
    """Every import in `root/app` that breaks one of the RULES, as 'file imports name'."""
    offenders = []
    for package, (banned_tops, banned_app) in RULES.items():
        allowed = OWN_PACKAGE_ALLOWED.get(package, ())
        for path in sorted((root / package).rglob("*.py")):
            offenders.extend(f"{path.relative_to(root)} imports {name}" for name in _imports(path)
                             if _forbidden(name, banned_tops, banned_app, allowed))
    return offenders


def test_layers_keep_their_import_rules():
    assert layer_violations(PROJECT_ROOT) == []


@pytest.mark.parametrize("package, line", [
    ("app/model", "from app.layout.engine import compute_layout"),
    ("app/model", "import PySide6.QtCore"),
    ("app/model", "from app.io.errors import JourneyFileError"),
    ("app/layout", "from reportlab.pdfgen import canvas"),
    ("app/layout", "from PySide6.QtGui import QFont"),
    ("app/layout", "from app.painters.qt_painter import paint_shapes"),
    ("app/io", "from app.widgets.canvas import MapView"),
    ("app/io", "from app import widgets"),
    ("app/painters", "from app.widgets.fonts import layout_font"),
])
def test_a_forbidden_import_is_caught(tmp_path, package, line):
    """The rule checker itself: a copy of the tree with one forbidden import added fails."""
    shutil.copytree(PROJECT_ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / package / "_forbidden_probe.py"
    target.write_text(f"def probe():\n    {line}\n", encoding="utf-8")
    assert layer_violations(tmp_path) == [f"{package}/_forbidden_probe.py imports {line.split()[1]}"
                                          if not line.startswith("from app import") else
                                          f"{package}/_forbidden_probe.py imports app.{line.split()[-1]}"]


def test_allowed_imports_are_not_flagged(tmp_path):
    shutil.copytree(PROJECT_ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "app/layout/_allowed_probe.py").write_text(
        "from app.model.journey import JourneyMap\nfrom app.layout.fonts import text_width\n", encoding="utf-8")
    (tmp_path / "app/io/_allowed_probe.py").write_text(
        "from app.painters.qt_painter import paint_shapes\nfrom app.layout import compute_layout\n", encoding="utf-8")
    assert layer_violations(tmp_path) == []


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


def test_converting_a_workbook_to_pdf_loads_neither_qt_nor_openpyxl(tmp_path):
    """`convert map.xlsx map.pdf` reads the workbook with its own streaming reader: openpyxl (about a tenth of a
    second to import) and Qt stay unloaded, which is what keeps it a third of LibreOffice's time."""
    from tests.import_helpers import make_workbook

    book = make_workbook(tmp_path / "map.xlsx", [[None, "Awareness", "Purchase"], ["Actions", "Sees an ad", "Pays"]])
    script = (
        "import sys, app.cli\n"
        f"assert app.cli.main(['convert', {str(book)!r}, {str(tmp_path / 'map.pdf')!r}]) == 0\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'PySide6', 'shiboken6'})\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "map.pdf").stat().st_size > 1000
