"""Slide sizes (no python-pptx import: the editor's dialog lists them without loading it)."""

SLIDE_SIZES: dict[str, tuple[float, float]] = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
"""Slide size name -> width, height in points (13.33 x 7.5 in, and 10 x 7.5 in)."""
