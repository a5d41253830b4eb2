"""One slide per stage, its cards grouped by lane and readable from the back of a room.

Card text is `CARD_SIZE` points (never below 12): a stage whose cards do not fit continues on the next
slide ("continued"), lane by lane and row by row, instead of shrinking; a single card taller than a
slide is split over slides at line boundaries. Speaker notes list the card notes and evidence sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.io.pptx.deck import MARGIN, Deck
from app.io.pptx.frames import INSET, Frame, Para, Run, para, text_paras
from app.layout import theme
from app.layout.fonts import LINE_SPACING
from app.layout.kpis import kpi_label, kpi_status
from app.model.enums import LaneKind
from app.model.journey import Card, EmotionPoint, JourneyContent, Lane, Stage

CARD_SIZE = 14.0
SMALL_SIZE = 12.0
LANE_SIZE = 14.0
LABEL_WIDTH = 164.0
GAP = 8.0
EVIDENCE_MARK = {"observed": "●", "assumed": "○", "proposed": "◆"}


@dataclass
class Piece:
    """One box on a stage slide: a card (or a part of a long one), an emotion or a KPI."""

    frame: Frame
    fill: str
    accent: str
    note: str = ""  # for the speaker notes


@dataclass
class LaneRow:
    """A lane's boxes on a stage's slide."""

    lane: Lane
    pieces: list[Piece]


def stage_slides(deck: Deck, content: JourneyContent, columns: int) -> None:
    """Add the slides of every stage (see the module docstring)."""
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in content.cards:  # one pass: looking cells up card by card is quadratic on big maps
        cells.setdefault((card.stage_id, card.lane_id), []).append(card)
    points: dict[tuple[str, str], list[EmotionPoint]] = {}
    order = {persona.id: index for index, persona in enumerate(content.personas)}
    for point in sorted(content.emotions, key=lambda p: order.get(content.curve_owner(p.persona_id) or "", 0)):
        points.setdefault((point.stage_id, point.lane_id), []).append(point)
    owners = persona_names(content)
    for number, stage in enumerate(content.stages, start=1):
        rows = [LaneRow(lane, pieces) for lane in content.lanes
                if (pieces := lane_pieces(content, stage, lane, cells.get((stage.id, lane.id), []),
                                          points.get((stage.id, lane.id), []), owners))]
        _StagePager(deck, content, stage, number, columns).place(rows)


def persona_names(content: JourneyContent) -> dict[str, tuple[str, str]]:
    """Every persona's shown name and colour by id (empty for a map without personas)."""
    from app.model.personas import persona_colors, persona_label

    colors = persona_colors(content)
    return {p.id: (persona_label(p, i), colors[p.id]) for i, p in enumerate(content.personas)}


def card_frame(card: Card, accent: str, owners: dict[str, tuple[str, str]] | None = None) -> Frame:
    """A card as on the canvas: channel, text, then votes and evidence on a small line; a card tied to some
    personas (on a map with several) says whose it is, in their colours."""
    paras: list[Para] = []
    owners = owners or {}
    tied = [owners[p] for p in card.personas if p in owners]
    if tied and len(owners) > 1:
        runs = [Run("For ", theme.CARD_MUTED_TEXT, False)]
        for index, (name, color) in enumerate(tied):
            runs.append(Run((", " if 0 < index < len(tied) - 1 else " and " if index else "") + name, color, True))
        paras.append(Para(tuple(runs), SMALL_SIZE))
    if card.channel is not None:
        paras.append(para(card.channel.label, SMALL_SIZE, bold=True, color=theme.CHANNEL_COLOR[card.channel]))
    paras += text_paras(card.text, CARD_SIZE, color=theme.CARD_TEXT)
    marks: list[Run] = []
    if card.evidence is not None:
        status = card.evidence.status.value
        color = theme.EVIDENCE_COLOR[card.evidence.status]
        marks.append(Run(f"{EVIDENCE_MARK[status]} {status.capitalize()}", color, True))
    if card.votes:
        marks.append(Run(("   " if marks else "") + f"+{card.votes} vote{'s' if card.votes != 1 else ''}",
                         theme.VOTE_DOT, True))
    if card.note:
        marks.append(Run(("   " if marks else "") + "note in speaker notes", theme.CARD_MUTED_TEXT))
    if marks:
        paras.append(Para(tuple(marks), SMALL_SIZE))
    return Frame(paras)


