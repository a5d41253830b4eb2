"""Reading a sheet with Python's cycle collector paused.

An import allocates hundreds of thousands of small objects (cells, detected cards, card dicts, the
validated models) that all stay alive until it ends. The collector, triggered by allocation counts,
walks every one of them again and again while they pile up: on a 22,400-card sheet that was a third
of the import's time (the validation of the map alone took twice as long). Reference counting still
frees what the import drops; anything cyclic waits for the collector's next run after the import.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block, and back on after it if it was on (nested or concurrent
    imports: only the one that turned it off turns it on again)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_collector(func: Callable[P, R]) -> Callable[P, R]:
    """`func` run with the cycle collector paused (see `collector_paused`)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return func(*args, **kwargs)

    return wrapper
