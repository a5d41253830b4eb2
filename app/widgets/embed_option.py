""""Include the editable map": the export dialogs' choice to carry the map inside a PDF or PowerPoint file.

On by default and remembered (QSettings key `deliverables/embed_map`, shared by every export dialog).
The label says in plain words what the client receives with the file.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

SETTINGS_KEY = "deliverables/embed_map"
EXPLANATION = ("The file then carries the whole map, so Journey Canvas can open it again as a map: "
               "every card, with its notes and evidence sources (not the snapshots). "
               "Turn it off before sending the file to someone who should not see those.")




def filtered_explanation(shown: list[str], hidden: list[str]) -> str:
    """The hint when a persona filter is on: the file carries only what the export shows."""
    return (f"The file then carries the map as this export shows it, so Journey Canvas can open it again as a map: "
            f"only the cards and curves of {_and(shown)}, with their notes and evidence sources (not the "
            f"snapshots); {'the other personas' if len(hidden) > 1 else 'the other persona'} ({_and(hidden)}) "
            f"and {'their' if len(hidden) > 1 else 'its'} cards are left out. "
            "Turn it off before sending the file to someone who should not see those.")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def persona_split(journey, shown_ids) -> tuple[list[str], list[str]]:
    """The names of the personas a filter shows and of those it hides (none hidden without a filter)."""
    from app.model.personas import persona_label

    labels = [(p.id, persona_label(p, i)) for i, p in enumerate(journey.personas)]
    if not shown_ids:
        return [name for _, name in labels], []
    return ([name for pid, name in labels if pid in shown_ids], [name for pid, name in labels if pid not in shown_ids])


def embed_map_setting() -> bool:
    return QSettings().value(SETTINGS_KEY, True, bool)


def set_embed_map_setting(value: bool) -> None:
    QSettings().setValue(SETTINGS_KEY, bool(value))


class EmbedMapOption(QWidget):
    """The check box and, under it, what the embedded map contains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox("Include the editable map")
        self.check.setChecked(embed_map_setting())
        self.explanation = QLabel(EXPLANATION)
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #4a5568;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.explanation.setContentsMargins(22, 0, 0, 0)  # under the check box's text, not its box
        layout.addWidget(self.check)
        layout.addWidget(self.explanation)

    def show_filter(self, shown: list[str], hidden: list[str]) -> None:
        """Say that only these personas are embedded (no hidden ones: the whole map, the plain hint)."""
        self.explanation.setText(filtered_explanation(shown, hidden) if hidden and shown else EXPLANATION)
        self._fit()

    def _fit(self) -> None:
        """Keep the whole wrapped hint in view: a dialog's layout does not grow for a label's height-for-width."""
        width = max(self.explanation.width(), 380)
        self.explanation.setMinimumHeight(self.explanation.heightForWidth(width))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def isChecked(self) -> bool:  # noqa: N802 - reads like the check box it wraps
        return self.check.isChecked()

    def remember(self) -> None:
        set_embed_map_setting(self.check.isChecked())
