"""`convert MAP OUT.pptx`: a deck a consultant presents stage by stage (see app/io/pptx/__init__.py).

Slides, in order: title; overview (the whole map as native shapes); one slide per persona; the emotion
curve as a native chart; each stage (continued on more slides when its cards need them); KPIs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.io.errors import JourneyFileError
from app.model.journey import JourneyContent, JourneyMap, Persona

Progress = Callable[[int, int], None]
STAGE_COLUMNS = {"16:9": 3, "4:3": 2}
"""Cards side by side on a stage slide: about 240 points wide each, 14-point text."""

MAX_SLIDES = 5_000
"""The most slides a deck is built with. A stage takes a slide at least, and python-pptx holds every slide in memory
(about 130 KB each): a map of 100,000 stages took 24 GB before it was stopped. 5,000 slides take about 12 s and
700 MB; a larger map is refused in one line, pointing at the PDF, which prints any size."""


def personas_of(content: JourneyContent) -> list[Persona]:
    """The personas a deck presents, one slide each: the map's (a `--persona` filter or the dialog's choice has
    already left the others out of `content`)."""
    many = getattr(content, "personas", None)
    if many:
        return list(many)
    return [content.persona] if content.persona is not None else []


def write_pptx(journey: JourneyMap, path: Path, slide_size: str | None = None, embed: bool | None = None,
               embed_snapshots: bool | None = None, progress: Progress | None = None) -> list[str]:
    """Write the deck to `path`; returns warnings. `embed` (default on) carries the map inside."""
    from app.io.pptx.deck import Deck, SlideSizeError, TooManySlides

    content = journey.content() if isinstance(journey, JourneyMap) else journey
    if len(content.stages) > MAX_SLIDES:
        raise JourneyFileError(path, _too_many(f"{len(content.stages):,} stages, a slide each at least"))
    try:
        deck = Deck.create(content.metadata.title, slide_size, max_slides=MAX_SLIDES)
    except SlideSizeError as exc:
        raise JourneyFileError(None, str(exc)) from exc
    try:
        return _build(deck, journey, content, path, embed, embed_snapshots, progress)
    except TooManySlides as exc:
        raise JourneyFileError(path, _too_many(f"more than {MAX_SLIDES:,} slides for its cards")) from exc


def _too_many(why: str) -> str:
    return (f"was not written: the map would need {why}, more than the {MAX_SLIDES:,} a deck is made with; export "
            "a PDF (any size), or a deck of fewer stages or personas (--persona)")


def _build(deck, journey: JourneyMap | JourneyContent, content: JourneyContent, path: Path, embed: bool | None,
           embed_snapshots: bool | None, progress: Progress | None) -> list[str]:
    from app.io.pptx.extras import emotion_slide, kpi_slides, persona_slides, title_slide
    from app.io.pptx.frames import clean
    from app.io.pptx.overview import overview_slides
    from app.io.pptx.stage_slides import stage_slides
    from app.layout import compute_layout
    from app.layout.fonts import one_line_break
    from app.model.personas import persona_colors

    steps = 6
    report = progress or (lambda done, total: None)
    personas = personas_of(content)
    title_slide(deck, content, personas)
    report(1, steps)
    overview_slides(deck, content, compute_layout(content))
    report(2, steps)
    persona_slides(deck, personas, persona_colors(content))
    emotion_slide(deck, content)
    report(3, steps)
    stage_slides(deck, content, STAGE_COLUMNS["4:3" if deck.width < 800 else "16:9"])
    report(4, steps)
    kpi_slides(deck, content)
    if embed is not False:
        from app.io.pptx.embed import embed_in_presentation

        embed_in_presentation(deck.presentation, journey, snapshots=bool(embed_snapshots))
    report(5, steps)
    _set_properties(deck, content)
    deck.finish()
    deck.presentation.save(str(path))
    report(6, steps)
    warnings = list(deck.warnings)
    if any(clean(one_line_break(card.text)) != one_line_break(card.text).replace("\t", "    ")
           for card in content.cards):
        warnings.append("control characters in card texts were replaced by \ufffd (PowerPoint cannot hold them)")
    return warnings


def _set_properties(deck, content: JourneyContent) -> None:
    from app.io.pptx.frames import clean

    properties = deck.presentation.core_properties
    properties.title = clean(content.metadata.title)[:255]
    properties.author = clean(content.metadata.author)[:255]
    properties.subject = "Customer journey map"
    properties.comments = "Made with Journey Canvas"
