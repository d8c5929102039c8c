"""Time, injectable. Every datetime in posrev is timezone-aware."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

GATEWAY_FORMAT = "%Y-%m-%d %H:%M:%S"


class Clock:
    """The real clock. Tests substitute ``FakeClock``."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float, cancel: threading.Event | None = None) -> bool:
        """Sleep; return True if ``cancel`` was set (woken early)."""
        if seconds <= 0:
            return bool(cancel and cancel.is_set())
        if cancel is None:
            time.sleep(seconds)
            return False
        return cancel.wait(seconds)


class FakeClock(Clock):
    """A clock that only moves when told, or when something sleeps on it."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
        self._mono = 1000.0
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        with self._lock:
            return self._mono

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)
            self._mono += seconds

    def sleep(self, seconds: float, cancel: threading.Event | None = None) -> bool:
        if cancel is not None and cancel.is_set():
            return True
        self.advance(max(0.0, seconds))
        return False


def parse_gateway_time(text: str, tz: str) -> datetime:
    """``"2026-11-26 12:00:00"`` in the gateway's zone -> aware datetime."""
    return datetime.strptime(text.strip(), GATEWAY_FORMAT).replace(tzinfo=ZoneInfo(tz))


def format_gateway_time(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime(GATEWAY_FORMAT)
