"""Run slow work (reading a workbook, detecting a map) on Qt's thread pool, results back on the GUI thread.

One module-level bridge object lives on the GUI thread for the life of the application and carries
every job's result as a queued signal with the job's number; a widget connects to it, keeps the
numbers of the jobs it started and ignores the rest. Nothing a job touches can be deleted under it:
a dialog closed while its job runs simply never hears the answer (its connections die with it).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from app.io.errors import JourneyFileError

Progress = Callable[[str], None]
Work = Callable[[Progress], Any]

_log = logging.getLogger(__name__)


class JobBridge(QObject):
    finished = Signal(int, object)  # job number, the work's return value
    failed = Signal(int, str)  # job number, one line for the user
    progress = Signal(int, str)  # job number, what the work is doing now


_bridge: JobBridge | None = None
_numbers = itertools.count(1)


def bridge() -> JobBridge:
    """The bridge (made on first use, which must be on the GUI thread)."""
    global _bridge
    if _bridge is None:
        _bridge = JobBridge()
    return _bridge


def run_in_background(work: Work) -> int:
    """Start `work(progress)` on the thread pool; returns the job number its signals carry."""
    carrier = bridge()
    number = next(_numbers)

    def run() -> None:
        try:
            value = work(lambda text: carrier.progress.emit(number, text))
        except JourneyFileError as exc:
            carrier.failed.emit(number, str(exc))
        except Exception as exc:  # a bug must not leave the dialog waiting forever
            _log.exception("background job failed")
            carrier.failed.emit(number, f"could not be read ({type(exc).__name__}: {exc})")
        else:
            carrier.finished.emit(number, value)

    QThreadPool.globalInstance().start(run)
    return number
