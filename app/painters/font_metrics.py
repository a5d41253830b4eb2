"""Extracting the bundled fonts' advance widths into `resources/fonts/metrics.json`.

The layout reads only that file (it imports no font parser); this module parses the TrueType
files with reportlab and rewrites it, and the PDF's parsed faces (`font_faces`):
`python -m app.painters.font_metrics` after a font or reportlab changes.
"""

from __future__ import annotations

import json

from app.layout.fonts import BOLD_FONT, METRICS_CACHE, REGULAR_FONT, _Metrics
from app.painters.font_faces import FACES_CACHE, parse_face, write_faces_cache


def parse_metrics(bold: bool) -> _Metrics:
    font = parse_face(BOLD_FONT if bold else REGULAR_FONT)
    return _Metrics(dict(font.charWidths), float(font.defaultWidth))


def write_metrics_cache() -> None:
    data = {}
    for key, bold, path in (("regular", False, REGULAR_FONT), ("bold", True, BOLD_FONT)):
        metrics = parse_metrics(bold)
        codes = sorted(metrics.widths)
        data[key] = {"font_bytes": path.stat().st_size, "default": metrics.default,
                     "chars": "".join(map(chr, codes)), "advances": [metrics.widths[code] for code in codes]}
    METRICS_CACHE.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    write_metrics_cache()
    write_faces_cache()
    print(f"wrote {METRICS_CACHE} and {FACES_CACHE}")
