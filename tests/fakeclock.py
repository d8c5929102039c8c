"""The one fake clock of the test suite. PYTEST_DONT_REWRITE

It serves both kinds of clock posrev takes: a ``posrev.clock.Clock`` (``now()``,
``monotonic()``, ``sleep()``) for the core, and a plain callable returning the time for the
simulator. It moves only when a test advances it, or when something sleeps on it, so polling
tests run instantly.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from posrev.clock import Clock


class FakeClock(Clock):
    """A clock that only moves when told, or when something sleeps on it."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
        self._mono = 1000.0
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        """The simulator's clock interface: the current time."""
        return self.now()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        with self._lock:
            return self._mono

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        """Move forward by ``seconds`` and/or ``timedelta`` keywords (``minutes=5``)."""
        step = timedelta(seconds=seconds, **delta)
        with self._lock:
            self._now += step
            self._mono += step.total_seconds()

    def sleep(self, seconds: float, cancel: threading.Event | None = None) -> bool:
        if cancel is not None and cancel.is_set():
            return True
        self.advance(max(0.0, seconds))
        return False
