"""The eligibility rules: a plain value the configuration builds (posrev/config.py) and the
verdicts read (posrev/domain/eligibility.py, posrev/domain/refund.py)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_REVERSAL = ("800101", "801501", "800201", "800108")
DEFAULT_CLOSE = ("800008", "800208", "801008")
# "In progress" answers: keep querying (DESIGN.md §15.6; 1298 per the live zh-hant page and
# Odoo; 2999 from older gateways). posrev/gateway/codes.py reads the same list.
DEFAULT_PENDING = ("1143", "1145", "1298", "2999")


@dataclass(frozen=True)
class Rules:
    """The eligibility rules of DESIGN.md §9; every number is configurable."""

    reversal_pay_types: tuple[str, ...] = DEFAULT_REVERSAL
    close_pay_types: tuple[str, ...] = DEFAULT_CLOSE
    pending_codes: tuple[str, ...] = DEFAULT_PENDING
    supervisor_amount: int = 50000  # minor units; amount >= this needs a supervisor
    void_window_hours: float = 24.0
    late_void_minutes: float = 15.0
    routing: str = "guide"  # the preset the two pay-type tables come from, unless listed
    refund_window_days: float = 30.0  # a payment older than this is not refunded here
