"""A Persona column: one table holding several personas' journeys, one row (or block of lane rows) per persona.

"Persona | Stage | Channel | ... " with rows "Anna | Awareness | ...", "Ben | Awareness | ..." (stages down the
rows), the same with a Persona column beside Stage / Lane / Text (long format), or "Anna | Actions | ..." blocks of
lane rows under stages across the columns: the column is not a lane (its cells would become cards 'Anna', 'Ben'),
it says whose each row is. It is read as one when its heading names a persona, customer, user, segment or profile,
its values are a few short names each on several rows, and the stages repeat once per persona.
`Detection.persona_rows` then maps each original row to its persona's name; `build_persona_column` ties the cards
and emotion scores of each row to that persona.

A column of ordinals ('Step', 'No.', '#', 'Order', 'Seq') whose number is the same on every row of a stage and
differs between stages orders the stages; it is not a lane either.
"""

from __future__ import annotations

from app.io.sheet_import.detect_cell_text import clean_stage_name
from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import Detection, drop_lanes
from app.io.sheet_import.grid import Grid, Pos, as_text, cell_name
from app.io.sheet_import.report import found

PERSONA_HEADINGS = frozenset({
    "persona", "personas", "persona name", "customer", "customers", "customer name", "customer segment", "user",
    "users", "user type", "segment", "segments", "profile", "profiles", "customer profile", "user profile",
    "kunde", "kunden", "kundin", "nutzer", "benutzer", "zielgruppe", "kundensegment", "profil", "cliente", "clientes",
    "usuario", "usuarios", "usuaria", "segmento", "perfil", "client", "clients", "cliente tipo", "utilisateur",
    "utilisatrice", "utilisateurs", "profil client", "utente", "utenti", "profilo", "klant", "gebruiker", "персона",
    "клиент", "пользователь", "сегмент", "профиль", "ペルソナ", "顧客", "ユーザー", "用户", "用戶", "客户", "画像",
    "사용자", "고객", "페르소나",
})
ORDINAL_HEADINGS = frozenset({
    "#", "no", "nr", "n", "num", "number", "step", "step no", "step nr", "step number", "steps", "order", "seq",
    "sequence", "position", "pos", "index", "schritt", "nummer", "reihenfolge", "paso", "orden", "numero", "etape",
    "ordre", "passo", "ordine", "ordem", "шаг", "номер", "порядок", "no.", "順番", "步骤", "序号", "순서",
})
MAX_PERSONAS = 12
MAX_NAME = 40


def _heading(text: str) -> str:
    return fold(text).strip(" .:#") or ("#" if text.strip() in ("#", "№", "Nº") else "")


def is_persona_heading(text: str) -> bool:
    return _heading(text) in PERSONA_HEADINGS


def apply_persona_column(grid: Grid, detection: Detection) -> None:
    """Find a persona column (and an ordinals column) in the chosen reading and take it out of the lanes."""
    if detection.orientation == "stages-in-rows":
        _record_columns(grid, detection)
    elif detection.orientation == "long":
        _long_columns(grid, detection)
    elif detection.orientation == "stages-in-columns":
        _persona_groups(grid, detection)


def personas_by_row(values: dict[int, str], stage_of_row: dict[int, int]) -> dict[int, str] | None:
    """Each row's persona when `values` (row -> the column's text, empty rows filled from the one above) look like
    a persona column: 2..12 short names, each on two rows or more, holding between them most stages more than
    once; else None."""
    rows = sorted(stage_of_row)
    if len(rows) < 4:
        return None
    out: dict[int, str] = {}
    last = ""
    for r in rows:
        text = " ".join(values.get(r, "").split())
        last = text or last
        if not last:
            return None
        out[r] = last
    names: dict[str, str] = {}
    for name in out.values():
        names.setdefault(name.casefold(), name)
    if not 2 <= len(names) <= MAX_PERSONAS or any(len(n) > MAX_NAME or parse_number(n) is not None
                                                    for n in names.values()):
        return None
    out = {r: names[n.casefold()] for r, n in out.items()}
    stages: dict[str, set[int]] = {}
    for r, name in out.items():
        stages.setdefault(name, set()).add(stage_of_row[r])
    if any(sum(name == n for n in out.values()) < 2 for name in names.values()):
        return None
    held = [sum(s in own for own in stages.values()) for s in set(stage_of_row.values())]
    if sum(count >= 2 for count in held) < max(2, len(held) / 2):
        return None  # the stages do not repeat per persona: a column of names, not of personas
    return out


