"""Test-wide setup: Qt offscreen, and every settings/data folder redirected to a temporary one.

This runs before any test module imports Qt or platformdirs, so no test can touch the
user's real settings, recent files or recovery folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="journey-canvas-tests-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
    os.environ[_name] = str(_SANDBOX / _name.lower())
    Path(os.environ[_name]).mkdir(parents=True, exist_ok=True, mode=0o700)
os.environ["JOURNEY_CANVAS_TESTING"] = "1"

# Property tests are derandomized by default so CI gives the same verdict on every run; explore new
# examples with HYPOTHESIS_PROFILE=explore (random, more examples) while developing.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
_hypothesis_settings.register_profile("explore", derandomize=False, max_examples=500)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT.parent / "shared" / "samples" / "real"
EXAMPLE_MAP = PROJECT_ROOT / "resources" / "examples" / "example.journey"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"

pytest_plugins = ["tests.shell_fixtures"]  # dialog stubs, clean settings, main window (shell tests)


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE_MAP


@pytest.fixture
def example_map():
    from app.io.journey.file import load_journey

    return load_journey(EXAMPLE_MAP)


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests leave screenshots and rendered pages for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_sessionfinish(session, exitstatus):
    """Tests never run app.exec(), so do what aboutToQuit does in the app: PySide6 crashes at exit
    when the clipboard still owns a QMimeData made in Python (see release_clipboard)."""
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from app.widgets.canvas_editing import release_clipboard

            release_clipboard()


@pytest.fixture
def git_env(tmp_path, monkeypatch) -> dict[str, str]:
    """git with a throwaway HOME and no system config, so no user setting is read or written: the environment
    for git and app processes, and this process's own (the app runs git itself too)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
           "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@example.org", "XDG_CONFIG_HOME": str(home / ".config")}
    for name in ("HOME", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL"):
        monkeypatch.setenv(name, env[name])
    return env
