"""The native .journey format: round trips, bad input, atomic saves, migrations, schema."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings

from app.io.errors import JourneyFileError
from app.io.journey import migrations
from app.io.journey.file import dumps_journey, load_journey, loads_journey, save_journey
from app.io.journey.schema import SCHEMA_PATH, schema_text
from app.model import JourneyMap, Kpi, Snapshot
from tests.conftest import PROJECT_ROOT
from tests.strategies import journey_maps


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(journey=journey_maps())
def test_any_valid_map_survives_save_and_load_unchanged(journey, tmp_path):
    path = tmp_path / "map.journey"
    save_journey(journey, path)
    again = load_journey(path)
    assert again == journey
    assert dumps_journey(again) == path.read_text(encoding="utf-8")


@settings(max_examples=25, deadline=None)
@given(journey=journey_maps())
def test_the_file_holds_what_json_dumps_wrote_in_the_same_key_order(journey):
    """Saving goes through pydantic's serializer; the data and key order are the model dump's."""
    data = journey.model_dump(mode="json", exclude_none=True)
    text = dumps_journey(journey)
    assert json.dumps(json.loads(text)) == json.dumps(data)
    assert text.endswith("}\n") and "\\u" not in text.replace("\\\\", "")


def test_the_file_text_is_byte_for_byte_what_json_dumps_writes(example_map):
    example_map.metadata.title = "Café – Путь – 旅程 \"quoted\" \\ tab\t"
    example_map.stages[0].kpis = [Kpi(name="Conversion", value=12.5, target=15, unit="%")]
    data = example_map.model_dump(mode="json", exclude_none=True)
    assert dumps_journey(example_map) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_a_nan_that_got_past_validation_is_refused_not_saved_as_null(example_map, tmp_path):
    kpi = Kpi(name="Conversion", value=1.0)
    object.__setattr__(kpi, "value", float("nan"))  # validation refuses NaN; only a bypass can put one there
    example_map.stages[0].kpis = [kpi]
    with pytest.raises(ValueError, match="not JSON compliant"):
        dumps_journey(example_map)
    example_map.metadata.title = "null"  # the word alone is fine
    example_map.stages[0].kpis = []
    assert '"title": "null"' in dumps_journey(example_map)


def test_snapshots_round_trip(example_map, tmp_path):
    example_map.snapshots = [Snapshot(name="Workshop 1", author="Ana", content=example_map.content())]
    save_journey(example_map, tmp_path / "m.journey")
    assert load_journey(tmp_path / "m.journey") == example_map


def test_file_is_stable_utf8_json_with_two_space_indent(example_map, tmp_path):
    example_map.metadata.title = "Café – Путь – 旅程"
    path = tmp_path / "m.journey"
    save_journey(example_map, path)
    text = path.read_text(encoding="utf-8")
    assert "Café – Путь – 旅程" in text  # not \u-escaped: diffs stay readable
    assert text.startswith('{\n  "metadata": {\n    "title"')
    assert '"schema_version": 2' in text
    save_journey(load_journey(path), tmp_path / "again.journey")
    assert (tmp_path / "again.journey").read_text(encoding="utf-8") == text


BAD_FILES = {
    "invalid json": (b'{"schema_version": 1, "stages": [', "is not valid JSON"),
    "empty": (b"", "is empty"),
    "whitespace": (b"   \n", "is empty"),
    "array": (b"[1, 2]", "holds a JSON array"),
    "no version": (b'{"stages": []}', "has no schema_version"),
    "string version": (b'{"schema_version": "1"}', "must be a whole number"),
    "future": (
        b'{"schema_version": 99}',
        "made by a newer version of Journey Canvas (schema 99); this version reads up to 2",
    ),
    "nan": (b'{"schema_version": 1, "emotion_scale": {"min": NaN, "max": 1}}', "NaN"),
    "infinity": (b'{"schema_version": 1, "emotion_scale": {"min": -Infinity, "max": 1}}', "Infinity"),
    "wrong shape": (b'{"schema_version": 1, "stages": [{"id": "a"}]}', "stages[0].name: Field required"),
    "unknown field": (b'{"schema_version": 1, "bogus": 1}', "bogus"),
    "dangling": (
        b'{"schema_version": 1, "stages": [{"id": "a", "name": "A"}], "lanes": [],'
        b' "cards": [{"id": "c", "stage_id": "a", "lane_id": "zz"}]}',
        "card 'c' is in lane 'zz', which does not exist",
    ),
    "binary": (bytes(range(256)) * 4, "binary file"),
    "workbook": (b"PK\x03\x04\x14\x00" + bytes(200), "is a zip archive (an Excel workbook or a PowerPoint file?)"),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(100), "is a PDF, not a journey map; give it the .pdf extension"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "is an Office binary file"),
    "utf16": ('{"schema_version": 1}'.encode("utf-16"), "UTF-16"),
    "latin1": ('{"schema_version": 1, "metadata": {"title": "Caf\xe9"}}'.encode("latin-1"), "not UTF-8"),
    "deep nesting": (b'{"schema_version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    "moderate nesting": (b'{"schema_version": 1, "x": ' + b"[" * 200 + b"]" * 200 + b"}", "nested too deeply"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_get_one_clear_error_naming_the_file(name, tmp_path):
    content, expected = BAD_FILES[name]
    path = tmp_path / f"{name.replace(' ', '_')}.journey"
    path.write_bytes(content)
    with pytest.raises(JourneyFileError) as caught:
        load_journey(path)
    message = str(caught.value)
    assert message.startswith(path.name + ": ")
    assert expected in message
    assert "\n" not in message


def test_utf8_bom_is_accepted(tmp_path, example_map):
    path = tmp_path / "bom.journey"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_journey(example_map).encode())
    assert load_journey(path) == example_map


def test_missing_file_and_folder_get_clear_errors(tmp_path):
    with pytest.raises(JourneyFileError, match="does not exist"):
        load_journey(tmp_path / "nope.journey")
    with pytest.raises(JourneyFileError, match="is a folder"):
        load_journey(tmp_path)


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    from app.io.journey import file as journey_file

    monkeypatch.setattr(journey_file, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.journey"
    path.write_bytes(b" " * 2000)
    with pytest.raises(JourneyFileError, match="is 2,000 bytes, more than the 1,000 bytes a map file can hold"):
        load_journey(path)


def test_failed_save_leaves_the_old_file_and_no_temporary_files(example_map, tmp_path, monkeypatch):
    path = tmp_path / "m.journey"
    save_journey(example_map, path)
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    example_map.metadata.title = "changed"
    with pytest.raises(JourneyFileError, match="No space left on device"):
        save_journey(example_map, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.journey"]


def test_successful_save_leaves_no_temporary_files(example_map, tmp_path):
    for _ in range(3):
        save_journey(example_map, tmp_path / "m.journey")
    assert [p.name for p in tmp_path.iterdir()] == ["m.journey"]


def test_a_process_killed_while_saving_never_leaves_a_torn_file(tmp_path, example_map):
    """Kill a process that saves a large map over and over; the file must always load."""
    big = example_map.model_copy(deep=True)
    big.cards = [
        c.model_copy(update={"id": f"x{i}_{c.id}", "text": c.text * 20}) for i in range(40) for c in example_map.cards
    ]
    path = tmp_path / "m.journey"
    save_journey(big, path)
    source = tmp_path / "source.journey"
    save_journey(big, source)
    script = (
        "import sys; from app.io.journey.file import load_journey, save_journey\n"
        f"m = load_journey({str(source)!r})\n"
        "print('ready', flush=True)\n"
        "i = 0\n"
        "while True:\n"
        "    i += 1; m.metadata.title = f'save {i}'\n"
        f"    save_journey(m, {str(path)!r})\n"
    )
    for delay in (0.05, 0.13, 0.21, 0.37):
        proc = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        survivor = load_journey(path)
        assert len(survivor.cards) == len(big.cards)
        for stray in tmp_path.glob(".m.*.tmp.journey"):  # a kill may leave a temp file, never a torn target
            stray.unlink()


def test_migrations_run_in_order_on_the_raw_dict(monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", {})

    @migrations.migration(1)
    def rename_title(raw):
        raw["metadata"] = {"title": raw.pop("name")}
        return raw

    @migrations.migration(2)
    def add_scale(raw):
        raw.setdefault("emotion_scale", {"min": 1, "max": 5})
        return raw

    upgraded = migrations.migrate({"schema_version": 1, "name": "Old map"}, current=3)
    assert upgraded == {"schema_version": 3, "metadata": {"title": "Old map"}, "emotion_scale": {"min": 1, "max": 5}}


def test_missing_migration_step_is_an_error(monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    with pytest.raises(migrations.MigrationError, match="no upgrade from schema 1 to 2"):
        migrations.migrate({"schema_version": 1}, current=2)


def test_registering_two_migrations_from_one_version_fails(monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    migrations.migration(1)(lambda raw: raw)
    with pytest.raises(RuntimeError):
        migrations.migration(1)(lambda raw: raw)


def test_version_zero_or_negative_is_refused(tmp_path):
    path = tmp_path / "old.journey"
    path.write_text(json.dumps({"schema_version": 0, "title": "Legacy"}))
    with pytest.raises(JourneyFileError, match="schema_version 0 is not a valid version"):
        load_journey(path)


def test_loads_accepts_text():
    journey = loads_journey('{"schema_version": 1, "metadata": {"title": "T"}}')
    assert journey.metadata.title == "T"
    assert isinstance(journey, JourneyMap)


def test_json_schema_in_repository_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "resources/journey.schema.json is stale: run `python -m app.io.journey.schema`"
    )
