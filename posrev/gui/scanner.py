"""What a barcode scanner does to the lookup input, kept apart from Qt: a scanner types the
code and presses Enter itself, and a nervous cashier may scan the same code twice."""

from __future__ import annotations

import threading
from collections.abc import Callable

from posrev.domain.numbers import normalise


class ScanFilter:
    """Ignores empty scans and the same scan twice within ``window`` seconds (one lookup for
    a double scan). The window empties its input on every Enter whatever this decides."""

    def __init__(self, monotonic: Callable[[], float], window: float = 1.0) -> None:
        self._monotonic = monotonic
        self._window = window
        self._last: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def accept(self, raw: str) -> bool:
        text = normalise(raw)
        if not text:
            return False
        now = self._monotonic()
        with self._lock:
            if self._last and self._last[0] == text and now - self._last[1] < self._window:
                return False
            self._last = (text, now)
            return True
