"""QFPay response codes in plain words (DESIGN.md §15.10, current meaning first).

Used to explain a failed void to a cashier: ``explain("1155")``.
"""

from __future__ import annotations

from posrev.messages import RESPCD, RESPCD_REFUND, english, respcd_described, respcd_words
from posrev.model.rules import DEFAULT_PENDING as _PENDING

# Read from a record in posrev/model/transaction.py; re-exported here.
from posrev.model.transaction import ALREADY_CANCELLED as ALREADY_CANCELLED
from posrev.model.transaction import SUCCESS as SUCCESS

# Pending: keep querying (the default list: posrev/model/rules.py).
DEFAULT_PENDING = frozenset(_PENDING)
WRONG_SIGNATURE = "1108"
ORDER_ALREADY_PAID = "1260"

# The words of every code are in posrev/messages.py (one source for the CLI and the window).
MEANINGS = RESPCD
REFUND_MEANINGS = RESPCD_REFUND
# Refund answers that mean "it may already exist": enquire before anything else.
REFUND_MAY_EXIST = frozenset({"1251", "1264"})


def explain_refund(respcd: str | None) -> str:
    return english(respcd_words(respcd, refund=True))


def describe_refund(respcd: str | None) -> str:
    return english(respcd_described(respcd, refund=True))


def explain(respcd: str | None) -> str:
    """One phrase for a code, e.g. ``"the amount is wrong"``; unknown codes say so."""
    return english(respcd_words(respcd))


def describe(respcd: str | None) -> str:
    """``"the amount is wrong (1266)"`` — the words and the code, for an outcome line."""
    return english(respcd_described(respcd))
