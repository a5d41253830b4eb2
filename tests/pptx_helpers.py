"""Reading a written deck back: text frames, their measured fit, chart values (shared by the PPTX tests)."""

from __future__ import annotations

from pptx.oxml.ns import qn

from app.layout.fonts import wrap_text

EMU = 12700


def paragraph_size(paragraph) -> float:
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
    if sizes:
        return max(sizes)
    end = paragraph._p.find(qn("a:endParaRPr"))
    return int(end.get("sz")) / 100 if end is not None and end.get("sz") else 18.0


def frame_overflow(shape) -> float:
    """How many points the text needs beyond the shape's height, measured with the layout's font metrics
    at the frame's own width, insets, sizes and line spacing (negative: it fits)."""
    frame = shape.text_frame
    upright = frame._txBody.bodyPr.get("vert") in ("vert", "vert270")  # lines run along the shape's height
    along, across = (shape.height, shape.width) if upright else (shape.width, shape.height)
    inner = (along - frame.margin_left - frame.margin_right) / EMU
    needed = (frame.margin_top + frame.margin_bottom) / EMU
    for paragraph in frame.paragraphs:
        size = paragraph_size(paragraph)
        bold = any(run.font.bold for run in paragraph.runs)
        text = "".join(run.text for run in paragraph.runs)
        lines = wrap_text(text, inner, size, bold)
        spacing = paragraph.line_spacing.pt if hasattr(paragraph.line_spacing, "pt") else size * 1.2
        after = paragraph.space_after.pt if paragraph.space_after is not None else 0.0
        needed += len(lines) * spacing + after
    return needed - across / EMU


def text_shapes(presentation):
    for number, slide in enumerate(presentation.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                yield number, slide, shape


def squash(text: str) -> str:
    return " ".join(text.replace("\t", "    ").split())
