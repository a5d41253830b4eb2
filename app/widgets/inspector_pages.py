"""The inspector's pages, one per kind of selection. Each shows one target (by id), refreshes
from the document, and turns every finished edit into one call of a document method."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.document import JourneyDocument
from app.model import Channel, Evidence, EvidenceStatus, Kpi, LaneKind
from app.model.enums import LaneRole
from app.model.personas import persona_label
from app.widgets.form_fields import (
    ColorField,
    CommitComboBox,
    CommitDoubleSpinBox,
    CommitLineEdit,
    CommitSpinBox,
    CommitTextEdit,
    PersonaChecks,
)

NONE_LABEL = "(none)"
MIXED = "(different on each card)"


def parse_tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(",") if tag.strip()]


LIVE_MS = 600  # a pause in typing this long commits a card's text, so the canvas shows it


class Page(QWidget):
    """A form for one kind of target; `refresh` returns False when the target no longer exists."""

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def add(self, label: str, field: QWidget, on_commit: Callable[[Any], None] | None = None) -> Any:
        self.form.addRow(label, field)
        if on_commit is not None:
            field.committed.connect(on_commit)
        return field

    def flush(self) -> None:
        """Commit whatever text the user typed but has not finished yet (the selection is leaving)."""
        for field in self.findChildren(QWidget):
            if isinstance(field, CommitLineEdit | CommitTextEdit):
                field.flush()

    def refresh(self) -> bool:
        raise NotImplementedError


class CardPage(Page):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.card_ids: tuple[str, ...] = ()
        # the card on the canvas follows the typing: committed when typing pauses, one undo step in all
        self.text = self.add("Text", CommitTextEdit("Card text", 4, live_ms=LIVE_MS), self._on_text)
        self.color = self.add("Colour", ColorField("Card colour", "Use lane colour"),
                              lambda color: self._edit(color=color))
        self.channel = self.add("Channel", CommitComboBox(
            "Card channel", [(NONE_LABEL, None)] + [(c.label, c) for c in Channel]),
            lambda channel: self._edit(channel=channel))
        self.tags = self.add("Tags", CommitLineEdit("Card tags, comma-separated"),
                             lambda text: self._edit(tags=parse_tags(text)))
        self.tags.setPlaceholderText("comma, separated")
        self.evidence = self.add("Evidence", CommitComboBox(
            "Evidence status", [(NONE_LABEL, None)] + [(s.label, s) for s in EvidenceStatus]), self._on_status)
        self.source = self.add("Source", CommitLineEdit("Evidence source"), self._on_source)
        self.source.setPlaceholderText("interview, survey, analytics...")
        self.votes = self.add("Votes", CommitSpinBox("Card votes"), lambda votes: self._edit(votes=votes))
        self.votes.setRange(0, 10_000)
        self.note = self.add("Note", CommitTextEdit("Card note", 4), lambda note: self._edit(note=note))
        self.note.draft = lambda journey, text: [setattr(card, "note", text) for card in journey.cards
                                                 if card.id in self.card_ids]
        self.personas = self.add("Personas", PersonaChecks("Card personas"), self._on_personas)
        self.personas.toggled.connect(self._on_persona_toggled)

    def show_cards(self, card_ids: tuple[str, ...]) -> None:
        self.card_ids = card_ids

    def refresh(self) -> bool:
        self.card_ids = tuple(i for i in self.card_ids if self.document.has_card(i))
        if not self.card_ids:
            return False
        cards = [self.document.card(i) for i in self.card_ids]
        card = cards[0]
        single = len(cards) == 1
        self.text.set_value(card.text if single else "")
        self.text.setEnabled(single)
        # a fixed text: Qt repaints a shown placeholder only when it appears or goes, not when it changes
        self.text.setPlaceholderText("" if single else "Several cards selected: edit their texts on the canvas")

        def same(read: Callable[[Any], Any]) -> bool:
            """Several cards show a value only when they all have it; else the field says they differ."""
            return all(read(other) == read(card) for other in cards[1:])

        evidence = same(lambda c: c.evidence.status if c.evidence else None)
        if same(lambda c: c.color):
            self.color.set_value(card.color)
        else:
            self.color.set_mixed()
        if same(lambda c: c.channel):
            self.channel.set_value(card.channel)
        else:
            self.channel.set_mixed(MIXED)
        self._show_text(self.tags, ", ".join(card.tags), same(lambda c: c.tags), "comma, separated")
        if evidence:
            self.evidence.set_value(card.evidence.status if card.evidence else None)
        else:
            self.evidence.set_mixed(MIXED)
        self._show_text(self.source, card.evidence.source if card.evidence else "",
                        same(lambda c: c.evidence.source if c.evidence else ""), "interview, survey, analytics...")
        self.source.setEnabled(evidence and card.evidence is not None)
        votes = same(lambda c: c.votes)
        self.votes.setSpecialValueText("" if votes else MIXED)  # shown at the minimum, 0
        self.votes.set_value(card.votes if votes else 0)
        self.votes.setEnabled(votes)
        self.votes.setToolTip("" if votes else "The cards have different votes: + and - on the canvas give or take "
                              "one each")
        self._show_text(self.note, card.note, same(lambda c: c.note), "")
        personas = self.document.journey.personas
        self.personas.set_personas([(p.id, persona_label(p, i)) for i, p in enumerate(personas)])
        if single:
            self.personas.set_value(card.personas)
        else:
            self.personas.set_values([c.personas for c in cards])
        return True

    def _show_text(self, field: CommitLineEdit | CommitTextEdit, text: str, same: bool, placeholder: str) -> None:
        """A text the cards share, or an empty field saying that typing replaces each card's own."""
        field.set_value(text if same else "")
        differs = "Different on each card: what you type replaces them all" if isinstance(field, CommitTextEdit) \
            else MIXED  # a line is cut at its edge: the tooltip says the rest
        field.setPlaceholderText(placeholder if same else differs)
        field.setToolTip("" if same else "Different on each card: what you type replaces them all")

    def _on_personas(self, ids: list[str]) -> None:
        if len(self.card_ids) == 1:
            self._edit(personas=ids)

    def _on_persona_toggled(self, persona_id: str, checked: bool) -> None:
        """Several cards: each keeps its other personas (the boxes show what they share)."""
        if len(self.card_ids) > 1:
            self.document.tie_cards(self.card_ids, persona_id, checked)

    def _on_text(self, text: str) -> None:
        if len(self.card_ids) == 1:
            self.document.edit_card(self.card_ids[0], merge=True, text=text)

    def _on_status(self, status: EvidenceStatus | None) -> None:
        """A status for every selected card; each keeps its own source."""
        cards = [self.document.card(i) for i in self.card_ids]
        self.document.edit_cards_each(
            {c.id: {"evidence": Evidence(status=status, source=c.evidence.source if c.evidence else "") if status
                    else None} for c in cards}, "Change evidence of {n} cards")

    def _on_source(self, text: str) -> None:
        status = self.evidence.currentData()
        if status:
            self._edit(evidence=Evidence(status=status, source=text.strip()))

    def _edit(self, **fields: Any) -> None:
        """One undo step, however many cards are selected."""
        self.document.edit_cards(self.card_ids, **fields)


