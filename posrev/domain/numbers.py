"""Normalising and validating what the cashier scans or types (SPEC §2 step 2)."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

from posrev.errors import InputError

SYSSN_MAX = 40
OUT_TRADE_NO_MAX = 128
AUTO_SYSSN_MIN = 20
MODES = ("auto", "syssn", "out_trade_no")


def normalise(raw: str) -> str:
    """Drop control characters anywhere (scanner prefixes/suffixes such as STX, CR, TAB)
    and surrounding whitespace."""
    cleaned = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    return cleaned.strip()


def check_syssn(value: str) -> str:
    if not value:
        raise InputError("The QFPay number is empty.")
    if not value.isascii() or not value.isdigit():
        raise InputError("A QFPay number (syssn) has digits only.")
    if len(value) > SYSSN_MAX:
        raise InputError(f"A QFPay number (syssn) has at most {SYSSN_MAX} digits.")
    return value


def check_out_trade_no(value: str) -> str:
    if not value:
        raise InputError("The order number is empty.")
    if not value.isascii() or not value.isprintable() or " " in value:
        raise InputError("An order number has printable ASCII characters only, without spaces.")
    if len(value) > OUT_TRADE_NO_MAX:
        raise InputError(f"An order number has at most {OUT_TRADE_NO_MAX} characters.")
    return value


@dataclass(frozen=True)
class Number:
    """A validated number and the fields to try it as, in order."""

    text: str
    tries: tuple[str, ...]  # each "syssn" or "out_trade_no"


def parse_number(raw: str, mode: str = "auto") -> Number:
    """Normalise and validate; raise InputError with one clear sentence."""
    if mode not in MODES:
        raise InputError(f"Unknown lookup mode '{mode}'; use one of {', '.join(MODES)}.")
    text = normalise(raw)
    if not text:
        raise InputError("Nothing was scanned or typed.")
    if mode == "syssn":
        return Number(check_syssn(text), ("syssn",))
    if mode == "out_trade_no":
        return Number(check_out_trade_no(text), ("out_trade_no",))
    if text.isascii() and text.isdigit() and AUTO_SYSSN_MIN <= len(text) <= SYSSN_MAX:
        check_out_trade_no(text)
        return Number(text, ("syssn", "out_trade_no"))
    return Number(check_out_trade_no(text), ("out_trade_no",))


class ScanFilter:
    """Ignores empty scans and the same scan twice within ``window`` seconds (SPEC §2)."""

    def __init__(self, monotonic, window: float = 1.0) -> None:  # type: ignore[no-untyped-def]
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
