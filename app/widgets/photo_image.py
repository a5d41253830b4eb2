"""Persona photos decoded safely for display: the size is read from the header first, a photo over the
pixel limit is never decoded, and the rest is decoded straight to the size shown where the format allows."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap

from app.model.journey import MAX_PHOTO_PIXELS


def image_size(data: bytes) -> QSize:
    """The picture's size from its header (invalid when it is no image Qt reads)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return QImageReader(buffer).size()


def within_pixel_limit(size: QSize) -> bool:
    return size.isValid() and size.width() * size.height() <= MAX_PHOTO_PIXELS


def photo_pixmap(data: bytes, side: int) -> QPixmap | None:
    """The photo scaled to fit `side` x `side` device pixels, or None (not an image, or too large)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not within_pixel_limit(size):
        return None
    target = size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio)
    if target.width() < size.width():
        reader.setScaledSize(target)  # JPEG decodes at the reduced size; others are scaled after decoding
    image: QImage = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)
