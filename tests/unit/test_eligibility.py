"""Every row of the verdict table (DESIGN.md §9), first match decides."""

from datetime import UTC, datetime, timedelta

import pytest

from posrev.clock import format_gateway_time
from posrev.domain.eligibility import AMOUNT, FORCED, LATE, PREVIOUS, evaluate
from posrev.model.rules import Rules
from posrev.model.transaction import Transaction

TZ = "Asia/Hong_Kong"
NOW = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)


def txn(age_min=2.0, **kw):
    base = dict(syssn="20261126000100020000000001", out_trade_no="O1", txamt=2500,
                txcurrcd="HKD", pay_type="800108", respcd="1143", cancel=0,
                txdtm="", sysdtm=format_gateway_time(NOW - timedelta(minutes=age_min), TZ),
                order_type="payment")
    base.update(kw)
    base["txdtm"] = base["txdtm"] or base["sysdtm"]
    return Transaction(**base)


def verdict(t, **kw):
    return evaluate(t, Rules(), NOW, TZ, **kw)


@pytest.mark.parametrize("record, code, action", [
    (None, "not_found", "none"),
    (dict(order_type="refund", respcd="0000"), "refund_record", "none"),
    (dict(cancel=1, respcd="0000"), "already_voided", "none"),
    (dict(cancel=2), "already_voided", "none"),
    (dict(respcd="1142"), "already_voided", "none"),
    (dict(respcd="1263"), "already_voided", "none"),
    (dict(respcd="1264"), "already_voided", "none"),
    (dict(cancel=3, respcd="0000"), "already_refunded", "none"),
    (dict(cancel=4, respcd="0000"), "already_refunded", "none"),
    (dict(cancel=5, respcd="0000"), "already_refunded", "none"),
    (dict(respcd="0000"), "paid_refund_required", "refund"),
    (dict(pay_type="805808"), "unsupported_pay_type", "none"),
    (dict(age_min=25 * 60), "too_old", "none"),
    (dict(respcd="1143"), "reversible", "reversal"),
    (dict(respcd="1145", pay_type="801501"), "reversible", "reversal"),
    (dict(respcd="1298", pay_type="800208"), "closable", "close"),
    (dict(respcd="1143", pay_type="801008"), "closable", "close"),
    (dict(respcd="1202"), "failed_payment", "none"),
])
def test_each_row(record, code, action):
    v = verdict(None if record is None else txn(**record))
    assert (v.code, v.action) == (code, action)
    assert v.message.endswith(".")
    if action == "none" or action == "refund":
        assert not v.needs_supervisor


def test_first_row_wins_a_paid_old_payment_says_refund_not_too_old():
    assert verdict(txn(respcd="0000", age_min=48 * 60)).code == "paid_refund_required"


def test_paid_message_names_the_syssn_for_the_refund():
    t = txn(respcd="0000")
    assert t.syssn in verdict(t).message


def test_supervisor_reasons_are_listed():
    assert verdict(txn()).supervisor_reasons == ()
    big = verdict(txn(txamt=50000))
    assert big.needs_supervisor and big.supervisor_reasons == (AMOUNT,)
    assert verdict(txn(txamt=49999)).needs_supervisor is False
    late = verdict(txn(age_min=16))
    assert late.supervisor_reasons == (LATE,)
    prev = verdict(txn(), previous_outcomes=["failed"])
    assert prev.supervisor_reasons == (PREVIOUS,)
    assert verdict(txn(), previous_outcomes=["voided"]).needs_supervisor is False
    both = verdict(txn(txamt=99999, age_min=20), previous_outcomes=["needs_manual"])
    assert both.supervisor_reasons == (AMOUNT, LATE, PREVIOUS)


def test_forcing_a_failed_payment_needs_a_supervisor():
    forced = verdict(txn(respcd="1202"), force=True)
    assert (forced.code, forced.action) == ("failed_payment", "reversal")
    assert forced.needs_supervisor and FORCED in forced.supervisor_reasons


def test_forcing_never_unlocks_a_paid_or_voided_payment():
    assert verdict(txn(respcd="0000"), force=True).action == "refund"
    assert verdict(txn(cancel=1), force=True).action == "none"


def test_routing_and_thresholds_are_configurable():
    rules = Rules(reversal_pay_types=("805808",), close_pay_types=(), supervisor_amount=100,
                  void_window_hours=1, late_void_minutes=1)
    v = evaluate(txn(pay_type="805808", age_min=2), rules, NOW, TZ)
    assert v.action == "reversal" and v.supervisor_reasons == (AMOUNT, LATE)
    assert evaluate(txn(pay_type="800108"), rules, NOW, TZ).code == "unsupported_pay_type"
    assert evaluate(txn(pay_type="805808", age_min=61), rules, NOW, TZ).code == "too_old"


def test_age_is_read_in_the_gateway_zone():
    # 12:00 in Hong Kong is 04:00 UTC: two minutes old, not eight hours.
    t = txn(sysdtm="2026-11-26 11:58:00")
    assert 119 <= verdict(t).age_seconds <= 121
