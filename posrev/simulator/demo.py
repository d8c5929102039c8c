"""Demo orders: one memorable order per verdict of DESIGN.md §9, for ``--demo`` and evaluators.

Each order has a fixed ``out_trade_no`` (its name) and a fixed 20-digit syssn, so a guide
or a test can name them; the times are relative to ``now``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NamedTuple

from posrev.simulator.server import Simulator

DEMO_SYSSN_PREFIX = "888800000000000000"  # + 2 digits: 20 digits, Auto mode reads a syssn


class _Demo(NamedTuple):
    name: str  # the key in the returned dict; also the out_trade_no unless out_trade_no says
    pay_type: str
    respcd: str
    txamt: int
    age: timedelta
    cancel: int = 0
    scenario: dict[str, Any] = {}
    order_type: str = "payment"
    refund_of: str | None = None  # the name of the payment a refund record belongs to
    out_trade_no: str | None = None


_MIN = timedelta(minutes=1)
DEMO_ORDERS: tuple[_Demo, ...] = (
    _Demo("DEMO-REVERSE", "800108", "1143", 2500, 2 * _MIN),  # reversible
    _Demo("DEMO-CLOSE", "800208", "1145", 4800, 3 * _MIN),  # closable
    _Demo("DEMO-MPM", "800201", "1143", 1280, 1 * _MIN),  # reversible (WeChat MPM)
    _Demo("DEMO-BIG", "800108", "1143", 88800, 4 * _MIN),  # supervisor: amount
    _Demo("DEMO-LATE", "800108", "1143", 3500, 40 * _MIN),  # supervisor: late void
    _Demo("DEMO-SLOW", "800108", "1143", 2200, 2 * _MIN, scenario={"in_progress_polls": 3}),
    _Demo("DEMO-PAYS", "800208", "1143", 1800, 2 * _MIN,
          scenario={"customer_pays_first": True}),
    _Demo("DEMO-LOST", "800108", "1143", 2600, 2 * _MIN, scenario={"lose_answer": 1}),
    _Demo("DEMO-PAID", "800108", "0000", 3000, 5 * _MIN),  # paid_refund_required
    _Demo("DEMO-VOIDED", "800108", "1143", 2000, 6 * _MIN, cancel=1),  # already_voided
    _Demo("DEMO-REFUNDED", "800108", "0000", 4200, 50 * _MIN, cancel=3),  # already_refunded
    _Demo("DEMO-REFUND-REC", "800108", "0000", 4200, 45 * _MIN, order_type="refund",
          refund_of="DEMO-REFUNDED"),  # refund_record
    _Demo("DEMO-FAILED", "800108", "1202", 1500, 3 * _MIN),  # failed_payment
    _Demo("DEMO-OTHERWALLET", "805808", "1143", 2300, 2 * _MIN),  # unsupported_pay_type
    _Demo("DEMO-OLD", "800108", "1143", 2700, 30 * 60 * _MIN),  # too_old
    _Demo("DEMO-TWICE", "800108", "1143", 1900, 3 * _MIN),  # several payments, one number
    _Demo("DEMO-TWICE-2", "800108", "1143", 1900, 2 * _MIN, out_trade_no="DEMO-TWICE"),
    _Demo("DEMO-REFUND-ME", "800108", "0000", 6800, 20 * _MIN),  # paid: refundable
    # The customer pays while the reversal is on its way: the void ends refund_required and
    # the window offers the refund.
    _Demo("DEMO-RACE", "800108", "1143", 4500, 1 * _MIN,
          scenario={"customer_pays_first": True}),
)


def demo_syssn(index: int) -> str:
    return f"{DEMO_SYSSN_PREFIX}{index:02d}"


def seed_demo_data(sim: Simulator, now: datetime | None = None,
                   reset: bool = False) -> dict[str, str]:
    """Create the demo orders; returns name -> syssn (``DEMO-TWICE-2`` is the second record
    sharing ``DEMO-TWICE``'s out_trade_no).

    An order that already exists (a ``state_file`` kept it from an earlier run) is left as
    it is, so a voided demo order stays voided across CLI invocations; ``reset=True``
    recreates every demo order fresh.
    """
    now = now or sim.clock()
    names: dict[str, str] = {}
    for index, demo in enumerate(DEMO_ORDERS, 1):
        syssn = demo_syssn(index)
        names[demo.name] = syssn
        if sim.model.has(syssn):
            if not reset:
                continue
            sim.model.remove(syssn)
        when = now - demo.age
        sim.create_order(
            pay_type=demo.pay_type, txamt=demo.txamt, txcurrcd="HKD",
            out_trade_no=demo.out_trade_no or demo.name, respcd=demo.respcd,
            cancel=demo.cancel, sysdtm=when, txdtm=when, order_type=demo.order_type,
            origssn=names[demo.refund_of] if demo.refund_of else None, syssn=syssn)
        if demo.scenario:
            sim.set_scenario(syssn, **demo.scenario)
    return names
