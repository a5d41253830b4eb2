"""The command line, end to end in subprocesses, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.io.journey.file import load_journey
from app.model.templates import template_names
from tests.conftest import EXAMPLE_MAP, PROJECT_ROOT


def run_cli(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_templates_lists_one_per_line_name_first():
    result = run_cli("templates")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == template_names()


@pytest.mark.parametrize("template", template_names())
def test_new_from_each_template_then_info_json(template, tmp_path):
    out = tmp_path / f"{template}.journey"
    assert run_cli("new", str(out), "--template", template).returncode == 0
    result = run_cli("info", str(out), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    first = {"name": "Customer actions", "kind": "actions", "role": None}
    if template == "service-blueprint":
        first = {"name": "Physical evidence", "kind": "text", "role": "evidence"}
    assert summary["lanes"][0] == first
    assert summary["cells"] == [] and summary["emotions"] == []
    assert summary["emotion_scale"] == [-2.0, 2.0]


def test_info_json_of_example_has_exact_shape():
    result = run_cli("info", str(EXAMPLE_MAP), "--json")
    summary = json.loads(result.stdout)
    assert list(summary) == ["title", "stages", "phases", "lanes", "cells", "emotions", "emotion_scale",
                             "personas", "cards"]
    assert summary["title"] == "Switching mobile plans"
    assert all(isinstance(s, str) for s in summary["stages"])
    assert all(set(p) == {"name", "stages"} for p in summary["phases"])
    assert all(set(c) == {"stage", "lane", "items"} for c in summary["cells"])
    assert all(set(e) == {"stage", "lane", "value", "label", "persona"} for e in summary["emotions"])
    assert all(set(lane) == {"name", "kind", "role"} for lane in summary["lanes"])
    assert all(set(c) == {"stage", "lane", "text", "personas"} for c in summary["cards"])
    assert summary["personas"] == [{"name": "Maya Okafor"}]


def test_info_plain_text():
    result = run_cli("info", str(EXAMPLE_MAP))
    assert result.returncode == 0
    assert "Switching mobile plans" in result.stdout and "Cards:    44" in result.stdout


def test_convert_journey_to_json_and_back_keeps_the_map(tmp_path):
    as_json = tmp_path / "m.json"
    back = tmp_path / "m.journey"
    assert run_cli("convert", str(EXAMPLE_MAP), str(as_json)).returncode == 0
    assert run_cli("convert", str(as_json), str(back)).returncode == 0
    assert back.read_text(encoding="utf-8") == EXAMPLE_MAP.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "m.journey"
    out.write_text("precious")
    result = run_cli("new", str(out))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert out.read_text() == "precious"
    assert run_cli("new", str(out), "--force").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("info", "missing.journey"), "missing.journey: does not exist"),
        (("new", "x.journey", "--template", "nope"), "no template named 'nope'"),
        (("convert", "a.journey", "b.docx"), "cannot write '.docx' files"),
        (("convert", "a.docx", "b.journey"), "cannot read '.docx' files"),
        (("convert", "a.xls", "b.journey"), "save it as .xlsx"),
        # a name longer than the file system allows (255 bytes) is an OSError from the first stat
        (("convert", str(EXAMPLE_MAP), "n" * 300 + ".pdf"), "File name too long"),
        (("convert", "n" * 300 + ".journey", "b.pdf"), "File name too long"),
        (("new", "n" * 300 + ".journey"), "File name too long"),
        (("info", "maps"), "maps: is a folder, not a file"),  # said 'cannot read files without an extension'
        (("convert", "maps", "b.pdf"), "maps: is a folder, not a file"),
        (("info", "missing.docx"), "missing.docx: does not exist"),  # missing, whatever its extension
    ],
)
def test_errors_are_one_line_without_traceback(args, message, tmp_path):
    (tmp_path / "a.docx").write_text("Stage,Awareness\n")  # files that exist, in formats that cannot be read
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "maps").mkdir()
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_failed_convert_never_damages_an_existing_output(tmp_path):
    bad = tmp_path / "bad.journey"
    bad.write_text("{ not json")
    out = tmp_path / "out.json"
    out.write_text("keep me")
    result = run_cli("convert", str(bad), str(out))
    assert result.returncode == 1
    assert "bad.journey: is not valid JSON" in result.stderr
    assert out.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.journey", "out.json"]


def test_convert_refuses_to_write_over_its_input(tmp_path):
    path = tmp_path / "m.journey"
    path.write_bytes(EXAMPLE_MAP.read_bytes())
    result = run_cli("convert", str(path), str(path))
    assert result.returncode == 1
    assert "is the file being converted" in result.stderr
    assert path.read_bytes() == EXAMPLE_MAP.read_bytes()


def test_version_and_help():
    assert run_cli("--version").stdout.startswith("journey-canvas ")
    help_text = run_cli("--help").stdout
    assert "convert IN OUT" in help_text


def test_unknown_option_is_a_usage_error():
    result = run_cli("--bogus")
    assert result.returncode == 2
    assert "unknown command" in result.stderr


def test_a_command_parses_with_its_own_options_only_as_with_every_command_defined(capsys):
    """A command's process defines only its own options (argparse is slow to define them all): its help, its
    usage errors and what it parses are those of the parser of every command."""
    from app.cli import COMMANDS, _build_parser

    full = _build_parser()
    assert full.format_usage() == _build_parser("info").format_usage()  # every command named, as before
    assert _build_parser("convert").parse_args(["convert", "a.xlsx", "b.pdf", "--fit", "tile", "--persona", "Ann"]) \
        == full.parse_args(["convert", "a.xlsx", "b.pdf", "--fit", "tile", "--persona", "Ann"])
    for name in COMMANDS:
        outputs = []
        for parser in (full, _build_parser(name)):
            for args in ([name, "--help"], [name, "--no-such-option"]):
                with pytest.raises(SystemExit) as stopped:
                    parser.parse_args(args)
                outputs.append((stopped.value.code, *capsys.readouterr()))
        assert outputs[:2] == outputs[2:], name


def test_an_in_process_command_gives_the_cycle_collector_back(capsys):
    """The CLI runs a command without the cycle collector (the process ends right after); a caller that goes
    on (a test, a script) must get it back, or every later test runs without it."""
    import gc

    from app.cli import main

    assert gc.isenabled()
    assert main(["info", str(EXAMPLE_MAP)]) == 0
    assert gc.isenabled()
    assert main(["info", str(EXAMPLE_MAP.with_name("no-such-map.journey"))]) != 0
    assert gc.isenabled()
    capsys.readouterr()


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["show-text", str(EXAMPLE_MAP)]])
def test_a_reader_that_leaves_early_is_no_error(args):
    """`journey-canvas --help | head -1`: the pipe is closed before the command writes; no traceback."""
    process = subprocess.Popen([sys.executable, "-m", "app.cli", *args], cwd=PROJECT_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # long before the new process has started Python
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors
    assert errors == b""


def test_a_reader_of_the_report_that_leaves_early_does_not_stop_the_conversion(tmp_path):
    """`convert map.xlsx map.journey 2>&1 | head -1`: the import's report met the closed pipe, the command
    stopped there with exit 0 and the map was never written."""
    from tests.import_helpers import make_workbook

    book = make_workbook(tmp_path / "map.xlsx", [[None, "Awareness", "Purchase"], ["Doing", "Sees an ad", "Pays"],
                                                 ["Lane two", "a", "b"]])
    out = tmp_path / "map.journey"
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has left before anything is written
    try:
        process = subprocess.run([sys.executable, "-m", "app.cli", "convert", str(book), str(out)],
                                 cwd=PROJECT_ROOT, stdout=write_end, stderr=write_end, timeout=120)
    finally:
        os.close(write_end)
    assert process.returncode == 0
    assert [stage.name for stage in load_journey(out).stages] == ["Awareness", "Purchase"]


def test_convert_says_which_options_the_output_format_ignores(tmp_path):
    """`convert map deck.pptx --cover` wrote a deck without a word about the cover it did not make."""
    out = tmp_path / "deck.pptx"
    result = run_cli("convert", str(EXAMPLE_MAP), str(out), "--cover", "--page-size", "A3", "--slide-size", "4:3")
    assert result.returncode == 0 and out.exists()
    assert "warning: --page-size and --cover do not apply to .pptx files; they were ignored" in result.stderr
    assert "--slide-size" not in result.stderr
    result = run_cli("convert", str(EXAMPLE_MAP), str(tmp_path / "map.xlsx"), "--page-size", "A3", "--no-embed")
    assert "warning: --no-embed does not apply to .xlsx files; it was ignored" in result.stderr
    assert "--page-size" not in result.stderr  # Excel's print setup takes the paper
    result = run_cli("convert", str(EXAMPLE_MAP), str(tmp_path / "map.pdf"), "--cover", "--no-embed")
    assert "ignored" not in result.stderr


def test_reading_says_which_options_the_source_format_ignores(tmp_path):
    """`info map.csv --sheet Plan` read the CSV's one sheet without a word about the sheet asked for."""
    sheet = tmp_path / "map.csv"
    sheet.write_text("Stage,Discover,Buy\nDoing,Searches,Pays\n", encoding="utf-8")
    result = run_cli("info", str(sheet), "--sheet", "Plan")
    assert result.returncode == 0
    assert "warning: --sheet does not apply to .csv files; it was ignored" in result.stderr
    result = run_cli("info", str(EXAMPLE_MAP), "--sheet", "Plan", "--map", "B2")
    assert "warning: --sheet and --map do not apply to .journey files; they were ignored" in result.stderr
    result = run_cli("info", str(sheet), "--map", "A1")
    assert "ignored" not in result.stderr