KPI_COLUMNS = ("Name", "Value", "Target", "Unit", "Higher is better")
DIRECTION_COLUMN = 4


class StagePage(Page):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.stage_id: str | None = None
        self.name = self.add("Name", CommitLineEdit("Stage name"), lambda name: self._edit(name=name.strip()))
        self.name.set_required("A stage needs a name: the old name is kept")
        self.description = self.add("Description", CommitTextEdit("Stage description", 3),
                                    lambda text: self._edit(description=text))
        self.description.draft = lambda journey, text: [setattr(s, "description", text) for s in journey.stages
                                                        if s.id == self.stage_id]
        self.color = self.add("Colour", ColorField("Stage colour"), lambda color: self._edit(color=color))
        self.phase = self.add("Phase", CommitComboBox("Stage phase"), lambda phase: self._edit(phase_id=phase))
        self.kpis = QTableWidget(0, len(KPI_COLUMNS), self)
        self.kpis.setAccessibleName("Stage KPIs")
        self.kpis.setHorizontalHeaderLabels(list(KPI_COLUMNS))
        header = self.kpis.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # every heading readable in full
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("Higher is better") + 16)
        self.kpis.verticalHeader().hide()
        self.kpis.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.kpis.setMinimumHeight(120)
        self.kpis.itemChanged.connect(self._on_kpi_changed)
        self.add_kpi = QPushButton("Add KPI", self)
        self.add_kpi.setAccessibleName("Add KPI")
        self.add_kpi.clicked.connect(self._on_add_kpi)
        self.remove_kpi = QPushButton("Remove KPI", self)
        self.remove_kpi.setAccessibleName("Remove selected KPIs")
        self.remove_kpi.clicked.connect(self._on_remove_kpi)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.kpis)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_kpi)
        buttons.addWidget(self.remove_kpi)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.form.addRow("KPIs", box)

    def refresh(self) -> bool:
        journey = self.document.journey
        if self.stage_id is None or self.stage_id not in {s.id for s in journey.stages}:
            return False
        stage = journey.stage(self.stage_id)
        self.name.set_value(stage.name)
        self.description.set_value(stage.description)
        self.color.set_value(stage.color)
        self.phase.set_choices([(NONE_LABEL, None)] + [(p.name, p.id) for p in journey.phases])
        self.phase.set_value(stage.phase_id)
        self.kpis.blockSignals(True)
        self.kpis.setRowCount(len(stage.kpis))
        for row, kpi in enumerate(stage.kpis):
            values = (kpi.name, _number(kpi.value), _number(kpi.target), kpi.unit)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, kpi.id)
                self.kpis.setItem(row, column, item)
            direction = QTableWidgetItem("")
            direction.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                               | Qt.ItemFlag.ItemIsSelectable)
            direction.setCheckState(Qt.CheckState.Checked if kpi.higher_is_better else Qt.CheckState.Unchecked)
            direction.setToolTip("Unchecked for measures where lower is better (churn, drop-off, waiting time)")
            self.kpis.setItem(row, DIRECTION_COLUMN, direction)
        self.kpis.blockSignals(False)
        self.remove_kpi.setEnabled(bool(stage.kpis))
        return True

    def _edit(self, **fields: Any) -> None:
        if self.stage_id is not None:
            self.document.edit_stage(self.stage_id, **fields)

    def _table_kpis(self) -> list[Kpi] | None:
        kpis = []
        stored = {kpi.id: kpi for kpi in self.document.journey.stage(self.stage_id).kpis} if self.stage_id else {}
        for row in range(self.kpis.rowCount()):
            cells = [self.kpis.item(row, c) for c in range(len(KPI_COLUMNS))]
            texts = [cell.text().strip() if cell else "" for cell in cells]
            try:
                value, target = _parse_number(texts[1]), _parse_number(texts[2])
            except ValueError:
                return None
            kpi_id = cells[0].data(Qt.ItemDataRole.UserRole) if cells[0] else None
            fields: dict[str, Any] = {"id": kpi_id} if kpi_id else {}
            direction = cells[DIRECTION_COLUMN]
            if direction is not None:
                fields["higher_is_better"] = direction.checkState() == Qt.CheckState.Checked
            elif kpi_id in stored:
                fields["higher_is_better"] = stored[kpi_id].higher_is_better
            kpis.append(Kpi(name=texts[0], value=value, target=target, unit=texts[3], **fields))
        return kpis

    def _on_kpi_changed(self, _item: QTableWidgetItem) -> None:
        kpis = self._table_kpis()
        if kpis is None:  # not a number: show the stored value again
            self.refresh()
            return
        self._edit(kpis=kpis)

    def _on_add_kpi(self) -> None:
        stage = self.document.journey.stage(self.stage_id)
        self._edit(kpis=[*stage.kpis, Kpi(name="New KPI")])
        row = self.kpis.rowCount() - 1
        self.kpis.setCurrentCell(row, 0)
        self.kpis.editItem(self.kpis.item(row, 0))

    def _on_remove_kpi(self) -> None:
        rows = {index.row() for index in self.kpis.selectedIndexes()} or {self.kpis.currentRow()}
        stage = self.document.journey.stage(self.stage_id)
        kept = [kpi for row, kpi in enumerate(stage.kpis) if row not in rows]
        self._edit(kpis=kept)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _parse_number(text: str) -> float | None:
    text = text.replace(",", ".").rstrip("%").strip()
    return float(text) if text else None


