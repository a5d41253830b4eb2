"""Whether Qt's raster engine splits big fills across its GUI thread pool (set before the first paint)."""

from __future__ import annotations

import os

VARIABLE = "QT_NO_GUI_THREADPOOL"


def usable_cores() -> int:
    """The cores this process may run on (what Qt's idealThreadCount counts on Linux)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def prefer_serial_fills() -> None:
    """Keep fills on the GUI thread on a machine with two cores or fewer.

    Qt's raster engine hands every fill or blit of 96 lines or more to its GUI thread pool, in slices
    of 64 lines, and waits for them. That pool has one thread less than the machine has cores: on two
    cores one thread, so the canvas only waited while that thread filled and paid the hand-offs (on
    the 2-core benchmark machine about a third of the CPU of a frame that repaints the view). Qt reads
    QT_NO_GUI_THREADPOOL once, at the first such fill: call this before the QApplication exists. A
    value the user set is left alone; with more cores the pool really fills in parallel and is kept."""
    if VARIABLE not in os.environ and usable_cores() <= 2:
        os.environ[VARIABLE] = "1"
