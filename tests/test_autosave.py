"""Autosave and crash recovery, including a real editor process killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app import autosave
from app.io.journey.file import load_journey, save_journey
from app.model.templates import map_from_template
from tests.conftest import PROJECT_ROOT
from tests.shell_fixtures import close_window


def test_recovery_folder_follows_xdg_data_home(recovery_home):
    assert autosave.recovery_dir() == recovery_home / "journey-canvas" / "recovery"
    assert not autosave.recovery_dir().is_relative_to(Path.home() / ".local")


def test_write_and_read_back(recovery_home, example_map, tmp_path):
    path = autosave.new_recovery_path()
    assert path.name.startswith(f"{os.getpid()}-") and path.suffix == ".recovery"
    autosave.write_recovery(path, example_map, tmp_path / "orig.journey")
    info, journey = autosave.read_recovery(path)
    assert info.pid == os.getpid() and info.original_path == tmp_path / "orig.journey"
    assert info.title == "Switching mobile plans"
    assert journey == example_map
    assert path.read_text(encoding="utf-8").splitlines()[1] == "{"  # header line, then the .journey text


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_files_of_dead_processes_are_orphans(recovery_home, example_map, monkeypatch):
    live = autosave.new_recovery_path()
    autosave.write_recovery(live, example_map, None)  # ours: this process is alive
    dead = autosave.recovery_dir() / "dead.recovery"
    with monkeypatch.context() as patch:
        dead_pid = _dead_pid()
        patch.setattr(autosave.os, "getpid", lambda: dead_pid)
        autosave.write_recovery(dead, example_map, None)
    (autosave.recovery_dir() / "junk.recovery").write_text("not json\n", encoding="utf-8")
    (autosave.recovery_dir() / ".dead.x.tmp.recovery").write_text("half", encoding="utf-8")
    orphans = autosave.orphaned_recoveries()
    assert [o.path for o in orphans] == [dead]


def test_pid_alive():
    assert autosave.pid_alive(os.getpid())
    assert not autosave.pid_alive(_dead_pid())
    assert not autosave.pid_alive(0)


def test_window_autosaves_after_a_change_and_cleans_up_on_save(window, dialog_script, qtbot, tmp_path):
    saver = window.autosaver
    assert not saver.path.exists()
    journey = window.document.journey
    window.document.add_card(journey.stages[0].id, journey.lanes[0].id, "autosaved text")
    qtbot.waitUntil(saver.path.exists, timeout=3000)
    _, recovered = autosave.read_recovery(saver.path)
    assert [c.text for c in recovered.cards] == ["autosaved text"]

    dialog_script.save_paths.append(tmp_path / "saved.journey")
    assert window.save()
    assert not saver.path.exists()  # saved and clean: nothing to recover
    window.document.undo_stack.undo()
    qtbot.waitUntil(saver.path.exists, timeout=3000)  # modified again (undo past the save)
    window.document.undo_stack.redo()
    qtbot.waitUntil(lambda: not saver.path.exists(), timeout=3000)  # back at the saved state


def test_discard_and_close_remove_the_file(window, dialog_script, qtbot):
    journey = window.document.journey
    window.document.add_card(journey.stages[0].id, journey.lanes[0].id, "x")
    window.autosaver.write_now()
    path = window.autosaver.path
    assert path.exists()
    dialog_script.unsaved_answer = "discard"
    assert window.new_from_template("four-stage")
    assert not path.exists()
    window.document.add_card(window.document.journey.stages[0].id, window.document.journey.lanes[0].id, "y")
    window.autosaver.write_now()
    assert path.exists()
    window.close()
    assert not path.exists()


KILLED_EDITOR = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from app.io.formats import read_map
    from app.widgets.main_window import MainWindow

    app = QApplication([])
    window = MainWindow()
    source = Path(sys.argv[1])
    window.open_path(source)
    doc = window.document
    doc.add_card(doc.journey.stages[1].id, doc.journey.lanes[0].id, "Written just before the crash")
    doc.edit_metadata(title="Edited title")
    deadline = time.monotonic() + 10
    while not window.autosaver.path.exists() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    print(window.autosaver.path, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.fixture
def killed_session(recovery_home, tmp_path):
    """Run an editor that edits a saved map, autosaves, and is killed; return (source, recovery file)."""
    source = tmp_path / "workshop.journey"
    save_journey(map_from_template("five-stage", title="Workshop"), source)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(recovery_home))
    result = subprocess.run([sys.executable, "-c", KILLED_EDITOR, str(source)], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    recovery = Path(result.stdout.strip())
    assert recovery.exists() and recovery.parent == autosave.recovery_dir()
    return source, recovery


def test_killed_session_is_restored(killed_session, window, dialog_script):
    source, recovery = killed_session
    orphans = autosave.orphaned_recoveries()
    assert [o.path for o in orphans] == [recovery]
    assert orphans[0].original_path == source and orphans[0].title == "Edited title"

    assert window.restore_recovery(recovery)
    doc = window.document
    assert doc.path == source and doc.modified and window.isWindowModified()
    assert window.windowTitle() == "workshop.journey[*] — Journey Canvas"
    assert doc.journey.metadata.title == "Edited title"
    assert [c.text for c in doc.journey.cards] == ["Written just before the crash"]
    assert load_journey(source).metadata.title == "Workshop"  # the original file was not touched
    assert not recovery.exists()  # the window's own recovery file replaces the old one
    assert window.autosaver.path.exists()
    assert autosave.orphaned_recoveries() == []
    assert window.save()  # saves to the original path, no question asked
    assert load_journey(source).metadata.title == "Edited title"
    assert not window.autosaver.path.exists()


@pytest.mark.parametrize("answer", ["restore", "discard", "later"])
def test_start_offers_recovery(killed_session, dialog_script, clean_settings, answer):
    from app.gui import open_windows

    source, recovery = killed_session
    dialog_script.recovery_answer = answer
    windows = open_windows(None)
    try:
        assert dialog_script.asked[0].startswith("recovery:'Edited title' (workshop.journey)")
        assert len(windows) == 1
        doc = windows[0].document
        if answer == "restore":
            assert doc.path == source and doc.modified
            assert [c.text for c in doc.journey.cards] == ["Written just before the crash"]
        else:  # the start page, over an untitled map
            assert doc.path is None and windows[0].start_pages.showing
        assert recovery.exists() == (answer == "later")
    finally:
        for win in windows:
            close_window(win, dialog_script)
    remaining = [o.path for o in autosave.orphaned_recoveries()]
    assert remaining == ([recovery] if answer == "later" else [])  # "later" asks again next start


def test_opening_a_file_does_not_offer_recovery(killed_session, dialog_script, clean_settings, tmp_path):
    from app.gui import open_windows

    path = tmp_path / "other.journey"
    save_journey(map_from_template("lifecycle"), path)
    windows = open_windows(path)
    try:
        assert windows[0].document.path == path
        assert dialog_script.asked == []
    finally:
        for win in windows:
            close_window(win, dialog_script)


@pytest.mark.parametrize("answer", ["restore", "discard", "later"])
def test_opening_the_crashed_file_offers_its_recovery(killed_session, dialog_script, clean_settings, answer):
    """`journey-canvas FILE` (a double-click) after a crash while FILE was open: its unsaved edits are
    offered, not silently hidden behind the saved copy."""
    from app.gui import open_windows

    source, recovery = killed_session
    dialog_script.recovery_answer = answer
    described = autosave.read_header(recovery).describe()
    windows = open_windows(source)
    try:
        assert dialog_script.asked == [f"recovery:{described}"]
        assert described.startswith("'Edited title' (workshop.journey)")
        assert len(windows) == 1
        doc = windows[0].document
        assert doc.path == source
        texts = [c.text for c in doc.journey.cards]
        assert texts == (["Written just before the crash"] if answer == "restore" else [])
        assert doc.modified == (answer == "restore")
        assert recovery.exists() == (answer == "later")
    finally:
        for win in windows:
            close_window(win, dialog_script)
