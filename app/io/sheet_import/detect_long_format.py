"""Long format: one row per item with Stage / Lane / Text columns (a database export)."""

from __future__ import annotations

from app.io.sheet_import.detect_cell_text import clean_stage_name, is_placeholder, split_items, stage_key
from app.io.sheet_import.detect_emotions import parse_number, word_value
from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind, is_stage_label
from app.io.sheet_import.detect_long_columns import CardColumns, columns_by_content
from app.io.sheet_import.detect_result import DetectedCard, DetectedEmotion, DetectedLane, DetectedStage, Detection
from app.io.sheet_import.grid import Grid, as_text
from app.io.sheet_import.grid_blocks import Block
from app.model.enums import LaneKind

_LANE_HEADERS = frozenset({"lane", "swimlane", "row", "category", "layer", "raia", "carril", "couloir", "bahn", "ebene",
                           "corsia", "livello", "дорожк", "категори", "слой"})
_TEXT_HEADERS = frozenset({"text", "item", "card", "content", "note", "value", "texto", "conteudo", "contenido",
                           "texte", "contenu", "inhalt", "testo", "contenuto", "текст", "содержани", "description",
                           "details", "detail", "descricao", "descripcion", "beschreibung", "omschrijving",
                           "descrizione", "описание", "detalhes", "detalles"})


# a database's record name (Notion, Airtable: 'Name | Stage | Type | Description'): the card, its description its note
_TITLE_HEADERS = frozenset({"name", "title", "titel", "titulo", "titre", "titolo", "nome", "nombre", "nom", "naam",
                            "item name", "card title", "название", "заголовок"})


_SCORE_HEADERS = frozenset({"score", "scores", "rating", "emotion", "emotions", "feeling", "feelings", "sentiment",
                            "mood", "satisfaction", "pontuacao", "puntuacion", "emocion", "emocao", "bewertung",
                            "stimmung", "punteggio", "оценка", "эмоция", "балл"})


def _matches(label: str, words: frozenset[str]) -> bool:
    """Whether the folded label is one of the (one-word) `words`, or begins or ends with one."""
    folded = fold(label)  # words joined by single spaces
    return folded.partition(" ")[0] in words or folded.rpartition(" ")[2] in words


def read_long(grid: Grid, block: Block, header_row: int | None) -> Detection | None:
    rows = sorted({p[0] for p in block.cells if p[0] >= block.r1})
    if len(rows) < 2:
        return None
    header = header_row if header_row is not None else rows[0]
    heads = {c: as_text(grid.cells[(header, c)]) for c in range(block.c1, block.c2 + 1) if (header, c) in grid.cells}
    stage_col = next((c for c, h in heads.items() if is_stage_label(h)), None)
    lane_col = next((c for c, h in heads.items() if _matches(h, _LANE_HEADERS)), None)
    text_col = next((c for c, h in heads.items() if _matches(h, _TEXT_HEADERS) and c not in (stage_col, lane_col)),
                    None)
    title_col = next((c for c, h in heads.items() if fold(h) in _TITLE_HEADERS and c not in (stage_col, lane_col)),
                     None)
    note_col = None
    if title_col is not None:  # the record's name is the card; a Description / Details column beside it, its note
        text_col, note_col = title_col, text_col
    named = stage_col is not None and lane_col is not None
    if text_col is not None and not named:  # a whiteboard's export: Section / Type / Text, Area / Column / Text
        stage_named = stage_col is not None
        stage_col, lane_col = columns_by_content(grid, rows, header, heads, text_col, stage_col, lane_col)
        # a Stage column and one whose values name lane kinds (Type: Action, Touchpoint, Pain point...) beside a
        # Name / Text column: a database's records as plainly as Stage / Lane / Text headings
        named = stage_named and lane_col is not None and title_col is not None
    if stage_col is None or lane_col is None or text_col is None:
        return None
    score_col = next((c for c, h in heads.items() if _matches(h, _SCORE_HEADERS)
                      and c not in (stage_col, lane_col, text_col)), None)
    detection = Detection(grid.name, "long", header, stage_col, block)
    detection.used.update((header, c) for c in (stage_col, lane_col, text_col))
    scores = _ScoreColumn(detection, score_col, heads.get(score_col, ""), header)
    extras = CardColumns(grid, heads, header, (stage_col, lane_col, text_col, score_col, note_col), detection)
    if note_col is not None:
        detection.used.add((header, note_col))
    stage_index: dict[object, int] = {}
    lane_index: dict[str, int] = {}
    for r in rows:
        if r <= header:
            continue
        stage_value, lane_value, text_value = (grid.cells.get((r, c)) for c in (stage_col, lane_col, text_col))
        if stage_value is None or lane_value is None:
            continue
        stage_name = clean_stage_name(as_text(stage_value))
        lane_name = " ".join(as_text(lane_value).split())[:500]
        if not stage_name or not lane_name:
            continue
        key = stage_key(stage_name, stage_value)
        if key not in stage_index:
            stage_index[key] = len(detection.stages)
            colour = grid.fills.get((r, stage_col))
            detection.stages.append(DetectedStage(stage_name, [r], (r, stage_col), color=colour))
        lkey = fold(lane_name)
        if lkey not in lane_index:
            lane_index[lkey] = len(detection.lanes)
            detection.lanes.append(DetectedLane(lane_name, r, guess_lane_kind(lane_name), (r, lane_col)))
        detection.used.update({(r, stage_col), (r, lane_col)})
        s, ln = stage_index[key], lane_index[lkey]
        if score_col is not None and scores.read(grid, r, s, ln, text_value, (r, text_col)):
            continue
        if text_value is None:
            continue
        text = as_text(text_value)
        pos = (r, text_col)
        if is_placeholder(text):
            detection.reasons[pos] = "a placeholder"
            continue
        lane = detection.lanes[ln]
        number = parse_number(text_value)
        unit = word_value(text) if number is None else None
        if lane.kind == LaneKind.EMOTIONS and (number is not None or unit is not None):
            detection.emotions.append(
                DetectedEmotion(s, ln, number if number is not None else unit or 0.0, number is None,
                                text[:500] if number is None else None, pos)
            )
        else:
            colour, votes, tags = extras.read(r)
            note = grid.comments.get(pos, "")
            if note_col is not None and (r, note_col) in grid.cells:
                note = "\n".join(filter(None, (as_text(grid.cells[(r, note_col)]).strip(), note)))
                detection.used.add((r, note_col))
            for n, item in enumerate(split_items(text)):
                detection.cards.append(DetectedCard(s, ln, item, pos, colour or grid.fills.get(pos),
                                                    note if n == 0 else "", votes=votes, tags=tags))
        detection.used.add(pos)
    if not detection.stages or not detection.lanes:
        return None
    scores.report(grid)
    # explicit Stage / Lane / Text columns are an unmistakable signal; columns told by their content less so
    detection.score = (20 if named else 12) + 0.1 * min(len(detection.cards), 60) + 0.05 * len(detection.stages)
    return detection


