"""Render a map to PNG or SVG offscreen with the canvas's own painter (for slides and checks)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from app.io.errors import JourneyFileError
from app.io.image.page import FramedMap, framed_map
from app.model.journey import JourneyMap

MAX_PIXELS = 200_000_000  # about 800 MB of image memory; refuse bigger rather than crash
DEFAULT_PNG_SCALE = 200.0  # percent: sharp on slides and high-DPI screens
XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
"""Bytes of characters XML 1.0 cannot hold (control characters from an imported file, U+FFFE/U+FFFF);
in UTF-8 none of them can occur inside another character, so they are removed byte-wise."""


def ensure_gui_application() -> None:
    """Qt painting needs an application object; headless runs use the offscreen platform. It is a
    QApplication (not a bare QGuiApplication) so that widgets can still be made in this process."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        QApplication([])


def write_png(journey: JourneyMap, path: Path, scale: float | None = None) -> list[str]:
    ensure_gui_application()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    from app.layout import compute_layout

    factor = (scale or DEFAULT_PNG_SCALE) / 100.0
    content = journey.content()
    framed = framed_map(compute_layout(content), content, journey.metadata.title or "Untitled journey")
    width, height = max(1, round(framed.width * factor)), max(1, round(framed.height * factor))
    if width * height > MAX_PIXELS:
        raise JourneyFileError(path, f"would be {width} x {height} pixels; choose a smaller --scale")
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(factor, factor)
    _paint_framed(painter, framed)
    painter.end()
    path.write_bytes(_png_bytes(image, path))  # written by Python: a full disk is an OSError, not a libpng message
    return _glyph_warnings(framed, content)


def _png_bytes(image, path: Path) -> bytes:  # image: QImage
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise JourneyFileError(path, "could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def write_svg(journey: JourneyMap, path: Path, scale: float | None = None) -> list[str]:
    ensure_gui_application()
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    from app.layout import compute_layout

    content = journey.content()
    framed = framed_map(compute_layout(content), content, journey.metadata.title or "Untitled journey")
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(framed.width), round(framed.height)))
    generator.setViewBox(QRectF(0, 0, framed.width, framed.height))
    generator.setTitle(journey.metadata.title)
    generator.setDescription("Journey map made with Journey Canvas")
    painter = QPainter(generator)
    _paint_framed(painter, framed)
    if not painter.end():
        raise JourneyFileError(path, "could not be written as SVG")
    _remove_xml_forbidden(path)
    return _glyph_warnings(framed, content)


def _paint_framed(painter, framed: FramedMap) -> None:
    """The map at its place in the frame, then the title and legend."""
    from app.painters.qt_painter import paint_shapes

    painter.save()
    painter.translate(*framed.map_origin)
    paint_shapes(painter, framed.map_shapes)
    painter.restore()
    paint_shapes(painter, framed.frame_shapes)


def _glyph_warnings(framed: FramedMap, content) -> list[str]:
    from app.layout.shapes import TextShape
    from app.painters.qt_glyphs import glyph_warnings

    return glyph_warnings([s.text for s in framed.map_shapes + framed.frame_shapes if isinstance(s, TextShape)],
                          content)


def _remove_xml_forbidden(path: Path) -> None:
    """Qt writes text as given; characters XML refuses would make the whole SVG unreadable."""
    data = path.read_bytes()
    clean = XML_FORBIDDEN.sub(b"", data)
    if clean != data:
        path.write_bytes(clean)
