"""The deck being built: slide size, a blank slide with the title band and footer, speaker notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.io.pptx.frames import WIDTH_SLACK, Frame, ShapeBatch, clean, emu, para
from app.io.pptx.part_names import name_parts_quickly, slide_adder
from app.io.pptx.sizes import SLIDE_SIZES
from app.layout import theme
from app.layout.fonts import FONT_FAMILY, elide, text_width
from app.model.enums import LaneKind

MARGIN = 28.0
BAND_HEIGHT = 66.0
TITLE_SIZE = 26.0
SUBTITLE_SIZE = 13.0
FOOTER_SIZE = 10.0
FOOTER_LEAST_SIZE = 8.0
FOOTER_HEIGHT = 20.0
BODY_GAP = 12.0


class SlideSizeError(ValueError):
    pass


class TooManySlides(ValueError):
    """The deck reached `Deck.max_slides`."""


def slide_size(name: str | None) -> tuple[float, float]:
    key = (name or "16:9").strip()
    if key not in SLIDE_SIZES:
        raise SlideSizeError(f"unknown slide size {name!r}; choose {' or '.join(SLIDE_SIZES)}")
    return SLIDE_SIZES[key]


@dataclass
class Deck:
    """A python-pptx Presentation with our slide furniture; every slide starts blank."""

    presentation: object
    title: str
    width: float
    height: float
    warnings: list[str] = field(default_factory=list)
    batches: list[ShapeBatch] = field(default_factory=list)
    add_slide: Callable[[object], object] | None = None  # `part_names.slide_adder` of the presentation
    max_slides: int | None = None

    @classmethod
    def create(cls, title: str, size: str | None, max_slides: int | None = None) -> Deck:
        from pptx import Presentation

        width, height = slide_size(size)
        presentation = Presentation()
        name_parts_quickly(presentation)
        presentation.slide_width, presentation.slide_height = emu(width), emu(height)
        apply_theme(presentation)
        return cls(presentation, clean(title) or "Untitled journey", width, height, max_slides=max_slides)

    @property
    def body_bottom(self) -> float:
        return self.height - FOOTER_HEIGHT - 6.0

    @property
    def content_width(self) -> float:
        return self.width - 2 * MARGIN

    def blank(self) -> ShapeBatch:
        """A new blank slide, as the batch its shapes are written into (see `finish`)."""
        if self.max_slides is not None and len(self.batches) >= self.max_slides:
            raise TooManySlides(self.max_slides)
        layout = self.presentation.slide_layouts[6]  # "Blank" in the default template
        if self.add_slide is None:
            self.add_slide = slide_adder(self.presentation)
        batch = ShapeBatch(self.add_slide(layout))
        self.batches.append(batch)
        return batch

    def finish(self) -> None:
        """Write every slide's pending shapes into it (before saving)."""
        for batch in self.batches:
            batch.flush()

    def _band(self, heading: str, subheading: str) -> tuple[Frame, float]:
        """The title band's text and height: a heading too long for half the slide (a stage name of hundreds of
        characters) is set smaller, down to the subheading's size, never cut (500 characters fit at that size)."""
        size = TITLE_SIZE
        while True:
            frame = Frame([para(clean(heading), size, bold=True, color=theme.HEADER_TEXT)],
                          insets=(MARGIN, 8.0, MARGIN, 4.0))
            if subheading:
                frame.paras.append(para(clean(subheading), SUBTITLE_SIZE, color=theme.HEADER_DETAIL_TEXT))
            if frame.height(self.width) <= self.height / 2 or size <= SUBTITLE_SIZE:
                return frame, max(BAND_HEIGHT, frame.height(self.width))
            size = max(SUBTITLE_SIZE, size - 2.0)

    def _footer(self, number: int) -> Frame:
        """"Title  ·  7" on one line, the title set smaller for it down to FOOTER_LEAST_SIZE; a title longer
        still is cut and says that slide 1 gives it whole."""
        title, tail = " ".join(self.title.split()), f"  ·  {number}"
        room = self.content_width * WIDTH_SLACK
        size = FOOTER_SIZE
        while text_width(title + tail, size) > room and size > FOOTER_LEAST_SIZE:
            size -= 0.5
        if text_width(title + tail, size) > room:
            pointer = "\u2026 (full title: slide 1)"
            kept = elide(title, room - text_width(pointer + tail, size), size).removesuffix("\u2026")
            title = kept.rstrip() + pointer
        return Frame([para(title + tail, size, color=theme.CARD_MUTED_TEXT, align="right")], insets=(0, 2, 0, 2))

    def body_top(self, heading: str, subheading: str = "") -> float:
        """Where the body of a slide with this heading starts."""
        return self._band(heading, subheading)[1] + BODY_GAP

    def slide(self, heading: str, subheading: str = "", fill: str = theme.HEADER_FILL):
        """A slide with a coloured title band (heading, and a smaller line under it) and a footer;
        returns the slide and where its body starts (the band grows for a long heading)."""
        slide = self.blank()
        frame, band = self._band(heading, subheading)
        slide.box(0, 0, self.width, band, frame, fill=fill, anchor="middle", name="Title band")
        number = len(self.presentation.slides)
        footer = self._footer(number)
        slide.box(MARGIN, self.height - FOOTER_HEIGHT, self.content_width, FOOTER_HEIGHT - 2, footer, name="Footer")
        return slide, band + BODY_GAP

    @staticmethod
    def notes(batch: ShapeBatch, lines: list[str]) -> None:
        """Speaker notes: what the presenter reads, not the audience (card notes, evidence sources)."""
        text = "\n".join(clean(line) for line in lines if line.strip())
        if text:
            batch.slide.notes_slide.notes_text_frame.text = text


THEME_COLORS = {
    "dk2": theme.HEADER_FILL, "lt2": theme.LANE_HEADER_FILL,
    "accent1": theme.LANE_KIND_ACCENT[LaneKind.ACTIONS], "accent2": theme.LANE_KIND_ACCENT[LaneKind.TOUCHPOINTS],
    "accent3": theme.LANE_KIND_ACCENT[LaneKind.THOUGHTS], "accent4": theme.LANE_KIND_ACCENT[LaneKind.EMOTIONS],
    "accent5": theme.LANE_KIND_ACCENT[LaneKind.PAIN_POINTS], "accent6": theme.LANE_KIND_ACCENT[LaneKind.OPPORTUNITIES],
}
"""The deck theme's colour slots, so what the presenter adds in PowerPoint matches the map."""


def apply_theme(presentation) -> None:
    """The template's theme with the map's colours and DejaVu Sans as heading and body font."""
    import re

    from pptx.opc.constants import RELATIONSHIP_TYPE

    part = presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*(")', rf"\g<1>{FONT_FAMILY}\g<2>", xml)
    for slot, color in THEME_COLORS.items():
        value = f'<a:{slot}><a:srgbClr val="{color.lstrip("#").upper()}"/></a:{slot}>'
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>", value, xml, count=1)
    part._blob = xml.encode("utf-8")  # python-pptx keeps the theme as a plain blob part