def _note(detection: Detection, column: int, heading: str, rows: dict[int, str]) -> None:
    names: dict[str, int] = {}
    for name in rows.values():
        names[name] = names.get(name, 0) + 1
    listed = [f"{name} ({count} rows)" for name, count in names.items()]
    said = ", ".join(listed[:-1]) + f" and {listed[-1]}"
    detection.persona_rows = rows
    detection.notes.append(found(f"column {cell_name(0, column)[:-1]} {heading!r}: {len(names)} personas, {said}; "
                                 "each has its own cards and emotion curve"))


def _mark(detection: Detection, cells: set[Pos], role: str) -> None:
    detection.used.update(cells)
    for pos in cells:
        detection.reasons.pop(pos, None)
        detection.column_roles[pos] = role


# --- stages down the rows: each row is one persona's step --------------------------------------------------


def _record_columns(grid: Grid, detection: Detection) -> None:
    stage_of_row = {r: i for i, stage in enumerate(detection.stages) for r in stage.lines}
    drop: list[int] = []
    for wanted in ("persona", "order"):  # the personas first: each persona's rows may be numbered on their own
        for index, lane in enumerate(list(detection.lanes)):
            if lane.label is None or index in drop:
                continue
            heading = as_text(grid.cells.get(lane.label, ""))
            column = lane.label[1]
            values = {r: as_text(grid.cells[(r, column)]) for r in stage_of_row if (r, column) in grid.cells}
            cells = {lane.label} | {(r, column) for r in values}
            if wanted == "persona" and is_persona_heading(heading) and detection.persona_rows is None:
                rows = personas_by_row(values, stage_of_row)
                if rows is not None:
                    drop.append(index)
                    _mark(detection, cells, "persona")
                    _note(detection, column, heading, rows)
            elif wanted == "order" and _heading(heading) in ORDINAL_HEADINGS and _order_stages(
                    detection, values, stage_of_row):
                drop.append(index)
                _mark(detection, cells, "order")
                detection.notes.append(found(f"column {cell_name(0, column)[:-1]} {heading!r}: the stages' order"))
                stage_of_row = {r: i for i, stage in enumerate(detection.stages) for r in stage.lines}
    drop_lanes(detection, drop)


def _order_stages(detection: Detection, values: dict[int, str], stage_of_row: dict[int, int]) -> bool:
    """Whether `values` number the stages: whole numbers, the same on all rows of a stage (1, 2, 3 for each
    persona) or increasing row by row (1..6), a stage's numbers never among another's; the stages are then put in
    that order. With a persona column each persona's rows are numbered on their own, in the same order."""
    groups: dict[str | None, dict[int, list[float]]] = {}
    owners = detection.persona_rows or {}
    for r, stage in stage_of_row.items():
        number = parse_number(values.get(r, ""))
        if number is None or number != int(number):
            return False
        groups.setdefault(owners.get(r), {}).setdefault(stage, []).append(number)
    ranks: dict[int, list[int]] = {}
    orders = []
    for stages in groups.values():
        spans = sorted((min(v), max(v), s) for s, v in stages.items())
        if any(a[1] >= b[0] for a, b in zip(spans, spans[1:], strict=False)):
            return False  # two stages share a number, or their rows' numbers interleave
        orders.append([s for _low, _high, s in spans])
        for rank, stage in enumerate(orders[-1]):
            ranks.setdefault(stage, []).append(rank)
    if len(ranks) < 2:
        return False
    order = sorted(ranks, key=lambda s: (sum(ranks[s]) / len(ranks[s]), s))
    place = {stage: n for n, stage in enumerate(order)}
    if any(own != sorted(own, key=place.__getitem__) for own in orders):
        return False  # the personas' numbers put the stages in different orders
    unplaced = [s for s in range(len(detection.stages)) if s not in place]
    order += unplaced
    if order != sorted(order):
        where = {old: new for new, old in enumerate(order)}
        detection.stages = [detection.stages[old] for old in order]
        for item in (*detection.cards, *detection.emotions):
            item.stage = where[item.stage]
    return True


