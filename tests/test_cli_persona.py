"""`convert --persona NAME`, end to end in subprocesses: which persona a typed name picks, and the one-line
errors (listing the map's personas, exit 1) for a name that is blank, unknown or fits several personas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.io.journey.file import save_journey
from app.model.journey import Persona
from app.model.personas import PersonaFilterError, match_persona
from tests.persona_maps import three_persona_blueprint
from tests.test_cli import run_cli


def _map_with(tmp_path: Path, *extra: str) -> Path:
    """The three-persona clinic map (Maya, Kai, Jo) with more personas named `extra`."""
    journey = three_persona_blueprint()
    journey.personas = [*journey.personas, *(Persona(name=name) for name in extra)]
    path = tmp_path / "clinic.journey"
    save_journey(journey, path)
    return path


def _personas_of(tmp_path: Path, source: Path, *names: str):
    out = tmp_path / "out.journey"
    result = run_cli("convert", str(source), str(out), *[arg for name in names for arg in ("--persona", name)])
    shown = [p["name"] for p in json.loads(out.read_text(encoding="utf-8"))["personas"]] if out.exists() else None
    return result, shown


@pytest.mark.parametrize("typed", ["Zoé Ng", "zoé ng", "  ZOÉ   NG ", "Zoe Ng", "zoe ng", "Zoe\u0301 Ng"])
def test_a_name_matches_whatever_its_case_spaces_and_accents(tmp_path, typed):
    result, shown = _personas_of(tmp_path, _map_with(tmp_path, "Zoé Ng"), typed)
    assert result.returncode == 0, result.stderr
    assert shown == ["Zoé Ng"]
    assert "note:" not in result.stderr or "taken as 'Zoé Ng'" in result.stderr


def test_a_unique_start_of_a_name_is_taken_and_the_note_says_as_whom(tmp_path):
    result, shown = _personas_of(tmp_path, _map_with(tmp_path, "Marco"), "ka", "Jo")
    assert result.returncode == 0, result.stderr
    assert shown == ["Kai", "Jo"]
    assert "note: persona 'ka' taken as 'Kai'" in result.stderr
    assert "'Jo' taken" not in result.stderr  # an exact name needs no note


@pytest.mark.parametrize("typed, says", [
    ("Bob", "no persona named 'Bob' on this map"),
    ("Ma", "persona 'Ma' is ambiguous: it matches 'Maya', 'Marco'; give more of the name"),
    ("", "a persona name is empty"),
    ("   ", "a persona name is empty"),
])
def test_an_unknown_ambiguous_or_blank_name_is_one_line_listing_the_personas(tmp_path, typed, says):
    source = _map_with(tmp_path, "Marco")
    for out_name in ("out.journey", "out.pdf", "out.pptx", "out.xlsx"):
        out = tmp_path / out_name
        result = run_cli("convert", str(source), str(out), "--persona", "Kai", "--persona", typed)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert lines[0].startswith("journey-canvas: error: --persona: ") and says in lines[0]
        assert lines[0].endswith("(personas: 'Maya', 'Kai', 'Jo', 'Marco')")
        assert not out.exists()  # never an export of everything, or of nothing


def test_two_personas_of_the_same_name_are_ambiguous_and_the_ids_tell_them_apart(tmp_path):
    source = _map_with(tmp_path, "maya")
    ids = [p["id"] for p in json.loads(source.read_text(encoding="utf-8"))["personas"]]
    result, shown = _personas_of(tmp_path, source, "Maya")
    assert result.returncode == 1 and shown is None
    assert f"persona 'Maya' is ambiguous: it matches 'Maya' (id {ids[0]}), 'maya' (id {ids[3]})" in result.stderr
    result, shown = _personas_of(tmp_path, source, ids[3])
    assert result.returncode == 0, result.stderr
    assert shown == ["maya"]


def test_an_exact_name_wins_over_one_equal_but_for_accents_and_over_longer_names():
    journey = three_persona_blueprint()
    journey.personas = [*journey.personas, Persona(name="Zoé"), Persona(name="Zoe"), Persona(name="Joanna")]
    assert match_persona(journey, "zoe").label == "Zoe" and match_persona(journey, "ZOÉ").label == "Zoé"
    assert match_persona(journey, "jo").label == "Jo" and match_persona(journey, "joa").how == "prefix"
    with pytest.raises(PersonaFilterError, match="'Zoé' \\(id .*\\), 'Zoe' \\(id .*\\)"):
        match_persona(journey, "ZOË")
