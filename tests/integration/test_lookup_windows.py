"""The one-calendar-month query window (DESIGN.md §8 step 3; DESIGN.md §15.4)."""

from datetime import UTC, datetime

from posrev.domain.lookup import lookup, month_windows
from posrev.domain.numbers import parse_number

TZ = "Asia/Hong_Kong"


def fmt(w):
    return [(a.strftime("%Y-%m-%d %H:%M:%S"), b.strftime("%Y-%m-%d %H:%M:%S")) for a, b in w]


def test_current_month_ends_ten_minutes_after_now_then_previous_month():
    now = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)  # 12:00 HKT
    current, previous = month_windows(now, TZ)
    assert fmt(current) == [("2026-11-01 00:00:00", "2026-11-26 12:10:00")]
    assert fmt(previous) == [("2026-10-01 00:00:00", "2026-10-31 23:59:59")]


def test_skew_margin_across_midnight_of_the_month_end_is_split_per_month():
    now = datetime(2026, 11, 30, 15, 55, tzinfo=UTC)  # 23:55 HKT on 30 November
    current, previous = month_windows(now, TZ)
    assert fmt(current) == [("2026-12-01 00:00:00", "2026-12-01 00:05:00"),
                            ("2026-11-01 00:00:00", "2026-11-30 23:59:59")]
    assert fmt(previous) == [("2026-10-01 00:00:00", "2026-10-31 23:59:59")]


def test_january_looks_back_into_december_of_the_previous_year():
    now = datetime(2027, 1, 1, 0, 30, tzinfo=UTC)  # 08:30 HKT 1 January
    assert fmt(month_windows(now, TZ)[1]) == [("2026-12-01 00:00:00", "2026-12-31 23:59:59")]


def record(**kw):
    base = dict(syssn="1" * 26, out_trade_no="ORDER-9", txamt="100", txcurrcd="HKD",
                pay_type="800108", respcd="1143", cancel="0", txdtm="2026-10-31 23:59:00",
                sysdtm="2026-10-31 23:59:00", order_type="payment")
    base.update(kw)
    return base


def test_an_order_from_just_before_midnight_last_month_is_found():
    calls = []

    def query(**params):
        calls.append(params)
        start = params.get("start_time", "")
        return [record()] if start.startswith("2026-10") else []

    now = datetime(2026, 10, 31, 16, 5, tzinfo=UTC)  # 00:05 HKT on 1 November
    found = lookup(query, parse_number("ORDER-9"), now, TZ)
    assert found.found and found.transaction.syssn == "1" * 26
    assert [c["start_time"][:7] for c in calls] == ["2026-11", "2026-10"]
    for c in calls:  # every query stays inside one calendar month
        assert c["start_time"][:7] == c["end_time"][:7]


def test_auto_mode_falls_back_from_syssn_to_out_trade_no():
    seen = []

    def query(**params):
        seen.append("syssn" if "syssn" in params else "out_trade_no")
        return [record(out_trade_no="2" * 22)] if "out_trade_no" in params else []

    found = lookup(query, parse_number("2" * 22), datetime(2026, 11, 26, tzinfo=UTC), TZ)
    assert found.found and found.searched_as == "out_trade_no"
    assert seen[0] == "syssn"


def test_several_payments_become_candidates_and_refund_records_are_not_payments():
    rows = [record(syssn="1" * 26), record(syssn="2" * 26),
            record(syssn="3" * 26, order_type="refund", respcd="0000")]
    found = lookup(lambda **p: rows, parse_number("ORDER-9"),
                   datetime(2026, 11, 26, tzinfo=UTC), TZ)
    assert [c.syssn for c in found.candidates] == ["1" * 26, "2" * 26]
    assert found.transaction is None


def test_a_lone_refund_record_is_the_transaction_for_its_verdict():
    rows = [record(order_type="refund", respcd="0000")]
    found = lookup(lambda **p: rows, parse_number("ORDER-9"),
                   datetime(2026, 11, 26, tzinfo=UTC), TZ)
    assert found.transaction.order_type == "refund" and found.candidates == ()


def test_month_boundary_end_to_end_against_the_simulator(env):
    """00:05 on 1 November in Hong Kong: an order from 23:59 on 31 October is found through
    the real query API (which refuses cross-month windows), and a September order says
    too_old rather than not_found only when it is found; older is simply not found."""
    from zoneinfo import ZoneInfo

    from fakeclock import FakeClock

    from posrev.app import App, AppOptions
    from posrev.simulator import Simulator

    hk = ZoneInfo(TZ)
    now = datetime(2026, 11, 1, 0, 5, tzinfo=hk)
    with Simulator(seed=5, clock=lambda: now) as sim:
        sim.create_order(out_trade_no="LATE-OCT", sysdtm="2026-10-31 23:59:00",
                         txdtm="2026-10-31 23:59:00")
        sim.create_order(out_trade_no="EARLY-OCT", sysdtm="2026-10-02 09:00:00",
                         txdtm="2026-10-02 09:00:00")
        sim.create_order(out_trade_no="SEPT", sysdtm="2026-09-30 12:00:00",
                         txdtm="2026-09-30 12:00:00")
        app = App.open(AppOptions(base_url=sim.base_url), clock=FakeClock(now), environ=env)
        try:
            late = app.lookup("LATE-OCT")
            assert late.result.found and late.verdict.code == "reversible"
            early = app.lookup("EARLY-OCT")
            assert early.result.found and early.verdict.code == "too_old"
            assert not app.lookup("SEPT").result.found
            queries = [r["params"] for r in sim.requests if r["endpoint"] == "/trade/v1/query"]
            assert all(q["start_time"][:7] == q["end_time"][:7] for q in queries)
            assert all(r["respcd"] == "0000" for r in sim.requests)
        finally:
            app.close()
