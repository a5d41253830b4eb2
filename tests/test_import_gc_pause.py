"""The sheet import pauses Python's cycle collector while it reads, and always turns it back on."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.io.sheet_import.gc_pause import collector_paused, without_collector

SAMPLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples" / "real"


def test_paused_inside_and_on_again_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("bad sheet")
    assert gc.isenabled()


def test_nested_pause_leaves_turning_it_on_to_the_outer_one():
    seen = []

    @without_collector
    def inner() -> None:
        seen.append(gc.isenabled())

    with collector_paused():
        inner()
        seen.append(gc.isenabled())
    assert seen == [False, False] and gc.isenabled()


def test_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_leaves_the_collector_on(tmp_path):
    sample = next(SAMPLES.glob("*.xlsx"))
    assert read_map(sample).journey.stages
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(JourneyFileError):
        read_map(bad)
    assert gc.isenabled()
