"""A full disk during a refund: what the cashier is told matches what the gateway saw, and
once the disk has room every refund ends final, applied at most once."""

from __future__ import annotations

import pytest
from faultkit import DiskModel, install_disk_model

from posrev.app import App
from posrev.domain.refund import approval_target
from posrev.domain.void import OutcomeNotRecorded
from posrev.errors import JournalError

PIN = "135790"


def open_app(simulator):  # type: ignore[no-untyped-def]
    from posrev.app import AppOptions

    app = App.open(AppOptions(base_url=simulator.base_url))
    if not app.supervisors.has_supervisors():
        app.supervisors.add_first("S1", "Sam", PIN)
    return app


def start(app, simulator):  # type: ignore[no-untyped-def]
    order = simulator.create_order(respcd="0000", txamt=3000)
    found = app.lookup(order["syssn"], "syssn")
    approval = app.supervisors.approve("S1", PIN, requester="C001", action="refund",
                                       target=approval_target(order["syssn"], 3000),
                                       reason="Goods returned")
    return order, found, approval


def test_a_refund_whose_intent_cannot_be_journaled_is_never_sent(simulator, use_home,
                                                                 tmp_path, monkeypatch):
    model = DiskModel(reserve_commits=3)
    install_disk_model(monkeypatch, model)
    use_home(tmp_path / "home")
    app = open_app(simulator)
    try:
        order, found, approval = start(app, simulator)
        model.fill_after(0)
        with pytest.raises(JournalError, match="disk is full"):
            app.start_refund(found.transaction, cashier="C001", approval=approval,
                             verdict=found.refund)
        assert simulator.refund_requests(order["syssn"]) == 0
        model.empty()
        assert [op for op in app.pending_operations() if op.kind == "refund"] == []
    finally:
        app.close()


def test_a_refund_that_cannot_be_marked_sent_ends_failed_and_is_never_sent_later(
        simulator, use_home, tmp_path, monkeypatch):
    model = DiskModel(reserve_commits=3)
    install_disk_model(monkeypatch, model)
    use_home(tmp_path / "home")
    app = open_app(simulator)
    try:
        order, found, approval = start(app, simulator)
        op = app.start_refund(found.transaction, cashier="C001", approval=approval,
                              verdict=found.refund)
        model.fill_after(0)
        try:
            done = app.drive(op.op_id)
            told = done.message
            assert done.state == "failed" and "nothing was sent" in told
        except OutcomeNotRecorded as exc:
            told = str(exc)
            assert "Nothing was sent" in told and "refund" in told
        assert simulator.refund_requests(order["syssn"]) == 0
        model.empty()
        for live in app.pending_operations():
            app.drive(live.op_id, resume=True)
        assert simulator.refunds_applied(order["syssn"]) <= 1
        assert all(o.is_final for o in app.journal.operations())
    finally:
        app.close()


def test_a_full_disk_after_the_refund_left_is_checked_later_never_sent_twice(
        simulator, use_home, tmp_path, monkeypatch):
    model = DiskModel(reserve_commits=0)
    install_disk_model(monkeypatch, model)
    use_home(tmp_path / "home")
    app = open_app(simulator)
    try:
        order, found, approval = start(app, simulator)
        op = app.start_refund(found.transaction, cashier="C001", approval=approval,
                              verdict=found.refund)
        model.fill_after(1)  # room for "sending" only: the answer cannot be journaled
        try:
            app.drive(op.op_id)
            raise AssertionError("the answer could not have been journaled")
        except OutcomeNotRecorded as exc:
            assert "refund may have reached the gateway" in str(exc) or \
                "answered the refund" in str(exc)
            assert "nothing was sent" not in str(exc).lower()
        assert simulator.refunds_applied(order["syssn"]) == 1
        model.empty()
    finally:
        app.close()
    app = open_app(simulator)  # a restart once the disk has room
    try:
        for live in app.pending_operations():
            app.drive(live.op_id, resume=True)
        done = app.journal.get(op.op_id)
        assert done.outcome == "refunded"
        assert simulator.refunds_applied(order["syssn"]) == 1
        sends = [r for r in simulator.requests if r["endpoint"] == "/trade/v1/refund"]
        assert {r["params"]["out_trade_no"] for r in sends} == {op.refund_out_trade_no}
    finally:
        app.close()
