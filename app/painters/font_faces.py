"""The bundled fonts as reportlab faces, read from `resources/fonts/faces.bin` instead of parsed.

reportlab's TrueType parser walks the cmap, hmtx and loca tables of a font in pure Python: about
20 ms per font, paid by every PDF export in a fresh process. The parsed face (everything reportlab
keeps except the file's bytes) is written once by `python -m app.painters.font_metrics` and loaded
here in a few milliseconds. The cache is used only when it was written by this reportlab version
for a font file with the same size and CRC-32; otherwise the font is parsed as before. A test checks
that the cached faces equal freshly parsed ones.
"""

from __future__ import annotations

import marshal
import zlib
from functools import lru_cache
from pathlib import Path

from app.layout.fonts import BOLD_FONT, FONT_DIR, REGULAR_FONT

FACES_CACHE = FONT_DIR / "faces.bin"
_NOT_STORED = ("_ttf_data", "_pdfScale")  # the file's bytes (read again) and a function (made again)
_ON_DEMAND = ("glyphToChar",)
"""Attributes kept in the cache as their own marshalled bytes and unmarshalled only when read: reportlab uses
glyphToChar only while it parses a font, and unmarshalling its lists took a third of loading a face."""


def parse_face(path: Path):  # -> reportlab TTFontFace
    """The face parsed by reportlab from the TrueType file (the slow way)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    return TTFontFace(str(path))


def load_face(path: Path):  # -> reportlab TTFontFace
    """The face of a bundled font: from the cache when it matches the file, else parsed."""
    data = path.read_bytes()
    face = _cached_face(path, data)
    return face if face is not None else parse_face(path)


def _cached_face(path: Path, data: bytes):  # -> TTFontFace | None
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    cache = _cache_file()
    try:
        entry = cache["fonts"][path.name] if cache and cache["reportlab"] == Version else None
    except (TypeError, KeyError):
        return None
    if entry is None or entry["size"] != len(data) or entry["crc"] != zlib.crc32(data):
        return None
    face_class = _face_class()
    face = face_class.__new__(face_class)
    face.__dict__.update(entry["attrs"])
    face._on_demand = dict(entry.get("on_demand", {}))
    for key in entry["names"]:  # reportlab's name strings: bytes that know their text
        face.__dict__[key] = TTFNameBytes(entry["attrs"][key].encode("utf8"))
    face.filename = str(path)
    face._ttf_data = data
    per_unit = 1000 / face.unitsPerEm  # the same scale function extractInfo makes
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * per_unit)
    return face


@lru_cache(maxsize=1)
def _face_class() -> type:
    """reportlab's TTFontFace, with the attributes of `_ON_DEMAND` read from the cache when first used."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    class CachedFace(TTFontFace):
        def __getattr__(self, name: str):  # only called for an attribute not set yet
            pending = self.__dict__.get("_on_demand")
            if not pending or name not in pending:
                raise AttributeError(name)
            value = self.__dict__[name] = marshal.loads(pending.pop(name))
            return value

    return CachedFace


@lru_cache(maxsize=1)
def _cache_file() -> dict | None:
    """The cache file's contents (both fonts), read once per process; None when missing or unreadable."""
    try:
        return marshal.loads(zlib.decompress(FACES_CACHE.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None


def write_faces_cache() -> None:
    """Parse both bundled fonts and write the cache (after a font or reportlab changes)."""
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    fonts = {}
    for path in (REGULAR_FONT, BOLD_FONT):
        data = path.read_bytes()
        attrs, names = {}, []
        for key, value in vars(parse_face(path)).items():
            if key in _NOT_STORED or key == "filename":
                continue
            if isinstance(value, TTFNameBytes):
                names.append(key)
                value = value.ustr
            attrs[key] = value
        on_demand = {key: marshal.dumps(attrs.pop(key)) for key in _ON_DEMAND if key in attrs}
        fonts[path.name] = {"size": len(data), "crc": zlib.crc32(data), "attrs": attrs, "names": names,
                            "on_demand": on_demand}
    FACES_CACHE.write_bytes(zlib.compress(marshal.dumps({"reportlab": Version, "fonts": fonts}), 9))
    _cache_file.cache_clear()
