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


def parse_amount(text: str, currency: str) -> int:
    """``parse_amount("25.50", "HKD") == 2550``: what a person types, in minor units, exactly
    (no float). ValueError for anything else: a sign, letters, more decimals than the
    currency has."""
    cleaned = (text or "").strip().replace(",", "")
    cur = (currency or "").upper()
    if cur and cleaned.upper().startswith(cur):
        cleaned = cleaned[len(cur):].strip()
    d = digits(currency)
    whole, dot, frac = cleaned.partition(".")
    if not whole.isdigit() and not (whole == "" and frac):
        raise ValueError(f"{text!r} is not an amount")
    if dot and (not frac.isdigit() or len(frac) > d):
        raise ValueError(f"{text!r} has more than {d} decimals" if frac.isdigit()
                         else f"{text!r} is not an amount")
    if not whole.isascii() or not (frac or "0").isascii():
        raise ValueError(f"{text!r} is not an amount")
    return int(whole or "0") * 10**d + (int(frac.ljust(d, "0")) if d and frac else 0)


def plain_amount(minor: int, currency: str) -> str:
    """``plain_amount(2550, "HKD") == "25.50"``: an amount as a person types it."""
    d = digits(currency)
    whole, frac = divmod(minor, 10**d) if d else (minor, 0)
    return f"{whole}" + (f".{frac:0{d}d}" if d else "")
