"""Time, injectable. Every datetime in posrev is timezone-aware."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

GATEWAY_FORMAT = "%Y-%m-%d %H:%M:%S"


class Clock:
    """The real clock. Tests substitute a fake one (``tests/fakeclock.py``)."""

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


def parse_gateway_time(text: str, tz: str) -> datetime:
    """``"2026-11-26 12:00:00"`` in the gateway's zone -> aware datetime."""
    return datetime.strptime(text.strip(), GATEWAY_FORMAT).replace(tzinfo=ZoneInfo(tz))


def format_gateway_time(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime(GATEWAY_FORMAT)