# --- long format: a Persona column beside Stage / Lane / Text ------------------------------------------------


def _long_columns(grid: Grid, detection: Detection) -> None:
    header, stage_col, block = detection.header_row, detection.label_column, detection.block
    if header is None or stage_col is None:
        return
    index = {fold(clean_stage_name(s.name)): i for i, s in enumerate(detection.stages)}
    stage_of_row = {}
    for r in range(header + 1, block.r2 + 1):
        if (r, stage_col) in grid.cells:
            stage = index.get(fold(clean_stage_name(as_text(grid.cells[(r, stage_col)]))))
            if stage is not None:
                stage_of_row[r] = stage
    for wanted in ("persona", "order"):
        for column in range(block.c1, block.c2 + 1):
            head = (header, column)
            if head in detection.used or head not in grid.cells:
                continue
            heading = as_text(grid.cells[head])
            values = {r: as_text(grid.cells[(r, column)]) for r in stage_of_row if (r, column) in grid.cells}
            cells = {head} | {(r, column) for r in values}
            if wanted == "persona" and is_persona_heading(heading) and detection.persona_rows is None:
                rows = personas_by_row(values, stage_of_row)
                if rows is not None:
                    _mark(detection, cells, "persona")
                    _note(detection, column, heading, rows)
            elif wanted == "order" and _heading(heading) in ORDINAL_HEADINGS and _order_stages(
                    detection, values, stage_of_row):
                _mark(detection, cells, "order")
                detection.notes.append(found(f"column {cell_name(0, column)[:-1]} {heading!r}: the stages' order"))
                return


# --- stages across the columns: a block of lane rows per persona -------------------------------------------


def _persona_groups(grid: Grid, detection: Detection) -> None:
    """Lane groups read from a column headed 'Persona' whose groups repeat the same lanes: one persona per
    group, the lanes of the same name made one."""
    if not detection.lanes or any(lane.group is None or lane.label is None for lane in detection.lanes):
        return
    label_col = min(lane.label[1] for lane in detection.lanes if lane.label is not None)
    header = detection.header_row
    heads = [(r, c) for (r, c) in grid.cells if c < label_col and (header is None or r <= header)
             and r < min(lane.label[0] for lane in detection.lanes if lane.label is not None)
             and is_persona_heading(as_text(grid.cells[(r, c)]))]
    if not heads:
        return
    head = max(heads)
    groups: dict[str, list[int]] = {}
    for i, lane in enumerate(detection.lanes):
        groups.setdefault(lane.group or "", []).append(i)
    first = {fold(detection.lanes[i].name) for i in next(iter(groups.values()))}
    if not 2 <= len(groups) <= MAX_PERSONAS or any(len(name) > MAX_NAME for name in groups):
        return
    if any(len(first & {fold(detection.lanes[i].name) for i in own}) * 2 < len(first) for own in groups.values()):
        return  # each group its own lanes: lane groups, not personas
    rows: dict[int, str] = {}
    for name, own in groups.items():
        for i in own:
            for item in (*detection.cards, *detection.emotions):
                if item.lane == i:
                    rows[item.pos[0]] = name
            label = detection.lanes[i].label
            assert label is not None
            rows.setdefault(label[0], name)
    keep: dict[str, int] = {}
    new_index: dict[int, int] = {}
    lanes = []
    for i, lane in enumerate(detection.lanes):
        key = fold(lane.name)
        if key not in keep:
            keep[key] = len(lanes)
            lanes.append(lane)
            lane.group = None
        else:  # each persona's lane of this name: one lane, its cards tied to their persona
            said = f" lanes are named {lane.name!r}: kept as "
            detection.notes = [line for line in detection.notes if said not in line]
        new_index[i] = keep[key]
    detection.lanes = lanes
    for item in (*detection.cards, *detection.emotions):
        item.lane = new_index[item.lane]
    cells = {head} | {(r, head[1]) for r in rows if (r, head[1]) in grid.cells}
    if detection.title_cell in cells:
        detection.title, detection.title_cell = None, None
    _mark(detection, cells, "persona")
    _note(detection, head[1], as_text(grid.cells[head]), dict(sorted(rows.items())))
