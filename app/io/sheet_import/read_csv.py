"""Read a journey map from a CSV or TSV table (see `csv_source` and `grid_detect`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.io.formats import ImportResult
from app.io.journey.file import gc_paused
from app.io.sheet_import.read_sheet import import_grids
from app.io.sheet_import.source_csv import read_csv_grid


@gc_paused(keep=True)
def read_csv(path: Path, **overrides: Any) -> ImportResult:
    """The format registry's reader for .csv/.tsv/.txt (a delimited text table). The file is only read."""
    path = Path(path)
    overrides = {k: v for k, v in overrides.items() if v is not None}
    grid, notes = read_csv_grid(path)
    return import_grids(path, [grid], None, notes, **overrides)
