"""The sheet import pauses Python's cycle collector while it reads, and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

import app.io.sheet_import.read_xlsx as read_xlsx_module
from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.io.sheet_import.preview import load_sheets, preview
from tests.import_helpers import make_workbook


@pytest.fixture
def collector_on():
    """The collector on for the test (the CLI turns it off for its one command, also in tests that run it)."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_an_import_pauses_the_collector_and_turns_it_on_again(collector_on, monkeypatch, tmp_path):
    seen = []
    load = read_xlsx_module.load_workbook

    def watched(path):
        seen.append(gc.isenabled())
        return load(path)

    monkeypatch.setattr(read_xlsx_module, "load_workbook", watched)
    sample = make_workbook(tmp_path / "map.xlsx", [[None, "Awareness", "Purchase"], ["Actions", "Sees an ad", "Pays"]])
    assert read_map(sample).journey.stages
    assert seen == [False] and gc.isenabled()
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(JourneyFileError):
        read_map(bad)
    assert gc.isenabled()
    assert preview(load_sheets(sample)).ok and gc.isenabled()


def test_an_import_leaves_a_paused_collector_paused(collector_on, tmp_path):
    gc.disable()
    table = tmp_path / "map.csv"
    table.write_text("Stage,Awareness,Purchase\nActions,Sees an ad,Pays\n", encoding="utf-8")
    assert read_map(table).journey.stages
    assert not gc.isenabled()