class _ScoreColumn:
    """A Score / Emotion / Rating column beside the Text column: each number is a point of the emotion curve, on the
    row's lane when that is an emotions lane (its text, if any, the point's label), else on an emotions lane
    named after the column (several in one stage are averaged, as the report says). It was left out, cell by cell."""

    def __init__(self, detection: Detection, col: int | None, heading: str, header: int) -> None:
        self.detection, self.col, self.heading = detection, col, " ".join(heading.split())[:500] or "Emotions"
        self.own_lane: int | None = None
        self.read_cells = 0
        if col is not None:
            detection.used.add((header, col))

    def read(self, grid: Grid, r: int, stage: int, lane: int, text_value, text_pos: tuple[int, int]) -> bool:
        """Read row r's score; whether the row's text was taken as the point's label (nothing more to read)."""
        value = grid.cells.get((r, self.col))
        number = parse_number(value) if value is not None else None
        feeling = word_value(as_text(value)) if value is not None and number is None else None
        if number is None and feeling is None:
            return False
        detection = self.detection
        on_curve = detection.lanes[lane].kind == LaneKind.EMOTIONS
        target = lane if on_curve else self._lane()
        label = as_text(text_value)[:500] if on_curve and text_value is not None else None
        if feeling is not None:  # 'Curious', '😟': the feeling is the point, its word the label
            detection.emotions.append(DetectedEmotion(stage, target, feeling, True, as_text(value)[:500],
                                                      (r, self.col)))
            detection.used.add((r, self.col))
            self.read_cells += 1
            return False
        detection.emotions.append(DetectedEmotion(stage, target, number, False, label, (r, self.col)))
        detection.used.add((r, self.col))
        self.read_cells += 1
        if label is not None:
            detection.used.add(text_pos)
        return label is not None

    def _lane(self) -> int:
        detection = self.detection
        if self.own_lane is None:
            existing = next((i for i, lane in enumerate(detection.lanes) if lane.kind == LaneKind.EMOTIONS), None)
            if existing is not None:
                self.own_lane = existing
            else:
                self.own_lane = len(detection.lanes)
                detection.lanes.append(DetectedLane(self.heading, -1, LaneKind.EMOTIONS, None))
        return self.own_lane

    def report(self, grid: Grid) -> None:
        if self.read_cells:
            self.detection.notes.append(f"{grid.name}: column {self.heading!r}: {self.read_cells} score(s) read as the "
                                        "emotion curve")
