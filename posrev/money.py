"""Money is integer minor units end to end; this only formats it for people."""

from __future__ import annotations

# ISO 4217 minor-unit digits for the currencies QFPay lists (DESIGN.md §15.11).
DIGITS: dict[str, int] = {
    "AED": 2, "CNY": 2, "EUR": 2, "HKD": 2, "IDR": 2, "JPY": 0, "MMK": 2, "MYR": 2,
    "SGD": 2, "THB": 2, "USD": 2, "CAD": 2, "AUD": 2,
}


def digits(currency: str) -> int:
    return DIGITS.get((currency or "").upper(), 2)


def format_amount(minor: int, currency: str) -> str:
    """``format_amount(2500, "HKD") == "HKD 25.00"``; ``(1200, "JPY") == "JPY 1,200"``."""
    if not isinstance(minor, int):
        raise TypeError("amounts are integer minor units")
    d = digits(currency)
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 10**d) if d else (abs(minor), 0)
    text = f"{whole:,}" + (f".{frac:0{d}d}" if d else "")
    cur = (currency or "").upper()
    return f"{cur} {sign}{text}".strip()
