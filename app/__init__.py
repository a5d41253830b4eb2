"""Journey Canvas: an offline desktop editor for customer journey maps."""

import os
import sys
import types
from pathlib import Path

_PLUGINS_OFF = ("__all__", "1", "true")
"""The values of PYDANTIC_DISABLE_PLUGINS with which pydantic loads no plugin at all."""


def _skip_pydantic_plugin_scan() -> None:
    """Journey Canvas uses no pydantic plugins. With PYDANTIC_DISABLE_PLUGINS set, pydantic loads none, but
    the module that would find them (`pydantic.plugin._loader`) still imports `importlib.metadata`, and with
    it the `email` package, when the first model class is built: 30-40 ms of CPU at every start of the
    editor, the command line and every export, for nothing. Its one caller asks it for `get_plugins()`,
    which with plugins off returns an empty tuple; a module that returns just that stands in for it. A user
    who names the plugins to skip (PYDANTIC_DISABLE_PLUGINS=some_plugin) gets pydantic's own loader."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] not in _PLUGINS_OFF or name in sys.modules:
        return
    loader = types.ModuleType(name, "Stands in for pydantic's plugin loader while plugins are off (see app).")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[name] = loader


_skip_pydantic_plugin_scan()

__version__ = "0.1.0"

def _resources(clone: Path, prefix: Path) -> Path:
    """The clone's `resources` folder (an editable install), else the copy a wheel (`pip install .`, pipx)
    installed under the environment's prefix (`[tool.setuptools.data-files]` in pyproject.toml)."""
    return clone if clone.is_dir() else prefix / "share" / "journey-canvas" / "resources"


RESOURCES = _resources(Path(__file__).resolve().parent.parent / "resources", Path(sys.prefix))
"""Bundled fonts, example maps and the JSON Schema."""
