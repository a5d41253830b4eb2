"""Extracting the bundled fonts' advance widths into `resources/fonts/metrics.json`.

The layout reads only that file (it imports no font parser); this module parses the TrueType
files with reportlab and rewrites it: `python -m app.painters.font_metrics` after a font changes.
"""

from __future__ import annotations

import json

from app.layout.fonts import BOLD_FONT, METRICS_CACHE, REGULAR_FONT, _Metrics
from app.painters.pdf_fonts import font_face


def parse_metrics(bold: bool) -> _Metrics:
    font = font_face(bold)
    return _Metrics(dict(font.charWidths), float(font.defaultWidth))


def write_metrics_cache() -> None:
    data = {}
    for key, bold, path in (("regular", False, REGULAR_FONT), ("bold", True, BOLD_FONT)):
        metrics = parse_metrics(bold)
        data[key] = {"font_bytes": path.stat().st_size, "default": metrics.default,
                     "widths": {str(cp): w for cp, w in sorted(metrics.widths.items())}}
    METRICS_CACHE.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    write_metrics_cache()
    print(f"wrote {METRICS_CACHE}")