class LanePage(Page):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.lane_id: str | None = None
        self.name = self.add("Name", CommitLineEdit("Lane name"), lambda name: self._edit(name=name.strip()))
        self.name.set_required("A lane needs a name: the old name is kept")
        self.kind = self.add("Kind", CommitComboBox("Lane kind", [(k.label, k) for k in LaneKind]),
                             lambda kind: self._edit(kind=kind))
        self.color = self.add("Colour", ColorField("Lane colour"), lambda color: self._edit(color=color))
        self.group = self.add("Group", CommitComboBox("Lane group"), lambda group: self._edit(group_id=group))
        self.role = self.add("Blueprint role", CommitComboBox(
            "Lane blueprint role", [(NONE_LABEL, None)] + [(r.label, r) for r in LaneRole]),
            lambda role: self._edit(role=role))

    def refresh(self) -> bool:
        journey = self.document.journey
        if self.lane_id is None or self.lane_id not in {lane.id for lane in journey.lanes}:
            return False
        lane = journey.lane(self.lane_id)
        self.name.set_value(lane.name)
        self.kind.set_value(lane.kind)
        self.color.set_value(lane.color)
        self.group.set_choices([(NONE_LABEL, None)] + [(g.name, g.id) for g in journey.lane_groups])
        self.group.set_value(lane.group_id)
        self.role.set_value(lane.role)
        return True

    def _edit(self, **fields: Any) -> None:
        if self.lane_id is not None:
            self.document.edit_lane(self.lane_id, **fields)


