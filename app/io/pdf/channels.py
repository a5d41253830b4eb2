"""The PDF's channel matrix page: stages x channels, counts of touchpoint cards, the persona's
preferred channels highlighted and the gaps named ("Preferred but unused: Chat, Phone").

Pure layout in page coordinates (no reportlab), painted by the same PDF painter as the map.
A long list of stages continues on further pages with the header row repeated. A stage name too long for its
row ends in "… [n]", numbered in reading order (top to bottom), and note n under the table gives it in full.
"""

from __future__ import annotations

from app.io.pdf.extras import MUTED, TEXT, Flow
from app.io.pdf.pages import PdfOptions
from app.layout import theme
from app.layout.fonts import elide, line_height, text_width, wrap_text
from app.layout.icons import channel_icon
from app.layout.painting import baseline
from app.layout.shapes import LineShape, RectShape, Shape, TextShape
from app.model.channels import ChannelMatrix, channel_matrix
from app.model.journey import JourneyContent

ROW_HEIGHT = 20.0
HEADER_HEIGHT = 62.0
ICON = 14.0
PREFERRED_FILL = "#e3ecff"  # a preferred channel's column
GAP_FILL = "#fde3d6"  # a preferred channel no stage uses
GAP_TEXT = "#a63f00"
NONE_COLUMN = "no channel"
ROW_TEXT_SIZE = 9.0


