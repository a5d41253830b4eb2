"""The quick path of opening a map (app/io/journey/fast_load.py): it reads every well-formed current file
to the same map as the careful path, and hands every file it cannot vouch for to the careful path, so the
errors stay exactly the careful path's."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings

from app.io.errors import JourneyFileError
from app.io.journey.fast_load import fields_given, load_fast
from app.io.journey.file import MAX_INT_DIGITS, _parse_carefully, dumps_journey, loads_journey
from app.model import Kpi, Snapshot
from app.model.journey import Photo
from tests.strategies import journey_maps


def _key_count(text: str) -> int:
    count = 0

    def pairs(items: list) -> dict:
        nonlocal count
        count += len(items)
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return count


@pytest.fixture
def rich_text(example_map) -> str:
    """Every kind of object a map holds: KPIs, evidence, a photo, dates, a snapshot of it all."""
    example_map.stages[0].kpis = [Kpi(name="Conversion", value=12.5, target=15, unit="%")]
    example_map.personas[0].photo = Photo(data=base64.b64encode(b"\x89PNG not really").decode("ascii"))
    example_map.snapshots = [Snapshot(name="Workshop 1", content=example_map.content())]
    assert any(card.evidence for card in example_map.cards)
    return dumps_journey(example_map)


def test_a_rich_current_map_takes_the_quick_path_and_reads_as_the_careful_path_does(rich_text):
    quick = load_fast(rich_text.encode("utf-8"), MAX_INT_DIGITS)
    assert quick is not None
    assert quick == _parse_carefully(rich_text, None)
    assert fields_given(quick) == _key_count(rich_text)  # a model added without being counted would fail here


@settings(max_examples=20, deadline=None)
@given(journey=journey_maps())
def test_any_saved_map_reads_the_same_by_either_path(journey):
    text = dumps_journey(journey)
    careful = _parse_carefully(text, None)
    assert fields_given(careful) == _key_count(text)
    quick = load_fast(text, MAX_INT_DIGITS)
    assert quick is None or quick == careful
    assert loads_journey(text) == careful


def _hostile(text: str) -> list[str]:
    """Variants of a good file the quick path would accept if it trusted pydantic alone."""
    card = '"lane_id": "'
    at = text.index(card)
    return [
        text[:at] + '"lane_id": "x", ' + text[at:],  # a key twice in a card
        text[:at] + '"lane_id" :\n "x", ' + text[at:],  # ... with whitespace before the colon
        text[:at] + '"lane\\u005fid": "x", ' + text[at:],  # ... spelt with an escape
        text.replace('"cards": [', '"lanes": [], "cards": [', 1),  # a key twice at the top
        text.replace('"value": 12.5', '"value": 1234567890123456789012345678901', 1),  # 31 digits, a float field
        text.replace('"value": 12.5', '"value": -1234567890123456789012345678901', 1),
        text.replace('"higher_is_better": true', '"higher_is_better": true, "unit": "%"', 1),
        text.replace('"schema_version": 2', '"schema_version": 1', 1),  # must be migrated
        text.replace('"schema_version": 2', '"schema_version": 2.0', 1),  # the migrations want a whole number
        text.replace('"schema_version": 2', '"schema_version": "2"', 1),
        "\ufeff" + text,
        text + "x",
    ]


def test_files_the_quick_path_cannot_vouch_for_get_the_careful_paths_answer(rich_text):
    for variant in _hostile(rich_text):
        assert variant != rich_text
        assert load_fast(variant.encode("utf-8"), MAX_INT_DIGITS) is None
        try:
            expected = str(_parse_carefully(variant.encode("utf-8"), None))
        except JourneyFileError as exc:
            expected = str(exc)
        try:
            got = str(loads_journey(variant.encode("utf-8")))
        except JourneyFileError as exc:
            got = str(exc)
        assert got == expected


def test_ids_spelt_against_the_pattern_get_the_careful_paths_answer(rich_text):
    """From JSON pydantic checks only an id's length; the map's validator checks the characters of all its
    ids at once, so a misspelt id anywhere (a card, a stage, a KPI, a persona, a snapshot, the map inside a
    snapshot) sends the file to the careful path, whose error names the id and the pattern."""
    starts = [at for at in range(len(rich_text)) if rich_text.startswith('"id": "', at)]
    assert len(starts) > 20
    kinds = set()
    for at in starts:
        for bad in ("a b", "caf\u00e9", "x\\n", "-\u0130"):
            variant = rich_text[:at] + f'"id": "{bad}' + rich_text[at + 7:]
            assert load_fast(variant.encode("utf-8"), MAX_INT_DIGITS) is None
            with pytest.raises(JourneyFileError) as error:
                loads_journey(variant)
            assert "String should match pattern '^[A-Za-z0-9_\\-]+$'" in str(error.value)
            assert str(error.value) == str(pytest.raises(JourneyFileError, _parse_carefully, variant, None).value)
        kinds.add(rich_text[:at].rsplit("[", 1)[0].rsplit('"', 2)[-2])
    assert {"stages", "kpis", "lanes", "cards", "personas", "snapshots"} <= kinds


def test_a_file_without_a_version_is_refused_not_given_the_default(rich_text):
    raw = json.loads(rich_text)
    del raw["schema_version"]
    text = json.dumps(raw)
    assert load_fast(text, MAX_INT_DIGITS) is None
    with pytest.raises(JourneyFileError, match="has no schema_version"):
        loads_journey(text)


def test_long_digit_runs_in_texts_are_kept_by_the_careful_path(rich_text):
    """A text that looks like a long number, or holds a quote and colon, still opens (more slowly)."""
    text = rich_text.replace('"title": "', '"title": "IBAN 1234567890123456789012345678901234 \\"a\\": ', 1)
    assert load_fast(text, MAX_INT_DIGITS) is None
    assert loads_journey(text).metadata.title.startswith('IBAN 1234567890123456789012345678901234 "a": ')


def test_bytes_pydantic_reads_differently_go_to_the_careful_path(rich_text):
    """Invalid UTF-8 and a lone surrogate escape: refused, with the careful path's words."""
    data = rich_text.encode("utf-8")
    for bad in (b"\xff", b"\xed\xa0\x80", b"\\ud800"):
        variant = data.replace(b'"title": "', b'"title": "' + bad, 1)
        assert load_fast(variant, MAX_INT_DIGITS) is None
    with pytest.raises(JourneyFileError, match="metadata.title: Input should be a valid string"):
        loads_journey(data.replace(b'"title": "', b'"title": "\\ud800', 1))
    with pytest.raises(JourneyFileError, match="is not UTF-8 text"):
        loads_journey(data.replace(b'"title": "', b'"title": "\xff', 1))


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector can free it


def test_keeping_what_a_paused_collector_built_still_collects_cycles_later():
    import gc
    import weakref

    from app.io.journey.file import gc_paused

    enabled = gc.isenabled()  # an in-process CLI test may have left it off
    with gc_paused(keep=True):
        kept = [[n] for n in range(1000)]
        garbage = weakref.ref(_Node())
    assert gc.isenabled() == enabled and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 100  # no young-generation pass is due over what was built
    assert garbage() is not None
    gc.collect()
    assert garbage() is None and len(kept) == 1000


def test_objects_frozen_on_purpose_stay_frozen():
    import gc

    from app.io.journey.file import gc_paused

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused(keep=True):
            [[n] for n in range(100)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