def card_note(card: Card, lane: Lane) -> str:
    parts = []
    if card.note:
        parts.append(f"note: {' '.join(card.note.split())}")
    if card.evidence is not None:
        source = f" ({card.evidence.source})" if card.evidence.source else ""
        parts.append(f"evidence: {card.evidence.status.value}{source}")
    if not parts:
        return ""
    return f"{lane.name} — {' '.join(card.text.split())}: {'; '.join(parts)}"


def lane_pieces(content: JourneyContent, stage: Stage, lane: Lane, cards: list[Card],
                points: list[EmotionPoint], owners: dict[str, tuple[str, str]] | None = None) -> list[Piece]:
    """What one lane shows on a stage's slide: its emotions (one per persona, named, in its colour), its KPIs
    (a KPI lane), its cards."""
    fill, accent = theme.lane_fill(lane.kind, lane.color), theme.LANE_KIND_ACCENT[lane.kind]
    owners = owners or {}
    pieces = []
    for point in points if lane.kind == LaneKind.EMOTIONS else []:
        scale = content.emotion_scale
        words = f"{point.value:g} (scale {scale.min:g} to {scale.max:g})"
        words = f"{point.label}: {words}" if point.label else words
        name, color = owners.get(content.curve_owner(point.persona_id) or "", ("", accent))
        frame = Frame(text_paras(words, CARD_SIZE, color=theme.CARD_TEXT))
        if name and (len(owners) > 1 or point.persona_id is not None):
            frame.paras.insert(0, para(name, SMALL_SIZE, bold=True, color=color))
        who = f" ({name})" if name else ""
        note = f"{lane.name}{who}: {' '.join(point.note.split())}" if point.note else ""
        pieces.append(Piece(frame, fill, color, note))
    if lane.kind == LaneKind.KPIS:
        for kpi in stage.kpis:
            color = theme.KPI_STATUS_COLOR[kpi_status(kpi)]
            frame = Frame([para(kpi.name, CARD_SIZE, bold=True), para(kpi_label(kpi), CARD_SIZE, color=color)])
            pieces.append(Piece(frame, fill, color))
    for card in cards:
        pieces.append(Piece(card_frame(card, accent, owners), card.color or fill, accent, card_note(card, lane)))
    return pieces


