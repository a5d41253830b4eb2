"""Fills stay on the GUI thread on machines where Qt's GUI thread pool would have one thread."""

from __future__ import annotations

from app.painters import raster_threads
from app.painters.raster_threads import VARIABLE, prefer_serial_fills


def test_two_cores_keep_fills_on_the_gui_thread_more_keep_the_pool_and_a_users_choice_wins(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    monkeypatch.setattr(raster_threads, "usable_cores", lambda: 2)
    prefer_serial_fills()
    assert raster_threads.os.environ[VARIABLE] == "1"
    monkeypatch.delenv(VARIABLE)
    monkeypatch.setattr(raster_threads, "usable_cores", lambda: 8)
    prefer_serial_fills()
    assert VARIABLE not in raster_threads.os.environ
    monkeypatch.setenv(VARIABLE, "")  # set, even empty: Qt only asks whether it is set
    monkeypatch.setattr(raster_threads, "usable_cores", lambda: 1)
    prefer_serial_fills()
    assert raster_threads.os.environ[VARIABLE] == ""

