"""Normalising and validating what the cashier scans or types (DESIGN.md §8 step 2)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from posrev.errors import InputError
from posrev.messages import Text, english

SYSSN_MAX = 40
OUT_TRADE_NO_MAX = 128
AUTO_SYSSN_MIN = 20
MODES = ("auto", "syssn", "out_trade_no")


def normalise(raw: str) -> str:
    """Drop control characters anywhere (scanner prefixes/suffixes such as STX, CR, TAB)
    and surrounding whitespace."""
    cleaned = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    return cleaned.strip()


class NumberError(InputError):
    """A number that cannot be looked up. ``code`` says why, for a front-end to word in the
    cashier's language; the message is the plain English sentence (the CLI prints it)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# code -> its parameters; the sentences are posrev.messages' ``input.<code>``
PROBLEMS: dict[str, dict[str, int]] = {
    "empty": {},
    "syssn_not_digits": {},
    "syssn_too_long": {"max": SYSSN_MAX},
    "order_spaces": {},
    "order_characters": {},
    "order_too_long": {"max": OUT_TRADE_NO_MAX},
}


def _problem(code: str) -> NumberError:
    return NumberError(code, english(problem_text(code)))


def problem_text(code: str) -> Text:
    """Why a number cannot be looked up, as a sentence's code and parameters."""
    return Text(f"input.{code}", PROBLEMS.get(code, {}))


def check_syssn(value: str) -> str:
    if not value:
        raise _problem("empty")
    if not value.isascii() or not value.isdigit():
        raise _problem("syssn_not_digits")
    if len(value) > SYSSN_MAX:
        raise _problem("syssn_too_long")
    return value


def check_out_trade_no(value: str) -> str:
    if not value:
        raise _problem("empty")
    if " " in value:
        raise _problem("order_spaces")
    if not value.isascii() or not value.isprintable():
        raise _problem("order_characters")
    if len(value) > OUT_TRADE_NO_MAX:
        raise _problem("order_too_long")
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
        raise _problem("empty")
    if mode == "syssn":
        return Number(check_syssn(text), ("syssn",))
    if mode == "out_trade_no":
        return Number(check_out_trade_no(text), ("out_trade_no",))
    if text.isascii() and text.isdigit() and AUTO_SYSSN_MIN <= len(text) <= SYSSN_MAX:
        check_out_trade_no(text)
        return Number(text, ("syssn", "out_trade_no"))
    return Number(check_out_trade_no(text), ("out_trade_no",))