def channel_pages(content: JourneyContent, options: PdfOptions, first_note: int = 1) -> list[list[Shape]]:
    """The channel matrix as one or more pages of shapes; its notes are numbered from `first_note` (after the
    map's own notes, so every note number in the PDF means one text)."""
    matrix = channel_matrix(content)
    flow = Flow(options)
    flow.para("Channel matrix", 20, True)
    flow.para("Touchpoint cards by stage and channel: where the customer meets the company, and how often.", 10,
              False, MUTED)
    if matrix.preferred:
        flow.para("Highlighted: " + preferred_text(matrix) + ".", 10, False, MUTED)
    flow.space(10)
    if not matrix.channels and not any(matrix.without_channel):
        flow.para("No touchpoint card names a channel, and the persona prefers none.", 11)
        _findings(flow, matrix, content)
        return flow.pages

    with_none = any(matrix.without_channel)
    first_width = min(190.0, flow.width * 0.26)
    columns = len(matrix.channels) + (1 if with_none else 0) + 1  # + "all"
    column_width = min(78.0, (flow.width - first_width) / columns)
    label_size = 8.0 if column_width >= 44 else 7.0
    notes = stage_notes(matrix.stage_names, first_width - 10, ROW_TEXT_SIZE, first_note)
    rows = [(tagged(name, first_width - 10, ROW_TEXT_SIZE, notes.get(i)),
             list(counts) + ([matrix.without_channel[i]] if with_none else []))
            for i, (name, counts) in enumerate(zip(matrix.stage_names, matrix.counts, strict=True))]
    totals = [sum(row[j] for _, row in rows) for j in range(columns - 1)]
    peak = max([1, *(v for _, row in rows for v in row)])
    index = 0
    while True:
        top = flow.y
        room = int((flow.bottom - top - HEADER_HEIGHT - ROW_HEIGHT) // ROW_HEIGHT)
        if room < 1 and flow.y > flow.top:
            flow.pages.append([])
            flow.y = flow.top
            continue
        chunk = rows[index:index + max(1, room)]
        index += len(chunk)
        last = index >= len(rows)
        shapes = flow.pages[-1]
        shapes += _table_header(matrix, flow.x, top, first_width, column_width, label_size, with_none)
        y = top + HEADER_HEIGHT
        for name, counts in chunk:
            shapes += _row(matrix, flow.x, y, first_width, column_width, name, counts, peak, False)
            y += ROW_HEIGHT
        if last:
            shapes += _row(matrix, flow.x, y, first_width, column_width, "All stages", totals, peak, True)
            y += ROW_HEIGHT
        table_width = first_width + columns * column_width
        shapes.append(LineShape(flow.x, y, flow.x + table_width, y, theme.GRID_LINE, 0.8))
        flow.y = y + 14
        if last:
            break
        flow.pages.append([])
        flow.y = flow.top
    if notes:
        flow.para("Stage names shortened in the table, in full:", 10, True, MUTED, keep=12)
        for i, number in notes.items():
            flow.para(f"[{number}] {matrix.stage_names[i]}", 10, False, TEXT, indent=6)
    _findings(flow, matrix, content)
    return flow.pages


def stage_notes(names: list[str], width: float, size: float, first: int = 1) -> dict[int, int]:
    """Row index -> note number of each stage name wider than `width`: consecutive from `first`, top to bottom."""
    cut = [i for i, name in enumerate(names) if text_width(name, size, False) > width]
    return {i: number for number, i in enumerate(cut, start=first)}


def tagged(name: str, width: float, size: float, number: int | None) -> str:
    """The name, or (with a note number) its start and "… [n]" within `width`."""
    if number is None:
        return name
    suffix = f"\u2026 [{number}]"
    kept = elide(name, max(0.0, width - text_width(suffix, size, False)), size, False)
    return kept.removesuffix("\u2026").rstrip() + suffix


def preferred_text(matrix: ChannelMatrix) -> str:
    """Who prefers which channels: "the channels Maya prefers (Chat, Email)", one clause per persona when
    several personas prefer channels."""
    people: dict[str, list[str]] = {}
    for channel in matrix.preferred:
        for name in matrix.who_prefers(channel) or ("the persona",):
            people.setdefault(name, []).append(channel.label)
    if len(people) == 1:
        (name, labels), = people.items()
        return f"the channels {name} prefers ({', '.join(labels)})"
    return "the channels the personas prefer: " + "; ".join(f"{name}: {', '.join(labels)}"
                                                              for name, labels in people.items())


def _table_header(matrix: ChannelMatrix, x: float, y: float, first: float, width: float, size: float,
                  with_none: bool) -> list[Shape]:
    shapes: list[Shape] = [RectShape(x, y, first, HEADER_HEIGHT, theme.LANE_HEADER_FILL),
                           TextShape(x + 6, baseline(y + HEADER_HEIGHT - line_height(10) - 6, 10), "Stage", 10, True,
                                     TEXT)]
    cx = x + first
    for channel in matrix.channels:
        preferred, gap = matrix.is_preferred(channel), channel in matrix.gaps
        fill = GAP_FILL if gap else PREFERRED_FILL if preferred else theme.LANE_HEADER_FILL
        shapes.append(RectShape(cx, y, width, HEADER_HEIGHT, fill))
        color = theme.CHANNEL_COLOR[channel]
        shapes += channel_icon(channel, cx + (width - ICON) / 2, y + 5, ICON, color)
        fitted = _fit_words(channel.label, width - 4, size, preferred)
        for i, line in enumerate(wrap_text(channel.label, width - 4, fitted, preferred, 3)):
            shapes.append(TextShape(cx + width / 2, baseline(y + 5 + ICON + 3, fitted, i), line, fitted, preferred,
                                    TEXT, "center"))
        note = "gap" if gap else "preferred" if preferred else ""
        if note:
            note_size = _fit_words(note, width - 3, 6.5, True)
            shapes.append(TextShape(cx + width / 2, baseline(y + HEADER_HEIGHT - line_height(6.5) - 1, note_size),
                                    note, note_size, True, GAP_TEXT if gap else theme.SELECTION, "center"))
        cx += width
    for label in ([NONE_COLUMN] if with_none else []) + ["all"]:
        shapes.append(RectShape(cx, y, width, HEADER_HEIGHT, theme.LANE_HEADER_FILL))
        for i, line in enumerate(wrap_text(label, width - 4, size, False, 3)):
            shapes.append(TextShape(cx + width / 2, baseline(y + 5 + ICON + 3, size, i), line, size, False, MUTED,
                                    "center"))
        cx += width
    shapes.append(LineShape(x, y + HEADER_HEIGHT, cx, y + HEADER_HEIGHT, theme.LANE_HEADER_TEXT, 0.8))
    return shapes


def _fit_words(label: str, width: float, size: float, bold: bool) -> float:
    """A type size at which the label's longest word fits the column (labels wrap between words only)."""
    widest = max(text_width(word, size, bold) for word in label.split())
    return size if widest <= width else max(5.0, 0.97 * size * width / widest)


def _row(matrix: ChannelMatrix, x: float, y: float, first: float, width: float, name: str, counts: list[int],
         peak: int, total: bool) -> list[Shape]:
    size = ROW_TEXT_SIZE
    text_y = baseline(y + (ROW_HEIGHT - line_height(size)) / 2, size)
    shapes: list[Shape] = [LineShape(x, y, x + first + (len(counts) + 1) * width, y, theme.GRID_LINE, 0.5)]
    shapes.append(TextShape(x + 6, text_y, name, size, total, TEXT))  # cut names carry their note's number
    cx = x + first
    for j, count in enumerate(counts):
        channel = matrix.channels[j] if j < len(matrix.channels) else None
        if channel is not None and matrix.is_preferred(channel):
            shapes.append(RectShape(cx, y, width, ROW_HEIGHT, GAP_FILL if channel in matrix.gaps else PREFERRED_FILL))
        if count and not total:
            color = theme.CHANNEL_COLOR[channel] if channel is not None else theme.CARD_MUTED_TEXT
            alpha = 0x30 + round(0x70 * count / peak)
            shapes.append(RectShape(cx + 3, y + 2.5, width - 6, ROW_HEIGHT - 5, f"{color}{alpha:02x}", None, 0, 3))
        label = str(count) if count else "\u00b7"
        shapes.append(TextShape(cx + width / 2, text_y, label, size, total or bool(count),
                                TEXT if count else MUTED, "center"))
        cx += width
    shapes.append(TextShape(cx + width / 2, text_y, str(sum(counts)), size, True, TEXT, "center"))
    return shapes


def _findings(flow: Flow, matrix: ChannelMatrix, content: JourneyContent) -> None:
    flow.space(6)
    if matrix.gaps:
        several = len({name for c in matrix.preferred for name in matrix.who_prefers(c)}) > 1
        flow.para("Preferred but unused: " + ", ".join(_gap_label(matrix, c, several) for c in matrix.gaps), 12,
                  True, GAP_TEXT)
        who = "The personas prefer" if several else "The persona prefers"
        flow.para(f"{who} these channels, but no touchpoint at any stage uses them.", 10, False, MUTED)
    elif matrix.preferred:
        flow.para("Every preferred channel is used at some stage.", 11, True)
    else:
        text = ("No persona names any preferred channels" if len(content.personas) > 1
                else "The persona names no preferred channels")
        flow.para(f"{text}, so no gaps can be shown.", 10, False, MUTED)
    names = dict(zip(matrix.stage_ids, matrix.stage_names, strict=True))
    if matrix.stages_without_channels and content.stages:
        flow.space(4)
        flow.para("Stages with no touchpoint on a named channel: "
                  + ", ".join(names[s] for s in matrix.stages_without_channels), 10)
    missing = sum(matrix.without_channel)
    if missing:
        flow.space(4)
        flow.para(f"Touchpoint cards that name no channel: {missing} (the \u201c{NONE_COLUMN}\u201d column).", 10)


def _gap_label(matrix: ChannelMatrix, channel, several: bool) -> str:
    """A gap's label, with who prefers it when several personas prefer channels."""
    names = matrix.who_prefers(channel)
    return f"{channel.label} ({', '.join(names)})" if several and names else channel.label
