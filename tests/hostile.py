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

    command = [sys.executable, str(PROJECT_ROOT / "main.py"), *map(str, args)]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
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
        return Outcome(process.returncode, out.read().decode("utf-8", "replace"),
                       err.read().decode("utf-8", "replace"), seconds, usage.ru_maxrss / 1024)
