"""pydantic's plugin finder stands aside while plugins are off (app/__init__.py): `importlib.metadata` and
the `email` package stay unloaded, the models still validate, and a user who names plugins to skip gets
pydantic's own loader."""

from __future__ import annotations

import ast
import inspect
import os
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

PROBE = (
    "import sys, app.io.formats\n"
    "from app.model import Card\n"
    "card = Card.model_validate_json('{\"stage_id\": \"s1\", \"lane_id\": \"l1\", \"text\": \"Hello\"}')\n"
    "assert card.text == 'Hello'\n"
    "loader = sys.modules['pydantic.plugin._loader']\n"
    "print('importlib.metadata' in sys.modules, 'email' in sys.modules, hasattr(loader, 'entry_points'))\n"
)


def _probe(plugins_setting: str | None) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    if plugins_setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins_setting
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, env=env, capture_output=True,
                            text=True, check=True)
    return result.stdout.split()


def test_no_plugin_scan_by_default() -> None:
    assert _probe(None) == ["False", "False", "False"]
    assert _probe("true") == ["False", "False", "False"]


def test_named_plugins_to_skip_get_pydantics_loader() -> None:
    assert _probe("some_plugin") == ["True", "True", "True"]


def test_the_loaders_one_caller_asks_only_for_get_plugins() -> None:
    """What the stand-in provides is all pydantic asks of the loader: guards a pydantic upgrade."""
    from pydantic.plugin import _schema_validator

    wanted = {
        alias.name
        for node in ast.walk(ast.parse(inspect.getsource(_schema_validator)))
        if isinstance(node, ast.ImportFrom) and node.module == "_loader"
        for alias in node.names
    }
    assert wanted == {"get_plugins"}
    loader = sys.modules["pydantic.plugin._loader"]
    assert tuple(loader.get_plugins()) == ()
