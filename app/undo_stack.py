"""The document's undo stack, safe to tear down in any order.

Our undo commands are Python subclasses of QUndoCommand: the C++ command calls back into its Python object
(redo, undo, and when it is deleted). A plain QUndoStack keeps those Python objects alive only through its
own Python object. When a document ends in a reference cycle (a panel and the document holding each other),
Python's cycle collector may clear the stack's Python object first, freeing the commands' Python objects
while their C++ halves still sit in the stack; deleting the stack afterwards then called back into freed
memory and crashed the process (seen in the test suite, at random moments, as a segmentation fault in
~QUndoCommand). This stack keeps every pushed command's Python object in a table outside any such cycle and
lets it go only once the C++ stack is gone (its `destroyed` signal), after it has deleted its commands.
"""

from __future__ import annotations

from functools import partial
from itertools import count

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

_KEPT: dict[int, list[QUndoCommand]] = {}
"""Per living stack (by its number), the Python objects of the commands pushed onto it."""
_NUMBERS = count()


def _release(number: int, *_destroyed: object) -> None:
    _KEPT.pop(number, None)


class UndoStack(QUndoStack):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._number = number = next(_NUMBERS)
        self._kept = _KEPT[number] = []
        self._next_prune = 256
        self.destroyed.connect(partial(_release, number))

    def push(self, command: QUndoCommand) -> None:
        kept = self._kept
        kept.append(command)
        super().push(command)
        if len(kept) >= self._next_prune:  # commands merged into others or cleared are gone from C++: drop them
            kept[:] = [c for c in kept if shiboken6.isValid(c)]
            self._next_prune = max(256, 2 * len(kept))
