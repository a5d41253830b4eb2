"""What the editor remembers between runs, in QSettings: recent files, window layout, folders,
export options. On Linux this is an ini file under $XDG_CONFIG_HOME/JourneyCanvas/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "JourneyCanvas"
APPLICATION = "Journey Canvas"
MAX_RECENT = 10


class Settings:
    def __init__(self) -> None:
        # Named explicitly so the store is the same whether or not the application names are set.
        self._store = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    @property
    def file_name(self) -> str:
        return self._store.fileName()

    def sync(self) -> None:
        self._store.sync()

    # --- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self._store.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-element list
            value = [value]
        return [Path(v) for v in (value or []) if v][:MAX_RECENT]

    def add_recent_file(self, path: Path) -> list[Path]:
        path = Path(path).absolute()
        files = [path] + [p for p in self.recent_files() if p != path]
        self._set_recent(files[:MAX_RECENT])
        return self.recent_files()

    def remove_recent_file(self, path: Path) -> None:
        self._set_recent([p for p in self.recent_files() if p != Path(path)])

    def clear_recent_files(self) -> None:
        self._set_recent([])

    def _set_recent(self, files: list[Path]) -> None:
        self._store.setValue("recent_files", [str(p) for p in files])

    # --- folders ----------------------------------------------------------------------------

    def last_folder(self) -> str:
        folder = self._store.value("last_folder", "")
        return folder if isinstance(folder, str) and folder and Path(folder).is_dir() else str(Path.home())

    def set_last_folder(self, folder: Path) -> None:
        self._store.setValue("last_folder", str(folder))

    # --- window layout ---------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    # --- export options ---------------------------------------------------------------------

    def export_options(self, format_name: str) -> dict[str, Any]:
        """The options last used for an export format (e.g. PDF page size), as a dict."""
        raw = self._store.value(f"export/{format_name}", "")
        try:
            value = json.loads(raw) if isinstance(raw, str) and raw else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def set_export_options(self, format_name: str, options: dict[str, Any]) -> None:
        self._store.setValue(f"export/{format_name}", json.dumps(options, sort_keys=True))

    # --- view options (text size, high contrast) ----------------------------------------------

    def view_option(self, name: str, default: Any) -> Any:
        value = self._store.value(f"view/{name}", default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        if isinstance(default, float):
            try:
                return float(value)
            except (TypeError, ValueError):
                return default
        return value

    def set_view_option(self, name: str, value: Any) -> None:
        self._store.setValue(f"view/{name}", value)