class PhasePage(Page):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.phase_id: str | None = None
        self.name = self.add("Name", CommitLineEdit("Phase name"), lambda name: self._edit(name=name.strip()))
        self.name.set_required("A phase needs a name: the old name is kept")
        self.color = self.add("Colour", ColorField("Phase colour"), lambda color: self._edit(color=color))

    def refresh(self) -> bool:
        journey = self.document.journey
        if self.phase_id is None or self.phase_id not in {p.id for p in journey.phases}:
            return False
        phase = journey.phase(self.phase_id)
        self.name.set_value(phase.name)
        self.color.set_value(phase.color)
        return True

    def _edit(self, **fields: Any) -> None:
        if self.phase_id is not None:
            self.document.edit_phase(self.phase_id, **fields)


class EmotionPage(Page):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.point: tuple[str, str] | None = None  # (lane_id, stage_id)
        self.value = self.add("Score", CommitDoubleSpinBox("Emotion score"), lambda value: self._edit(value=value))
        self.value.setDecimals(1)
        self.value.setSingleStep(0.5)
        self.label = self.add("Label", CommitLineEdit("Emotion label"), lambda text: self._edit(label=text or None))
        self.note = self.add("Note", CommitTextEdit("Emotion note", 3), lambda text: self._edit(note=text))

    def refresh(self) -> bool:
        if self.point is None:
            return False
        point = self.document.emotion(*self.point)
        if point is None:
            return False
        scale = self.document.journey.emotion_scale
        self.value.blockSignals(True)
        self.value.setRange(scale.min, scale.max)
        self.value.blockSignals(False)
        self.value.set_value(point.value)
        self.label.set_value(point.label or "")
        self.note.set_value(point.note)
        return True

    def _edit(self, **fields: Any) -> None:
        if self.point is not None:
            self.document.edit_emotion(*self.point, **fields)


class MapPage(Page):
    """Shown when nothing is selected: the map's own details."""

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.title = self.add("Title", CommitLineEdit("Map title"), self._on_title)
        self.title.set_required("A map needs a title (it heads every page and export): the old title is kept")
        self.description = self.add("Description", CommitTextEdit("Map description", 4),
                                    lambda text: self._edit(description=text))
        self.description.draft = lambda journey, text: setattr(journey.metadata, "description", text)
        self.author = self.add("Author", CommitLineEdit("Map author"), lambda text: self._edit(author=text))
        self.scale_min = self.add("Emotion minimum", CommitDoubleSpinBox("Emotion scale minimum"), self._on_scale)
        self.scale_max = self.add("Emotion maximum", CommitDoubleSpinBox("Emotion scale maximum"), self._on_scale)
        for spin in (self.scale_min, self.scale_max):
            spin.setRange(-100.0, 100.0)
            spin.setDecimals(1)

    def refresh(self) -> bool:
        journey = self.document.journey
        self.title.set_value(journey.metadata.title)
        self.description.set_value(journey.metadata.description)
        self.author.set_value(journey.metadata.author)
        self.scale_min.set_value(journey.emotion_scale.min)
        self.scale_max.set_value(journey.emotion_scale.max)
        return True

    def _edit(self, **fields: Any) -> None:
        self.document.edit_metadata(**fields)

    def _on_title(self, text: str) -> None:
        self._edit(title=text.strip())

    def _on_scale(self, _value: float) -> None:
        low, high = self.scale_min.value(), self.scale_max.value()
        if low >= high:  # the minimum must stay below the maximum: show the stored scale again
            self.refresh()
            return
        self.document.edit_emotion_scale(low, high)
