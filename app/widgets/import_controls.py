"""The row of choices above the import preview: sheet, orientation, header row, label column, and, on a sheet
of several maps, which map or all of them as personas. Built into the dialog (`ImportDialog._build`), whose
slots the controls call."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSpinBox

ORIENTATION_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("auto", None),
    ("stages in columns", "stages-in-columns"),
    ("stages in rows", "stages-in-rows"),
    ("long (one row per item)", "long"),
)


def build_controls(dialog: Any) -> QHBoxLayout:
    """The controls as attributes of `dialog` (sheet_combo, orientation_combo, header_spin, label_combo, map_combo,
    all_maps_box...), connected to its slots; the row that holds them."""
    controls = QHBoxLayout()
    dialog.sheet_label = QLabel("&Sheet:")
    dialog.sheet_combo = QComboBox()
    dialog.sheet_combo.setAccessibleName("Sheet")
    dialog.sheet_combo.setMinimumContentsLength(12)
    dialog.sheet_label.setBuddy(dialog.sheet_combo)
    dialog.sheet_combo.activated.connect(dialog._on_sheet_activated)
    dialog.orientation_combo = QComboBox()
    dialog.orientation_combo.setAccessibleName("Orientation")
    for text, value in ORIENTATION_CHOICES:
        dialog.orientation_combo.addItem(text, value)
    dialog.orientation_combo.activated.connect(dialog._on_orientation_activated)
    dialog.header_spin = QSpinBox()
    dialog.header_spin.setAccessibleName("Header row")
    dialog.header_spin.setRange(0, 0)
    dialog.header_spin.setSpecialValueText("auto")
    dialog.header_spin.setToolTip("The sheet row of the stage names (of the lane labels when the stages run "
                                  "down the rows); auto lets the importer find it")
    dialog.header_spin.valueChanged.connect(dialog._on_header_changed)
    dialog.label_combo = QComboBox()
    dialog.label_combo.setAccessibleName("Label column")
    dialog.label_combo.addItem("auto", None)
    dialog.label_combo.setToolTip("The column of the lane labels (of the stage names when the stages run down "
                                  "the rows); auto lets the importer find it")
    dialog.label_combo.activated.connect(dialog._on_label_activated)
    # several maps on one sheet: which one to import, or all of them as one map with a persona each
    dialog.map_label = QLabel("&Map:")
    dialog.map_combo = QComboBox()
    dialog.map_combo.setAccessibleName("Map")
    dialog.map_combo.setToolTip("This sheet holds several maps: choose the one to import")
    dialog.map_label.setBuddy(dialog.map_combo)
    dialog.map_combo.activated.connect(dialog._on_map_activated)
    dialog.all_maps_box = QCheckBox("Import all maps as &personas")
    dialog.all_maps_box.setAccessibleName("Import all maps as personas")
    dialog.all_maps_box.toggled.connect(dialog._on_all_maps_toggled)
    rows = ((dialog.sheet_label, dialog.sheet_combo), (QLabel("&Orientation:"), dialog.orientation_combo),
            (QLabel("&Header row:"), dialog.header_spin), (QLabel("&Label column:"), dialog.label_combo),
            (dialog.map_label, dialog.map_combo))
    for label, widget in rows:
        if label not in (dialog.sheet_label, dialog.map_label):
            label.setBuddy(widget)
        controls.addWidget(label)
        controls.addWidget(widget)
        controls.addSpacing(10)
    controls.addWidget(dialog.all_maps_box)
    controls.addStretch(1)
    dialog.map_label.hide()
    dialog.map_combo.hide()
    dialog.all_maps_box.hide()
    for combo in (dialog.sheet_combo, dialog.orientation_combo, dialog.label_combo, dialog.map_combo):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return controls
