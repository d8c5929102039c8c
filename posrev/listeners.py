"""A list of "operation changed" listeners, called in turn: one failing never silences the
others, nor undoes the change (used by posrev/journal.py and posrev/app.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

Listener = Callable[[str], None]


class Listeners:
    def __init__(self, logger: str) -> None:
        self._lock = threading.Lock()
        self._items: list[Listener] = []
        self._log = logging.getLogger(logger)

    def add(self, listener: Listener) -> Callable[[], None]:
        """Add ``listener``; returns the function that removes it."""
        with self._lock:
            self._items.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._items:
                    self._items.remove(listener)

        return remove

    def notify(self, op_id: str) -> None:
        with self._lock:
            listeners = list(self._items)
        for listener in listeners:
            try:
                listener(op_id)
            except Exception:  # noqa: BLE001 - one listener must not silence the others
                self._log.exception("an operation-changed listener failed")