class _StagePager:
    """Places lane rows on as many slides as the stage needs."""

    def __init__(self, deck: Deck, content: JourneyContent, stage: Stage, number: int, columns: int) -> None:
        self.deck, self.content, self.stage, self.number = deck, content, stage, number
        self.columns = columns
        self.card_x = MARGIN + LABEL_WIDTH + GAP
        self.card_width = (deck.width - MARGIN - self.card_x - GAP * (columns - 1)) / columns
        self.part = 0
        self.slide = None
        self.y = 0.0
        self.notes: list[str] = []
        self.fresh = True

    def _new_slide(self) -> None:
        self._finish()
        self.part += 1
        self.slide, self.y = self.deck.slide(self._heading(self.part), self._where())
        self.fresh = True
        if self.part == 1 and self.stage.description.strip():
            frame = Frame(text_paras(self.stage.description, CARD_SIZE, color=theme.CARD_MUTED_TEXT))
            height = min(frame.height(self.deck.content_width), self._room() / 2)
            if frame.height(self.deck.content_width) > height:  # a very long description: all of it in the notes
                frame = Frame([para("Description in the speaker notes.", CARD_SIZE, color=theme.CARD_MUTED_TEXT)])
                height = frame.height(self.deck.content_width)
            self.slide.box(MARGIN, self.y, self.deck.content_width, height, frame, name="Description")
            self.y += height + GAP
            self.notes.append(self.stage.description)
            self.fresh = False  # a card that does not fit under the description goes to the next slide

    def _heading(self, part: int) -> str:
        return self.stage.name + (f" (continued, part {part})" if part > 1 else "")

    def _where(self) -> str:
        phase = self.content.phase(self.stage.phase_id).name if self.stage.phase_id else ""
        return f"Stage {self.number} of {len(self.content.stages)}" + (f"  ·  {phase}" if phase else "")

    def _finish(self) -> None:
        if self.slide is not None:
            Deck.notes(self.slide, self.notes)
        self.notes = []

    def _room(self) -> float:
        return self.deck.body_bottom - self.y

    def place(self, rows: list[LaneRow]) -> None:
        self._new_slide()
        if not rows:
            self.slide.box(MARGIN, self.y, self.deck.content_width, 40,
                           Frame([para("No cards in this stage yet.", CARD_SIZE, color=theme.CARD_MUTED_TEXT)]))
        for row in rows:
            self._place_lane(row)
        self._finish()

    def _place_lane(self, row: LaneRow) -> None:
        pieces = [part for piece in row.pieces for part in self._split(piece)]
        labelled_part = 0  # the part (slide) on which this lane's label was last drawn
        for start in range(0, len(pieces), self.columns):
            line = pieces[start:start + self.columns]
            height = max(piece.frame.height(self.card_width) for piece in line)
            label = self._label_frame(row.lane, labelled_part != 0)
            if max(height, label.height(LABEL_WIDTH)) > self._room() and not self.fresh:
                self._new_slide()
            needed = height
            if labelled_part != self.part:
                label = self._label_frame(row.lane, labelled_part != 0)
                needed = max(height, label.height(LABEL_WIDTH))
                self.slide.box(MARGIN, self.y, LABEL_WIDTH, label.height(LABEL_WIDTH), label,
                               fill=theme.LANE_HEADER_FILL, name="Lane")
                labelled_part = self.part
            self.slide.box(MARGIN, self.y, 4.0, needed, fill=theme.LANE_KIND_ACCENT[row.lane.kind],
                           name="Lane colour")
            for column, piece in enumerate(line):
                x = self.card_x + column * (self.card_width + GAP)
                self.slide.box(x, self.y, self.card_width, height, piece.frame, fill=piece.fill,
                               rounded=True, name="Card")
                if piece.note:
                    self.notes.append(piece.note)
            self.y += needed + GAP
            self.fresh = False
        self.y += 2.0

    def _label_frame(self, lane: Lane, continued: bool) -> Frame:
        name = lane.name + (" (continued)" if continued else "")
        paras = [para(name, LANE_SIZE, bold=True, color=theme.LANE_HEADER_TEXT)]
        group = next((g for g in self.content.lane_groups if g.id == lane.group_id), None) if lane.group_id else None
        if group is not None:  # the group's name above (the overview's band beside the lanes has no room for it)
            paras.insert(0, para(group.name, SMALL_SIZE, color=theme.CARD_MUTED_TEXT))
        return Frame(paras, insets=(10.0, 6.0, 6.0, 6.0))

    def _split(self, piece: Piece) -> list[Piece]:
        """A piece taller than a whole slide body, cut at line boundaries into pieces that fit."""
        body = self.deck.body_bottom - self.deck.body_top(self._heading(2), self._where())
        if piece.frame.height(self.card_width) <= body:
            return [piece]
        lines = [(p, line) for p, wrapped in piece.frame.lines(self.card_width) for line in wrapped]
        per_piece = max(1, int((body - 2 * INSET) // (CARD_SIZE * LINE_SPACING)))
        out = []
        for start in range(0, len(lines), per_piece):
            paras = [Para((Run(text, p.runs[0].color if p.runs else None, p.bold),), p.size, p.bold, p.color)
                     for p, text in lines[start:start + per_piece]]
            out.append(Piece(Frame(paras), piece.fill, piece.accent, piece.note if start == 0 else ""))
        return out
