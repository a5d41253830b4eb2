"""Running the command line against hostile files: exit code, stderr, time and peak memory of the process."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PROJECT_ROOT

MAX_SECONDS = 30.0  # generous: the target is 5 s, but CI machines are shared and slow
MAX_RSS_MB = 500.0


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    rss_mb: float

    def assert_refused(self, *words: str) -> None:
        """Exit 1, exactly one line on stderr naming the problem, no traceback, within time and memory."""
        self.assert_bounded()
        assert self.code == 1, (self.code, self.stderr)
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("journey-canvas: error: "), self.stderr
        for word in words:
            assert word in lines[0], (word, lines[0])

    def assert_bounded(self) -> None:
        assert "Traceback" not in self.stderr, self.stderr
        assert "Warning:" not in self.stderr, self.stderr  # no raw Python warnings
        assert self.seconds < MAX_SECONDS, self.seconds
        assert self.rss_mb < MAX_RSS_MB, self.rss_mb


def run_cli(*args: str | Path, timeout: float = 120, file_size_limit: int | None = None) -> Outcome:
    """Run `journey-canvas ARGS` in a fresh process, killed after `timeout` seconds; `file_size_limit`
    makes every write past that many bytes fail, as on a full disk."""

    def limits() -> None:
        if file_size_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    command = [sys.executable, "-c", _PEAK_REPORTER, str(PROJECT_ROOT / "main.py"), *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", JOURNEY_TEST_PEAK_FILE=str(peak_file))
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=PROJECT_ROOT,
                                   env=env, preexec_fn=limits)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        written = peak_file.read_text() if peak_file.exists() else ""
        peak_kb = int(written) if written.isdigit() else usage.ru_maxrss  # killed before it could say
        return Outcome(process.returncode, out.read().decode("utf-8", "replace"),
                       err.read().decode("utf-8", "replace"), seconds, peak_kb / 1024)


_PEAK_REPORTER = """
import os, runpy, sys
_peak_file, _real_exit = os.environ.pop("JOURNEY_TEST_PEAK_FILE"), os._exit
def _write_peak():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(_peak_file, "w", encoding="ascii") as out:
            out.write(peak)
    except (OSError, StopIteration):
        pass  # the kernel's figure is used instead
def _exit(code):
    _write_peak()
    _real_exit(code)
os._exit = _exit
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    _write_peak()
"""
"""Runs main.py and writes the process's own peak resident memory (VmHWM, kB) where the test reads it: the kernel's
ru_maxrss of a child forked from pytest starts at pytest's own size (fork copies it, exec keeps it), which late in
the suite is itself near the limit."""
