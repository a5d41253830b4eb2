"""The persona photo for exports, decoded safely: a pixel limit checked from the header before any
decoding, reduced decoding of JPEGs (`Image.draft`), and no Python warnings on stderr."""

from __future__ import annotations

import io
import warnings

from app.model.journey import MAX_PHOTO_PIXELS


class PhotoError(ValueError):
    """The photo cannot be used; the message says why in one line, for an export warning."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


def photo_opens(data: bytes) -> bool:
    """Whether Pillow reads a picture's header from `data` (nothing is decoded): a layout leaves room for it."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as picture:
                return picture.size[0] > 0 and picture.size[1] > 0
        except Exception:  # noqa: BLE001 - anything Pillow cannot open
            return False


def whose(message: str, owner: str) -> str:
    """The warning naming the persona: "the photo of Kai ..." instead of "the persona photo ..."."""
    return message.replace("the persona photo", f"the photo of {owner}", 1) if owner else message


def photo_thumbnail(data: bytes, max_side: int, *, image_format: str = "PNG") -> bytes:
    """The photo scaled to fit `max_side` pixels, as PNG (or JPEG) bytes; PhotoError if it cannot be used."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's DecompressionBombWarning: the limit below is ours
        try:
            with Image.open(io.BytesIO(data)) as picture:
                width, height = picture.size  # read from the header: nothing decoded yet
                if width * height > MAX_PHOTO_PIXELS:
                    raise PhotoError(f"the persona photo is {width:,} x {height:,} pixels, more than the "
                                     f"{MAX_PHOTO_PIXELS // 1_000_000} megapixels a photo may have; it was left out",
                                     too_large=True)
                if picture.format == "JPEG":
                    picture.draft("RGB", (max_side, max_side))  # decode at 1/2, 1/4 or 1/8 size
                picture.thumbnail((max_side, max_side))
                picture = picture.convert("RGBA" if image_format == "PNG" else "RGB")
                buffer = io.BytesIO()
                picture.save(buffer, format=image_format)
                return buffer.getvalue()
        except PhotoError:
            raise
        except Exception as exc:  # noqa: BLE001 - any image Pillow cannot read, or Pillow itself missing
            raise PhotoError("the persona photo could not be read and was left out") from exc
